import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField } from './fields';
import { readableWebhookEndpoint } from './readable';

export const deleteWebhookEndpoint: StripeOperation = {
	value: 'delete',
	route: 'DELETE /v1/webhook_endpoints/{webhook_endpoint}',
	readable: readableWebhookEndpoint,
	properties: [endpointIdField],
	build(item) {
		return { pathParams: { webhook_endpoint: item.id('endpointId', ENDPOINT_ID_PREFIX) } };
	},
};
