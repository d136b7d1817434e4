import type { StripeResource } from '../../../shared/operation';
import { checkoutOnrampSession } from './checkout';
import { createOnrampSession } from './create';
import { getOnrampSession } from './get';
import { getManyOnrampSessions } from './getMany';
import { refreshOnrampSessionQuote } from './refreshQuote';

export const onrampSession: StripeResource = {
	value: 'onrampSession',
	name: 'Onramp Session',
	description: 'A customer buying crypto with fiat',
	operations: [createOnrampSession, getOnrampSession, getManyOnrampSessions, checkoutOnrampSession, refreshOnrampSessionQuote],
};
