import type { IDataObject } from 'n8n-workflow';

import type { StripeOperation } from '../../../shared/operation';
import { destinationCurrencyOptions, destinationNetworkOptions } from '../../fields';
import { fetchQuotes, QUOTES_PATH } from './paths';
import { readableOnrampQuotes } from './readable';

export const getOnrampQuotes: StripeOperation = {
	value: 'get',
	// Sent here first; ./paths falls back to GET /v1/crypto/onramp/quotes where only that one answers.
	route: `GET ${QUOTES_PATH}`,
	toolDescription:
		'Price crypto before a purchase: how much crypto a fiat amount buys on each network (amount_type source, amount in USD as a decimal such as 100.00), or what a crypto amount costs (amount_type destination, exactly one destination currency and network). Costs nothing. Returns one quote per network and currency with the exchange rate and fees.',
	readable: readableOnrampQuotes,
	properties: [
		{
			displayName: 'Amount Type',
			name: 'amountType',
			type: 'options',
			options: [
				{ name: 'Source (Fiat) Amount', value: 'source', description: 'Quote how much crypto a fiat amount buys' },
				{ name: 'Destination (Crypto) Amount', value: 'destination', description: 'Quote what a crypto amount costs' },
			],
			default: 'source',
		},
		{ displayName: 'Amount', name: 'amount', type: 'string', default: '', required: true, placeholder: '100.00', description: 'A decimal amount in the chosen currency' },
		{
			displayName: 'Destination Currencies',
			name: 'destinationCurrencies',
			type: 'multiOptions',
			options: destinationCurrencyOptions,
			default: [],
			description: 'Cryptocurrencies to quote; for a destination amount choose exactly one',
		},
		{
			displayName: 'Destination Networks',
			name: 'destinationNetworks',
			type: 'multiOptions',
			options: destinationNetworkOptions,
			default: [],
			description: 'Networks to quote; for a destination amount choose exactly one',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Source Currency', name: 'sourceCurrency', type: 'options', options: [{ name: 'USD', value: 'usd' }], default: 'usd', description: 'The fiat currency; Stripe quotes USD only for now' },
				{ displayName: 'Split Into Items', name: 'splitIntoItems', type: 'boolean', default: true, description: 'Whether to output one item per network quote instead of the whole quotes object' },
			],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		const amountType = item.requiredText('amountType');
		const amount = item.decimal('amount') ?? item.fail('amount', 'is required');
		const currencies = item.list('destinationCurrencies');
		const networks = item.list('destinationNetworks');
		if (amountType === 'destination' && (currencies?.length !== 1 || networks?.length !== 1)) {
			item.fail('amount', 'as a destination amount needs exactly one Destination Currency and one Destination Network');
		}
		const split = item.boolean('splitIntoItems', fields) ?? true;
		return {
			params: {
				[amountType === 'destination' ? 'destination_amount' : 'source_amount']: amount,
				source_currency: item.text('sourceCurrency', fields),
				destination_currencies: currencies,
				destination_networks: networks,
			},
			toOutput: split ? splitQuotes : undefined,
			send: fetchQuotes,
		};
	},
};

/**
 * One item per quote: Stripe groups them by network in destination_network_quotes, whose keys
 * name Base `base_network`; each quote's own destination_network names it `base`, as the request
 * fields do, so that is the one the item carries.
 */
function splitQuotes(quotes: IDataObject): IDataObject[] {
	const byNetwork = (quotes.destination_network_quotes ?? {}) as Record<string, unknown>;
	return Object.entries(byNetwork).flatMap(([key, entries]) =>
		(Array.isArray(entries) ? (entries as IDataObject[]) : []).map((quote) => ({
			...quote,
			destination_network: quote.destination_network ?? (key === 'base_network' ? 'base' : key),
			source_currency: quotes.source_currency,
			rate_fetched_at: quotes.rate_fetched_at,
			quotes_id: quotes.id,
			livemode: quotes.livemode,
		})),
	);
}
