/**
 * The Onramp Quotes API, in no spec file: the subset's hand-written operations (spec overlay) from
 * docs.stripe.com/crypto/quotes-api and docs.stripe.com/api/crypto/onramp_quotes. Stripe serves it
 * at `GET /v1/crypto/onramp_quotes` and, for the onramp beta, `GET /v1/crypto/onramp/quotes`
 * ("Changed the onramp quotes path from /v1/crypto/onramp/quotes to /v1/crypto/onramp_quotes",
 * docs.stripe.com/crypto/onramp/upgrade-onramp-integration). Which ones an account answers is an
 * emulator setting (`onrampQuotesPaths`); the other is an unrecognized URL.
 */
import { betaFlags } from '../auth';
import { exclusiveParameters, invalidRequest } from '../errors';
import { newId } from '../ids';
import type { OperationHandler } from '../router';
import type { ScopeState } from '../store';
import type { OnrampQuotesPaths } from '../types';
import type { Params } from '../validator';
import { NETWORK_CURRENCIES, checkAmount, checkPair, convert, isSupportedPair, networkKey } from './onramp-pricing';

/** "We currently support: {ethereum, solana, polygon, bitcoin}"; the docs' examples add avalanche and base_network. */
const DEFAULT_NETWORKS = ['avalanche', 'base', 'bitcoin', 'ethereum', 'polygon', 'solana'];

export const ONRAMP_QUOTES_OPERATIONS = { current: 'GetCryptoOnrampQuotes', beta: 'GetCryptoOnrampQuotesBetaPath' } as const;

/** The operations that answer "Unrecognized request URL" under a setting. */
export function unservedQuotesOperations(paths: OnrampQuotesPaths): string[] {
	if (paths === 'onramp_quotes') return [ONRAMP_QUOTES_OPERATIONS.beta];
	if (paths === 'onramp/quotes') return [ONRAMP_QUOTES_OPERATIONS.current];
	if (paths === 'both') return [];
	throw new Error(`onrampQuotesPaths must be both, onramp_quotes or onramp/quotes, got ${String(paths)}`);
}

const quotes: OperationHandler = {
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
};

export const onrampQuotesHandlers: Record<string, OperationHandler> = {
	[ONRAMP_QUOTES_OPERATIONS.current]: quotes,
	[ONRAMP_QUOTES_OPERATIONS.beta]: {
		...quotes,
		/**
		 * The v2 onramp API (`Stripe-Version: <version>;crypto_onramp_beta=v2`) moved quotes to
		 * /v1/crypto/onramp_quotes; integrations calling the old path with that header report a 400.
		 * Stripe does not document the message, so this one names the path to use.
		 */
		route({ stripeVersion }) {
			if (betaFlags(stripeVersion).crypto_onramp_beta === 'v2') {
				throw invalidRequest('GET /v1/crypto/onramp/quotes is not part of the crypto_onramp_beta=v2 API: use GET /v1/crypto/onramp_quotes.', {}, 400);
			}
		},
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
