import type { INodeProperties } from 'n8n-workflow';

import { parseRoute, type StripeResource } from './operation';
import { sharedOptions } from './options';
import { readableOutputField } from './readable';

/**
 * The editor fields below an action node's Resource selector: each resource's Operation
 * selector, then each operation's own fields and its Options, shown only for that resource
 * and operation.
 */
export function buildActionProperties(resources: StripeResource[]): INodeProperties[] {
	const properties: INodeProperties[] = [];
	for (const resource of resources) {
		properties.push(withDisplayConditions(resource.operationSelector, { resource: [resource.value] }));
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const scope = { resource: [resource.value], operation: [operation.value] };
			// an operation with a readable shape offers it in an Output field, unless it has its own Output
			const output = operation.readable && !operation.properties.some((field) => field.name === 'output') ? [readableOutputField] : [];
			for (const field of [...operation.properties, ...output, sharedOptions(parseRoute(operation.route).method === 'POST')]) {
				properties.push(withDisplayConditions(field, scope));
			}
		}
	}
	return properties;
}

function withDisplayConditions(field: INodeProperties, show: Record<string, string[]>): INodeProperties {
	return { ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...show } } };
}

