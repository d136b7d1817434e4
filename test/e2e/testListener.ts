/**
 * The editor's "Listen for test event" beside the published trigger workflow, driven the way the
 * editor drives it (n8n's internal REST API with the owner's cookie): n8n registers a second Stripe
 * endpoint for the test URL, Stripe sends each event to both, and each endpoint must start its own
 * execution whichever request arrives first; stopping the listener must leave production's memory
 * of seen events alone.
 *
 * Arrival order is made certain by disabling one endpoint while the event is created (Stripe then
 * sends it to the other only) and redelivering it to the disabled one afterwards.
 */
import type { DeliveryRecord } from '../emulator/types';
import type { StripeJson } from '../support/emulator';
import { check, type Report } from '../support/report';
import * as n8n from '../n8n/instance';
import { is2xx, running, type E2eContext } from './context';
import { executions, settledExecutions } from './trigger';

const TRIGGER_NODE = 'Stripe Events Trigger';
/** Limit of every wait for something that must happen (condition-based: a fast run does not wait it out). */
const WAIT = { timeoutMs: 60000, intervalMs: 150 };

const endpoints = async (ctx: E2eContext): Promise<StripeJson[]> => (await ctx.emu.objects('webhook_endpoint')) ?? [];
const testEndpoint = async (ctx: E2eContext): Promise<StripeJson | undefined> =>
	(await endpoints(ctx)).find((e) => e.url.includes('/webhook-test/'));

/** Starts listening as the editor does; resolves the test endpoint Stripe now holds. */
async function startListener(ctx: E2eContext): Promise<StripeJson> {
	const { baseUrl } = running(ctx);
	const workflowData = await n8n.rest(baseUrl, ctx.cookie, 'GET', `/workflows/${ctx.workflowId}`);
	// 2.8.4 runs the workflowData sent; 2.41 reads the workflow by workflowId. Both are sent.
	const started = await n8n.rest(baseUrl, ctx.cookie, 'POST', `/workflows/${ctx.workflowId}/run`, {
		workflowId: ctx.workflowId,
		workflowData,
		startNodes: [],
		triggerToStartFrom: { name: TRIGGER_NODE },
	});
	check(started?.waitingForWebhook === true, () => `POST /rest/workflows/${ctx.workflowId}/run answered ${JSON.stringify(started)}`);
	return await n8n.waitFor(() => testEndpoint(ctx), { ...WAIT, what: 'the test endpoint' });
}

async function stopListener(ctx: E2eContext): Promise<void> {
	await n8n.rest(running(ctx).baseUrl, ctx.cookie, 'DELETE', `/test-webhook/${ctx.workflowId}`).catch(() => {});
}

const setDisabled = (ctx: E2eContext, endpointId: string, disabled: boolean): Promise<StripeJson> =>
	ctx.emu.stripe('POST', `/v1/webhook_endpoints/${endpointId}`, { disabled: String(disabled) });

/** The attempt records of an event at one endpoint. */
const deliveriesTo = async (ctx: E2eContext, eventId: string, endpointId: string): Promise<DeliveryRecord[]> =>
	(await ctx.emu.deliveriesOf(eventId)).filter((d) => d.endpointId === endpointId && (d.status != null || d.error !== undefined));

/**
 * One event to both endpoints, `first` receiving it before the other. Resolves the event id and
 * the status each endpoint answered.
 */
async function deliverInOrder(
	ctx: E2eContext,
	production: StripeJson,
	test: StripeJson,
	first: 'test' | 'production',
): Promise<{ eventId: string; production: number | null; test: number | null }> {
	const [early, late] = first === 'production' ? [production, test] : [test, production];
	await setDisabled(ctx, late.id, true);
	const order = await ctx.emu.stripe('POST', '/v1/climate/orders', { product: ctx.product, metric_tons: '0.1' });
	const event = await n8n.waitFor(
		() => ctx.emu.eventAbout('climate.order.created', order.id),
		{ ...WAIT, what: 'the order event' },
	);
	const earlyAnswer = await n8n.waitFor(async () => (await deliveriesTo(ctx, event.id, early.id))[0], { ...WAIT, what: `delivery to ${first}` });
	await setDisabled(ctx, late.id, false);
	await ctx.emu.admin('POST', `/events/${event.id}/redeliver`, { endpoint: late.id });
	const lateAnswer = await n8n.waitFor(async () => (await deliveriesTo(ctx, event.id, late.id))[0], { ...WAIT, what: 'the second delivery' });
	const byName = first === 'production' ? [earlyAnswer, lateAnswer] : [lateAnswer, earlyAnswer];
	return { eventId: event.id, production: byName[0].status, test: byName[1].status };
}

