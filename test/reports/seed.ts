/**
 * Known data for the report templates, spread over several weeks and placed on the edges of the
 * week the reports read: climate orders (products, currencies, statuses), onramp sessions
 * (statuses, currencies, networks) and the events they cause, some of which webhook endpoints
 * never receive. Everything goes through the emulator's Stripe API and its admin routes; the
 * emulator's clock is moved to each object's moment (objects and events take `created` from it) and
 * set back to this machine's time at the end.
 *
 * seedQuiet fills a second account the same way with nothing in those weeks: orders and sessions
 * just outside them (some inside the UTC week, outside the zone's), every delivery answered 2xx.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Emulator, StripeJson } from '../support/emulator';
import { previousWeek } from './calendar';

const HOUR = 3600;
const DAY = 24 * HOUR;

/** The timezones the three reports run in: far east and west of UTC, and a half-hour offset. */
export const ZONES = { climate: 'Pacific/Kiritimati', onramp: 'Pacific/Pago_Pago', health: 'America/St_Johns' } as const;

export interface SeededOrder {
	order: StripeJson;
	/** The suppliers of its product (ids, names), from the product list. */
	productSuppliers: Array<{ id: string; name: string }>;
	productName: string;
}

export interface SeededEndpoint {
	id: string;
	url: string;
	enabledEvents: string[];
	/** Never answers 2xx: its events stay undelivered. */
	failing: boolean;
	enabled: boolean;
}

export interface Seeded {
	orders: SeededOrder[];
	sessions: StripeJson[];
	endpoints: SeededEndpoint[];
	/** The events the emulator stored (id, type, created), read back after seeding. */
	events: Array<{ id: string; type: string; created: number }>;
	/** This machine's time (s) when seeding ended: the reports run right after it. */
	seededAt: number;
	/** Stops the suite's webhook receivers. */
	close(): Promise<void>;
}

/** Moments around the previous week of `zone`, as Unix seconds no later than `nowS` - 60. */
function moments(nowS: number, zone: string): { start: number; end: number; at: (s: number) => number | null } {
	const week = previousWeek(nowS * 1000, zone);
	const start = week.start / 1000;
	const end = week.end / 1000;
	return { start, end, at: (s) => (s <= nowS - 60 ? s : null) };
}

