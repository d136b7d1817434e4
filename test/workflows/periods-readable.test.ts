import type { IDataObject } from 'n8n-workflow';

import { createdPeriodRange } from '../../nodes/shared/period';
import { readableClimateOrder } from '../../nodes/StripeClimate/resources/order/readable';
import { readableOnrampSession } from '../../nodes/StripeCryptoOnramp/resources/onrampSession/readable';
import { readableEvent } from '../../nodes/StripeWebhookEndpoint/resources/event/readable';
import { apiRequests, runStripeNode, stripeApi, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const BERLIN = 'Europe/Berlin';
const HOUR = 3600;
/** Monday 23 March 2026, 00:00 in Berlin; the week ends Sunday 29 March, 23:59:59 summer time. */
const WEEK_START = Date.parse('2026-03-23T00:00:00+01:00') / 1000;
const WEEK_END = Date.parse('2026-03-29T23:59:59+02:00') / 1000;

/**
 * An account's orders over several weeks, newest first in Stripe's list: `after` orders in the days
 * after the week, `inWeek` spread over the week (its first and last second included), `before`
 * orders in the weeks before it (the last one a second before the week starts).
 */
function seedWeeks({ after, inWeek, before }: { after: number; inWeek: number; before: number }): number[] {
	const times = [
		...Array.from({ length: after }, (_, i) => WEEK_END + 1 + i * HOUR),
		WEEK_START,
		WEEK_END,
		...Array.from({ length: inWeek - 2 }, (_, i) => WEEK_START + 1 + Math.floor(((i + 1) * (WEEK_END - WEEK_START - 2)) / inWeek)),
		...Array.from({ length: before }, (_, i) => WEEK_START - 1 - i * HOUR),
	];
	emulator().seedClimateOrders(times.length, undefined, times);
	return times;
}

const listOrders = (parameters: IDataObject, timezone = BERLIN) =>
	runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'getAll', ...parameters }, { timezone });

const pagesRead = (path: string) => apiRequests(emulator(), path).filter((request) => request.method === 'GET');

describe('Get Many climate orders in a period: the node filters, and stops at the first order older than the period', () => {
	test('Return All reads 2 pages for a week of 150 orders, where listing everything reads 14', async () => {
		const times = seedWeeks({ after: 30, inWeek: 150, before: 1200 });
		const inWeek = emulator()
			.listObjects('climate.order')
			.filter((order) => order.created >= WEEK_START && order.created <= WEEK_END)
			.map((order) => order.id);
		expect(inWeek).toHaveLength(150);

		const week = await listOrders({ returnAll: true, filters: { createdAfter: '2026-03-23T00:00:00', createdBefore: '2026-03-29T23:59:59' } });
		expect(week.error).toBeUndefined();
		expect(week.json.map((order) => order.id)).toEqual(inWeek);
		const pages = pagesRead('/v1/climate/orders');
		expect(pages).toHaveLength(2);
		expect(pages.map((page) => page.query.limit)).toEqual(['100', '100']);
		expect(pages.every((page) => page.query.created === undefined)).toBe(true);

		emulator().clearLog();
		const everything = await listOrders({ returnAll: true });
		expect(everything.json).toHaveLength(times.length);
		expect(pagesRead('/v1/climate/orders')).toHaveLength(Math.ceil(times.length / 100));
	});

	test('with a Limit, the newest orders of the period, from one page', async () => {
		seedWeeks({ after: 30, inWeek: 150, before: 300 });
		const newestInWeek = emulator()
			.listObjects('climate.order')
			.filter((order) => order.created <= WEEK_END)
			.slice(0, 20)
			.map((order) => order.id);

		const result = await listOrders({ returnAll: false, limit: 20, filters: { createdAfter: '2026-03-23T00:00:00', createdBefore: '2026-03-29T23:59:59' } });
		expect(result.json.map((order) => order.id)).toEqual(newestInWeek);
		expect(pagesRead('/v1/climate/orders')).toHaveLength(1);
	});

	test('Created Period: the last 7 days in the workflow timezone, read on one page', async () => {
		const now = Math.floor(Date.now() / 1000);
		const day = 24 * HOUR;
		emulator().seedClimateOrders(5, undefined, [now - 10 * day, now - 8 * day, now - 6 * day, now - 3 * day, now - HOUR]);
		const expected = emulator()
			.listObjects('climate.order')
			.filter((order) => order.created >= now - 6 * day)
			.map((order) => order.id);

		const result = await listOrders({ returnAll: true, filters: { createdPeriod: 'last7Days' } }, 'America/New_York');
		expect(result.error).toBeUndefined();
		expect(result.json.map((order) => order.id)).toEqual(expected);
		expect(expected).toHaveLength(3);
		expect(pagesRead('/v1/climate/orders')).toHaveLength(1);
	});

	test('products and webhook endpoints are filtered the same way', async () => {
		const products = await runStripeNode(emulator(), 'stripeClimate', {
			resource: 'product',
			operation: 'getAll',
			returnAll: true,
			filters: { createdAfter: '2025-01-01T00:00:00Z' },
		});
		expect(products.json).toEqual([]); // the catalogue dates from 2024
		expect(pagesRead('/v1/climate/products')).toHaveLength(1);

		await stripeApi(emulator(), 'POST', '/v1/webhook_endpoints', { url: 'https://n8n.example/a', 'enabled_events[0]': '*' });
		const endpoints = await runStripeNode(emulator(), 'stripeWebhookEndpoint', {
			resource: 'endpoint',
			operation: 'getAll',
			returnAll: true,
			filters: { createdPeriod: 'today' },
		});
		expect(endpoints.json.map((endpoint) => endpoint.url)).toEqual(['https://n8n.example/a']);
	});

	test('Created Period with Created After is refused for the item, and nothing is sent', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeClimate',
			{ resource: 'order', operation: 'getAll', returnAll: true, filters: { createdPeriod: 'previousWeek', createdAfter: '2026-03-01T00:00:00' } },
			{ continueOnFail: true },
		);
		expect(result.json[0].error).toBe('Created Period cannot be combined with Created After or Created Before: use one or the other [item 0]');
		expect(pagesRead('/v1/climate/orders')).toHaveLength(0);
	});
});

