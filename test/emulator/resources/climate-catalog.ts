/**
 * The Climate catalogue every scope starts with: Frontier offtake products (human-readable
 * `climsku_` ids, as Stripe's) and the suppliers delivering them (`climsup_`). Prices are per
 * metric ton in minor units; amounts are plausible, not Stripe's.
 */
import type { ScopeState, StoredObject } from '../store';

export interface ClimatePrice {
	amount_fees: number;
	amount_subtotal: number;
	amount_total: number;
}

export interface ClimateSupplier extends StoredObject {
	object: 'climate.supplier';
	info_url: string;
	livemode: boolean;
	locations: Array<{ city: string | null; country: string; latitude: number | null; longitude: number | null; region: string | null }>;
	name: string;
	removal_pathway: string;
}

export interface ClimateProduct extends StoredObject {
	object: 'climate.product';
	current_prices_per_metric_ton: Record<string, ClimatePrice>;
	delivery_year: number | null;
	livemode: boolean;
	metric_tons_available: string;
	name: string;
	suppliers: Array<Record<string, unknown>>;
}

const CATALOG_CREATED = 1_704_067_200; // 2024-01-01, so the catalogue sorts before anything created later

const SUPPLIERS: Array<Pick<ClimateSupplier, 'id' | 'name' | 'info_url' | 'removal_pathway' | 'locations'>> = [
	{
		id: 'climsup_charm_industrial',
		name: 'Charm Industrial',
		info_url: 'https://charmindustrial.com',
		removal_pathway: 'biomass_carbon_removal_and_storage',
		locations: [{ city: 'San Francisco', country: 'US', latitude: 37.7749, longitude: -122.4194, region: 'CA' }],
	},
	{
		id: 'climsup_heirloom',
		name: 'Heirloom',
		info_url: 'https://www.heirloomcarbon.com',
		removal_pathway: 'direct_air_capture',
		locations: [{ city: 'Tracy', country: 'US', latitude: 37.7397, longitude: -121.4252, region: 'CA' }],
	},
	{
		id: 'climsup_lithos_carbon',
		name: 'Lithos Carbon',
		info_url: 'https://lithoscarbon.com',
		removal_pathway: 'enhanced_weathering',
		locations: [{ city: 'Champaign', country: 'US', latitude: 40.1164, longitude: -88.2434, region: 'IL' }],
	},
	{
		id: 'climsup_ebb_carbon',
		name: 'Ebb Carbon',
		info_url: 'https://www.ebbcarbon.com',
		removal_pathway: 'marine_carbon_removal',
		locations: [{ city: 'Port Angeles', country: 'US', latitude: 48.1181, longitude: -123.4307, region: 'WA' }],
	},
];

function price(subtotal: number, feeRate: number): ClimatePrice {
	const fees = Math.round(subtotal * feeRate);
	return { amount_fees: fees, amount_subtotal: subtotal, amount_total: subtotal + fees };
}

/** usd, eur and gbp prices derived from one usd subtotal per ton. */
function prices(usdSubtotal: number): Record<string, ClimatePrice> {
	return {
		eur: price(Math.round(usdSubtotal * 0.92), 0.06),
		gbp: price(Math.round(usdSubtotal * 0.79), 0.06),
		usd: price(usdSubtotal, 0.06),
	};
}

const PRODUCTS: Array<{ id: string; name: string; delivery_year: number; usdSubtotal: number; available: string; suppliers: string[] }> = [
	{ id: 'climsku_frontier_offtake_portfolio_2027', name: 'Frontier 2027 Offtake Portfolio', delivery_year: 2027, usdSubtotal: 58_000, available: '2500', suppliers: ['climsup_charm_industrial', 'climsup_heirloom', 'climsup_lithos_carbon'] },
	{ id: 'climsku_frontier_offtake_portfolio_2028', name: 'Frontier 2028 Offtake Portfolio', delivery_year: 2028, usdSubtotal: 52_000, available: '4000', suppliers: ['climsup_heirloom', 'climsup_lithos_carbon', 'climsup_ebb_carbon'] },
	{ id: 'climsku_frontier_offtake_portfolio_2029', name: 'Frontier 2029 Offtake Portfolio', delivery_year: 2029, usdSubtotal: 47_500, available: '6000', suppliers: ['climsup_charm_industrial', 'climsup_heirloom', 'climsup_lithos_carbon', 'climsup_ebb_carbon'] },
	{ id: 'climsku_frontier_direct_air_capture_2030', name: 'Frontier 2030 Direct Air Capture', delivery_year: 2030, usdSubtotal: 61_000, available: '750.5', suppliers: ['climsup_heirloom'] },
];

export function seedClimateCatalog(state: ScopeState): void {
	const livemode = state.livemode;
	const suppliers = state.collection<ClimateSupplier>('climate.supplier');
	SUPPLIERS.forEach((s, i) =>
		suppliers.insert({
			id: s.id,
			object: 'climate.supplier',
			created: CATALOG_CREATED + i,
			info_url: s.info_url,
			livemode,
			locations: s.locations,
			name: s.name,
			removal_pathway: s.removal_pathway,
		}),
	);
	const products = state.collection<ClimateProduct>('climate.product');
	PRODUCTS.forEach((p, i) =>
		products.insert({
			id: p.id,
			object: 'climate.product',
			created: CATALOG_CREATED + i,
			current_prices_per_metric_ton: prices(p.usdSubtotal),
			delivery_year: p.delivery_year,
			livemode,
			metric_tons_available: p.available,
			name: p.name,
			suppliers: p.suppliers.map((id) => suppliers.get(id)!).map(presentSupplier),
		}),
	);
}

/**
 * `n` more products beside the catalogue (a longer catalogue, as a live account may offer), each a
 * delivery year of the catalogue's suppliers, one second newer than the last.
 */
export function seedClimateProducts(state: ScopeState, n: number): void {
	const products = state.collection<ClimateProduct>('climate.product');
	const suppliers = state.collection<ClimateSupplier>('climate.supplier').newestFirst();
	const newest = Math.max(...products.newestFirst().map((p) => p.created));
	const existing = products.newestFirst().length;
	for (let i = 0; i < n; i++) {
		const year = 2031 + ((existing + i) % 10);
		products.insert({
			id: `climsku_frontier_offtake_portfolio_${year}_${existing + i}`,
			object: 'climate.product',
			created: newest + 1 + i,
			current_prices_per_metric_ton: prices(45_000 + 500 * ((existing + i) % 20)),
			delivery_year: year,
			livemode: state.livemode,
			metric_tons_available: String(1000 + 250 * i),
			name: `Frontier ${year} Offtake Portfolio ${existing + i}`,
			suppliers: [suppliers[i % suppliers.length], suppliers[(i + 1) % suppliers.length]].map(presentSupplier),
		});
	}
}

/** Suppliers have no `created` in Stripe's schema; the store uses it for ordering only. */
export function presentSupplier(supplier: ClimateSupplier): Record<string, unknown> {
	const { created, ...rest } = supplier;
	return rest;
}
