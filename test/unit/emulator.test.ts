import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseForm } from '../emulator/form';
import { type StripeEmulator, startEmulator } from '../emulator/index';

const KEY = 'sk_test_emulatorUnitTestKey1234';
const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';
const ORDER_BODY = `product=${PRODUCT}&metric_tons=0.5`;

interface Reply {
	status: number;
	headers: Headers;
	body: any;
}

let emulator: StripeEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ deliveryRetryDelaysMs: [50, 50] });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.reset());

async function call(
	method: string,
	path: string,
	options: { body?: string; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
	const key = options.key === undefined ? KEY : options.key;
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		body: options.body,
		headers: {
			...(key ? { Authorization: `Bearer ${key}` } : {}),
			...(options.body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			...options.headers,
		},
	});
	return { status: response.status, headers: response.headers, body: await response.json() };
}

function expectError(reply: Reply, status: number, fields: Record<string, unknown>): void {
	expect(reply.status).toBe(status);
	expect(reply.body.error).toMatchObject(fields);
	expect(reply.body.error.request_log_url).toMatch(/^https:\/\/dashboard\.stripe\.com\/.*logs\/req_/);
	expect(reply.headers.get('request-id')).toMatch(/^req_/);
}

describe('form parsing', () => {
	it('parses nested keys, indexed and appended arrays, with literal or encoded brackets', () => {
		expect(parseForm('a[b]=1&c%5B0%5D=x&c%5B1%5D=y&d[]=p&d[]=q&e[0][name]=n&e[0][value]=v&f=a+b%21')).toEqual({
			a: { b: '1' },
			c: ['x', 'y'],
			d: ['p', 'q'],
			e: [{ name: 'n', value: 'v' }],
			f: 'a b!',
		});
	});
});

describe('parameter validation', () => {
	it('rejects unknown parameters, top-level and nested, Stripe-style', async () => {
		const top = await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&foo=1` });
		expect(top.status).toBe(400);
		expect(top.body.error).toEqual({
			code: 'parameter_unknown',
			doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
			message: 'Received unknown parameter: foo',
			param: 'foo',
			request_log_url: expect.stringContaining(top.headers.get('request-id')!),
			type: 'invalid_request_error',
		});
		const nested = await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&beneficiary[public_name]=A&beneficiary[nick]=B` });
		expectError(nested, 400, { code: 'parameter_unknown', param: 'beneficiary[nick]' });
		const query = await call('GET', '/v1/webhook_endpoints?limit=3&status=enabled');
		expectError(query, 400, { code: 'parameter_unknown', param: 'status' });
	});

	it('names the parameter in enum, type, empty and required errors', async () => {
		expectError(await call('POST', '/v1/crypto/onramp_sessions', { body: 'settlement_speed=fast' }), 400, {
			code: 'parameter_invalid_enum',
			param: 'settlement_speed',
		});
		expectError(await call('POST', '/v1/climate/orders', { body: `product=${PRODUCT}&amount=12.5` }), 400, {
			code: 'parameter_invalid_integer',
			param: 'amount',
		});
		expectError(await call('POST', '/v1/crypto/onramp_sessions', { body: 'lock_wallet_address=yes' }), 400, {
			code: 'parameter_invalid_boolean',
			param: 'lock_wallet_address',
		});
		expectError(await call('POST', '/v1/climate/orders', { body: 'metric_tons=1' }), 400, { code: 'parameter_missing', param: 'product' });
		expectError(await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&currency=` }), 400, {
			code: 'parameter_invalid_empty',
			param: 'currency',
		});
		expectError(await call('POST', '/v1/crypto/onramp_sessions', { body: 'settlement_speed=slow' }), 400, {
			code: 'parameter_invalid_enum',
			param: 'settlement_speed',
		});
		// An open enum (x-stripeBypassValidation) takes values newer than its list: validation passes, the missing session answers.
		expectError(
			await call('POST', '/v1/crypto/onramp_sessions/cos_x/checkout', { body: 'mandate_data[customer_acceptance][type]=paper' }),
			404,
			{ code: 'resource_missing' },
		);
		expectError(await call('GET', '/v1/climate/orders?limit=101'), 400, { param: 'limit' });
		expectError(await call('GET', '/v1/climate/orders?starting_after=a&ending_before=b'), 400, { code: 'parameters_exclusive' });
	});

	it('applies cross-field rules and accepts bypass-validated enums and per-network wallets', async () => {
		expectError(await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&amount=100` }), 400, { code: 'parameters_exclusive' });
		expectError(await call('POST', '/v1/climate/orders', { body: `product=${PRODUCT}` }), 400, { code: 'parameter_missing' });
		expectError(await call('POST', '/v1/crypto/onramp_sessions', { body: 'customer_ip_address=not-an-ip' }), 400, { param: 'customer_ip_address' });
		expectError(await call('POST', '/v1/crypto/onramp_sessions', { body: 'destination_amount=1&destination_network=ethereum' }), 400, {
			code: 'parameter_missing',
			param: 'destination_currency',
		});
		const endpoint = await call('POST', '/v1/webhook_endpoints', {
			body: 'url=http%3A%2F%2F127.0.0.1%3A9%2Fhook&enabled_events[0]=crypto.onramp_session_updated',
		});
		expect(endpoint.status).toBe(200);
		const session = await call('POST', '/v1/crypto/onramp_sessions', {
			body: 'source_amount=100&destination_currency=eth&destination_network=ethereum&wallet_addresses[ethereum]=0x9fB29AAc15b9A4B7F17c3385939b007540f4d791&customer_ip_address=2001:db8::1',
		});
		expect(session.status).toBe(200);
		expect(session.body.transaction_details).toMatchObject({ wallet_address: '0x9fB29AAc15b9A4B7F17c3385939b007540f4d791', destination_amount: '0.03125' });
	});

	it('answers unknown routes and ids with a wrong prefix like Stripe', async () => {
		expectError(await call('GET', '/v1/climate/widgets'), 404, { message: expect.stringContaining('Unrecognized request URL (GET: /v1/climate/widgets)') });
		expectError(await call('GET', '/v1/climate/orders/cus_123'), 404, { code: 'resource_missing', param: 'id', message: "No such climate order: 'cus_123'" });
	});
});