describe('the emulator holds objects created at chosen times', () => {
	test('POST /_emulator/seed with created: one object per time, listed newest first; a bad list is refused', async () => {
		const seed = (body: IDataObject) =>
			fetch(`${emulator().url}/_emulator/seed`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
		expect((await seed({ kind: 'climate.order', created: [WEEK_START, WEEK_END, WEEK_START - 1] })).status).toBe(200);
		expect((await seed({ kind: 'crypto.onramp_session', created: [WEEK_END] })).status).toBe(200);
		expect(emulator().listObjects('climate.order').map((order) => order.created)).toEqual([WEEK_END, WEEK_START, WEEK_START - 1]);
		expect(emulator().listObjects('crypto.onramp_session').map((session) => session.created)).toEqual([WEEK_END]);
		const refused = await seed({ kind: 'climate.order', created: [WEEK_START, 'soon'] });
		expect(refused.status).toBe(400);
		expect(emulator().listObjects('climate.order')).toHaveLength(3);
	});
});

describe('Created Period where Stripe filters: created[gte] and created[lte] are sent', () => {
	test('onramp sessions of the previous month, in the workflow timezone', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeCryptoOnramp',
			{ resource: 'onrampSession', operation: 'getAll', returnAll: true, filters: { createdPeriod: 'previousMonth' } },
			{ timezone: 'America/New_York' },
		);
		expect(result.error).toBeUndefined();
		const range = createdPeriodRange('previousMonth', Date.now(), 'America/New_York');
		expect(pagesRead('/v1/crypto/onramp_sessions').map((page) => page.query.created)).toEqual([{ gte: String(range.gte), lte: String(range.lte) }]);
	});

	test('forwarding requests and events of yesterday', async () => {
		await runStripeNode(emulator(), 'stripeForwarding', { resource: 'request', operation: 'getAll', returnAll: true, filters: { createdPeriod: 'yesterday' } }, { timezone: BERLIN });
		await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'event', operation: 'getAll', returnAll: true, filters: { createdPeriod: 'yesterday' } }, { timezone: BERLIN });
		const range = createdPeriodRange('yesterday', Date.now(), BERLIN);
		const created = { gte: String(range.gte), lte: String(range.lte) };
		expect(pagesRead('/v1/forwarding/requests').map((page) => page.query.created)).toEqual([created]);
		expect(pagesRead('/v1/events').map((page) => page.query.created)).toEqual([created]);
	});
});

describe('Output: Raw (the default, as before) or Readable', () => {
	test("without the Output field the item is Stripe's object exactly; Readable is its readable shape", async () => {
		const created = await runStripeNode(emulator(), 'stripeClimate', {
			resource: 'order',
			operation: 'create',
			product: { __rl: true, mode: 'id', value: 'climsku_frontier_offtake_portfolio_2027' },
			metricTons: '0.5',
		});
		const id = created.json[0].id as string;
		const stripeObject = await stripeApi(emulator(), 'GET', `/v1/climate/orders/${id}`);

		const raw = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId: id });
		expect(raw.json).toEqual([stripeObject]);
		const explicitRaw = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId: id, output: 'raw' });
		expect(explicitRaw.json).toEqual([stripeObject]);

		const readable = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId: id, output: 'readable' }, { timezone: BERLIN });
		expect(readable.json).toEqual([readableClimateOrder(stripeObject, { timeZone: BERLIN })]);
		expect(readable.json[0]).toMatchObject({ id, metricTons: 0.5, currency: 'usd', productId: 'climsku_frontier_offtake_portfolio_2027' });
		expect(readable.json[0].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/);
	});

	test('Readable on a list, per object; an unknown Output is refused before sending', async () => {
		emulator().seedOnrampSessions(3);
		const sessions = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', returnAll: true, output: 'readable' }, { timezone: 'Asia/Tokyo' });
		const listed = emulator().listObjects('crypto.onramp_session');
		expect(sessions.json).toEqual(listed.map((session) => readableOnrampSession(session, { timeZone: 'Asia/Tokyo' })));
		expect(sessions.json[0].clientSecret).toBe(listed[0].client_secret);

		emulator().clearLog();
		const wrong = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId: 'climorder_x', output: 'pretty' }, { continueOnFail: true });
		expect(wrong.json[0].error).toBe('Output must be "raw" or "readable", got "pretty" [item 0]');
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test('the Event resource offers Readable beside Whole Event and Event Object Only', async () => {
		const order = await runStripeNode(emulator(), 'stripeClimate', {
			resource: 'order',
			operation: 'create',
			product: { __rl: true, mode: 'id', value: 'climsku_frontier_offtake_portfolio_2027' },
			metricTons: '0.25',
		});
		const events = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'event', operation: 'getAll', returnAll: true }, { timezone: BERLIN });
		const readable = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'event', operation: 'getAll', returnAll: true, output: 'readable' }, { timezone: BERLIN });
		expect(readable.json).toEqual(events.json.map((event) => readableEvent(event, { timeZone: BERLIN })));
		expect(readable.json[0]).toMatchObject({ type: 'climate.order.created', objectId: order.json[0].id, objectType: 'climate.order' });
	});
});
