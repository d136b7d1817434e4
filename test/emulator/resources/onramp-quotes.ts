/**
 * The Onramp Quotes API, `GET /v1/crypto/onramp/quotes`: in no spec file, described from
 * docs.stripe.com/api/crypto/onramp_quotes (endpoints.md section 3). Its parameters are declared
 * here in the spec's own terms, reusing the onramp enums, so the common validator applies.
 */
import { exclusiveParameters, invalidRequest } from '../errors';
import { newId } from '../ids';
import type { OperationHandler } from '../router';
import type { ApiSpec, Operation, Schema } from '../spec';
import type { ScopeState } from '../store';
import type { Params } from '../validator';
import { NETWORK_CURRENCIES, checkAmount, checkPair, convert, isSupportedPair, networkKey } from './onramp-pricing';

/** "We currently support: {ethereum, solana, polygon, bitcoin}"; the docs' examples add avalanche and base_network. */
const DEFAULT_NETWORKS = ['avalanche', 'base', 'bitcoin', 'ethereum', 'polygon', 'solana'];

export function onrampQuotesOperation(spec: ApiSpec): Operation {
	const create = spec.operations.find((op) => op.operationId === 'PostCryptoOnrampSessions')!.params.properties!;
	const networkItem = spec.resolve(create.destination_network);
	const params: Schema = {
		type: 'object',
		additionalProperties: false,
		properties: {
			destination_amount: { type: 'string', maxLength: 5000 },
			destination_currencies: create.destination_currencies,
			// the docs' map keys name Base `base_network`; accept it as a filter value too
			destination_networks: { type: 'array', items: { ...networkItem, enum: [...(networkItem.enum ?? []), 'base_network'] } },
			expand: create.expand,
			source_amount: { type: 'string', maxLength: 5000 },
			source_currency: { type: 'string', enum: ['usd'], description: 'We only support usd currently.' },
		},
	};
	return { operationId: 'GetCryptoOnrampQuotes', method: 'GET', path: '/v1/crypto/onramp/quotes', pathParams: [], params, response: undefined };
}

export const onrampQuotesHandlers: Record<string, OperationHandler> = {
	GetCryptoOnrampQuotes: {
		validate(params) {
			if (params.source_amount !== undefined && params.destination_amount !== undefined) {
				throw exclusiveParameters(['destination_amount', 'source_amount']);
			}
			checkAmount(params.source_amount, 'source_amount', 2);
			checkAmount(params.destination_amount, 'destination_amount');
			// "you must also set a single value for destination_currencies and a single value for destination_networks"
			if (params.destination_amount !== undefined && (params.destination_currencies?.length !== 1 || params.destination_networks?.length !== 1)) {
				throw invalidRequest('When destination_amount is set, pass exactly one destination_currencies and one destination_networks value.', { param: 'destination_amount' });
			}
		},
		execute: ({ state, params }) => onrampQuotes(state, params),
	},
};

/** Quotes for every carried (network, currency) pair asked for; one side of the trade is fixed. */
function onrampQuotes(state: ScopeState, params: Params) {
	const sourceCurrency: string = params.source_currency ?? 'usd';
	const networks: string[] = (params.destination_networks ?? DEFAULT_NETWORKS).map((n: string) =>
		n === 'base_network' ? 'base' : n,
	);
	const currencies: string[] | undefined = params.destination_currencies;
	// "source_amount ... default: 100.00"
	const fixed = params.destination_amount !== undefined ? { destinationAmount: params.destination_amount as string } : { sourceAmount: (params.source_amount ?? '100.00') as string };
	let sourceAmount = fixed.sourceAmount === undefined ? null : Number(fixed.sourceAmount).toFixed(2);
	const quotes: Record<string, unknown[]> = {};
	for (const network of networks) {
		if (fixed.destinationAmount !== undefined) checkPair(network, currencies![0]);
		const quoted = (currencies ?? NETWORK_CURRENCIES[network] ?? []).filter((c) => isSupportedPair(network, c));
		quotes[networkKey(network)] = quoted.map((currency) => {
			const conversion = convert({ sourceCurrency, destinationCurrency: currency, network, ...fixed });
			sourceAmount ??= conversion.source_amount;
			return {
				id: newId('quote_'),
				destination_amount: conversion.destination_amount,
				destination_currency: currency,
				destination_network: network,
				fees: { network_fee_monetary: conversion.network_fee, transaction_fee_monetary: conversion.transaction_fee },
				source_total_amount: conversion.source_total_amount,
			};
		});
	}
	return {
		id: newId('quote_'),
		object: 'crypto.onramp.quotes',
		destination_network_quotes: quotes,
		livemode: state.livemode,
		rate_fetched_at: Date.now() / 1000,
		source_amount: sourceAmount,
		source_currency: sourceCurrency,
	};
}
