/**
 * Climate orders, products and suppliers (GA spec; docs.stripe.com/climate/orders).
 * Orders are created `open`, can be canceled within 24 hours (Stripe keeps the fees), and emit
 * `climate.order.created`, `climate.order.canceled` and `climate.order.delivered`.
 * Orders take `created` from the emulator's clock, like the events they cause, so a test that moves
 * the clock back places an order in the past (as Stripe's test clocks do for the objects made under
 * them: docs.stripe.com/billing/testing/test-clocks).
 */
import { exclusiveParameters, invalidRequest, missingParameter, resourceMissing } from '../errors';
import { newId, unixNow } from '../ids';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { ScopeState, StoredObject } from '../store';
import type { ClimateOrderStatus } from '../types';
import type { EmitEvent } from '../webhooks/events';
import { type ClimatePrice, type ClimateProduct, type ClimateSupplier, presentSupplier } from './climate-catalog';
import { applyMetadata, decimalText, findOr404 } from './shared';

export interface ClimateOrder extends StoredObject {
	object: 'climate.order';
	amount_fees: number;
	amount_subtotal: number;
	amount_total: number;
	beneficiary?: { public_name: string };
	canceled_at: number | null;
	cancellation_reason: string | null;
	certificate: string | null;
	confirmed_at: number | null;
	currency: string;
	delayed_at: number | null;
	delivered_at: number | null;
	delivery_details: unknown[];
	expected_delivery_year: number;
	livemode: boolean;
	metadata: Record<string, string>;
	metric_tons: string;
	product: string;
	product_substituted_at: number | null;
	status: ClimateOrderStatus;
}

const ORDER_NOUN = 'climate order';
const DEFAULT_CURRENCY = 'usd';
/** "You can cancel an order within 24 hours of creation" (spec, PostClimateOrdersOrderCancel). */
const CANCEL_WINDOW_SECONDS = 24 * 60 * 60;
const CANCELABLE: ClimateOrderStatus[] = ['open', 'awaiting_funds', 'confirmed'];

const orders = (state: ScopeState) => state.collection<ClimateOrder>('climate.order');
const products = (state: ScopeState) => state.collection<ClimateProduct>('climate.product');
const suppliers = (state: ScopeState) => state.collection<ClimateSupplier>('climate.supplier');