describe('authentication and headers', () => {
	it('answers 401 without a key and never echoes a malformed key in full', async () => {
		const missing = await call('GET', '/v1/climate/products', { key: null });
		expectError(missing, 401, { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') });
		const secret = 'pk_test_51AbCdEfGhIjKlMnOpQrStUv9876';
		const malformed = await call('GET', '/v1/climate/products', { key: secret });
		expectError(malformed, 401, { message: 'Invalid API Key provided: pk_test_************************9876' });
		expect(JSON.stringify(malformed.body)).not.toContain(secret);
		const basic = await call('GET', '/v1/climate/products', { key: null, headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` } });
		expect(basic.status).toBe(200);
	});

	it('accepts well-formed Stripe-Version values and rejects malformed ones', async () => {
		const newer = await call('GET', '/v1/climate/products', { headers: { 'Stripe-Version': '2026-10-28.endive' } });
		expect(newer.status).toBe(200);
		expect(newer.headers.get('stripe-version')).toBe('2026-10-28.endive');
		expectError(await call('GET', '/v1/climate/products', { headers: { 'Stripe-Version': 'latest' } }), 400, { type: 'invalid_request_error' });
	});

	it('scopes state by Stripe-Account and key mode', async () => {
		const account = { 'Stripe-Account': 'acct_1Connected' };
		const created = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers: account });
		expect(created.status).toBe(200);
		expect((await call('GET', '/v1/climate/orders', { headers: account })).body.data.map((o: any) => o.id)).toEqual([created.body.id]);
		expect((await call('GET', '/v1/climate/orders')).body.data).toEqual([]);
		expect((await call('GET', `/v1/climate/orders/${created.body.id}`)).status).toBe(404);
		const live = await call('GET', '/v1/climate/orders', { key: 'sk_live_emulatorUnitTestKey1234', headers: account });
		expect(live.body.data).toEqual([]);
		expect(emulator.listObjects('climate.order', { account: 'acct_1Connected' })).toHaveLength(1);
		expectError(await call('GET', '/v1/climate/orders', { headers: { 'Stripe-Account': 'not_an_account' } }), 403, { code: 'account_invalid' });
	});
});

describe('lists', () => {
	it('paginates 250 seeded orders newest first with cursors in both directions', async () => {
		emulator.seedClimateOrders(250);
		const expected = emulator.listObjects('climate.order').map((o) => o.id);
		const seen: string[] = [];
		const hasMore: boolean[] = [];
		let cursor = '';
		do {
			const page = await call('GET', `/v1/climate/orders?limit=100${cursor ? `&starting_after=${cursor}` : ''}`);
			expect(page.body).toMatchObject({ object: 'list', url: '/v1/climate/orders' });
			seen.push(...page.body.data.map((o: any) => o.id));
			hasMore.push(page.body.has_more);
			cursor = page.body.has_more ? seen[seen.length - 1] : '';
		} while (cursor);
		expect(seen).toEqual(expected);
		expect(hasMore).toEqual([true, true, false]);
		const created = emulator.listObjects('climate.order').map((o) => o.created);
		expect(created).toEqual([...created].sort((a, b) => b - a));

		const before = await call('GET', `/v1/climate/orders?limit=5&ending_before=${expected[10]}`);
		expect(before.body.data.map((o: any) => o.id)).toEqual(expected.slice(5, 10));
		expect(before.body.has_more).toBe(true);
		const defaultPage = await call('GET', '/v1/climate/orders?expand[]=data.product');
		expect(defaultPage.body.data).toHaveLength(10);
		expect(defaultPage.body.data[0].product.object).toBe('climate.product');
	});
});

describe('idempotency', () => {
	it('replays the saved response and rejects a key reused with other parameters or path', async () => {
		const headers = { 'Idempotency-Key': 'order-1' };
		const first = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers });
		const second = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers });
		expect(second.status).toBe(200);
		expect(second.body).toEqual(first.body);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect(second.headers.get('idempotency-key')).toBe('order-1');
		expect(emulator.listObjects('climate.order')).toHaveLength(1);

		const otherParams = await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&metadata[x]=y`, headers });
		expectError(otherParams, 400, { type: 'idempotency_error' });
		const otherPath = await call('POST', '/v1/forwarding/requests', { body: 'payment_method=pm_1&url=https%3A%2F%2Fx.test&replacements[0]=card_cvc', headers });
		expectError(otherPath, 400, { type: 'idempotency_error' });
	});

	it('does not save validation failures, and answers 409 while the first request is in flight', async () => {
		const headers = { 'Idempotency-Key': 'order-2' };
		expect((await call('POST', '/v1/climate/orders', { body: `${ORDER_BODY}&bogus=1`, headers })).status).toBe(400);
		emulator.injectFaults(1, { kind: 'hang', ms: 300 }, { method: 'POST', pathPrefix: '/v1/climate/orders' });
		const slow = call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers });
		await new Promise((r) => setTimeout(r, 100));
		expectError(await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers }), 409, {
			type: 'idempotency_error',
			code: 'idempotency_key_in_use',
		});
		expect((await slow).status).toBe(200);
		expect((await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers })).headers.get('idempotent-replayed')).toBe('true');
		expect(emulator.listObjects('climate.order')).toHaveLength(1);
	});

	it('commits before a resetAfterCommit, so a retry with the same key creates exactly one object', async () => {
		emulator.injectFaults(1, { kind: 'resetAfterCommit' }, { pathPrefix: '/v1/climate/orders' });
		const headers = { 'Idempotency-Key': 'exactly-once' };
		await expect(call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers })).rejects.toThrow();
		const retry = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers });
		expect(retry.status).toBe(200);
		expect(retry.headers.get('idempotent-replayed')).toBe('true');
		expect(emulator.listObjects('climate.order').map((o) => o.id)).toEqual([retry.body.id]);
		expect(emulator.requests.map((r) => r.status)).toEqual([0, 200]);
	});
});

