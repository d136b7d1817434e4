import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { INodeParameters } from 'n8n-workflow';

import { causeEvents, mixOf, TOO_MANY_EVENT_TYPES } from '../harness/events';
import { apiRequests, runStripeNode, stripeApi, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const getMany = (extra: INodeParameters = {}): INodeParameters => ({ resource: 'event', operation: 'getAll', ...extra });
const ids = (objects: Array<{ id?: unknown }>) => objects.map((object) => object.id);

describe('Stripe Webhook Endpoint node: events', () => {
	test('Get reads one event, whole or only its object', async () => {
		const [event] = await causeEvents(emulator(), ['climate.order.created']);
		emulator().clearLog();

		const whole = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'event', operation: 'get', eventId: event.id as string });
		expect(whole.error).toBeUndefined();
		expect(whole.json).toEqual([event]);
		expect(apiRequests(emulator()).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/events/${String(event.id)}`]);

		const object = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'event', operation: 'get', eventId: event.id as string, output: 'object' });
		expect(object.json).toEqual([(event.data as { object: object }).object]);
		expect(object.json[0]).toMatchObject({ object: 'climate.order' });
	});

	test('Get Many walks every page with Return All and asks only for what Limit needs, newest first', async () => {
		const events = await causeEvents(emulator(), mixOf(['climate.order.created', 'crypto.onramp_session_updated', 'climate.order.delivered'], 130));
		emulator().clearLog();

		const all = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ returnAll: true }));
		expect(ids(all.json)).toEqual(ids([...events].reverse()));
		expect(apiRequests(emulator()).map((request) => request.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: events[30].id },
		]);

		emulator().clearLog();
		const five = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ limit: 5 }));
		expect(ids(five.json)).toEqual(ids(events.slice(-5).reverse()));
		expect(apiRequests(emulator()).map((request) => request.query)).toEqual([{ limit: '5' }]);
	});

	test('Get Many filters by chosen types, a * group and a created range, and can output only the objects', async () => {
		const events = await causeEvents(emulator(), mixOf(['climate.order.created', 'climate.order.canceled', 'crypto.onramp_session_updated'], 9));
		emulator().clearLog();

		const chosen = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({
			returnAll: true,
			filters: { eventTypes: ['crypto.onramp_session_updated', 'climate.order.canceled', 'crypto.onramp_session_updated'] },
		}));
		expect(ids(chosen.json)).toEqual(ids(events.filter((event) => event.type !== 'climate.order.created').reverse()));
		expect(apiRequests(emulator())[0].query).toEqual({ limit: '100', types: ['climate.order.canceled', 'crypto.onramp_session_updated'] });

		emulator().clearLog();
		const group = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ returnAll: true, filters: { typeGroup: 'climate.order.*' }, output: 'object' }));
		expect(group.json.map((object) => object.object)).toEqual(Array(6).fill('climate.order'));
		expect(apiRequests(emulator())[0].query).toEqual({ limit: '100', type: 'climate.order.*' });

		emulator().clearLog();
		const second = events[4].created as number;
		const range = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({
			returnAll: true,
			filters: { createdAfter: new Date(second * 1000).toISOString(), createdBefore: new Date(second * 1000).toISOString(), eventTypes: ['*'] },
		}));
		expect(ids(range.json)).toEqual(ids(events.filter((event) => event.created === second).reverse()));
		expect(apiRequests(emulator())[0].query).toEqual({ limit: '100', created: { gte: String(second), lte: String(second) } });
	});

	test('Get Many with Delivery Success "Not Delivered" returns only the events an endpoint has not received', async () => {
		const answers: Record<string, number> = { 'climate.order.created': 200, 'climate.order.canceled': 500 };
		const receiver = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => res.writeHead(answers[JSON.parse(body).type] ?? 200).end());
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			await stripeApi(emulator(), 'POST', '/v1/webhook_endpoints', { url, 'enabled_events[0]': 'climate.order.created', 'enabled_events[1]': 'climate.order.canceled' });
			const events = await causeEvents(emulator(), mixOf(['climate.order.created', 'climate.order.canceled', 'crypto.onramp_session_updated'], 12));
			await emulator().waitForDeliveries((deliveries) => deliveries.filter((d) => d.attempt === 1).length === 8);
			await new Promise((resolve) => setImmediate(resolve));
			emulator().clearLog();

			const undelivered = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ returnAll: true, filters: { deliverySuccess: 'notDelivered' } }));
			expect(undelivered.error).toBeUndefined();
			const canceled = events.filter((event) => event.type === 'climate.order.canceled');
			expect(canceled).toHaveLength(4);
			expect(ids(undelivered.json)).toEqual(ids([...canceled].reverse()));
			expect(undelivered.json.every((event) => (event.pending_webhooks as number) > 0)).toBe(true);
			expect(apiRequests(emulator())[0].query).toEqual({ limit: '100', delivery_success: 'false' });

			const delivered = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ returnAll: true, filters: { deliverySuccess: 'delivered' } }));
			expect(ids(delivered.json)).toEqual(ids(events.filter((event) => event.type !== 'climate.order.canceled').reverse()));
		} finally {
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});

	test("Connected Account lists that account's events", async () => {
		await causeEvents(emulator(), ['climate.order.created']);
		const [theirs] = await causeEvents(emulator(), ['climate.order.created'], { account: 'acct_1Connected' });

		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ returnAll: true, options: { connectedAccount: 'acct_1Connected' } }));
		expect(ids(result.json)).toEqual([theirs.id]);
		expect(result.json[0].account).toBe('acct_1Connected');
		expect(apiRequests(emulator()).at(-1)!.headers['stripe-account']).toBe('acct_1Connected');
	});
});


const badInputs: Array<[string, INodeParameters, RegExp]> = [
	['21 event types', getMany({ filters: { eventTypes: TOO_MANY_EVENT_TYPES } }), /^Event Types can name at most 20 event types, as Stripe's Events API filters by at most 20 \(21 chosen\): choose All Events \(\*\) instead \[item 0\]$/],
	['event types and a type group together', getMany({ filters: { eventTypes: ['invoice.paid'], typeGroup: 'invoice.*' } }), /^Type Group cannot be combined with Event Types: Stripe filters by one or the other \[item 0\]$/],
	['a type group that is no event type', getMany({ filters: { typeGroup: 'Climate Orders' } }), /^Type Group must be an event type or a group with \* such as "climate\.order\.\*", got "Climate Orders" \[item 0\]$/],
	['an unknown delivery success', getMany({ filters: { deliverySuccess: '={{ "maybe" }}' } }), /^Delivery Success must be one of any, delivered or notDelivered, got "maybe" \[item 0\]$/],
	['created before earlier than created after', getMany({ filters: { createdAfter: '2026-11-02T00:00:00Z', createdBefore: '2026-11-01T00:00:00Z' } }), /^Created Before must not be earlier than Created After \[item 0\]$/],
	['an event id without evt_', { resource: 'event', operation: 'get', eventId: 'we_123' }, /^Event ID must be an ID starting with "evt_", got "we_123" \[item 0\]$/],
	['an unknown output', { resource: 'event', operation: 'get', eventId: 'evt_1', output: '={{ "data" }}' }, /^Output must be "event", "object" or "readable", got "data" \[item 0\]$/],
];

describe('Stripe Webhook Endpoint node: bad event input is refused before anything is sent', () => {
	test.each(badInputs)('%s', async (_name, parameters, message) => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(emulator().requests).toHaveLength(0);
	});

	test('more than 20 types in a later item stops the run before the first item is sent', async () => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', getMany({ filters: { eventTypes: '={{ $json.types }}' } }), {
			items: [{ types: ['invoice.paid'] }, { types: TOO_MANY_EVENT_TYPES }],
		});
		expect(result.error?.message).toMatch(/^Event Types can name at most 20 event types.*\[item 1\]$/);
		expect(emulator().requests).toHaveLength(0);
	});
});
