import type { StripeResource } from '../../../shared/operation';
import { checkoutOnrampSession } from './checkout';
import { createOnrampSession } from './create';
import { getOnrampSession } from './get';
import { getManyOnrampSessions } from './getMany';
import { refreshOnrampSessionQuote } from './refreshQuote';

export const onrampSession: StripeResource = {
	value: 'onrampSession',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Checkout', value: 'checkout', action: 'Check out an onramp session', description: "Complete a session headlessly, with the customer's mandate" },
			{ name: 'Create', value: 'create', action: 'Create an onramp session', description: 'Start a session in which a customer buys crypto with fiat' },
			{ name: 'Get', value: 'get', action: 'Get an onramp session', description: 'Retrieve an onramp session by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many onramp sessions', description: 'List onramp sessions, newest first' },
			{ name: 'Refresh Quote', value: 'refreshQuote', action: 'Refresh the quote of an onramp session', description: 'Get a new executable quote for a session' },
		],
		default: 'create',
	},
	operations: [createOnrampSession, getOnrampSession, getManyOnrampSessions, checkoutOnrampSession, refreshOnrampSessionQuote],
};
