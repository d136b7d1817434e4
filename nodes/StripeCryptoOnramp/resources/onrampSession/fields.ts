import type { INodeProperties } from 'n8n-workflow';

import { idField, options } from '../../../shared/fields';
import { ONRAMP_DESTINATION_CURRENCIES, ONRAMP_DESTINATION_NETWORKS } from '../../../shared/stripeSpec';

export const SESSION_ID_PREFIX = 'cos_';

export const sessionIdField = idField('Session ID', 'sessionId', SESSION_ID_PREFIX, 'The onramp session, starting with cos_');

// Stripe adds networks and currencies over time; the editor offers the spec's values and
// an expression can carry a newer one.
export const destinationCurrencyOptions = options(ONRAMP_DESTINATION_CURRENCIES);
export const destinationNetworkOptions = options(ONRAMP_DESTINATION_NETWORKS, { base: 'Base', bitcoin: 'Bitcoin' });

export function destinationCurrencyField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Destination Currency',
		name: 'destinationCurrency',
		type: 'options',
		options: destinationCurrencyOptions,
		default: 'usdc',
		description: 'The cryptocurrency to buy',
		...overrides,
	} as INodeProperties;
}

export function destinationNetworkField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Destination Network',
		name: 'destinationNetwork',
		type: 'options',
		options: destinationNetworkOptions,
		default: 'ethereum',
		description: 'The blockchain network the crypto is delivered on',
		...overrides,
	} as INodeProperties;
}
