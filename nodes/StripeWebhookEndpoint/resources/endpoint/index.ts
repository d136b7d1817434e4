import type { StripeResource } from '../../../shared/operation';
import { createWebhookEndpoint } from './create';
import { deleteWebhookEndpoint } from './delete';
import { getWebhookEndpoint } from './get';
import { getManyWebhookEndpoints } from './getMany';
import { updateWebhookEndpoint } from './update';

export const endpoint: StripeResource = {
	value: 'endpoint',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a webhook endpoint',
				description: 'Register a URL for Stripe events; the output holds its signing secret, shown only once',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a webhook endpoint', description: 'Stop and remove a webhook endpoint' },
			{ name: 'Get', value: 'get', action: 'Get a webhook endpoint', description: 'Retrieve a webhook endpoint by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many webhook endpoints', description: 'List webhook endpoints, newest first' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update a webhook endpoint',
				description: "Change an endpoint's URL, events, description, metadata, or disable it",
			},
		],
		default: 'create',
	},
	operations: [createWebhookEndpoint, getWebhookEndpoint, getManyWebhookEndpoints, updateWebhookEndpoint, deleteWebhookEndpoint],
};