export const climateHandlers: Record<string, OperationHandler> = {
	GetClimateOrders: {
		execute: ({ state, params }) => listPage(orders(state), params, { url: '/v1/climate/orders', noun: ORDER_NOUN }),
	},
	PostClimateOrders: {
		validate(params) {
			// "Either this or `metric_tons` must be specified."
			if (params.amount !== undefined && params.metric_tons !== undefined) throw exclusiveParameters(['amount', 'metric_tons']);
			if (params.amount === undefined && params.metric_tons === undefined) {
				throw missingParameter('metric_tons', 'You must specify either `amount` or `metric_tons`.');
			}
			if (params.amount !== undefined && params.amount <= 0) {
				throw invalidRequest('`amount` must be greater than 0.', { param: 'amount' });
			}
			if (params.metric_tons !== undefined && !(Number(params.metric_tons) > 0)) {
				throw invalidRequest('`metric_tons` must be greater than 0.', { param: 'metric_tons' });
			}
		},
		execute({ state, params, emit, clock }) {
			const product = products(state).get(params.product);
			if (!product) throw resourceMissing('climate product', params.product, 'product', 400);
			const currency = (params.currency ?? DEFAULT_CURRENCY).toLowerCase();
			const price = product.current_prices_per_metric_ton[currency];
			if (!price) {
				const supported = Object.keys(product.current_prices_per_metric_ton).join(', ');
				throw invalidRequest(`The currency '${currency}' is not supported for this product. Supported currencies: ${supported}.`, { param: 'currency' });
			}
			const amounts = priceOrder(price, params.metric_tons, params.amount);
			if (Number(amounts.metric_tons) > Number(product.metric_tons_available)) {
				throw invalidRequest(`The requested ${amounts.metric_tons} metric tons exceed the ${product.metric_tons_available} metric tons available for ${product.id}.`, {
					param: params.metric_tons !== undefined ? 'metric_tons' : 'amount',
				});
			}
			const order = orders(state).insert(
				buildOrder(state, product, currency, amounts, clock.now(), {
					beneficiary: params.beneficiary,
					metadata: applyMetadata({}, params.metadata),
				}),
			);
			emit('climate.order.created', order);
			return order;
		},
	},
	GetClimateOrdersOrder: {
		execute: ({ state, pathParams }) => findOr404(orders(state), pathParams.order, ORDER_NOUN),
	},
	PostClimateOrdersOrder: {
		execute({ state, params, pathParams }) {
			const order = findOr404(orders(state), pathParams.order, ORDER_NOUN);
			// beneficiary (or its public_name) is emptyable: "" unsets it
			if (params.beneficiary === '' || params.beneficiary?.public_name === '') delete order.beneficiary;
			else if (params.beneficiary) order.beneficiary = { public_name: params.beneficiary.public_name };
			order.metadata = applyMetadata(order.metadata, params.metadata);
			return order;
		},
	},
	PostClimateOrdersOrderCancel: {
		execute({ state, pathParams, emit, clock }) {
			const order = findOr404(orders(state), pathParams.order, ORDER_NOUN);
			if (!CANCELABLE.includes(order.status)) {
				throw invalidRequest(`You cannot cancel this order because its status is \`${order.status}\`.`, { param: 'order' });
			}
			if (clock.now() - order.created > CANCEL_WINDOW_SECONDS) {
				throw invalidRequest('Orders can only be canceled within 24 hours of creation.', { param: 'order' });
			}
			const previous = pick(order, ['status', 'canceled_at', 'cancellation_reason']);
			Object.assign(order, { status: 'canceled', canceled_at: clock.now(), cancellation_reason: 'requested' });
			emit('climate.order.canceled', order, previous);
			return order;
		},
	},
	GetClimateProducts: {
		execute: ({ state, params }) => listPage(products(state), params, { url: '/v1/climate/products', noun: 'climate product' }),
	},
	GetClimateProductsProduct: {
		execute: ({ state, pathParams }) => findOr404(products(state), pathParams.product, 'climate product'),
	},
	GetClimateSuppliers: {
		execute: ({ state, params }) =>
			listPage(suppliers(state), params, { url: '/v1/climate/suppliers', noun: 'climate supplier', present: presentSupplier }),
	},
	GetClimateSuppliersSupplier: {
		execute: ({ state, pathParams }) => presentSupplier(findOr404(suppliers(state), pathParams.supplier, 'climate supplier')),
	},
};

/** `product` on an order expands to the climate.product (`x-expandableFields`). */
export const climateExpanders = {
	'climate.order.product': (id: string, state: ScopeState) => products(state).get(id),
};

interface OrderAmounts {
	metric_tons: string;
	amount_fees: number;
	amount_subtotal: number;
	amount_total: number;
}

/**
 * Tons given: amounts are tons x the per-ton price. `amount` given: read as the total to spend in
 * the currency's minor unit; tons and the fee share follow from the per-ton total.
 */
function priceOrder(price: ClimatePrice, metricTons: string | undefined, amount: number | undefined): OrderAmounts {
	if (metricTons !== undefined) {
		const tons = Number(metricTons);
		const subtotal = Math.round(tons * price.amount_subtotal);
		const fees = Math.round(tons * price.amount_fees);
		return { metric_tons: metricTons, amount_subtotal: subtotal, amount_fees: fees, amount_total: subtotal + fees };
	}
	const total = amount!;
	const fees = Math.round((total * price.amount_fees) / price.amount_total);
	return { metric_tons: decimalText(total / price.amount_total, 6), amount_fees: fees, amount_subtotal: total - fees, amount_total: total };
}

