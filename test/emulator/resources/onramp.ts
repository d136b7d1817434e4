/**
 * Crypto Onramp (private-preview spec; docs.stripe.com/crypto/onramp): sessions, headless checkout,
 * quote refresh and transaction limits (the Quotes API is in onramp-quotes.ts).
 * A session emits `crypto.onramp_session_updated` each time its status changes after creation,
 * never on create (Stripe's onramp guide, "Listen to webhook events").
 */
import { isIP } from 'node:net';
import { createHash } from 'node:crypto';
import { exclusiveParameters, invalidRequest, missingParameter } from '../errors';
import { newId, randomToken, unixNow } from '../ids';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { ApiSpec } from '../spec';
import type { ScopeState, StoredObject } from '../store';
import type { Params } from '../validator';
import type { EmitEvent } from '../webhooks/events';
import { type Conversion, NETWORK_CURRENCIES, checkAmount, checkPair, convert, isSupportedPair, networkKey } from './onramp-pricing';
import { applyMetadata, findOr404 } from './shared';

const ONRAMP_STATUSES = ['initialized', 'rejected', 'requires_payment', 'fulfillment_processing', 'fulfillment_complete'];
const PAYABLE_STATUSES = ['initialized', 'requires_payment'];
const NOUN = 'crypto onramp session';

interface TransactionDetails {
	destination_amount: string | null;
	destination_currencies: string[] | null;
	destination_currency: string | null;
	destination_network: string | null;
	destination_networks: string[] | null;
	fees: { network_fee_amount: string; transaction_fee_amount: string } | null;
	lock_wallet_address: boolean;
	settlement_speed: string;
	source_amount: string | null;
	source_currency: string;
	transaction_id: string | null;
	wallet_address: string | null;
	wallet_addresses: Record<string, unknown> | null;
}

export interface OnrampSession extends StoredObject {
	object: 'crypto.onramp_session';
	client_secret: string;
	kyc_details_provided: boolean;
	livemode: boolean;
	metadata: Record<string, string>;
	redirect_url: string;
	status: string;
	transaction_details: TransactionDetails;
}

/** Quote refreshes per session; each one moves the rate a little. */
const quoteRevisions = new WeakMap<OnrampSession, number>();

const sessions = (state: ScopeState) => state.collection<OnrampSession>('crypto.onramp_session');

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Keys of wallet_addresses as the session object names them: the Base network is `base_network` there. */
const ADDRESS_PATTERNS: Record<string, RegExp> = {
	avalanche: EVM_ADDRESS,
	base_network: EVM_ADDRESS,
	celo: EVM_ADDRESS,
	ethereum: EVM_ADDRESS,
	optimism: EVM_ADDRESS,
	polygon: EVM_ADDRESS,
	tempo: EVM_ADDRESS,
	worldchain: EVM_ADDRESS,
	bitcoin: /^(bc1[02-9ac-hj-np-z]{11,71}|[13][1-9A-HJ-NP-Za-km-z]{25,34})$/,
	solana: /^[1-9A-HJ-NP-Za-km-z]{32,44}$/,
	stellar: /^G[A-Z2-7]{55}$/,
	sui: /^0x[0-9a-fA-F]{64}$/,
};

/** "When set, ... we perform address validation" (spec, `wallet_addresses`). */
function checkAddress(network: string, address: string, param: string): void {
	const pattern = ADDRESS_PATTERNS[network === 'base' ? 'base_network' : network];
	if (pattern && !pattern.test(address)) throw invalidRequest(`Invalid ${network} address: ${address}`, { param });
}

/** "We support IPv4 and IPv6 addresses." */
function checkIp(value: string | undefined, param: string): void {
	if (value !== undefined && !isIP(value)) throw invalidRequest(`Invalid IP address: ${value}`, { param });
}

