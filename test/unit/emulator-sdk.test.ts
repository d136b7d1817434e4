import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { type StripeEmulator, startEmulator } from '../emulator/index';

const KEY = 'sk_test_emulatorSdkTestKey5678';
const PRODUCT = 'climsku_frontier_offtake_portfolio_2028';

let emulator: StripeEmulator;
let stripe: Stripe;

beforeAll(async () => {
	emulator = await startEmulator({ deliveryRetryDelaysMs: [50] });
	stripe = new Stripe(KEY, { host: '127.0.0.1', port: emulator.port, protocol: 'http' });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.reset());

describe('official stripe SDK against the emulator', () => {
	it('creates, retrieves, lists, updates and cancels climate orders', async () => {
		const products = await stripe.climate.products.list();
		expect(products.data.map((p) => p.id)).toContain(PRODUCT);
		const suppliers = await stripe.climate.suppliers.list({ limit: 2 });
		expect(suppliers).toMatchObject({ object: 'list', has_more: true });

		const order = await stripe.climate.orders.create({
			product: PRODUCT,
			metric_tons: Stripe.Decimal.from('0.25'),
			beneficiary: { public_name: 'Acme Inc.' },
			metadata: { workflow: '42' },
		});
		expect(order).toMatchObject({ object: 'climate.order', status: 'open', product: PRODUCT, beneficiary: { public_name: 'Acme Inc.' } });
		expect(order.metric_tons.toString()).toBe('0.25');
		expect(order.amount_total).toBe(order.amount_subtotal + order.amount_fees);

		const expanded = await stripe.climate.orders.retrieve(order.id, { expand: ['product'] });
		expect((expanded.product as Stripe.Climate.Product).name).toBe('Frontier 2028 Offtake Portfolio');
		const updated = await stripe.climate.orders.update(order.id, { beneficiary: '', metadata: { workflow: '' } });
		expect(updated.beneficiary).toBeUndefined();
		expect(updated.metadata).toEqual({});

		emulator.seedClimateOrders(30);
		const all = await stripe.climate.orders.list({ limit: 7 }).autoPagingToArray({ limit: 100 });
		expect(all).toHaveLength(31);
		expect(all[0].id).toBe(order.id);

		const canceled = await stripe.climate.orders.cancel(order.id);
		expect(canceled.status).toBe('canceled');
		await expect(stripe.climate.orders.cancel(order.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 400 });
		await expect(stripe.climate.orders.retrieve('climorder_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
	});

	it('creates, retrieves and lists forwarding requests', async () => {
		const forwarded = await stripe.forwarding.requests.create({
			payment_method: 'pm_card_visa',
			url: 'https://endpoint-url/v1/payments',
			replacements: ['card_number', 'card_cvc'],
			request: { body: '{"amount":100}', headers: [{ name: 'Destination-API-Key', value: 'secret' }] },
		});
		expect(forwarded).toMatchObject({
			object: 'forwarding.request',
			request_details: { http_method: 'POST', headers: [{ name: 'Destination-API-Key', value: '[REDACTED]' }] },
			response_details: { status: 200 },
		});
		expect((await stripe.forwarding.requests.retrieve(forwarded.id)).id).toBe(forwarded.id);
		expect((await stripe.forwarding.requests.list()).data.map((r) => r.id)).toEqual([forwarded.id]);
	});

	it('retries a reset connection with its idempotency key and creates the order once', async () => {
		emulator.injectFaults(1, { kind: 'resetAfterCommit' }, { method: 'POST', pathPrefix: '/v1/climate/orders' });
		const order = await stripe.climate.orders.create({ product: PRODUCT, amount: 10_000 });
		const posts = emulator.requests.filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
		expect(emulator.listObjects('climate.order').map((o) => o.id)).toEqual([order.id]);
	});

	it('reaches the onramp endpoints with rawRequest', async () => {
		const session = await stripe.rawRequest('POST', '/v1/crypto/onramp_sessions', {
			source_amount: '100',
			destination_currency: 'usdc',
			destination_network: 'base',
			wallet_addresses: { base_network: '0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db' },
		});
		expect(session).toMatchObject({ object: 'crypto.onramp_session', status: 'initialized' });
		const quotes = await stripe.rawRequest('GET', '/v1/crypto/onramp/quotes?destination_networks[0]=bitcoin');
		expect(quotes.destination_network_quotes.bitcoin[0]).toMatchObject({ destination_currency: 'btc', source_total_amount: expect.any(String) });
	});

	it('manages webhook endpoints, and constructEvent accepts the events they receive', async () => {
		const bodies: Array<{ raw: string; signature: string }> = [];
		const receiver = http.createServer((req, res) => {
			let raw = '';
			req.on('data', (c) => (raw += c));
			req.on('end', () => {
				bodies.push({ raw, signature: String(req.headers['stripe-signature']) });
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
			const endpoint = await stripe.webhookEndpoints.create({ url, enabled_events: ['climate.order.created', 'climate.order.delivered'] });
			expect(endpoint.secret).toMatch(/^whsec_/);
			expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();
			const updated = await stripe.webhookEndpoints.update(endpoint.id, { description: 'n8n trigger', metadata: { a: 'b' } });
			expect(updated).toMatchObject({ description: 'n8n trigger', metadata: { a: 'b' }, status: 'enabled' });
			expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);

			const order = await stripe.climate.orders.create({ product: PRODUCT, metric_tons: Stripe.Decimal.from('1') });
			await emulator.setClimateOrderStatus(order.id, 'delivered');
			await emulator.waitForDeliveries((d) => d.filter((r) => r.status === 200).length === 2);
			const events = bodies.map((b) => stripe.webhooks.constructEvent(b.raw, b.signature, endpoint.secret!));
			expect(events.map((e) => e.type).sort()).toEqual(['climate.order.created', 'climate.order.delivered']);
			expect(() => stripe.webhooks.constructEvent(bodies[0].raw, bodies[0].signature, 'whsec_wrong')).toThrow();

			const deleted = await stripe.webhookEndpoints.del(endpoint.id);
			expect(deleted).toMatchObject({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
		} finally {
			await new Promise((r) => receiver.close(r));
		}
	});
});
