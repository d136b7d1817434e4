import type { StripeResource } from '../../../shared/operation';
import { getOnrampQuotes } from './get';

export const onrampQuote: StripeResource = {
	value: 'onrampQuote',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Get', value: 'get', action: 'Get onramp quotes', description: 'Price crypto on each network, with fees, before starting a session' },
		],
		default: 'get',
	},
	operations: [getOnrampQuotes],
};