export const onrampHandlers: Record<string, OperationHandler> = {
	GetCryptoOnrampSessions: {
		execute: ({ state, params }) =>
			listPage(sessions(state), params, {
				url: '/v1/crypto/onramp_sessions',
				noun: NOUN,
				filter: (s) =>
					(params.status === undefined || s.status === params.status) &&
					(params.destination_currency === undefined || s.transaction_details.destination_currency === params.destination_currency) &&
					(params.destination_network === undefined || s.transaction_details.destination_network === params.destination_network),
			}),
	},
	PostCryptoOnrampSessions: {
		validate(params) {
			checkIp(params.customer_ip_address, 'customer_ip_address');
			if (params.source_amount !== undefined && params.destination_amount !== undefined) {
				throw exclusiveParameters(['destination_amount', 'source_amount']);
			}
			checkAmount(params.source_amount, 'source_amount', 2);
			checkAmount(params.destination_amount, 'destination_amount');
			if (params.destination_amount !== undefined) {
				// "When set, both `destination_currency` and `destination_network` must also be set."
				if (params.destination_currency === undefined) throw missingParameter('destination_currency', 'destination_currency is required when destination_amount is set.');
				if (params.destination_network === undefined) throw missingParameter('destination_network', 'destination_network is required when destination_amount is set.');
			}
			if (params.destination_currency && params.destination_currencies && !params.destination_currencies.includes(params.destination_currency)) {
				throw invalidRequest('destination_currency must be one of destination_currencies.', { param: 'destination_currency' });
			}
			if (params.destination_network && params.destination_networks && !params.destination_networks.includes(params.destination_network)) {
				throw invalidRequest('destination_network must be one of destination_networks.', { param: 'destination_network' });
			}
			if (params.wallet_addresses) {
				if (!params.destination_network && !params.destination_networks) {
					throw missingParameter('destination_networks', 'When wallet_addresses is set, you must also set destination_network or destination_networks.');
				}
				for (const [network, address] of Object.entries(params.wallet_addresses)) {
					if (network !== 'destination_tags') checkAddress(network, address as string, `wallet_addresses[${network}]`);
				}
			}
		},
		// `created` from the emulator's clock, like climate orders (climate.ts)
		execute: ({ state, params, clock }) => sessions(state).insert(buildSession(state, params, clock.now(), 'initialized')),
	},
	GetCryptoOnrampSessionsId: {
		execute: ({ state, pathParams }) => findOr404(sessions(state), pathParams.id, NOUN),
	},
	PostCryptoOnrampSessionsIdCheckout: {
		execute({ state, pathParams, emit }) {
			const session = payableSession(state, pathParams.id);
			const details = session.transaction_details;
			if (!details.wallet_address) throw invalidRequest('A wallet address for the destination network is required to check out.', { param: 'wallet_addresses' });
			return changeStatus(session, 'fulfillment_processing', emit);
		},
	},
	PostCryptoOnrampSessionsIdQuote: {
		execute({ state, pathParams }) {
			const session = payableSession(state, pathParams.id);
			const revision = (quoteRevisions.get(session) ?? 0) + 1;
			quoteRevisions.set(session, revision);
			const details = session.transaction_details;
			const conversion = convert({
				sourceCurrency: details.source_currency,
				destinationCurrency: details.destination_currency!,
				network: details.destination_network!,
				sourceAmount: details.source_amount!,
				drift: rateDrift(revision),
			});
			Object.assign(details, amountsOf(conversion));
			return session;
		},
	},
	GetCryptoOnrampTransactionLimits: {
		validate(params) {
			checkIp(params.customer_ip_address, 'customer_ip_address');
			if (params.wallet_address !== undefined && params.destination_network !== undefined) {
				checkAddress(params.destination_network, params.wallet_address, 'wallet_address');
			}
		},
		execute({ state, params }) {
			const who = `${params.customer_ip_address ?? ''}|${params.wallet_address ?? ''}|${state.scope.mode}`;
			return {
				object: 'crypto.onramp_transaction_limits',
				crypto_customer_id: `crc_${createHash('sha256').update(who).digest('hex').slice(0, 24)}`,
				limits: {
					currency: 'usd',
					per_transaction: { min_amount: '1.00', max_amount: '10000.00' },
					daily: { limit: '10000.00', remaining: '10000.00' },
					weekly: { limit: '25000.00', remaining: '25000.00' },
					monthly: { limit: '50000.00', remaining: '50000.00' },
				},
				livemode: state.livemode,
			};
		},
	},
};

