import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { type StripeEmulator, startEmulator } from '../emulator/index';

const KEY = 'sk_test_emulatorClockTestKey1234';
const DAY = 24 * 60 * 60;

let emulator: StripeEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ deliveryRetryDelaysMs: [20] });
});

afterAll(() => emulator.close());

beforeEach(() => emulator.reset());

async function call(method: string, path: string, body?: string, json = false) {
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		body,
		headers: json ? { 'Content-Type': 'application/json' } : { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	return { status: response.status, body: (await response.json()) as any };
}

describe("emulator: objects take created from the emulator's clock", () => {
	it('a climate order and an onramp session made with the clock moved back are that old, like their events, and still cancelable within 24 hours of it', async () => {
		emulator.setClock({ hold: true });
		emulator.setClock({ advanceSeconds: -10 * DAY });
		const at = emulator.clock.now;
		const order = await call('POST', '/v1/climate/orders', 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=0.5');
		const session = await call('POST', '/v1/crypto/onramp_sessions', 'source_amount=50&destination_currency=eth&destination_network=ethereum');
		expect([order.body.created, session.body.created]).toEqual([at, at]);
		expect(emulator.listObjects('event')[0]).toMatchObject({ type: 'climate.order.created', created: at });
		emulator.setClock({ advanceSeconds: DAY - 1 });
		expect((await call('POST', `/v1/climate/orders/${order.body.id}/cancel`)).body).toMatchObject({ status: 'canceled', canceled_at: at + DAY - 1 });
	});

	it('lists them newest first by that created', async () => {
		emulator.setClock({ hold: true });
		const now = emulator.clock.now;
		emulator.setClock({ advanceSeconds: -DAY });
		const older = (await call('POST', '/v1/climate/orders', 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=1')).body;
		emulator.setClock({ advanceSeconds: DAY });
		const newer = (await call('POST', '/v1/climate/orders', 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=2')).body;
		emulator.setClock({ advanceSeconds: -3 * DAY });
		const oldest = (await call('POST', '/v1/climate/orders', 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=3')).body;
		expect(newer.created).toBe(now);
		expect((await call('GET', '/v1/climate/orders')).body.data.map((o: { id: string }) => o.id)).toEqual([newer.id, older.id, oldest.id]);
	});
});

describe('emulator: POST /_emulator/events (stripe trigger)', () => {
	it('stores, lists and delivers a signed event about an object it does not keep', async () => {
		const server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
			await call('POST', '/v1/webhook_endpoints', `url=${encodeURIComponent(url)}&enabled_events[0]=checkout.session.completed`);
			const object = { id: 'cs_test_a1', object: 'checkout.session', payment_status: 'paid' };
			const event = (await call('POST', '/_emulator/events', JSON.stringify({ type: 'checkout.session.completed', object }), true)).body;
			expect(event).toMatchObject({ type: 'checkout.session.completed', data: { object }, request: { id: null } });
			await emulator.waitForDeliveries((d) => d.some((x) => x.eventId === event.id && x.status === 200));
			expect((await call('GET', '/v1/events?type=checkout.session.completed')).body.data.map((e: { id: string }) => e.id)).toEqual([event.id]);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('refuses a type Stripe does not send and an object without id or object name', async () => {
		const bad = [
			{ type: 'checkout.session.finished', object: { id: 'cs_1', object: 'checkout.session' } },
			{ type: '*', object: { id: 'cs_1', object: 'checkout.session' } },
			{ type: 'checkout.session.completed', object: { object: 'checkout.session' } },
		];
		for (const body of bad) expect((await call('POST', '/_emulator/events', JSON.stringify(body), true)).status).toBe(400);
		expect(emulator.listObjects('event')).toEqual([]);
	});
});
