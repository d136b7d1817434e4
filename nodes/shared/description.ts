import type { INodeProperties } from 'n8n-workflow';

import { parseRoute, type StripeResource } from './operation';
import { sharedOptions } from './options';

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
			for (const field of [...operation.properties, sharedOptions(parseRoute(operation.route).method === 'POST')]) {
				properties.push(withDisplayConditions(field, scope));
			}
		}
	}
	return properties;
}

function withDisplayConditions(field: INodeProperties, show: Record<string, string[]>): INodeProperties {
	return { ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...show } } };
}

