import type { StripeOperation } from '../../../shared/operation';
import { SESSION_ID_PREFIX, sessionIdField } from './fields';

export const getOnrampSession: StripeOperation = {
	value: 'get',
	route: 'GET /v1/crypto/onramp_sessions/{id}',
	properties: [sessionIdField],
	build(item) {
		return { pathParams: { id: item.id('sessionId', SESSION_ID_PREFIX) } };
	},
};