describe('faults and rate limits', () => {
	it('answers 429 with code rate_limit beyond the per-second limit, per account', async () => {
		emulator.setRateLimit(5);
		const replies = await Promise.all(Array.from({ length: 8 }, () => call('GET', '/v1/climate/products?limit=1')));
		const limited = replies.filter((r) => r.status === 429);
		expect(limited).toHaveLength(3);
		expectError(limited[0], 429, { type: 'invalid_request_error', code: 'rate_limit' });
		expect(limited[0].headers.get('retry-after')).toBe('1');
		expect(limited[0].headers.get('stripe-should-retry')).toBeNull();
		expect((await call('GET', '/v1/climate/products', { headers: { 'Stripe-Account': 'acct_1Other' } })).status).toBe(200);
	});

	it('injects status faults with Stripe-Should-Retry', async () => {
		emulator.injectFaults(2, { kind: 'status', status: 503, shouldRetry: true, retryAfterSeconds: 2 }, { method: 'GET' });
		const faulted = await call('GET', '/v1/climate/products');
		expectError(faulted, 503, { type: 'api_error' });
		expect(faulted.headers.get('stripe-should-retry')).toBe('true');
		expect(faulted.headers.get('retry-after')).toBe('2');
		expect((await call('POST', '/v1/climate/orders', { body: ORDER_BODY })).status).toBe(200);
		expect((await call('GET', '/v1/climate/products')).status).toBe(503);
		expect((await call('GET', '/v1/climate/products')).status).toBe(200);
	});

	it('repeats a seeded fault-rate sequence and adds latency', async () => {
		const run = async () => {
			emulator.injectFaultRate(0.5, [{ kind: 'status', status: 500 }, { kind: 'status', status: 503 }], { pathPrefix: '/v1/climate' }, 42);
			const statuses = [];
			for (let i = 0; i < 12; i++) statuses.push((await call('GET', '/v1/climate/products?limit=1')).status);
			emulator.clearFaults();
			return statuses;
		};
		const first = await run();
		expect(new Set(first).size).toBe(3);
		expect(await run()).toEqual(first);
		emulator.setLatency(80);
		const started = Date.now();
		await call('GET', '/v1/climate/products');
		expect(Date.now() - started).toBeGreaterThanOrEqual(75);
	});
});