function buildOrder(
	state: ScopeState,
	product: ClimateProduct,
	currency: string,
	amounts: OrderAmounts,
	created: number,
	extra: { beneficiary?: { public_name: string }; metadata: Record<string, string> },
): ClimateOrder {
	return {
		id: newId('climorder_'),
		object: 'climate.order',
		amount_fees: amounts.amount_fees,
		amount_subtotal: amounts.amount_subtotal,
		amount_total: amounts.amount_total,
		...(extra.beneficiary ? { beneficiary: { public_name: extra.beneficiary.public_name } } : {}),
		canceled_at: null,
		cancellation_reason: null,
		certificate: null,
		confirmed_at: null,
		created,
		currency,
		delayed_at: null,
		delivered_at: null,
		delivery_details: [],
		expected_delivery_year: product.delivery_year ?? new Date(created * 1000).getUTCFullYear() + 1,
		livemode: state.livemode,
		metadata: extra.metadata,
		metric_tons: amounts.metric_tons,
		product: product.id,
		product_substituted_at: null,
		status: 'open',
	};
}

/**
 * Moves an order to `status` the way Stripe's side would (test helper). Only statuses with a Stripe
 * event emit one: delivered -> climate.order.delivered, canceled -> climate.order.canceled.
 */
export function setClimateOrderStatus(state: ScopeState, id: string, status: ClimateOrderStatus, emit: EmitEvent): ClimateOrder {
	const order = orders(state).get(id);
	if (!order) throw new Error(`No such climate order: '${id}'`);
	if (order.status === status) return order;
	const now = unixNow();
	const previous = pick(order, ['status', 'confirmed_at', 'delivered_at', 'canceled_at', 'cancellation_reason', 'certificate', 'delivery_details']);
	order.status = status;
	if (status === 'confirmed' || status === 'delivered') order.confirmed_at ??= now;
	if (status === 'delivered') {
		order.delivered_at = now;
		order.certificate = `https://stripe.com/climate/certificates/${order.id}`;
		order.delivery_details = deliveryDetails(state, order, now);
	}
	if (status === 'canceled') {
		// A cancellation that did not come through the API is Stripe's (or Frontier's) doing.
		order.canceled_at = now;
		order.cancellation_reason = 'product_unavailable';
	}
	const changed = Object.fromEntries(Object.entries(previous).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(order[key])));
	if (status === 'delivered') emit('climate.order.delivered', order, changed);
	if (status === 'canceled') emit('climate.order.canceled', order, changed);
	return order;
}

/** The tons split evenly over the product's suppliers, one delivery each. */
function deliveryDetails(state: ScopeState, order: ClimateOrder, deliveredAt: number): unknown[] {
	const product = products(state).get(order.product);
	const productSuppliers = product?.suppliers ?? [];
	const share = Number(order.metric_tons) / Math.max(productSuppliers.length, 1);
	return productSuppliers.map((supplier) => ({
		delivered_at: deliveredAt,
		location: (supplier.locations as unknown[])[0] ?? null,
		metric_tons: decimalText(share, 6),
		registry_url: `https://registry.example.org/retirements/${order.id}/${String(supplier.id)}`,
		supplier,
	}));
}

/**
 * Bulk orders for pagination tests and benchmarks: older than every existing order, one second
 * apart, or created at the given times (Unix seconds, one order each), so a test can fill weeks.
 */
export function seedClimateOrders(state: ScopeState, n: number, created?: number[]): void {
	const catalog = products(state).newestFirst();
	const newest = Math.min(unixNow(), orders(state).oldestCreated() ?? Infinity) - 1;
	const batch: ClimateOrder[] = [];
	for (let i = 0; i < n; i++) {
		const product = catalog[i % catalog.length];
		const tons = decimalText(0.25 * ((i % 8) + 1), 2);
		const amounts = priceOrder(product.current_prices_per_metric_ton.usd, tons, undefined);
		batch.push(buildOrder(state, product, 'usd', amounts, created?.[i] ?? newest - (n - 1 - i), { metadata: { seed: String(i) } }));
	}
	orders(state).insertMany(batch);
}

function pick<T extends object>(object: T, keys: string[]): Record<string, unknown> {
	const record = object as Record<string, unknown>;
	return Object.fromEntries(keys.map((k) => [k, record[k] === undefined ? null : JSON.parse(JSON.stringify(record[k]))]));
}