function buildSession(state: ScopeState, params: Params, created: number, status: string): OnrampSession {
	const id = newId('cos_');
	return {
		id,
		object: 'crypto.onramp_session',
		client_secret: `${id}_secret_${randomToken(24)}`,
		created,
		kyc_details_provided: Object.keys(params.kyc_details ?? {}).length > 0,
		livemode: state.livemode,
		metadata: applyMetadata({}, params.metadata),
		redirect_url: `https://crypto.link.com?session_hash=${randomToken(32)}`,
		status,
		transaction_details: transactionDetails(params),
	};
}

function payableSession(state: ScopeState, id: string): OnrampSession {
	const session = findOr404(sessions(state), id, NOUN);
	if (!PAYABLE_STATUSES.includes(session.status)) {
		throw invalidRequest(`This onramp session has status \`${session.status}\`; it must be one of ${PAYABLE_STATUSES.join(', ')}.`, { param: 'id' });
	}
	const details = session.transaction_details;
	if (!details.destination_currency || !details.destination_network || !details.source_amount) {
		throw invalidRequest('The session needs a destination currency, a destination network and an amount.', { param: 'id' });
	}
	return session;
}

/** Plus or minus 0.1 %, different for each refresh. */
function rateDrift(revision: number): number {
	return (((revision * 7919) % 21) - 10) / 10_000;
}

function amountsOf(conversion: Conversion): Partial<TransactionDetails> {
	return {
		source_amount: conversion.source_amount,
		destination_amount: conversion.destination_amount,
		fees: { network_fee_amount: conversion.network_fee, transaction_fee_amount: conversion.transaction_fee },
	};
}

function transactionDetails(params: Params): TransactionDetails {
	const { currency, network } = defaultPair(params);
	const sourceCurrency: string = params.source_currency ?? 'usd';
	let amounts: Partial<TransactionDetails> = {};
	// "a default value is computed if source_amount, destination_currency, and destination_network are set"
	if (currency && network && isSupportedPair(network, currency) && (params.source_amount !== undefined || params.destination_amount !== undefined)) {
		amounts = amountsOf(convert({ sourceCurrency, destinationCurrency: currency, network, sourceAmount: params.source_amount, destinationAmount: params.destination_amount }));
	}
	const wallets = walletAddresses(params.wallet_addresses);
	return {
		destination_amount: params.destination_amount ?? null,
		destination_currencies: params.destination_currencies ?? null,
		destination_currency: currency,
		destination_network: network,
		destination_networks: params.destination_networks ?? null,
		fees: null,
		lock_wallet_address: params.lock_wallet_address ?? false,
		settlement_speed: params.settlement_speed ?? 'instant', // "`instant` (default)"
		source_amount: params.source_amount ?? null,
		source_currency: sourceCurrency,
		transaction_id: null,
		wallet_address: network && wallets ? ((wallets[networkKey(network)] as string | null) ?? null) : null,
		wallet_addresses: wallets,
		...amounts,
	};
}

/**
 * The session's default currency and network: explicit values must form a pair the onramp carries;
 * otherwise "the first value of destination_currencies/destination_networks is selected" — here the
 * first combination of the two lists that is actually carried.
 */
function defaultPair(params: Params): { currency: string | null; network: string | null } {
	const explicitCurrency: string | undefined = params.destination_currency;
	const explicitNetwork: string | undefined = params.destination_network;
	if (explicitCurrency && explicitNetwork) {
		checkPair(explicitNetwork, explicitCurrency);
		return { currency: explicitCurrency, network: explicitNetwork };
	}
	const currencies: string[] = explicitCurrency ? [explicitCurrency] : (params.destination_currencies ?? []);
	const networks: string[] = explicitNetwork ? [explicitNetwork] : (params.destination_networks ?? []);
	for (const network of networks) {
		const currency = currencies.find((c) => isSupportedPair(network, c));
		if (currency) return { currency, network };
	}
	return { currency: currencies[0] ?? null, network: networks[0] ?? null };
}

