/**
 * Stripe events in a real n8n, against the emulator, all in one connected account (Stripe-Account)
 * so that the events of the other phases do not mix in:
 *   - the Event resource: `n8n execute` of a workflow listing the undelivered events, reading one
 *     and listing the climate.order.* group;
 *   - the Stripe Events Polling Trigger: published, `n8n start` → the activation poll emits the
 *     events of the last hour (one execution); "Fetch Test Event" (the editor's manual run,
 *     POST /rest/workflows/<id>/run, as `n8n execute` runs manual triggers only) returns the newest
 *     event; n8n stopped, new events, `n8n start` → one execution with exactly the new events.
 *
 * run(report, ctx) (ctx: the suite's E2eContext): ctx.inst is replaced by the n8n this phase starts
 * (the suite's teardown stops it).
 */
import { credentialRef } from '../support/credential';
import type { Emulator, StripeJson } from '../support/emulator';
import type { WorkflowJson } from '../support/examples';
import { check, checkEqual, type Report } from '../support/report';
import { PKG } from '../../scripts/lib/repo';
import * as n8n from '../n8n/instance';
import { nodeItems, running, startN8n, stopN8n, type ApiExecution, type ApiExecutionPage, type E2eContext } from './context';

const ACCOUNT = 'acct_1E2eEventsPolling';
const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';
export const IDS = Object.freeze({ resource: 'e2eEventResource', polling: 'e2eEventsPolling' });
const POLL_NODE = 'Stripe Events Polling Trigger';
const POLLED_TYPES = ['climate.order.canceled', 'climate.order.created'];
/** Limit of every wait for something that must happen (condition-based: a fast run does not wait it out). */
const WAIT_MS = 60000;

const asAccount = { headers: { 'Stripe-Account': ACCOUNT } };

