import type { StripeOperation } from '../../../shared/operation';
import { REQUEST_ID_PREFIX, requestIdField } from './fields';
import { readableForwardingRequest } from './readable';

export const getForwardingRequest: StripeOperation = {
	value: 'get',
	route: 'GET /v1/forwarding/requests/{id}',
	toolDescription:
		"Retrieve a forwarding request by id (fwdreq_...): where it went, which card fields were filled, and the destination's response status and body.",
	readable: readableForwardingRequest,
	properties: [requestIdField],
	build(item) {
		return { pathParams: { id: item.id('requestId', REQUEST_ID_PREFIX) } };
	},
};