describe('webhook events', () => {
	interface Received {
		body: string;
		signature: string;
	}

	async function receiver(statuses: number[]): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
		const received: Received[] = [];
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (c) => (body += c));
			req.on('end', () => {
				received.push({ body, signature: String(req.headers['stripe-signature']) });
				res.writeHead(statuses[received.length - 1] ?? 200).end();
			});
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
		return { url, received, close: () => new Promise((r) => server.close(() => r())) };
	}

	function verify(received: Received, secret: string): void {
		const parts = Object.fromEntries(received.signature.split(',').map((kv) => kv.split('=')));
		const expected = createHmac('sha256', secret).update(`${parts.t}.${received.body}`).digest('hex');
		expect(parts.v1).toBe(expected);
		expect(Math.abs(Date.now() / 1000 - Number(parts.t))).toBeLessThan(5);
	}

	it('delivers signed events and retries after a 500 from the receiver', async () => {
		const hook = await receiver([500, 200]);
		try {
			const endpoint = await call('POST', '/v1/webhook_endpoints', {
				body: `url=${encodeURIComponent(hook.url)}&enabled_events[0]=climate.order.created&enabled_events[1]=climate.order.canceled`,
			});
			const secret: string = endpoint.body.secret;
			expect(secret).toMatch(/^whsec_/);
			expect((await call('GET', `/v1/webhook_endpoints/${endpoint.body.id}`)).body.secret).toBeUndefined();

			const order = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers: { 'Idempotency-Key': 'evt-order' } });
			await emulator.waitForDeliveries((d) => d.some((r) => r.status === 200));
			expect(emulator.deliveries.map((d) => [d.attempt, d.status])).toEqual([
				[1, 500],
				[2, 200],
			]);
			hook.received.forEach((r) => verify(r, secret));
			const [first, second] = hook.received.map((r) => JSON.parse(r.body));
			expect(second.id).toBe(first.id);
			expect(first).toMatchObject({
				object: 'event',
				type: 'climate.order.created',
				api_version: '2026-07-29.dahlia',
				livemode: false,
				pending_webhooks: 1,
				data: { object: { id: order.body.id, object: 'climate.order' } },
				request: { id: order.headers.get('request-id'), idempotency_key: 'evt-order' },
			});
			expect(emulator.listObjects('event').map((e) => e.id)).toEqual([first.id]);
		} finally {
			await hook.close();
		}
	});

	it('routes connected-account events to connect endpoints and status changes to onramp listeners', async () => {
		const hook = await receiver([]);
		try {
			const platformOnly = await call('POST', '/v1/webhook_endpoints', { body: `url=${encodeURIComponent(hook.url)}&enabled_events[0]=*` });
			const connect = await call('POST', '/v1/webhook_endpoints', {
				body: `url=${encodeURIComponent(hook.url)}&enabled_events[0]=*&connect=true&api_version=2025-03-31.basil`,
			});
			await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers: { 'Stripe-Account': 'acct_1Connected' } });
			await emulator.waitForDeliveries((d) => d.length === 1);
			expect(emulator.deliveries[0].endpointId).toBe(connect.body.id);
			expect(JSON.parse(hook.received[0].body)).toMatchObject({ account: 'acct_1Connected', api_version: '2025-03-31.basil' });

			const session = await call('POST', '/v1/crypto/onramp_sessions', { body: 'source_amount=50&destination_currency=usdc&destination_network=solana' });
			await new Promise((r) => setTimeout(r, 50));
			expect(emulator.deliveries).toHaveLength(1); // no event on create
			await emulator.advanceOnrampSession(session.body.id, 'fulfillment_complete');
			await emulator.waitForDeliveries((d) => d.length === 2);
			const event = JSON.parse(hook.received[1].body);
			expect(event).toMatchObject({ type: 'crypto.onramp_session_updated', data: { previous_attributes: { status: 'initialized' } } });
			expect(emulator.deliveries[1].endpointId).toBe(platformOnly.body.id);
			await emulator.redeliverEvent(event.id);
			expect(JSON.parse(hook.received[2].body).id).toBe(event.id);
		} finally {
			await hook.close();
		}
	});
});

