import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { options } from '../shared/fields';
import { ONRAMP_DESTINATION_CURRENCIES, ONRAMP_DESTINATION_NETWORKS } from '../shared/stripeSpec';

/**
 * The cryptocurrency and network fields the onramp session, quote and limits operations share.
 * Stripe adds networks and currencies over time; the editor offers the spec's values and an
 * expression can carry a newer one.
 */

const CURRENCY_NAMES: Record<string, string> = {
	avax: 'Avalanche',
	btc: 'Bitcoin',
	eth: 'Ether',
	matic: 'Polygon',
	sol: 'Solana',
	usdc: 'USD Coin',
	usdt: 'Tether',
	wld: 'Worldcoin',
	xlm: 'Stellar Lumens',
};

/** Tickers, written as tickers are (MATIC, not Matic), with the coin's name as the description. */
export const destinationCurrencyOptions: INodePropertyOptions[] = ONRAMP_DESTINATION_CURRENCIES.map((currency) => ({
	name: currency.toUpperCase(),
	value: currency,
	...(CURRENCY_NAMES[currency] ? { description: CURRENCY_NAMES[currency] } : {}),
}));

export const destinationNetworkOptions = options(ONRAMP_DESTINATION_NETWORKS, { worldchain: 'World Chain' });

/** A sensible first value when the field is added: the most used stablecoin, on the network most wallets support. */
export const DEFAULT_DESTINATION_CURRENCY = 'usdc';
export const DEFAULT_DESTINATION_NETWORK = 'ethereum';

export function destinationCurrencyField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Destination Currency',
		name: 'destinationCurrency',
		type: 'options',
		options: destinationCurrencyOptions,
		default: DEFAULT_DESTINATION_CURRENCY,
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
		default: DEFAULT_DESTINATION_NETWORK,
		description: 'The blockchain network the crypto is delivered on',
		...overrides,
	} as INodeProperties;
}
