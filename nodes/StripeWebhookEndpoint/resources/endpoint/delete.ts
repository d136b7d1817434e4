import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField } from './fields';
import { readableWebhookEndpoint } from './readable';

export const deleteWebhookEndpoint: StripeOperation = {
	value: 'delete',
	route: 'DELETE /v1/webhook_endpoints/{webhook_endpoint}',
	toolDescription:
		'Delete a webhook endpoint (we_...): Stripe stops sending it events at once. Cannot be undone. Returns the id and deleted: true.',
	toolCostNotice:
		'With this tool the model deletes webhook endpoints; Stripe stops sending them events at once.',
	readable: readableWebhookEndpoint,
	properties: [endpointIdField],
	build(item) {
		return { pathParams: { webhook_endpoint: item.id('endpointId', ENDPOINT_ID_PREFIX) } };
	},
};
