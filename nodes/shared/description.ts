import type { INodeProperties } from 'n8n-workflow';

import { endpointMethod, type StripeResource } from './operation';
import { sharedOptions } from './options';

/**
 * The editor fields of an action node: the resource choice, one operation choice per resource,
 * then each operation's own fields and its Options, shown only for that resource and operation.
 */
export function buildActionProperties(resources: StripeResource[]): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value, description }) => ({ name, value, description })),
			default: resources[0].value,
		},
	];
	for (const resource of resources) {
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map(({ name, value, action, description }) => ({ name, value, action, description })),
			default: resource.operations[0].value,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const scope = { resource: [resource.value], operation: [operation.value] };
			const fields = [...operation.properties, sharedOptions(endpointMethod(operation) === 'POST')];
			for (const field of fields) {
				properties.push({
					...field,
					displayOptions: {
						...field.displayOptions,
						show: { ...field.displayOptions?.show, ...scope },
					},
				});
			}
		}
	}
	return properties;
}