/** The response lists every network key (null when not given) plus `destination_tags`. */
function walletAddresses(input: Record<string, any> | undefined): Record<string, unknown> | null {
	if (!input) return null;
	const out: Record<string, unknown> = {};
	for (const network of Object.keys(NETWORK_CURRENCIES).map(networkKey).sort()) out[network] = null;
	for (const [key, value] of Object.entries(input)) {
		if (key !== 'destination_tags') out[networkKey(key)] = value;
	}
	out.destination_tags = input.destination_tags ? { stellar: input.destination_tags.stellar ?? null } : null;
	return out;
}

function changeStatus(session: OnrampSession, status: string, emit: EmitEvent): OnrampSession {
	const previous = { status: session.status };
	session.status = status;
	if (status === 'fulfillment_complete') session.transaction_details.transaction_id ??= onChainHash(session.id);
	emit('crypto.onramp_session_updated', session, previous);
	return session;
}

/** The on-chain transaction hash Stripe reports once the crypto is delivered (`fulfillment_complete`). */
function onChainHash(sessionId: string): string {
	return `0x${createHash('sha256').update(sessionId).digest('hex')}`;
}

/** Test helper: move a session to any status (as the customer's progress would). */
export function advanceOnrampSession(state: ScopeState, id: string, status: string, emit: EmitEvent): OnrampSession {
	if (!ONRAMP_STATUSES.includes(status)) throw new Error(`Unknown onramp status '${status}'; expected one of ${ONRAMP_STATUSES.join(', ')}`);
	const session = sessions(state).get(id);
	if (!session) throw new Error(`No such ${NOUN}: '${id}'`);
	if (session.status === status) return session;
	return changeStatus(session, status, emit);
}

const SEED_PAIRS: Array<[string, string, string]> = [
	['ethereum', 'eth', '0x9fB29AAc15b9A4B7F17c3385939b007540f4d791'],
	['solana', 'usdc', '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV'],
	['bitcoin', 'btc', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
	['base', 'usdc', '0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db'],
	['polygon', 'matic', '0x78731D3Ca6b7E34aC0F824c42a7cC18A495cabaB'],
];

/** Bulk sessions with varied status/currency/network, older than existing ones; no events. */
export function seedOnrampSessions(state: ScopeState, n: number, created?: number[]): void {
	const collection = sessions(state);
	const newest = Math.min(unixNow(), collection.oldestCreated() ?? Infinity) - 1;
	const batch: OnrampSession[] = [];
	for (let i = 0; i < n; i++) {
		const [network, currency, wallet] = SEED_PAIRS[i % SEED_PAIRS.length];
		const params = {
			source_amount: String(25 * ((i % 8) + 1)),
			destination_currency: currency,
			destination_network: network,
			wallet_addresses: { [network]: wallet },
			metadata: { seed: String(i) },
		};
		const session = buildSession(state, params, created?.[i] ?? newest - (n - 1 - i), ONRAMP_STATUSES[i % ONRAMP_STATUSES.length]);
		if (session.status === 'fulfillment_complete') session.transaction_details.transaction_id = onChainHash(session.id);
		batch.push(session);
	}
	collection.insertMany(batch);
}

/**
 * The onramp docs use per-network wallet keys (`wallet_addresses[ethereum]=0x...`) that the
 * private-preview request schema omits (see its x-note); accept the keys the response object has.
 */
export function acceptPerNetworkWalletAddresses(spec: ApiSpec): void {
	const create = spec.operations.find((op) => op.operationId === 'PostCryptoOnrampSessions');
	const wallet = create && spec.resolve(create.params.properties!.wallet_addresses);
	if (!wallet?.properties) throw new Error('spec: PostCryptoOnrampSessions.wallet_addresses not found');
	const responseKeys = Object.keys(spec.schema('cryptocurrency_onramp_resource_public_fixed_wallet_addresses').properties ?? {});
	// Only the object's own keys: the Base network's address is `base_network`, not `base`.
	for (const key of responseKeys) {
		if (key !== 'destination_tags') wallet.properties[key] ??= { type: 'string', maxLength: 5000 };
	}
}
