import type { IDataObject } from 'n8n-workflow';

import { readableClimateOrder } from '../../nodes/StripeClimate/resources/order/readable';
import { readableClimateProduct } from '../../nodes/StripeClimate/resources/product/readable';
import { readableClimateSupplier } from '../../nodes/StripeClimate/resources/supplier/readable';
import { readableOnrampQuotes } from '../../nodes/StripeCryptoOnramp/resources/onrampQuote/readable';
import { readableOnrampSession } from '../../nodes/StripeCryptoOnramp/resources/onrampSession/readable';
import { readableTransactionLimits } from '../../nodes/StripeCryptoOnramp/resources/transactionLimits/readable';
import { readableForwardingRequest } from '../../nodes/StripeForwarding/resources/request/readable';
import { readableWebhookEndpoint } from '../../nodes/StripeWebhookEndpoint/resources/endpoint/readable';
import { readableEvent } from '../../nodes/StripeWebhookEndpoint/resources/event/readable';
import { currencyDecimals, decimalMoney, minorMoney, toReadable } from '../../nodes/shared/readable';

const berlin = { timeZone: 'Europe/Berlin' };
const MARCH_2_0800_UTC = 1772438400;

const supplier = {
	id: 'climsup_heirloom',
	object: 'climate.supplier',
	info_url: 'https://www.heirloomcarbon.com',
	livemode: false,
	locations: [{ city: 'Tracy', country: 'US', latitude: 37.7, longitude: -121.4, region: 'CA' }],
	name: 'Heirloom',
	removal_pathway: 'direct_air_capture',
};

function order(overrides: IDataObject = {}): IDataObject {
	return {
		id: 'climorder_1',
		object: 'climate.order',
		amount_fees: 1830,
		amount_subtotal: 30500,
		amount_total: 32330,
		beneficiary: { public_name: 'Acme Bakery' },
		canceled_at: null,
		cancellation_reason: null,
		certificate: 'https://stripe.com/climate/certificates/climorder_1',
		confirmed_at: MARCH_2_0800_UTC + 60,
		created: MARCH_2_0800_UTC,
		currency: 'usd',
		delayed_at: null,
		delivered_at: MARCH_2_0800_UTC + 3600,
		delivery_details: [
			{ delivered_at: MARCH_2_0800_UTC + 3600, location: supplier.locations[0], metric_tons: '0.25', registry_url: 'https://registry.example.org/1', supplier },
		],
		expected_delivery_year: 2027,
		livemode: false,
		metadata: { reference: 'PO-1' },
		metric_tons: '0.25',
		product: 'climsku_frontier_offtake_portfolio_2027',
		product_substituted_at: null,
		status: 'delivered',
		...overrides,
	};
}

describe('readable money', () => {
	test('minor units become the main unit, with the minor units beside them', () => {
		expect(minorMoney('amountTotal', 32330, 'usd')).toEqual({ amountTotal: 323.3, amountTotalMinor: 32330 });
		expect(minorMoney('amountTotal', 2500, 'jpy')).toEqual({ amountTotal: 2500, amountTotalMinor: 2500 });
		expect(minorMoney('amountTotal', 2500, 'JPY')).toEqual({ amountTotal: 2500, amountTotalMinor: 2500 });
		expect(minorMoney('amountTotal', 12345, 'kwd')).toEqual({ amountTotal: 12.345, amountTotalMinor: 12345 });
		expect(minorMoney('amountTotal', null, 'usd')).toEqual({ amountTotal: null, amountTotalMinor: null });
	});

	test('decimal strings become numbers, with minor units worked out for the currency', () => {
		expect(decimalMoney('sourceAmount', '100.50', 'usd')).toEqual({ sourceAmount: 100.5, sourceAmountMinor: 10050 });
		expect(decimalMoney('sourceAmount', '1500', 'jpy')).toEqual({ sourceAmount: 1500, sourceAmountMinor: 1500 });
		expect(decimalMoney('sourceAmount', null, 'usd')).toEqual({ sourceAmount: null, sourceAmountMinor: null });
	});

	test("Stripe's zero-decimal and three-decimal currencies", () => {
		expect(['jpy', 'krw', 'clp', 'vnd', 'xof'].map(currencyDecimals)).toEqual([0, 0, 0, 0, 0]);
		expect(['bhd', 'jod', 'kwd', 'omr', 'tnd'].map(currencyDecimals)).toEqual([3, 3, 3, 3, 3]);
		expect(['usd', 'eur', 'gbp'].map(currencyDecimals)).toEqual([2, 2, 2]);
	});
});

