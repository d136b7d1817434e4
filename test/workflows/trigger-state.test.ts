import type { INodeType } from 'n8n-workflow';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { signatureHeader } from '../emulator/webhooks/signing';
import { PACKAGE, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { PROCESS_HEADER, sendRaw, TriggerHarness } from '../harness/webhook';

/**
 * What the trigger remembers, where n8n keeps it apart or together: the editor's test listener
 * beside the published workflow, the endpoint's API version across package and credential
 * changes, and several webhook processes sharing one workflow's static data.
 */

const EVENTS = ['climate.order.created'];
const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';

const stripe = useEmulator();
const harnesses: TriggerHarness[] = [];

async function startTrigger(options: { parameters?: Record<string, unknown>; credentialPin?: string; otherProcesses?: INodeType[] } = {}) {
	const harness = await TriggerHarness.start({
		nodeType: new StripeEventsTrigger(),
		typeName: `${PACKAGE}.stripeEventsTrigger`,
		parameters: { events: EVENTS, ...options.parameters },
		credentials: {
			stripePlatformApi: {
				secretKey: TEST_SECRET_KEY,
				baseUrl: stripe.emulator.url,
				apiVersion: options.credentialPin ?? '',
				accountId: '',
			},
		},
		otherProcesses: options.otherProcesses,
	});
	harnesses.push(harness);
	return harness;
}

/** The node type as another n8n process loads it: its own copy of every module, so its own memory. */
function nodeTypeOfAnotherProcess(): INodeType {
	let nodeType: INodeType | undefined;
	jest.isolateModules(() => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const isolated = require('../../nodes/StripeEventsTrigger/StripeEventsTrigger.node') as typeof import('../../nodes/StripeEventsTrigger/StripeEventsTrigger.node');
		nodeType = new isolated.StripeEventsTrigger();
	});
	return nodeType!;
}

const endpoints = () => stripe.emulator.listObjects('webhook_endpoint');
const createOrder = () => stripeApi(stripe.emulator, 'POST', '/v1/climate/orders', { product: PRODUCT, metric_tons: '0.5' });
const orderEvent = (orderId: unknown) =>
	stripe.emulator.listObjects('event').find((e) => e.type === 'climate.order.created' && e.data.object.id === orderId);

/** A delivery of `event` to `harness`, signed with its stored secret, as Stripe sends it. */
function deliver(harness: TriggerHarness, event: unknown, process = 0) {
	const body = JSON.stringify(event);
	return sendRaw(harness.webhookUrl, {
		headers: {
			'Content-Type': 'application/json',
			'Stripe-Signature': signatureHeader(body, harness.memory.secret as string),
			[PROCESS_HEADER]: String(process),
		},
		body,
	});
}

