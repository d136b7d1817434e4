import type { StripeOperation } from '../../../shared/operation';
import { SESSION_ID_PREFIX, sessionIdField } from './fields';
import { readableOnrampSession } from './readable';

export const refreshOnrampSessionQuote: StripeOperation = {
	value: 'refreshQuote',
	route: 'POST /v1/crypto/onramp_sessions/{id}/quote',
	toolDescription:
		'Get a new executable quote for an onramp session (cos_...) whose quote expired. Costs nothing. Returns the session with the new amounts and fees.',
	readable: readableOnrampSession,
	properties: [sessionIdField],
	build(item) {
		return { pathParams: { id: item.id('sessionId', SESSION_ID_PREFIX) } };
	},
};