export function resourceWorkflow(): WorkflowJson {
	const step = (id: string, name: string, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `${IDS.resource}-${id}`,
		name,
		type: `${PKG}.stripeWebhookEndpoint`,
		typeVersion: 1,
		position: [x, 0],
		parameters: { ...parameters, options: { connectedAccount: ACCOUNT } },
		credentials: credentialRef(),
		...extra,
	});
	const nodes = [
		{ id: `${IDS.resource}-start`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		step('undelivered', 'Undelivered Events', 240, { resource: 'event', operation: 'getAll', returnAll: true, filters: { deliverySuccess: 'notDelivered' } }),
		step('get', 'Get Event', 480, { resource: 'event', operation: 'get', eventId: '={{ $json.id }}', output: 'object' }),
		step('group', 'Climate Order Events', 720, { resource: 'event', operation: 'getAll', limit: 10, filters: { typeGroup: 'climate.order.*' } }, { executeOnce: true }),
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { id: IDS.resource, name: 'e2e: Stripe events (Event resource)', nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

export function pollingWorkflow(): WorkflowJson {
	return {
		id: IDS.polling,
		name: 'e2e: Stripe Events Polling Trigger',
		nodes: [
			{
				id: `${IDS.polling}-trigger`,
				name: POLL_NODE,
				type: `${PKG}.stripeEventsPollingTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					events: POLLED_TYPES,
					options: { connectedAccount: ACCOUNT, lookback: { period: { amount: 1, unit: 'hours' } } },
				},
				credentials: credentialRef(),
			},
			{ id: `${IDS.polling}-noop`, name: 'Handle Event', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { [POLL_NODE]: { main: [[{ node: 'Handle Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The account's events in the emulator, oldest first. */
async function accountEvents(emu: Emulator): Promise<StripeJson[]> {
	const newestFirst: StripeJson[] = await emu.admin('GET', `/objects?kind=event&account=${ACCOUNT}`);
	return newestFirst.reverse();
}

async function createOrder(emu: Emulator): Promise<StripeJson> {
	return emu.stripe('POST', '/v1/climate/orders', { product: PRODUCT, metric_tons: '0.05' }, asAccount);
}

/** Executions of the polling workflow (the public API), oldest first, each with the trigger's items. */
async function pollExecutions(ctx: E2eContext): Promise<Array<{ id: string; mode: string; status: string; items: StripeJson[] }>> {
	const page: ApiExecutionPage = await n8n.api(running(ctx).baseUrl, ctx.apiKey, 'GET', `/executions?workflowId=${IDS.polling}&includeData=true&limit=100`);
	return page.data
		.map((e) => ({ id: e.id, mode: e.mode, status: e.status, items: nodeItems(e, POLL_NODE) ?? [] }))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** n8n started on the suite's home, logged in as the owner with a public-API key. */
async function startLoggedIn(ctx: E2eContext): Promise<void> {
	const { inst } = await startN8n(ctx);
	ctx.cookie = await n8n.setupOwner(inst.baseUrl);
	ctx.apiKey = await n8n.createApiKey(inst.baseUrl, ctx.cookie);
}

const wait = <T>(what: string, fn: () => Promise<T>): Promise<NonNullable<T>> => n8n.waitFor(fn, { timeoutMs: WAIT_MS, intervalMs: 250, what });
const idsOf = (list: Array<{ id: string }>): string[] => list.map((x) => x.id);

export async function run(report: Report, ctx: E2eContext): Promise<void> {
	const { emu } = ctx;
	const events: { initial: StripeJson[]; downtime: StripeJson[] } = { initial: [], downtime: [] };

	await report.step(
		'events caused in a connected account: 3 orders created, 1 canceled, its delivery failing',
		async () => {
			await stopN8n(ctx); // the CLI steps below must not share the database with a running n8n
			await emu.stripe('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/closed', enabled_events: ['climate.order.canceled'] }, asAccount);
			const orders = [await createOrder(emu), await createOrder(emu), await createOrder(emu)];
			await emu.stripe('POST', `/v1/climate/orders/${orders[1].id}/cancel`, {}, asAccount);
			events.initial = await accountEvents(emu);
			checkEqual(events.initial.map((e) => e.type), ['climate.order.created', 'climate.order.created', 'climate.order.created', 'climate.order.canceled'], 'event types');
			await wait('the canceled event\'s first delivery attempt', async () => (await emu.deliveriesOf(events.initial[3].id)).length > 0);
			return `${events.initial.length} events in ${ACCOUNT}; the cancel event's delivery to a closed port failed`;
		},
		{ critical: true },
	);

	await report.step(
		'import the Event resource workflow and the polling trigger workflow',
		async () => {
			await n8n.importWorkflow(ctx.home, [resourceWorkflow(), pollingWorkflow()]);
			return `${IDS.resource}, ${IDS.polling}`;
		},
		{ critical: true },
	);

	await report.step(`Event resource: n8n execute --id=${IDS.resource} (Get Many not delivered → Get → Get Many climate.order.*)`, async () => {
		await emu.clearLog();
		const r = await n8n.executeDetailed(ctx.home, IDS.resource);
		const err = n8n.runError(r.run);
		check(r.exitCode === 0 && r.run.status === 'success', () => `exit ${r.exitCode ?? r.signal}, status ${r.run.status}: ${err?.message ?? ''}`);
		const cancel = events.initial[3];
		checkEqual(idsOf(n8n.nodeOutput(r.run, 'Undelivered Events')), [cancel.id], 'Undelivered Events: the event ids');
		const [object] = n8n.nodeOutput(r.run, 'Get Event');
		checkEqual([object?.object, object?.id, object?.status], ['climate.order', cancel.data.object.id, 'canceled'], 'Get Event (object only): object, id, status');
		checkEqual(idsOf(n8n.nodeOutput(r.run, 'Climate Order Events')), idsOf([...events.initial].reverse()), 'Climate Order Events: newest first');
		const reqs = (await emu.requests()).filter((q) => q.path.startsWith('/v1/events'));
		checkEqual(
			reqs.map((q) => [q.method, q.path.replace(cancel.id, '{id}'), q.query, q.headers['stripe-account'], q.status]),
			[
				['GET', '/v1/events', { limit: '100', delivery_success: 'false' }, ACCOUNT, 200],
				['GET', '/v1/events/{id}', {}, ACCOUNT, 200],
				['GET', '/v1/events', { limit: '10', type: 'climate.order.*' }, ACCOUNT, 200],
			],
			'requests',
		);
		return `exit 0 in ${r.durationMs} ms; 1 undelivered event (${cancel.id}), its order read back, ${events.initial.length} climate.order.* events; 3 requests with Stripe-Account`;
	});

	const activated = await report.step(
		'polling trigger published, n8n start → the activation poll emits the last hour once, oldest first',
		async () => {
			await n8n.publish(ctx.home, IDS.polling);
			await emu.clearLog();
			await startLoggedIn(ctx);
			const [execution] = await wait('the polling workflow\'s first execution', async () => {
				const list = await pollExecutions(ctx);
				return list.length && list.every((e) => e.status !== 'running' && e.status !== 'new') ? list : null;
			});
			checkEqual(idsOf(execution.items), idsOf(events.initial), 'emitted events');
			check(execution.status === 'success', `execution status ${execution.status}`);
			const polls = (await emu.requests()).filter((q) => q.path === '/v1/events');
			check(polls.length >= 1 && polls.every((q) => q.headers['stripe-account'] === ACCOUNT), 'the polls did not all carry Stripe-Account');
			checkEqual(polls[0].query.types, POLLED_TYPES, 'types[] of the poll');
			return `execution ${execution.id} (${execution.mode}): ${execution.items.length} events; ${polls.length} GET /v1/events`;
		},
		{ critical: true },
	);

	await report.step('"Fetch Test Event" (POST /rest/workflows/<id>/run, manual mode) returns the newest event', async () => {
		const workflowData = { ...pollingWorkflow(), active: false };
		const started = await n8n.rest(running(ctx).baseUrl, ctx.cookie, 'POST', `/workflows/${IDS.polling}/run`, {
			workflowId: IDS.polling, // n8n 2.41 runs the saved workflow, 2.8 the workflowData sent
			workflowData,
			startNodes: [],
			triggerToStartFrom: { name: POLL_NODE },
		});
		check(started?.executionId, `no execution id: ${JSON.stringify(started)}`);
		const execution = await wait('the manual execution to finish', async () => {
			const e: ApiExecution | null = await n8n.api(running(ctx).baseUrl, ctx.apiKey, 'GET', `/executions/${started.executionId}?includeData=true`).catch(() => null);
			return e && e.finished !== undefined && e.status !== 'running' && e.status !== 'new' ? e : null;
		});
		const items = nodeItems(execution, POLL_NODE) ?? [];
		checkEqual([execution.mode, execution.status], ['manual', 'success'], 'mode and status');
		checkEqual(idsOf(items), [events.initial.at(-1).id], 'the newest event');
		return `execution ${started.executionId} (manual): ${items[0].id} (${items[0].type})`;
	});

	if (activated === undefined) return;
	await report.step('n8n stopped, 2 orders created, n8n start → one execution with exactly those 2 events', async () => {
		await stopN8n(ctx);
		await createOrder(emu);
		await createOrder(emu);
		events.downtime = (await accountEvents(emu)).slice(events.initial.length);
		check(events.downtime.length === 2, `${events.downtime.length} new events`);
		await startLoggedIn(ctx);
		const list = await wait('a second polling execution', async () => {
			const l = (await pollExecutions(ctx)).filter((e) => e.mode !== 'manual');
			return l.length >= 2 && l.every((e) => e.status !== 'running' && e.status !== 'new') ? l : null;
		});
		await n8n.sleep(1500); // a repeat would show up as a third execution now
		const after = (await pollExecutions(ctx)).filter((e) => e.mode !== 'manual');
		checkEqual(after.map((e) => idsOf(e.items)), [idsOf(events.initial), idsOf(events.downtime)], 'events per execution');
		return `executions ${list.map((e) => `${e.id}: ${e.items.length} events`).join(', ')}; nothing repeated`;
	});
}
