import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField } from './fields';

export const deleteWebhookEndpoint: StripeOperation = {
	value: 'delete',
	endpoint: 'DELETE /v1/webhook_endpoints/{webhook_endpoint}',
	properties: [endpointIdField],
	build(item) {
		return { method: 'DELETE', path: `/v1/webhook_endpoints/${item.id('endpointId', ENDPOINT_ID_PREFIX)}` };
	},
};
