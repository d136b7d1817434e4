import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField } from './fields';

export const getWebhookEndpoint: StripeOperation = {
	value: 'get',
	endpoint: 'GET /v1/webhook_endpoints/{webhook_endpoint}',
	properties: [endpointIdField],
	build(item) {
		return { method: 'GET', path: `/v1/webhook_endpoints/${item.id('endpointId', ENDPOINT_ID_PREFIX)}` };
	},
};
