import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { createStripeClient } from '../shared/transport';

interface PricePerTon {
	amount_total?: number;
}

/** Stripe's zero-decimal currencies: amounts are whole units, not hundredths. */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);

function formatMoney(minorUnits: number, currency: string): string {
	const units = ZERO_DECIMAL.has(currency) ? minorUnits : minorUnits / 100;
	const digits = ZERO_DECIMAL.has(currency) ? 0 : 2;
	return `${currency.toUpperCase()} ${units.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

function formatTons(tons: unknown): string {
	const value = Number(tons);
	return Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(tons);
}

/** Prices per metric ton, fees included; USD first when Stripe prices the product in it. */
function pricesPerTon(product: IDataObject): string[] {
	const prices = (product.current_prices_per_metric_ton ?? {}) as Record<string, PricePerTon>;
	return Object.keys(prices)
		.sort((a, b) => (a === 'usd' ? -1 : b === 'usd' ? 1 : a.localeCompare(b)))
		.filter((currency) => typeof prices[currency]?.amount_total === 'number')
		.map((currency) => formatMoney(prices[currency].amount_total as number, currency));
}

/**
 * One entry of the product picker: a label short enough for the picker (the name and the price of
 * a ton, which includes Stripe's fees: an order's total is that price times the tons), the ID as the value, so an order always pays the product's current price, and the
 * rest (ID, delivery year, tons available, every price) as the description.
 */
export function productSearchItem(product: IDataObject): INodeListSearchItems {
	const prices = pricesPerTon(product);
	const name = String(product.name ?? product.id);
	return {
		name: prices.length ? `${name} (${prices[0]}/t incl. fees)` : name,
		value: String(product.id),
		description: [
			String(product.id),
			product.delivery_year ? `delivery ${String(product.delivery_year)}` : undefined,
			`${formatTons(product.metric_tons_available)} t available`,
			prices.length ? `per metric ton incl. fees: ${prices.join(', ')}` : undefined,
		]
			.filter(Boolean)
			.join(' · '),
	};
}

/**
 * The product picker: every Climate product (Stripe lists only a handful, and has no search
 * parameter), filtered here by the text typed into the picker against name and ID, sorted by name.
 */
export async function searchClimateProducts(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await createStripeClient(this);
	const products = await client.list({ path: '/v1/climate/products', returnAll: true });
	const needle = filter?.trim().toLowerCase();
	const matching = needle
		? products.filter((product) => `${String(product.name ?? '')} ${String(product.id)}`.toLowerCase().includes(needle))
		: products;
	const results = matching.map(productSearchItem).sort((a, b) => a.name.localeCompare(b.name, 'en'));
	return { results };
}
