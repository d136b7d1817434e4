import type { StripeOperation } from '../../../shared/operation';
import { SESSION_ID_PREFIX, sessionIdField } from './fields';
import { readableOnrampSession } from './readable';

export const getOnrampSession: StripeOperation = {
	value: 'get',
	route: 'GET /v1/crypto/onramp_sessions/{id}',
	toolDescription:
		'Retrieve an onramp session by id (cos_...): status (initialized, rejected, requires_payment, fulfillment_processing, fulfillment_complete), amounts, fees, currencies and network.',
	readable: readableOnrampSession,
	properties: [sessionIdField],
	build(item) {
		return { pathParams: { id: item.id('sessionId', SESSION_ID_PREFIX) } };
	},
};