describe('resources and admin API', () => {
	it('cancels a climate order once and reports delivered status as an event', async () => {
		const order = await call('POST', '/v1/climate/orders', { body: ORDER_BODY });
		const canceled = await call('POST', `/v1/climate/orders/${order.body.id}/cancel`);
		expect(canceled.body).toMatchObject({ status: 'canceled', cancellation_reason: 'requested', canceled_at: expect.any(Number) });
		expectError(await call('POST', `/v1/climate/orders/${order.body.id}/cancel`), 400, { type: 'invalid_request_error' });
		const other = await call('POST', '/v1/climate/orders', { body: ORDER_BODY });
		const delivered = await emulator.setClimateOrderStatus(other.body.id, 'delivered');
		expect(delivered).toMatchObject({ status: 'delivered', delivered_at: expect.any(Number) });
		expect(emulator.listObjects('event').map((e) => e.type)).toEqual(['climate.order.delivered', 'climate.order.created', 'climate.order.canceled', 'climate.order.created']);
	});

	it('serves the onramp quotes paths the account has, and answers the others like unknown URLs', async () => {
		expect((await call('GET', '/v1/crypto/onramp_quotes?source_amount=10')).body.object).toBe('crypto.onramp.quotes');
		expect((await call('GET', '/v1/crypto/onramp/quotes?source_amount=10')).body.object).toBe('crypto.onramp.quotes');
		emulator.setOnrampQuotesPaths('onramp/quotes');
		expectError(await call('GET', '/v1/crypto/onramp_quotes?source_amount=bad'), 404, {
			type: 'invalid_request_error',
			message: 'Unrecognized request URL (GET: /v1/crypto/onramp_quotes). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
		});
		expect((await call('GET', '/v1/crypto/onramp/quotes')).status).toBe(200);
		emulator.setOnrampQuotesPaths('onramp_quotes');
		expectError(await call('GET', '/v1/crypto/onramp/quotes'), 404, { message: expect.stringMatching(/^Unrecognized request URL \(GET: \/v1\/crypto\/onramp\/quotes\)/) });
		emulator.reset(); // back to the start option: both
		const v2 = { 'Stripe-Version': '2026-08-26.dahlia;crypto_onramp_beta=v2' };
		expectError(await call('GET', '/v1/crypto/onramp/quotes', { headers: v2 }), 400, { type: 'invalid_request_error' });
		const current = await call('GET', '/v1/crypto/onramp_quotes', { headers: v2 });
		expect(current.status).toBe(200);
		expect(current.headers.get('stripe-version')).toBe(v2['Stripe-Version']);
		expectError(await call('GET', '/v1/crypto/onramp_quotes', { headers: { 'Stripe-Version': '2026-08-26.dahlia;crypto_onramp_beta' } }), 400, { param: 'Stripe-Version' });
	});

	it('lists and retrieves the events it emitted, filtered by type group or names', async () => {
		const order = await call('POST', '/v1/climate/orders', { body: ORDER_BODY });
		await call('POST', `/v1/climate/orders/${order.body.id}/cancel`);
		const all = await call('GET', '/v1/events');
		expect(all.body.data.map((e: any) => e.type)).toEqual(['climate.order.canceled', 'climate.order.created']);
		const group = await call('GET', '/v1/events?type=climate.order.*&limit=1');
		expect(group.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/events' });
		expect(group.body.data.map((e: any) => e.type)).toEqual(['climate.order.canceled']);
		const named = await call('GET', '/v1/events?types[0]=climate.order.created');
		expect(named.body.data.map((e: any) => e.type)).toEqual(['climate.order.created']);
		expect((await call('GET', `/v1/events/${named.body.data[0].id}`)).body.id).toBe(named.body.data[0].id);
		expectError(await call('GET', '/v1/events/evt_missing'), 404, { code: 'resource_missing' });
		expectError(await call('GET', '/v1/events?type=a.b&types[0]=a.b'), 400, { type: 'invalid_request_error' });
	});

	it('drives the emulator over HTTP under /_emulator/', async () => {
		const admin = async (method: string, path: string, body?: unknown) => {
			const r = await fetch(`${emulator.url}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
			return { status: r.status, body: (await r.json()) as any };
		};
		expect((await admin('POST', 'seed', { kind: 'crypto.onramp_session', n: 12 })).status).toBe(200);
		const sessions = (await admin('GET', 'objects?kind=crypto.onramp_session')).body;
		expect(sessions).toHaveLength(12);
		const filtered = await call('GET', '/v1/crypto/onramp_sessions?status=initialized&limit=100');
		expect(filtered.body.data.length).toBeGreaterThan(0);
		expect(filtered.body.data.every((s: any) => s.status === 'initialized')).toBe(true);
		const since = await call('GET', `/v1/crypto/onramp_sessions?limit=100&created[gte]=${sessions[4].created}`);
		expect(since.body.data.map((s: any) => s.id)).toEqual(sessions.slice(0, 5).map((s: any) => s.id));
		const exact = await call('GET', `/v1/crypto/onramp_sessions?created=${sessions[4].created}`);
		expect(exact.body.data.map((s: any) => s.id)).toEqual([sessions[4].id]);
		const advanced = await admin('POST', `onramp_sessions/${sessions[0].id}/advance`, { status: 'rejected' });
		expect(advanced.body.status).toBe('rejected');
		await admin('POST', 'faults', { count: 1, fault: { kind: 'status', status: 500 } });
		expect((await call('GET', '/v1/climate/products')).status).toBe(500);
		expect((await admin('GET', 'requests')).body.map((r: any) => r.status)).toEqual([200, 200, 200, 500]);
		expect((await admin('POST', 'rate-limit', { perSecond: null })).status).toBe(200);
		expect((await admin('GET', 'nothing-here')).status).toBe(404);
	});
});
