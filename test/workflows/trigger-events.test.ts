import Stripe from 'stripe';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { PACKAGE, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { TriggerHarness } from '../harness/webhook';

const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';
const EVENTS = ['climate.order.created', 'crypto.onramp_session_updated'];

const stripe = useEmulator();
let harness: TriggerHarness;

/** Real changes through the API, made by another Stripe client. */
const api = (method: 'POST', path: string, form?: Record<string, string>) => stripeApi(stripe.emulator, method, path, form);
const createOrder = (metricTons = '0.5') => api('POST', '/v1/climate/orders', { product: PRODUCT, metric_tons: metricTons });

/** The stored event of this type about this object (the emulator keeps every event it emits). */
function eventFor(type: string, objectId: unknown): any {
	const event = stripe.emulator.listObjects('event').find((e) => e.type === type && e.data.object.id === objectId);
	if (!event) throw new Error(`no ${type} event for ${objectId}`);
	return event;
}

async function delivered(eventId: string): Promise<void> {
	await stripe.emulator.waitForDeliveries((records) => records.some((r) => r.eventId === eventId));
}

/** POSTs straight to the trigger's URL, as anyone on the internet could. */
async function post(body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
	const response = await fetch(harness.webhookUrl, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
	return { status: response.status, body: await response.json() };
}

beforeEach(async () => {
	harness = await TriggerHarness.start({
		nodeType: new StripeEventsTrigger(),
		typeName: `${PACKAGE}.stripeEventsTrigger`,
		parameters: { events: EVENTS },
		credentials: {
			stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: stripe.emulator.url, apiVersion: '', accountId: '' },
		},
	});
	await harness.activate();
});

afterEach(() => harness.close());

describe('Stripe Events Trigger receiving events from the emulator', () => {
	it('emits one item for a climate order created through the API', async () => {
		const order = await createOrder();
		const event = eventFor('climate.order.created', order.id);
		await delivered(event.id);

		const request = stripe.emulator.requests.find((r) => r.path === '/v1/climate/orders')!;
		expect(stripe.emulator.deliveries).toEqual([expect.objectContaining({ eventId: event.id, status: 200 })]);
		expect(harness.executions).toHaveLength(1);
		expect(harness.executions[0]).toHaveLength(1);
		expect(harness.executions[0][0].json).toMatchObject({
			id: event.id,
			object: 'event',
			type: 'climate.order.created',
			created: event.created,
			livemode: false,
			api_version: LATEST_API_VERSION,
			data: { object: order },
			request: { id: request.requestId },
		});
		expect(JSON.stringify(harness.executions)).not.toMatch(/whsec_|sk_test_/);
	});

	it('emits one item for an onramp session whose status changed, with the previous status', async () => {
		const session = await api('POST', '/v1/crypto/onramp_sessions', { source_currency: 'usd' });
		await stripe.emulator.advanceOnrampSession(session.id as string, 'fulfillment_processing');
		const event = eventFor('crypto.onramp_session_updated', session.id);
		await delivered(event.id);

		expect(harness.executions).toHaveLength(1);
		expect(harness.executions[0][0].json).toMatchObject({
			id: event.id,
			type: 'crypto.onramp_session_updated',
			data: { object: { id: session.id, status: 'fulfillment_processing' }, previous_attributes: { status: 'initialized' } },
		});
	});

	it('starts nothing for a redelivered event, and answers it 200 so Stripe stops retrying', async () => {
		const order = await createOrder();
		const event = eventFor('climate.order.created', order.id);
		await delivered(event.id);
		await stripe.emulator.redeliverEvent(event.id);
		await stripe.emulator.redeliverEvent(event.id);

		expect(stripe.emulator.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
		expect(harness.executions).toHaveLength(1);
	});

	it('answers 200 and starts nothing for an event type that was not selected', async () => {
		// Someone adds climate.order.canceled to the endpoint in the Dashboard; the workflow did not ask for it.
		const endpointId = harness.memory.endpointId as string;
		await api('POST', `/v1/webhook_endpoints/${endpointId}`, {
			'enabled_events[0]': 'climate.order.created',
			'enabled_events[1]': 'climate.order.canceled',
		});
		const order = await createOrder();
		await api('POST', `/v1/climate/orders/${order.id}/cancel`);
		const canceled = eventFor('climate.order.canceled', order.id);
		await delivered(canceled.id);

		expect(stripe.emulator.deliveries.find((d) => d.eventId === canceled.id)?.status).toBe(200);
		expect(harness.executions.map((items) => items[0].json.type)).toEqual(['climate.order.created']);
	});

	it('honours the live/test option and can output only the changed object', async () => {
		harness.parameters = { events: EVENTS, options: { eventMode: 'live' } };
		const first = await createOrder();
		await delivered(eventFor('climate.order.created', first.id).id);
		expect(harness.executions).toHaveLength(0);

		harness.parameters = { events: EVENTS, options: { eventMode: 'test', output: 'object' } };
		const second = await createOrder('1');
		await delivered(eventFor('climate.order.created', second.id).id);
		expect(harness.executions).toEqual([[{ json: second }]]);
	});

	it('with Connect, receives the events of connected accounts, naming the account', async () => {
		harness.parameters = { events: EVENTS, connect: true };
		await harness.activate(); // replaces the endpoint: Stripe cannot switch Connect on an existing one
		const response = await fetch(`${stripe.emulator.url}/v1/climate/orders`, {
			method: 'POST',
			body: `product=${PRODUCT}&metric_tons=0.5`,
			headers: { Authorization: `Bearer ${TEST_SECRET_KEY}`, 'Stripe-Account': 'acct_1Connected', 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		const order = (await response.json()) as { id: string };
		const event = stripe.emulator.listObjects('event', { account: 'acct_1Connected' }).find((e) => e.data.object.id === order.id);
		await delivered(event.id);

		expect(harness.executions.map((items) => items[0].json)).toEqual([expect.objectContaining({ id: event.id, account: 'acct_1Connected' })]);
	});

	it('refuses unsigned, tampered, wrongly signed and stale deliveries with 4xx and starts nothing', async () => {
		const order = await createOrder();
		const event = eventFor('climate.order.created', order.id);
		await delivered(event.id);
		const secret = harness.memory.secret as string;
		const payload = JSON.stringify({ ...event, id: 'evt_forged' });
		const sign = (body: string, key = secret, timestamp?: number) =>
			new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload: body, secret: key, timestamp });

		const answers = [
			await post(payload, {}),
			await post(payload, { 'Stripe-Signature': 'nonsense' }),
			await post(payload.replace('climate.order.created', 'climate.order.delivered'), { 'Stripe-Signature': sign(payload) }),
			await post(payload, { 'Stripe-Signature': sign(payload, 'whsec_notTheEndpointSecret') }),
			await post(payload, { 'Stripe-Signature': sign(payload, secret, Math.floor(Date.now() / 1000) - 301) }),
		];
		expect(answers).toEqual([
			{ status: 400, body: { error: 'Missing Stripe-Signature header' } },
			{ status: 400, body: { error: 'Malformed Stripe-Signature header' } },
			{ status: 401, body: { error: 'No signature matches the body' } },
			{ status: 401, body: { error: 'No signature matches the body' } },
			{ status: 401, body: { error: 'Signature timestamp outside the tolerance' } },
		]);
		expect(harness.executions).toHaveLength(1);

		// The same forged body correctly signed is accepted: the refusals above were about the signature.
		expect((await post(payload, { 'Stripe-Signature': sign(payload) })).status).toBe(200);
		expect(harness.executions).toHaveLength(2);
	});

	it('fails closed when no signing secret is stored', async () => {
		await harness.deactivate();
		const payload = JSON.stringify({ id: 'evt_1', type: 'climate.order.created', data: { object: {} } });
		const answer = await post(payload, { 'Stripe-Signature': new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret: '' }) });
		expect(answer.status).toBe(401);
		expect(harness.executions).toHaveLength(0);
	});
});
