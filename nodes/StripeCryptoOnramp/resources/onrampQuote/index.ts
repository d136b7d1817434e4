import type { StripeResource } from '../../../shared/operation';
import { getOnrampQuotes } from './get';

export const onrampQuote: StripeResource = {
	value: 'onrampQuote',
	name: 'Onramp Quote',
	description: 'Current crypto prices and fees per network',
	operations: [getOnrampQuotes],
};