/** A local receiver answering every delivery with `status`. */
async function receiver(status: number): Promise<{ url: string; close(): Promise<void> }> {
	const server = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(status).end()));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/stripe`;
	return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A loopback port nothing listens on (opened, then closed). */
async function closedPortUrl(): Promise<string> {
	const r = await receiver(200);
	await r.close();
	return r.url.replace('/stripe', '/gone');
}

/** Holds the emulator's clock at `s` (Unix seconds): what is created next takes it as `created`. */
async function clockAt(emu: Emulator, s: number): Promise<void> {
	const clock = await emu.admin('GET', '/clock');
	await emu.admin('POST', '/clock', { advanceSeconds: s - clock.now, hold: true });
}

/** Back to this machine's time, the clock running again. */
async function clockBack(emu: Emulator): Promise<void> {
	const clock = await emu.admin('GET', '/clock');
	await emu.admin('POST', '/clock', { advanceSeconds: Math.floor(Date.now() / 1000) - clock.now, hold: false });
}

async function createEndpoints(emu: Emulator, specs: Array<Omit<SeededEndpoint, 'id'>>): Promise<SeededEndpoint[]> {
	const endpoints: SeededEndpoint[] = [];
	for (const spec of specs) {
		const params: Record<string, string> = { url: spec.url };
		spec.enabledEvents.forEach((type, i) => (params[`enabled_events[${i}]`] = type));
		const created = await emu.stripe('POST', '/v1/webhook_endpoints', params);
		if (!spec.enabled) await emu.stripe('POST', `/v1/webhook_endpoints/${created.id}`, { disabled: 'true' });
		endpoints.push({ id: created.id, ...spec });
	}
	return endpoints;
}

type OrderPlan = { at: number | null; product: number; tons: string; currency: string; status?: string };

/** Each planned order created at its moment (the ones still to come skipped), its status set. */
async function placeOrders(emu: Emulator, plan: OrderPlan[]): Promise<SeededOrder[]> {
	const products = (await emu.stripe('GET', '/v1/climate/products', { limit: 100 })).data as StripeJson[];
	const orders: SeededOrder[] = [];
	for (const p of plan) {
		if (p.at === null) continue; // a moment still to come (a run early in the week)
		await clockAt(emu, p.at);
		const product = products[p.product % products.length];
		let order = await emu.stripe('POST', '/v1/climate/orders', { product: product.id, metric_tons: p.tons, currency: p.currency });
		if (p.status) order = await emu.admin('POST', `/climate_orders/${order.id}/status`, { status: p.status });
		orders.push({ order, productName: product.name, productSuppliers: product.suppliers.map((s: StripeJson) => ({ id: s.id, name: s.name })) });
	}
	return orders;
}

const WALLETS: Record<string, string> = {
	ethereum: '0x9fB29AAc15b9A4B7F17c3385939b007540f4d791',
	solana: '7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV',
	bitcoin: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
	base: '0x4B20993Bc481177ec7E8f571ceCaE8A9e22C02db',
};

type SessionPlan = { at: number | null; network: string; currency: string; source: string; amount: string; status: string };

/** Each planned onramp session created at its moment (the ones still to come skipped) and advanced to its status. */
async function placeSessions(emu: Emulator, plan: SessionPlan[]): Promise<StripeJson[]> {
	const sessions: StripeJson[] = [];
	for (const p of plan) {
		if (p.at === null) continue;
		await clockAt(emu, p.at);
		const session = await emu.stripe('POST', '/v1/crypto/onramp_sessions', {
			source_amount: p.amount,
			source_currency: p.source,
			destination_currency: p.currency,
			destination_network: p.network,
			// the Base network's wallet key is `base_network` (the session object's key)
			[`wallet_addresses[${p.network === 'base' ? 'base_network' : p.network}]`]: WALLETS[p.network],
		});
		sessions.push(p.status === 'initialized' ? session : await emu.admin('POST', `/onramp_sessions/${session.id}/advance`, { status: p.status }));
	}
	return sessions;
}

/**
 * Every delivery settled: each event a failing endpoint listens for has had its last attempt
 * (Stripe retries; the emulator 4 attempts in about 4 s), each other one a 2xx. Returns the stored events.
 */
async function settle(emu: Emulator, endpoints: SeededEndpoint[]): Promise<Seeded['events']> {
	const stored = (await emu.objects('event')) as StripeJson[];
	const listens = (e: SeededEndpoint, type: string) => e.enabled && (e.enabledEvents.includes('*') || e.enabledEvents.includes(type));
	const expectedAttempts = stored.flatMap((event) =>
		endpoints.filter((e) => listens(e, event.type)).map((e) => ({ key: `${event.id} ${e.id}`, failing: e.failing })),
	);
	const deadline = Date.now() + 30000;
	for (;;) {
		const deliveries = await emu.deliveries();
		const settled = new Set(
			deliveries.filter((d) => (d.status !== null && d.status >= 200 && d.status < 300) || d.attempt >= 4).map((d) => `${d.eventId} ${d.endpointId}`),
		);
		const waiting = expectedAttempts.filter((a) => !settled.has(a.key));
		if (!waiting.length) break;
		if (Date.now() > deadline) throw new Error(`deliveries not settled after 30 s: ${waiting.length} of ${expectedAttempts.length}`);
		await new Promise((r) => setTimeout(r, 300));
	}
	return stored.map((e) => ({ id: e.id, type: e.type, created: e.created }));
}

export async function seed(emu: Emulator): Promise<Seeded> {
	const nowS = Math.floor(Date.now() / 1000);

	// Endpoints first, so the events below are delivered (or not) as they happen.
	const ledger = await receiver(200);
	const wallet = await receiver(500);
	const endpoints = await createEndpoints(emu, [
		{ url: ledger.url, enabledEvents: ['*'], failing: false, enabled: true },
		{ url: await closedPortUrl(), enabledEvents: ['climate.order.created', 'climate.order.delivered'], failing: true, enabled: true },
		{ url: wallet.url, enabledEvents: ['crypto.onramp_session_updated'], failing: true, enabled: true },
		{ url: `${ledger.url}/paused`, enabledEvents: ['*'], failing: false, enabled: false },
	]);

	// Climate orders around the previous week of the climate report's zone (UTC+14: its week starts
	// ten hours before the UTC one, so a UTC reading of "previous week" gets other orders).
	const c = moments(nowS, ZONES.climate);
	const orders = await placeOrders(emu, [
		{ at: c.at(c.start - 1), product: 0, tons: '1.5', currency: 'usd' }, // a second before the week
		{ at: c.at(c.start), product: 0, tons: '2', currency: 'usd' }, // its first second
		{ at: c.at(c.start + 3 * HOUR), product: 1, tons: '0.75', currency: 'eur', status: 'confirmed' }, // still Sunday in UTC
		{ at: c.at(c.start + DAY + 600), product: 2, tons: '3', currency: 'usd', status: 'delivered' },
		{ at: c.at(c.start + 2 * DAY), product: 3, tons: '0.5', currency: 'gbp' },
		{ at: c.at(c.start + 2 * DAY + 7), product: 2, tons: '1', currency: 'eur', status: 'canceled' },
		{ at: c.at(c.start + 3 * DAY + 5 * HOUR), product: 1, tons: '4.25', currency: 'usd', status: 'awaiting_funds' },
		{ at: c.at(c.start + 4 * DAY), product: 0, tons: '0.1', currency: 'gbp', status: 'delivered' },
		{ at: c.at(c.start + 5 * DAY + 12 * HOUR), product: 3, tons: '2.5', currency: 'usd', status: 'confirmed' },
		{ at: c.at(c.start + 6 * DAY + 20 * HOUR), product: 2, tons: '0.333', currency: 'usd' },
		{ at: c.at(c.end - 1), product: 1, tons: '1.25', currency: 'eur' }, // its last second
		{ at: c.at(c.end), product: 0, tons: '9', currency: 'usd' }, // this week's first second
		{ at: c.at(c.end + 5 * HOUR), product: 1, tons: '8', currency: 'usd' }, // this week here, the previous one in UTC
		{ at: c.at(c.start - 3 * DAY), product: 3, tons: '6', currency: 'usd', status: 'delivered' },
		{ at: c.at(c.start - 9 * DAY), product: 2, tons: '7', currency: 'eur' },
		{ at: c.at(nowS - 35 * DAY), product: 1, tons: '5', currency: 'usd' }, // its events are past Stripe's 30 days
	]);

	// Onramp sessions around the previous week of the onramp report's zone (UTC-11).
	const o = moments(nowS, ZONES.onramp);
	const sessions = await placeSessions(emu, [
		{ at: o.at(o.start - 1), network: 'ethereum', currency: 'eth', source: 'usd', amount: '500', status: 'fulfillment_complete' },
		{ at: o.at(o.start), network: 'ethereum', currency: 'eth', source: 'usd', amount: '250', status: 'fulfillment_complete' },
		{ at: o.at(o.start + 2 * HOUR), network: 'solana', currency: 'usdc', source: 'usd', amount: '100', status: 'fulfillment_complete' },
		{ at: o.at(o.start + DAY), network: 'solana', currency: 'usdc', source: 'eur', amount: '80', status: 'fulfillment_complete' },
		{ at: o.at(o.start + DAY + 60), network: 'bitcoin', currency: 'btc', source: 'usd', amount: '1200', status: 'fulfillment_complete' },
		{ at: o.at(o.start + 2 * DAY), network: 'base', currency: 'usdc', source: 'usd', amount: '40', status: 'rejected' },
		{ at: o.at(o.start + 3 * DAY), network: 'ethereum', currency: 'eth', source: 'usd', amount: '75.5', status: 'fulfillment_processing' },
		{ at: o.at(o.start + 3 * DAY + 9), network: 'solana', currency: 'usdc', source: 'usd', amount: '60', status: 'requires_payment' },
		{ at: o.at(o.start + 4 * DAY), network: 'ethereum', currency: 'eth', source: 'usd', amount: '333.33', status: 'fulfillment_complete' },
		{ at: o.at(o.start + 5 * DAY), network: 'base', currency: 'usdc', source: 'usd', amount: '20', status: 'initialized' },
		{ at: o.at(o.start + 6 * DAY + 12 * HOUR), network: 'solana', currency: 'usdc', source: 'usd', amount: '19.99', status: 'fulfillment_complete' },
		{ at: o.at(o.end - 1), network: 'bitcoin', currency: 'btc', source: 'usd', amount: '99', status: 'fulfillment_complete' },
		{ at: o.at(o.end), network: 'ethereum', currency: 'eth', source: 'usd', amount: '900', status: 'fulfillment_complete' },
		{ at: o.at(o.end + 8 * HOUR), network: 'solana', currency: 'usdc', source: 'usd', amount: '45', status: 'fulfillment_complete' },
		{ at: o.at(o.start - 8 * DAY), network: 'base', currency: 'usdc', source: 'usd', amount: '70', status: 'fulfillment_complete' },
	]);

	await clockBack(emu);
	const events = await settle(emu, endpoints);
	return {
		orders,
		sessions,
		endpoints,
		events,
		seededAt: Math.floor(Date.now() / 1000),
		close: async () => {
			await ledger.close();
			await wallet.close();
		},
	};
}

/**
 * A quiet account: climate orders and onramp sessions only outside the previous week of each
 * report's zone (a second before it, this week, and moments inside the UTC week that are outside
 * the zone's), and endpoints that answer every delivery, so no event stays undelivered.
 */
export async function seedQuiet(emu: Emulator): Promise<Seeded> {
	const nowS = Math.floor(Date.now() / 1000);
	const ledger = await receiver(200);
	const endpoints = await createEndpoints(emu, [
		{ url: ledger.url, enabledEvents: ['*'], failing: false, enabled: true },
		{ url: `${ledger.url}/climate`, enabledEvents: ['climate.order.created', 'climate.order.delivered'], failing: false, enabled: true },
		// disabled (nothing listens at its URL): Stripe sends it nothing and counts nothing pending for it
		{ url: await closedPortUrl(), enabledEvents: ['*'], failing: true, enabled: false },
	]);

	// UTC+14: the zone's week ends ten hours before the UTC one, so c.end + 5 h is still in the UTC
	// week but already in the zone's next one.
	const c = moments(nowS, ZONES.climate);
	const orders = await placeOrders(emu, [
		{ at: c.at(c.start - 9 * DAY), product: 2, tons: '7', currency: 'eur', status: 'delivered' },
		{ at: c.at(c.start - 1), product: 0, tons: '1.5', currency: 'usd', status: 'canceled' },
		{ at: c.at(c.end), product: 1, tons: '2', currency: 'usd' },
		{ at: c.at(c.end + 5 * HOUR), product: 3, tons: '0.5', currency: 'gbp', status: 'confirmed' },
	]);

	// UTC-11: the zone's week starts eleven hours after the UTC one, so o.start - 5 h is in the UTC
	// week but still in the zone's week before.
	const o = moments(nowS, ZONES.onramp);
	const sessions = await placeSessions(emu, [
		{ at: o.at(o.start - 5 * HOUR), network: 'ethereum', currency: 'eth', source: 'usd', amount: '250', status: 'fulfillment_complete' },
		{ at: o.at(o.start - 1), network: 'solana', currency: 'usdc', source: 'usd', amount: '100', status: 'rejected' },
		{ at: o.at(o.end), network: 'bitcoin', currency: 'btc', source: 'usd', amount: '99', status: 'fulfillment_complete' },
	]);

	await clockBack(emu);
	const events = await settle(emu, endpoints);
	return { orders, sessions, endpoints, events, seededAt: Math.floor(Date.now() / 1000), close: () => ledger.close() };
}
