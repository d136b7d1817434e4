import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { type StripeEmulator, startEmulator } from '../emulator/index';

const KEY = 'sk_test_emulatorEventsTestKey123';
const ORDER_BODY = 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=0.5';
const DAY = 24 * 60 * 60;

let emulator: StripeEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ deliveryRetryDelaysMs: [20, 20] });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.reset());

async function call(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}) {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		body: options.body,
		headers: {
			Authorization: `Bearer ${KEY}`,
			...(options.body !== undefined ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			...options.headers,
		},
	});
	return { status: response.status, body: (await response.json()) as any };
}

async function createOrder(headers: Record<string, string> = {}): Promise<string> {
	const reply = await call('POST', '/v1/climate/orders', { body: ORDER_BODY, headers });
	expect(reply.status).toBe(200);
	return reply.body.id;
}

const ids = (list: { data: Array<{ id: string }> }) => list.data.map((event) => event.id);

/** A webhook receiver answering every request with `status`. */
async function receiver(status: number): Promise<{ url: string; close: () => Promise<void> }> {
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => res.writeHead(status).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('emulator: GET /v1/events', () => {
	it('lists the events its actions created, newest first, with cursor pagination', async () => {
		for (let i = 0; i < 3; i++) await createOrder();
		const [first] = emulator.listObjects('climate.order');
		await emulator.setClimateOrderStatus(first.id, 'delivered');
		const stored = emulator.listObjects('event');
		expect(stored.map((event) => event.type)).toEqual([
			'climate.order.delivered',
			'climate.order.created',
			'climate.order.created',
			'climate.order.created',
		]);

		const page1 = await call('GET', '/v1/events?limit=3');
		expect(page1.body).toMatchObject({ object: 'list', url: '/v1/events', has_more: true });
		expect(ids(page1.body)).toEqual(stored.slice(0, 3).map((event) => event.id));
		const page2 = await call('GET', `/v1/events?limit=3&starting_after=${page1.body.data[2].id}`);
		expect(page2.body.has_more).toBe(false);
		expect(ids(page2.body)).toEqual([stored[3].id]);

		const one = await call('GET', `/v1/events/${stored[0].id}`);
		expect(one.body).toMatchObject({ id: stored[0].id, object: 'event', type: 'climate.order.delivered', data: { object: { id: first.id } } });
		const missing = await call('GET', '/v1/events/evt_doesNotExist');
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatchObject({ code: 'resource_missing', message: "No such event: 'evt_doesNotExist'" });
	});

	it('filters by one type, a * group, up to 20 types and a created range', async () => {
		const order = await createOrder();
		await createOrder();
		await emulator.setClimateOrderStatus(order, 'canceled');
		emulator.seedOnrampSessions(1);
		const [session] = emulator.listObjects('crypto.onramp_session');
		await emulator.advanceOnrampSession(session.id, session.status === 'rejected' ? 'initialized' : 'rejected');

		const types = async (query: string) => (await call('GET', `/v1/events?${query}`)).body.data.map((event: { type: string }) => event.type);
		expect(await types('type=climate.order.created')).toEqual(['climate.order.created', 'climate.order.created']);
		expect(await types('type=climate.order.*')).toEqual(['climate.order.canceled', 'climate.order.created', 'climate.order.created']);
		expect(await types('type=*.created')).toEqual(['climate.order.created', 'climate.order.created']);
		expect(await types('type=climate.*')).toHaveLength(3);
		expect(await types('type=climate')).toEqual([]);
		expect(await types('types[]=crypto.onramp_session_updated&types[]=climate.order.canceled')).toEqual([
			'crypto.onramp_session_updated',
			'climate.order.canceled',
		]);

		const all = emulator.listObjects('event');
		const created = all[1].created;
		expect(ids((await call('GET', `/v1/events?created[gte]=${created}&created[lte]=${created}`)).body)).toEqual(
			all.filter((event) => event.created === created).map((event) => event.id),
		);
		expect((await call('GET', `/v1/events?created[gt]=${all[0].created}`)).body.data).toEqual([]);
	});

	it("refuses type together with types, and more than 20 types, with Stripe's error shape", async () => {
		const both = await call('GET', '/v1/events?type=climate.order.created&types[]=climate.order.canceled');
		expect(both.status).toBe(400);
		expect(both.body.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'parameters_exclusive',
			message: 'You may only specify one of these parameters: type, types.',
		});
		const many = Array.from({ length: 21 }, (_, i) => `types[]=t.${i}`).join('&');
		const tooMany = await call('GET', `/v1/events?${many}`);
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error).toMatchObject({ type: 'invalid_request_error', param: 'types' });
		const twenty = Array.from({ length: 20 }, (_, i) => `types[]=t.${i}`).join('&');
		expect((await call('GET', `/v1/events?${twenty}`)).status).toBe(200);
	});

	it('tracks delivery_success from its own deliveries: pending or failed events are false, delivered ones and events without endpoints true', async () => {
		const good = await receiver(200);
		const bad = await receiver(500);
		try {
			await createOrder(); // no endpoint yet: nothing to deliver
			const goodEndpoint = await call('POST', '/v1/webhook_endpoints', { body: `url=${encodeURIComponent(good.url)}&enabled_events[0]=climate.order.created` });
			await createOrder();
			await emulator.waitForDeliveries((d) => d.some((r) => r.status === 200));
			await call('POST', '/v1/webhook_endpoints', { body: `url=${encodeURIComponent(bad.url)}&enabled_events[0]=climate.order.canceled` });
			const order = await createOrder();
			await call('POST', `/v1/climate/orders/${order}/cancel`);
			await emulator.waitForDeliveries((d) => d.filter((r) => r.status === 500).length === 3 && d.filter((r) => r.status === 200).length === 2);
			// the last created event went to the good endpoint only; the cancel event failed all 3 attempts
			await new Promise((resolve) => setImmediate(resolve));

			const events = emulator.listObjects('event');
			const byType = (type: string) => events.filter((event) => event.type === type);
			const cancel = byType('climate.order.canceled')[0];
			expect(cancel.pending_webhooks).toBe(1);
			expect(byType('climate.order.created').map((event) => event.pending_webhooks)).toEqual([0, 0, 0]);

			expect(ids((await call('GET', '/v1/events?delivery_success=false')).body)).toEqual([cancel.id]);
			expect(ids((await call('GET', '/v1/events?delivery_success=true')).body)).toEqual(byType('climate.order.created').map((event) => event.id));
			expect((await call('GET', '/v1/events')).body.data).toHaveLength(4);
			expect(goodEndpoint.status).toBe(200);
		} finally {
			await good.close();
			await bad.close();
		}
	});

	it('keeps events 30 days on its clock, and a held clock gives many events one second', async () => {
		emulator.setClock({ hold: true }); // held throughout: every age below is exact
		for (let i = 0; i < 5; i++) await createOrder();
		const held = emulator.listObjects('event');
		expect(new Set(held.map((event) => event.created)).size).toBe(1);
		expect(held[0].created).toBe(emulator.clock.now);
		emulator.setClock({ advanceSeconds: 10 });
		const later = await createOrder();
		const newest = emulator.listObjects('event')[0];
		expect(newest.data.object.id).toBe(later);
		expect(newest.created).toBe(held[0].created + 10);

		emulator.setClock({ advanceSeconds: 30 * DAY - 10 }); // the first five are exactly 30 days old
		expect((await call('GET', '/v1/events?limit=100')).body.data).toHaveLength(6);
		emulator.setClock({ advanceSeconds: 1 });
		const listed = await call('GET', '/v1/events?limit=100');
		expect(ids(listed.body)).toEqual([newest.id]);
		expect((await call('GET', `/v1/events/${held[0].id}`)).status).toBe(404);
		expect((await call('GET', `/v1/events/${newest.id}`)).status).toBe(200);

		const heldAt = emulator.clock.now;
		emulator.setClock({ hold: false });
		expect(emulator.clock.held).toBe(false);
		expect(emulator.clock.now).toBeGreaterThanOrEqual(heldAt); // released, it runs on from there
	});

	it('lists a connected account its own events (Stripe-Account), apart from the platform and the other mode', async () => {
		await createOrder();
		await createOrder({ 'Stripe-Account': 'acct_1Connected' });
		const platform = await call('GET', '/v1/events');
		const connected = await call('GET', '/v1/events', { headers: { 'Stripe-Account': 'acct_1Connected' } });
		expect(platform.body.data).toHaveLength(1);
		expect(platform.body.data[0].account).toBeUndefined();
		expect(connected.body.data).toHaveLength(1);
		expect(connected.body.data[0]).toMatchObject({ account: 'acct_1Connected' });
		expect((await call('GET', `/v1/events/${connected.body.data[0].id}`)).status).toBe(404);
		const live = await fetch(`${emulator.url}/v1/events`, { headers: { Authorization: 'Bearer sk_live_emulatorEventsTestKey123' } });
		expect(((await live.json()) as any).data).toEqual([]);
	});

	it('moves and holds its clock over the admin API', async () => {
		const admin = async (method: string, body?: unknown) => {
			const response = await fetch(`${emulator.url}/_emulator/clock`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
			return (await response.json()) as any;
		};
		const start = (await admin('GET')).now;
		const moved = await admin('POST', { advanceSeconds: 31 * DAY, hold: true });
		expect(moved.held).toBe(true);
		expect(moved.now - start).toBeGreaterThanOrEqual(31 * DAY);
		await createOrder();
		expect(emulator.listObjects('event')[0].created).toBe(moved.now);
		expect((await admin('POST', { hold: false })).held).toBe(false);
	});
});