describe('readable shapes', () => {
	test('a climate order: tons, money, times in the workflow timezone, product and suppliers by id', () => {
		expect(readableClimateOrder(order(), berlin)).toEqual({
			id: 'climorder_1',
			status: 'delivered',
			created: '2026-03-02T09:00:00+01:00',
			metricTons: 0.25,
			productId: 'climsku_frontier_offtake_portfolio_2027',
			productName: null,
			currency: 'usd',
			amountSubtotal: 305,
			amountSubtotalMinor: 30500,
			amountFees: 18.3,
			amountFeesMinor: 1830,
			amountTotal: 323.3,
			amountTotalMinor: 32330,
			beneficiary: 'Acme Bakery',
			expectedDeliveryYear: 2027,
			confirmedAt: '2026-03-02T09:01:00+01:00',
			delayedAt: null,
			deliveredAt: '2026-03-02T10:00:00+01:00',
			canceledAt: null,
			cancellationReason: null,
			productSubstitutedAt: null,
			certificate: 'https://stripe.com/climate/certificates/climorder_1',
			supplierIds: ['climsup_heirloom'],
			deliveries: [
				{
					supplierId: 'climsup_heirloom',
					supplierName: 'Heirloom',
					metricTons: 0.25,
					deliveredAt: '2026-03-02T10:00:00+01:00',
					country: 'US',
					registryUrl: 'https://registry.example.org/1',
				},
			],
			livemode: false,
			metadata: { reference: 'PO-1' },
		});
	});

	test('a climate order in yen keeps its amounts, and an expanded product gives its name', () => {
		const readable = readableClimateOrder(
			order({ currency: 'jpy', amount_total: 2500, amount_fees: 150, amount_subtotal: 2350, product: { id: 'climsku_x', name: 'Portfolio' }, beneficiary: null }),
			{ timeZone: 'Asia/Tokyo' },
		);
		expect(readable).toMatchObject({
			created: '2026-03-02T17:00:00+09:00',
			currency: 'jpy',
			amountTotal: 2500,
			amountTotalMinor: 2500,
			amountFees: 150,
			productId: 'climsku_x',
			productName: 'Portfolio',
			beneficiary: null,
		});
	});

	test('a climate product: prices per currency, suppliers by id and name', () => {
		const product = {
			id: 'climsku_p',
			object: 'climate.product',
			created: MARCH_2_0800_UTC,
			current_prices_per_metric_ton: {
				usd: { amount_fees: 3000, amount_subtotal: 50000, amount_total: 53000 },
				eur: { amount_fees: 2760, amount_subtotal: 46000, amount_total: 48760 },
			},
			delivery_year: 2030,
			livemode: false,
			metric_tons_available: '1250.5',
			name: 'Direct air capture',
			suppliers: [supplier],
		};
		expect(readableClimateProduct(product, berlin)).toEqual({
			id: 'climsku_p',
			name: 'Direct air capture',
			created: '2026-03-02T09:00:00+01:00',
			deliveryYear: 2030,
			metricTonsAvailable: 1250.5,
			pricesPerMetricTon: [
				{ currency: 'eur', amountSubtotal: 460, amountSubtotalMinor: 46000, amountFees: 27.6, amountFeesMinor: 2760, amountTotal: 487.6, amountTotalMinor: 48760 },
				{ currency: 'usd', amountSubtotal: 500, amountSubtotalMinor: 50000, amountFees: 30, amountFeesMinor: 3000, amountTotal: 530, amountTotalMinor: 53000 },
			],
			supplierIds: ['climsup_heirloom'],
			supplierNames: ['Heirloom'],
			livemode: false,
		});
	});

	test('a climate supplier, which Stripe gives no creation time', () => {
		expect(readableClimateSupplier(supplier)).toEqual({
			id: 'climsup_heirloom',
			name: 'Heirloom',
			removalPathway: 'direct_air_capture',
			infoUrl: 'https://www.heirloomcarbon.com',
			countries: ['US'],
			locations: ['Tracy, CA, US'],
			livemode: false,
		});
	});

	test('an onramp session: fiat with fees, crypto with its exact text, the client secret kept', () => {
		const session = {
			id: 'cos_1',
			object: 'crypto.onramp_session',
			client_secret: 'cos_1_secret_abc',
			created: MARCH_2_0800_UTC,
			kyc_details_provided: false,
			livemode: false,
			metadata: {},
			redirect_url: 'https://crypto.link.com?session_hash=x',
			status: 'fulfillment_complete',
			transaction_details: {
				destination_amount: '0.012345678901234567',
				destination_currency: 'eth',
				destination_network: 'ethereum',
				fees: { network_fee_amount: '1.25', transaction_fee_amount: '3.10' },
				settlement_speed: 'instant',
				source_amount: '50.00',
				source_currency: 'usd',
				transaction_id: '0xabc',
				wallet_address: '0x123',
			},
		};
		expect(readableOnrampSession(session, { timeZone: 'America/New_York' })).toEqual({
			id: 'cos_1',
			status: 'fulfillment_complete',
			created: '2026-03-02T03:00:00-05:00',
			sourceCurrency: 'usd',
			sourceAmount: 50,
			sourceAmountMinor: 5000,
			networkFee: 1.25,
			networkFeeMinor: 125,
			transactionFee: 3.1,
			transactionFeeMinor: 310,
			destinationCurrency: 'eth',
			destinationNetwork: 'ethereum',
			destinationAmount: 0.012345678901234567,
			destinationAmountText: '0.012345678901234567',
			walletAddress: '0x123',
			settlementSpeed: 'instant',
			transactionId: '0xabc',
			kycDetailsProvided: false,
			clientSecret: 'cos_1_secret_abc',
			redirectUrl: 'https://crypto.link.com?session_hash=x',
			livemode: false,
			metadata: {},
		});
	});

	test('onramp quotes: one split quote, and the whole object with its quotes in one list', () => {
		const quote = {
			id: 'quote_1',
			destination_amount: '19.5',
			destination_currency: 'usdc',
			destination_network: 'base',
			fees: { network_fee_monetary: '0.01', transaction_fee_monetary: '0.49' },
			source_total_amount: '20.00',
		};
		const quotes = {
			id: 'cos_quotes_1',
			object: 'crypto.onramp.quotes',
			destination_network_quotes: { base_network: [{ ...quote, destination_network: undefined }], ethereum: [] },
			livemode: false,
			rate_fetched_at: MARCH_2_0800_UTC + 0.5,
			source_amount: '20.00',
			source_currency: 'usd',
		};
		const readableQuote = {
			id: 'quote_1',
			quotesId: 'cos_quotes_1',
			destinationCurrency: 'usdc',
			destinationNetwork: 'base',
			destinationAmount: 19.5,
			destinationAmountText: '19.5',
			sourceCurrency: 'usd',
			sourceTotalAmount: 20,
			sourceTotalAmountMinor: 2000,
			networkFee: 0.01,
			networkFeeMinor: 1,
			transactionFee: 0.49,
			transactionFeeMinor: 49,
			rateFetchedAt: '2026-03-02T09:00:00.500+01:00',
			livemode: false,
		};
		const split = { ...quote, source_currency: 'usd', rate_fetched_at: quotes.rate_fetched_at, quotes_id: 'cos_quotes_1', livemode: false };
		expect(readableOnrampQuotes(split, berlin)).toEqual(readableQuote);
		expect(readableOnrampQuotes(JSON.parse(JSON.stringify(quotes)), berlin)).toEqual({
			id: 'cos_quotes_1',
			sourceCurrency: 'usd',
			sourceAmount: 20,
			sourceAmountMinor: 2000,
			rateFetchedAt: '2026-03-02T09:00:00.500+01:00',
			quotes: [readableQuote],
			livemode: false,
		});
	});

	test('transaction limits: camelCase keys and numbers wherever Stripe puts them', () => {
		const limits = {
			object: 'crypto.onramp_transaction_limits',
			crypto_customer_id: 'crc_1',
			limits: { currency: 'usd', per_transaction: { min_amount: '1.00', max_amount: '10000.00' } },
			livemode: false,
		};
		expect(readableTransactionLimits(limits)).toEqual({
			cryptoCustomerId: 'crc_1',
			limits: { currency: 'usd', perTransaction: { minAmount: 1, maxAmount: 10000 } },
			livemode: false,
		});
	});

	test('a forwarding request: where it went and how the destination answered', () => {
		const request = {
			id: 'fwdreq_1',
			object: 'forwarding.request',
			created: MARCH_2_0800_UTC,
			livemode: false,
			metadata: {},
			payment_method: 'pm_1',
			replacements: ['card_number', 'card_cvc'],
			request_context: { destination_duration: 120, destination_ip_address: '192.0.2.1' },
			request_details: { body: '{"card":"{{CARD_NUMBER}}"}', headers: [], http_method: 'POST' },
			response_details: { body: '{}', headers: [], status: 200 },
			url: 'https://endpoint.example/pay',
		};
		expect(readableForwardingRequest(request, berlin)).toEqual({
			id: 'fwdreq_1',
			created: '2026-03-02T09:00:00+01:00',
			paymentMethodId: 'pm_1',
			url: 'https://endpoint.example/pay',
			httpMethod: 'POST',
			replacements: ['card_number', 'card_cvc'],
			responseStatus: 200,
			destinationDurationMs: 120,
			destinationIpAddress: '192.0.2.1',
			livemode: false,
			metadata: {},
		});
	});

	test('a webhook endpoint keeps the signing secret Stripe returns; a deleted one says so', () => {
		const endpoint = {
			id: 'we_1',
			object: 'webhook_endpoint',
			api_version: null,
			application: null,
			created: MARCH_2_0800_UTC,
			description: 'Orders',
			enabled_events: ['climate.order.delivered'],
			livemode: false,
			metadata: {},
			secret: 'whsec_abc',
			status: 'enabled',
			url: 'https://n8n.example/webhook',
		};
		expect(readableWebhookEndpoint(endpoint, berlin)).toEqual({
			id: 'we_1',
			url: 'https://n8n.example/webhook',
			status: 'enabled',
			description: 'Orders',
			enabledEvents: ['climate.order.delivered'],
			apiVersion: null,
			created: '2026-03-02T09:00:00+01:00',
			applicationId: null,
			secret: 'whsec_abc',
			livemode: false,
			metadata: {},
		});
		expect(readableWebhookEndpoint({ ...endpoint, secret: undefined }, berlin)).not.toHaveProperty('secret');
		expect(readableWebhookEndpoint({ id: 'we_1', object: 'webhook_endpoint', deleted: true }, berlin)).toEqual({ id: 'we_1', deleted: true });
	});

	test('an event: what happened to which object, and its pending deliveries', () => {
		const event = {
			id: 'evt_1',
			object: 'event',
			account: 'acct_1',
			api_version: '2026-07-29.dahlia',
			created: MARCH_2_0800_UTC,
			data: { object: order(), previous_attributes: { status: 'confirmed', delivered_at: null } },
			livemode: false,
			pending_webhooks: 2,
			request: { id: 'req_1', idempotency_key: 'key-1' },
			type: 'climate.order.delivered',
		};
		expect(readableEvent(event, berlin)).toEqual({
			id: 'evt_1',
			type: 'climate.order.delivered',
			created: '2026-03-02T09:00:00+01:00',
			objectId: 'climorder_1',
			objectType: 'climate.order',
			changedFields: ['delivered_at', 'status'],
			pendingWebhooks: 2,
			requestId: 'req_1',
			idempotencyKey: 'key-1',
			accountId: 'acct_1',
			apiVersion: '2026-07-29.dahlia',
			livemode: false,
		});
	});

	test('toReadable applies the operation shape, and returns the object unchanged without one', () => {
		const base = { value: 'get', route: 'GET /v1/climate/orders/{order}', toolDescription: '', properties: [], build: () => ({}) };
		const raw = order();
		expect(toReadable({ ...base, readable: readableClimateOrder }, raw, berlin)).toEqual(readableClimateOrder(raw, berlin));
		expect(toReadable(base, raw, berlin)).toBe(raw);
	});
});