afterEach(async () => {
	await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

describe('Stripe Events Trigger beside the editor test listener', () => {
	it('starts one execution on each endpoint when Stripe sends an event to both, in either order', async () => {
		const production = await startTrigger();
		const listener = await startTrigger(); // same workflow and node, the test URL, fresh static data
		await production.activate();
		await listener.activate();
		expect(endpoints()).toHaveLength(2);

		const order = await createOrder();
		await stripe.emulator.waitForDeliveries((records) => records.length === 2);
		expect(production.executions).toHaveLength(1);
		expect(listener.executions).toHaveLength(1);

		// The other order of arrival: listener first, then production.
		const event = orderEvent(order.id);
		const second = { ...event, id: 'evt_second_arrival_order' };
		expect((await deliver(listener, second)).status).toBe(200);
		expect((await deliver(production, second)).status).toBe(200);
		expect(production.executions).toHaveLength(2);
		expect(listener.executions).toHaveLength(2);
	});

	it("keeps production's memory when the listener stops", async () => {
		const production = await startTrigger();
		const listener = await startTrigger();
		await production.activate();
		await listener.activate();
		const order = await createOrder();
		await stripe.emulator.waitForDeliveries((records) => records.length === 2);
		const event = orderEvent(order.id);
		expect(production.executions).toHaveLength(1);

		// A save that landed late dropped the id from the static data (n8n: last writer wins); the
		// process memory still has it, and stopping the listener must not wipe production's.
		production.staticData = { ...production.staticData, 'node:Trigger': { ...production.memory, seenEventIds: [] } };
		await listener.deactivate();
		expect(endpoints()).toHaveLength(1);

		expect((await deliver(production, event)).status).toBe(200);
		expect(production.executions).toHaveLength(1);
	});
});

describe('Stripe Events Trigger API version', () => {
	it('keeps the endpoint an empty API Version created when the credential pin or the default changes', async () => {
		const trigger = await startTrigger({ credentialPin: '2026-03-25.dahlia' });
		await trigger.activate();
		const [created] = endpoints();
		expect(created.api_version).toBe('2026-03-25.dahlia');

		// The credential loses its pin, so an empty API Version would now mean LATEST_API_VERSION (as
		// after a package upgrade that moves the default); then it gets another pin.
		const before = stripe.emulator.requests.length;
		trigger.credentials.stripePlatformApi.apiVersion = '';
		await trigger.activate();
		trigger.credentials.stripePlatformApi.apiVersion = '2026-06-24.dahlia';
		await trigger.activate();

		expect(endpoints().map((e) => [e.id, e.api_version])).toEqual([[created.id, '2026-03-25.dahlia']]);
		expect(trigger.memory.secret).toBe(created.secret);
		const calls = stripe.emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);
		expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
		expect(LATEST_API_VERSION).not.toBe('2026-03-25.dahlia');
	});

	it('creates the endpoint with the version alone when the credential pin carries beta flags', async () => {
		const trigger = await startTrigger({ credentialPin: '2026-08-26.dahlia;crypto_onramp_beta=v2' });
		await trigger.activate();
		expect(endpoints().map((e) => e.api_version)).toEqual(['2026-08-26.dahlia']);
	});

	it("replaces the endpoint when the node's own API Version names another version", async () => {
		const trigger = await startTrigger({ credentialPin: '2026-03-25.dahlia' });
		await trigger.activate();
		const first = endpoints()[0];
		trigger.parameters = { events: EVENTS, apiVersion: LATEST_API_VERSION };
		await trigger.activate();
		expect(endpoints().map((e) => e.api_version)).toEqual([LATEST_API_VERSION]);
		expect(endpoints()[0].id).not.toBe(first.id);
	});
});

describe('Stripe Events Trigger across several webhook processes', () => {
	/** An event made before the endpoint exists, so Stripe delivers it nowhere; tests send copies. */
	let template: Record<string, unknown>;

	async function twoProcessTrigger(dedupeAcrossProcesses: boolean) {
		template = orderEvent((await createOrder()).id);
		const trigger = await startTrigger({
			parameters: { options: { dedupeAcrossProcesses } },
			otherProcesses: [nodeTypeOfAnotherProcess()],
		});
		await trigger.activate();
		return trigger;
	}

	/** Both processes load the static data before either saves, as when n8n receives them together. */
	async function together<T>(trigger: TriggerHarness, requests: Array<() => Promise<T>>): Promise<T[]> {
		const release = trigger.holdSaves();
		const answers = Promise.all(requests.map((send) => send()));
		while (trigger.waitingToSave < requests.length) await new Promise((resolve) => setImmediate(resolve));
		release();
		return await answers;
	}

	const sameEventToBoth = (trigger: TriggerHarness, id: string) =>
		together(trigger, [() => deliver(trigger, { ...template, id }, 0), () => deliver(trigger, { ...template, id }, 1)]);

	it('with Deduplicate Across Webhook Processes, one event delivered to two processes at once starts one execution', async () => {
		const trigger = await twoProcessTrigger(true);
		for (let round = 0; round < 5; round++) {
			const answers = await sameEventToBoth(trigger, `evt_both_${round}`);
			expect(answers.map((a) => a.status)).toEqual([200, 200]);
		}
		expect(trigger.executions).toHaveLength(5);
		const claims = stripe.emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/webhook_endpoints/we_'));
		expect(claims.length).toBeGreaterThanOrEqual(10); // a claim that met the other in flight got a 409 and was retried
	});

	it('without it, each process starts the event once (the documented limit)', async () => {
		const trigger = await twoProcessTrigger(false);
		await sameEventToBoth(trigger, 'evt_both_unclaimed');
		expect(trigger.executions).toHaveLength(2);
	});

	it('a claim Stripe cannot answer gets a 503 and is accepted when Stripe delivers again', async () => {
		const trigger = await twoProcessTrigger(true);
		const event = { ...template, id: 'evt_claim_fails' };
		stripe.emulator.injectFaults(3, { kind: 'status', status: 500, shouldRetry: true }, { method: 'POST', pathPrefix: '/v1/webhook_endpoints/' });
		expect((await deliver(trigger, event)).status).toBe(503);
		expect(trigger.executions).toHaveLength(0);
		expect((await deliver(trigger, event)).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it("a claim whose answer was lost is still this process's: its retry gets the replay and the workflow starts once", async () => {
		const trigger = await twoProcessTrigger(true);
		const event = { ...template, id: 'evt_claim_answer_lost' };
		const metadataBefore = stripe.emulator.listObjects('webhook_endpoint').map((e) => e.metadata);
		stripe.emulator.injectFaults(1, { kind: 'resetAfterCommit' }, { method: 'POST', pathPrefix: '/v1/webhook_endpoints/' });
		expect((await deliver(trigger, event, 0)).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		const claims = stripe.emulator.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/webhook_endpoints/we_'));
		expect(claims.map((r) => r.status)).toEqual([0, 200]); // reset after Stripe saved it, then the replay
		expect(new Set(claims.map((r) => r.rawBody)).size).toBe(1);

		expect((await deliver(trigger, event, 1)).status).toBe(200); // the other process finds it claimed
		expect(trigger.executions).toHaveLength(1);
		expect(stripe.emulator.listObjects('webhook_endpoint').map((e) => e.metadata)).toEqual(metadataBefore); // a claim changes nothing
	});

	it('ids accepted by two processes at the same time all reach the saved static data', async () => {
		const trigger = await twoProcessTrigger(false);
		const event = template;
		const ids = Array.from({ length: 10 }, (_, i) => `evt_parallel_${i}`);
		await together(
			trigger,
			ids.map((id, i) => () => deliver(trigger, { ...event, id }, i % 2)),
		);
		expect(trigger.executions).toHaveLength(10);
		// Another round from each process writes what that process knows; after it, nothing is missing.
		await Promise.all([deliver(trigger, { ...event, id: 'evt_last_0' }, 0)]);
		await Promise.all([deliver(trigger, { ...event, id: 'evt_last_1' }, 1)]);
		expect(trigger.memory.seenEventIds).toEqual(expect.arrayContaining([...ids, 'evt_last_0', 'evt_last_1']));
	});
});

describe('Stripe Events Trigger across a restart', () => {
	it('saves every accepted id, so a new process (a restart) starts nothing for a redelivery', async () => {
		const afterRestart = nodeTypeOfAnotherProcess();
		const trigger = await startTrigger({ otherProcesses: [afterRestart] });
		await trigger.activate();
		const order = await createOrder();
		await stripe.emulator.waitForDeliveries((records) => records.length === 1);
		const event = orderEvent(order.id);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.memory.seenEventIds).toEqual([event.id]);

		expect((await deliver(trigger, event, 1)).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
	});

	it('a burst to one process whose saves land in reverse order still saves every id, so after a restart a redelivery starts nothing', async () => {
		const afterRestart = nodeTypeOfAnotherProcess();
		const trigger = await startTrigger({ otherProcesses: [afterRestart] });
		await trigger.activate();
		const template = orderEvent((await createOrder()).id);
		await stripe.emulator.waitForDeliveries((records) => records.length === 1);
		const ids = Array.from({ length: 10 }, (_, i) => `evt_burst_${i}`);
		const release = trigger.holdSaves('lastFirst');
		const answers = Promise.all(ids.map((id) => deliver(trigger, { ...template, id }, 0)));
		while (trigger.waitingToSave < ids.length) await new Promise((resolve) => setImmediate(resolve));
		release();
		await answers;
		expect(trigger.executions).toHaveLength(11);
		expect(trigger.memory.seenEventIds).toEqual(expect.arrayContaining(ids));

		const redelivered = await Promise.all(ids.map((id) => deliver(trigger, { ...template, id }, 1)));
		expect(redelivered.map((a) => a.status)).toEqual(ids.map(() => 200));
		expect(trigger.executions).toHaveLength(11);
	});
});