async function productionRunsOf(ctx: E2eContext, eventId: string) {
	return (await executions(ctx)).filter((x) => x.eventId === eventId && x.mode !== 'manual');
}

async function testRunsOf(ctx: E2eContext, eventId: string) {
	return (await executions(ctx)).filter((x) => x.eventId === eventId && x.mode === 'manual');
}

export async function testListener(report: Report, ctx: E2eContext): Promise<void> {
	const delivered: string[] = [];
	for (const first of ['test', 'production'] as const) {
		await report.step(`test listener started over REST; one event to both endpoints, ${first} first → one production execution`, async () => {
			const production = (await endpoints(ctx)).find((e) => e.id === ctx.endpointId);
			const test = await startListener(ctx);
			check(production && test && test.id !== production.id, 'expected the production and a separate test endpoint');
			const answer = await deliverInOrder(ctx, production, test, first);
			delivered.push(answer.eventId);
			const runs = await n8n.waitFor(async () => {
				const mine = await productionRunsOf(ctx, answer.eventId);
				return mine.length > 0 ? mine : null;
			}, { ...WAIT, what: `a production execution for ${answer.eventId}` });
			check(is2xx(answer.test), `the test endpoint answered ${answer.test}`);
			// the test endpoint's own (manual) execution, also so that it cannot be counted by a later step
			const tests = await n8n.waitFor(async () => {
				const mine = await testRunsOf(ctx, answer.eventId);
				return mine.length > 0 ? mine : null;
			}, { ...WAIT, what: `the test endpoint's execution for ${answer.eventId}` });
			const settled = (await settledExecutions(ctx)).filter((x) => x.eventId === answer.eventId);
			const inProduction = settled.filter((x) => x.mode !== 'manual');
			check(inProduction.length === 1, `${inProduction.length} production executions for ${answer.eventId}`);
			check(settled.length - inProduction.length === 1, `${settled.length - inProduction.length} test executions for ${answer.eventId}`);
			await stopListener(ctx);
			await n8n.waitFor(async () => !(await testEndpoint(ctx)), { ...WAIT, what: 'the test endpoint to be deleted' });
			return `${answer.eventId}: production answered ${answer.production}, test ${answer.test}; ${runs.length} production execution, ${tests.length} test execution; test endpoint ${test.id} deleted when the listener stopped`;
		});
	}
	await report.step("listener started and stopped again → production's dedupe still holds", async () => {
		await startListener(ctx);
		await stopListener(ctx);
		await n8n.waitFor(async () => !(await testEndpoint(ctx)), { ...WAIT, what: 'the test endpoint to be deleted' });
		const before = (await executions(ctx)).length;
		for (const id of delivered) {
			const prior = (await deliveriesTo(ctx, id, ctx.endpointId)).length;
			await ctx.emu.admin('POST', `/events/${id}/redeliver`, { endpoint: ctx.endpointId });
			const answered = await n8n.waitFor(async () => (await deliveriesTo(ctx, id, ctx.endpointId))[prior], { ...WAIT, what: `the redelivery of ${id}` });
			check(is2xx(answered.status), `the redelivery of ${id} was answered ${answered.status ?? answered.error}`);
		}
		const after = (await settledExecutions(ctx)).length;
		check(after === before, `redeliveries to production after the listener stopped: executions went from ${before} to ${after}`);
		return `${delivered.length} events redelivered to production → executions still ${after}`;
	});
}
