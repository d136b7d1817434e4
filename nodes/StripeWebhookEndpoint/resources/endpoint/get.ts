import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField } from './fields';
import { readableWebhookEndpoint } from './readable';

export const getWebhookEndpoint: StripeOperation = {
	value: 'get',
	route: 'GET /v1/webhook_endpoints/{webhook_endpoint}',
	toolDescription:
		'Retrieve a webhook endpoint by id (we_...): its url, the event types it receives, status (enabled or disabled) and description.',
	readable: readableWebhookEndpoint,
	properties: [endpointIdField],
	build(item) {
		return { pathParams: { webhook_endpoint: item.id('endpointId', ENDPOINT_ID_PREFIX) } };
	},
};
