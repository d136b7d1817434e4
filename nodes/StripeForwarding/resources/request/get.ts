import type { StripeOperation } from '../../../shared/operation';
import { REQUEST_ID_PREFIX, requestIdField } from './fields';

export const getForwardingRequest: StripeOperation = {
	value: 'get',
	endpoint: 'GET /v1/forwarding/requests/{id}',
	properties: [requestIdField],
	build(item) {
		return { method: 'GET', path: `/v1/forwarding/requests/${item.id('requestId', REQUEST_ID_PREFIX)}` };
	},
};
