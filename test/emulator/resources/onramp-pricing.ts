/**
 * Deterministic, plausible onramp prices: fixed reference rates in USD, fiat cross rates, a network
 * fee per chain and a percentage transaction fee. Fees are paid on top of the source amount
 * (`source_total_amount = source_amount + fees`), as in Stripe's quotes.
 */
import { invalidRequest } from '../errors';
import { decimalText, isDecimal } from './shared';

/** Which cryptocurrencies each network carries (quotes are generated for these pairs only). */
export const NETWORK_CURRENCIES: Record<string, string[]> = {
	avalanche: ['avax', 'usdc'],
	base: ['eth', 'usdc'],
	bitcoin: ['btc'],
	celo: ['usdc'],
	ethereum: ['eth', 'usdc', 'usdt'],
	optimism: ['eth', 'usdc'],
	polygon: ['matic', 'usdc'],
	solana: ['sol', 'usdc'],
	stellar: ['xlm', 'usdc'],
	sui: ['usdc'],
	tempo: ['usdc'],
	worldchain: ['wld', 'usdc'],
};

const USD_PER_UNIT: Record<string, number> = { avax: 28, btc: 65_000, eth: 3_200, matic: 0.55, sol: 150, usdc: 1, usdt: 1, wld: 2.1, xlm: 0.11 };
const DISPLAY_DECIMALS: Record<string, number> = { avax: 6, btc: 8, eth: 8, matic: 6, sol: 6, usdc: 2, usdt: 2, wld: 6, xlm: 7 };
const USD_PER_FIAT: Record<string, number> = { eur: 1.08, gbp: 1.27, usd: 1 };
const NETWORK_FEE_USD: Record<string, number> = {
	avalanche: 0.05, base: 0.02, bitcoin: 1.5, celo: 0.01, ethereum: 0.85, optimism: 0.02,
	polygon: 0.01, solana: 0.01, stellar: 0.01, sui: 0.01, tempo: 0.01, worldchain: 0.01,
};
const TRANSACTION_FEE_RATE = 0.015;

export interface Conversion {
	source_amount: string;
	destination_amount: string;
	network_fee: string;
	transaction_fee: string;
	source_total_amount: string;
}

export interface ConversionRequest {
	sourceCurrency: string;
	destinationCurrency: string;
	network: string;
	sourceAmount?: string;
	destinationAmount?: string;
	/** Relative rate movement, e.g. 0.001 after a quote refresh. */
	drift?: number;
}

/** The response object calls the Base chain `base_network` (wallet addresses, quote map keys). */
export function networkKey(network: string): string {
	return network === 'base' ? 'base_network' : network;
}

/** Amounts are positive decimal strings; "We don't support fractional pennies" for fiat. */
export function checkAmount(value: string | undefined, param: string, maxDecimals?: number): void {
	if (value === undefined) return;
	if (!isDecimal(value) || !(Number(value) > 0)) throw invalidRequest(`Invalid ${param}: ${value} must be a positive decimal string.`, { param });
	if (maxDecimals !== undefined && (value.split('.')[1]?.length ?? 0) > maxDecimals) {
		throw invalidRequest(`Invalid ${param}: ${value} has more than ${maxDecimals} decimal places.`, { param });
	}
}

export function isSupportedPair(network: string, currency: string): boolean {
	return NETWORK_CURRENCIES[network]?.includes(currency) ?? false;
}

/** Throws Stripe-style 400s for pairs the (emulated) onramp does not carry. */
export function checkPair(network: string, currency: string): void {
	if (!NETWORK_CURRENCIES[network]) throw invalidRequest(`Unsupported destination_network: ${network}`, { param: 'destination_network' });
	if (!USD_PER_UNIT[currency]) throw invalidRequest(`Unsupported destination_currency: ${currency}`, { param: 'destination_currency' });
	if (!isSupportedPair(network, currency)) {
		throw invalidRequest(`${currency} is not available on the ${network} network.`, { param: 'destination_currency' });
	}
}

export function convert(req: ConversionRequest): Conversion {
	const fiatPerUnit = (USD_PER_UNIT[req.destinationCurrency] / USD_PER_FIAT[req.sourceCurrency]) * (1 + (req.drift ?? 0));
	const source = req.sourceAmount !== undefined ? Number(req.sourceAmount) : roundCents(Number(req.destinationAmount) * fiatPerUnit);
	const destination = req.destinationAmount !== undefined ? req.destinationAmount : decimalText(source / fiatPerUnit, DISPLAY_DECIMALS[req.destinationCurrency]);
	const networkFee = roundCents(NETWORK_FEE_USD[req.network] / USD_PER_FIAT[req.sourceCurrency]);
	const transactionFee = roundCents(source * TRANSACTION_FEE_RATE);
	return {
		source_amount: source.toFixed(2),
		destination_amount: destination,
		network_fee: networkFee.toFixed(2),
		transaction_fee: transactionFee.toFixed(2),
		source_total_amount: (source + networkFee + transactionFee).toFixed(2),
	};
}

function roundCents(value: number): number {
	return Math.round(value * 100) / 100;
}
