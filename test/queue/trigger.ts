/**
 * The Stripe Events Trigger in queue mode: activation on main, deliveries through either webhook
 * process (enqueued there, run by the worker), redeliveries to the other process, concurrent and
 * simultaneous deliveries, bad signatures, restarts of the webhook processes and of main, and
 * deactivation.
 *
 * Each function takes (report, ctx): see QueueContext (test/queue/context.ts).
 */
import type { DeliveryRecord } from '../emulator/types';
import type { StripeJson } from '../support/emulator';
import { check, checkEqual, type Report } from '../support/report';
import { sign } from '../support/stripeSignature';
import * as n8n from '../n8n/instance';
import type { QueueContext, SuiteTrigger } from './context';
import type { SimultaneousResult } from './figures';
import * as obs from './observe';
import { TRIGGERS, type TriggerKey } from './workflows';

const WAIT_MS = 30000;
const portOf = (ctx: QueueContext, i: number): number => ctx.cluster.webhooks[i].port;
const names = ['webhook-1', 'webhook-2'];
const KEYS: TriggerKey[] = ['claimed', 'unclaimed'];
/** A delivery's status is null when the emulator could not reach the URL. */
const is2xx = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** Delivers `events` (i-th to process `target(i)`) all at once; checks every answer is 2xx. */
async function deliverAll(ctx: QueueContext, t: SuiteTrigger, events: obs.MadeEvent[], target: (i: number) => number): Promise<{ ms: number; answers: obs.Answer[] }> {
	const t0 = Date.now();
	const answers = await Promise.all(events.map((ev, i) => obs.deliver(portOf(ctx, target(i)), t, ev.text, { secret: t.secret })));
	const bad = answers.map((a, i): [obs.Answer, obs.MadeEvent] => [a, events[i]]).filter(([a]) => a.status < 200 || a.status >= 300);
	check(bad.length === 0, () => `${bad.length} deliveries answered non-2xx: ${bad.slice(0, 3).map(([a, e]) => `${e.id} → ${a.status} ${a.text.slice(0, 120)}`).join('; ')}`);
	return { ms: Date.now() - t0, answers };
}

/** Checks each of `events` has exactly one execution of the trigger's workflow, all finished successfully. */
async function exactlyOneEach(
	ctx: QueueContext,
	t: SuiteTrigger,
	events: obs.SentEvent[],
	{ expectTotal }: { expectTotal?: number } = {},
): Promise<{ list: obs.Execution[]; mine: obs.Execution[] }> {
	const list = await obs.waitFinished(ctx.pg, t.id, expectTotal ?? 0, { timeoutMs: WAIT_MS });
	const counts = obs.countByEvent(list, events.map((e) => e.id));
	const wrong = [...counts].filter(([, n]) => n !== 1);
	check(wrong.length === 0, () => `${wrong.length} of ${events.length} events do not have exactly one execution: ${wrong.slice(0, 5).map(([id, n]) => `${id}: ${n}`).join(', ')}`);
	const mine = list.filter((e) => counts.has(e.eventId));
	const failed = mine.filter((e) => e.status !== 'success' || e.mode !== 'webhook');
	check(failed.length === 0, () => `executions not successful webhook runs: ${failed.map((e) => `#${e.id} ${e.mode} ${e.status}`).join(', ')}`);
	if (expectTotal !== undefined) check(list.length === expectTotal, `the workflow has ${list.length} executions, expected ${expectTotal}`);
	return { list, mine };
}

/**
 * Waits until both webhook processes serve both triggers: /healthz/readiness can answer before a
 * webhook process has mounted its webhook routes (2.8.4 answered 404 for a moment after a restart),
 * so an unsigned probe must reach the trigger, which refuses it with 400. Resolves, per process,
 * the ms since its spawn.
 */
async function triggersServed(ctx: QueueContext): Promise<number[]> {
	return Promise.all(
		[0, 1].map(async (i) => {
			for (const key of KEYS) {
				await n8n.waitFor(async () => (await obs.deliver(portOf(ctx, i), ctx.triggers[key], '{}', {})).status === 400, {
					timeoutMs: WAIT_MS,
					intervalMs: 200,
					what: `${names[i]} to serve the ${key} trigger's webhook`,
				});
			}
			return Date.now() - ctx.cluster.webhooks[i].startedAt;
		}),
	);
}

// ---------------------------------------------------------------------------------------------
// activation

/** Activation as a user does it, on main (the webhook processes learn of it from the database). */
export async function activation(report: Report, ctx: QueueContext): Promise<void> {
	await report.step(
		"workflows activated through main's public API",
		async () => {
			const ids = [TRIGGERS.claimed.id, TRIGGERS.unclaimed.id, ctx.bulkWorkflowId];
			const lines = [];
			for (const id of ids) {
				const t0 = Date.now();
				const r = await n8n.api(ctx.cluster.main.baseUrl, ctx.apiKey, 'POST', `/workflows/${id}/activate`);
				check(r.active === true, `${id}: the API answered active=${r.active}`);
				lines.push(`${id} ${Date.now() - t0} ms`);
			}
			return lines.join(', ');
		},
		{ critical: true },
	);
	for (const key of KEYS) {
		const t = ctx.triggers[key];
		await report.step(
			`${key}: exactly one webhook endpoint, with the front's production URL`,
			async () => {
				await n8n.waitFor(async () => (await obs.endpointsAt(ctx.emu, t.url)).length > 0, { timeoutMs: WAIT_MS, what: `an endpoint for ${t.url}` });
				await n8n.sleep(500); // a second registration would show up now
				const eps = await obs.endpointsAt(ctx.emu, t.url);
				check(eps.length === 1, () => `${eps.length} endpoints with ${t.url}: ${eps.map((e) => e.id).join(', ')}`);
				checkEqual(eps[0].enabled_events, [...t.events].sort(), 'enabled_events');
				checkEqual(eps[0].status, 'enabled', 'status');
				t.endpointId = eps[0].id;
				t.secret = eps[0].secret;
				return `${t.endpointId} → ${t.url}, events ${t.events.join(', ')}`;
			},
			{ critical: true },
		);
	}
	await report.step('the account holds no other endpoint', async () => {
		const all = await ctx.emu.objects('webhook_endpoint');
		check(all.length === 2, () => `${all.length} endpoints: ${all.map((e) => `${e.id} ${e.url}`).join(', ')}`);
		return `2 endpoints in all, one per trigger workflow`;
	});
	await report.step(
		'both webhook processes serve both triggers (an unsigned probe → 400)',
		async () => {
			const served = await triggersServed(ctx);
			return served.map((ms, i) => `${names[i]} ${ms} ms after its spawn`).join(', ');
		},
		{ critical: true },
	);
}

// ---------------------------------------------------------------------------------------------
// deliveries

/** The emulator's event of `type` about `objectId`, once it exists. */
async function eventFor(ctx: QueueContext, type: string, objectId: string): Promise<StripeJson> {
	return n8n.waitFor(
		() => ctx.emu.eventAbout(type, objectId),
		{ timeoutMs: WAIT_MS, what: `the ${type} event of ${objectId}` },
	);
}
/** The n-th delivery attempt of an event, once recorded. */
async function deliveryOf(ctx: QueueContext, eventId: string, n = 1): Promise<DeliveryRecord> {
	return n8n.waitFor(
		async () => {
			const ds = await ctx.emu.deliveriesOf(eventId);
			return ds.length >= n ? ds[n - 1] : null;
		},
		{ timeoutMs: WAIT_MS, what: `delivery #${n} of ${eventId}` },
	);
}

/**
 * A climate order created at the emulator: Stripe's delivery of its climate.order.created event
 * must be answered 2xx and start exactly one execution (`before`: the executions until now).
 */
async function orderThroughStripe(
	ctx: QueueContext,
	t: SuiteTrigger,
	before: obs.Execution[],
	metricTons: string,
): Promise<{ order: StripeJson; event: StripeJson; d: DeliveryRecord; mine: obs.Execution[] }> {
	const order = await ctx.emu.stripe('POST', '/v1/climate/orders', { product: ctx.product, metric_tons: metricTons });
	const event = await eventFor(ctx, 'climate.order.created', order.id);
	const d = await deliveryOf(ctx, event.id);
	check(is2xx(d.status), `the delivery was answered ${d.status ?? d.error}`);
	const { mine } = await exactlyOneEach(ctx, t, [event], { expectTotal: before.length + 1 });
	return { order, event, d, mine };
}

export async function deliveries(report: Report, ctx: QueueContext): Promise<void> {
	const t = ctx.triggers.claimed;
	const products = await ctx.emu.stripe('GET', '/v1/climate/products', { limit: 1 });
	ctx.product = products.data[0].id;
	for (const i of [0, 1]) {
		await report.step(`Stripe's delivery through ${names[i]} → exactly one execution, run by the worker`, async () => {
			const before = await obs.executions(ctx.pg, t.id);
			const served = ctx.front.served[i] || 0;
			ctx.front.route = i;
			const { order, event, d, mine } = await orderThroughStripe(ctx, t, before, '0.5');
			check((ctx.front.served[i] || 0) > served, `the front did not send it to ${names[i]}`);
			const byWorker = obs.ranByWorker(ctx.cluster.worker, mine.map((e) => e.id));
			check(byWorker.length === 1, `the worker's log does not show execution #${mine[0].id} starting`);
			t.sent.push({ id: event.id, text: null, real: true });
			return `${event.id} (order ${order.id}) → ${names[i]} answered ${d.status}; execution #${mine[0].id} ${mine[0].status}, "Worker started execution ${mine[0].id}" in the worker's log`;
		});
	}
	ctx.front.route = 'round-robin';

	await report.step('a redelivery to the other webhook process → 2xx, nothing started', async () => {
		const ev = t.sent[0];
		check(ev, 'no delivered event');
		const before = await obs.executions(ctx.pg, t.id);
		const prior = (await ctx.emu.deliveriesOf(ev.id)).length;
		ctx.front.route = 1; // the first event went through webhook-1
		await ctx.emu.admin('POST', `/events/${ev.id}/redeliver`);
		const d = await deliveryOf(ctx, ev.id, prior + 1);
		ctx.front.route = 'round-robin';
		check(is2xx(d.status), `the redelivery was answered ${d.status ?? d.error}`);
		const after = await obs.settled(ctx.pg, t.id);
		check(after.length === before.length, `executions went from ${before.length} to ${after.length}`);
		return `${ev.id}: delivered through webhook-1, redelivered through webhook-2 → ${d.status}; executions still ${after.length} after ${obs.SETTLE_MS} ms`;
	});

	await report.step('bad signatures (unsigned, tampered, wrong secret, expired) → 4xx, nothing started, nothing claimed', async () => {
		await ctx.emu.clearLog();
		const before = await obs.executions(ctx.pg, t.id);
		const ev = () => obs.makeEvent(t.eventType, 'bad');
		const a = ev();
		const b = ev();
		const tampered = b.text.replace('"metric_tons": "1"', '"metric_tons": "1000"');
		check(tampered !== b.text, 'could not tamper the body');
		const c = ev();
		const d = ev();
		const answers = await Promise.all([
			obs.deliver(portOf(ctx, 0), t, a.text, {}),
			obs.deliver(portOf(ctx, 1), t, tampered, { headers: { 'stripe-signature': sign(t.secret, b.text) } }),
			obs.deliver(portOf(ctx, 0), t, c.text, { secret: 'whsec_not_the_endpoints_secret_0000000000' }),
			obs.deliver(portOf(ctx, 1), t, d.text, { secret: t.secret, at: Math.floor(Date.now() / 1000) - 3600 }),
		]);
		const labels = ['unsigned → webhook-1', 'tampered → webhook-2', 'wrong secret → webhook-1', 'signed an hour ago → webhook-2'];
		const not4xx = answers.map((r, i): [obs.Answer, string] => [r, labels[i]]).filter(([r]) => r.status < 400 || r.status >= 500);
		check(not4xx.length === 0, () => not4xx.map(([r, l]) => `${l} answered ${r.status} ${r.text.slice(0, 100)}`).join('; '));
		const after = await obs.settled(ctx.pg, t.id);
		check(after.length === before.length, `executions went from ${before.length} to ${after.length}`);
		const c2 = await obs.claims(ctx.emu, t.endpointId);
		check(c2.total === 0, `refused deliveries made ${c2.total} claim requests at Stripe`);
		return `${answers.map((r, i) => `${labels[i]} ${r.status}`).join(', ')}; executions still ${after.length}; 0 claims`;
	});

	await report.step('20 distinct events at once across both processes, then all redelivered to the other → 20 executions', async () => {
		await ctx.emu.clearLog();
		const before = await obs.executions(ctx.pg, t.id);
		const events = Array.from({ length: 20 }, (_, i) => obs.makeEvent(t.eventType, `burst${i}`));
		const first = await deliverAll(ctx, t, events, (i) => i % 2);
		await obs.waitFinished(ctx.pg, t.id, before.length + 20, { timeoutMs: WAIT_MS });
		const second = await deliverAll(ctx, t, events, (i) => (i + 1) % 2);
		await obs.settled(ctx.pg, t.id);
		const { list } = await exactlyOneEach(ctx, t, events, { expectTotal: before.length + 20 });
		t.sent.push(...events);
		const c = await obs.claims(ctx.emu, t.endpointId);
		const kept = await savedCount(ctx, t, events);
		ctx.figures.burst20 = { executions: list.length - before.length, firstMs: first.ms, redeliverMs: second.ms, claims: c, storedIds: kept };
		return `20 events (10 per process) answered in ${first.ms} ms, redelivered crosswise in ${second.ms} ms → ${list.length - before.length} executions; ${obs.describeClaims(c)}; saved static data holds ${kept} of the 20 ids`;
	});

	await report.step('the same event to both processes at once, 10 times → 10 executions', async () => {
		const r = await simultaneous(ctx, t, 10);
		check(r.executions === 10, `${r.executions} executions for 10 events (${r.duplicates} duplicates)`);
		ctx.figures.simultaneousClaimed = r;
		return `10 pairs answered ${r.statuses}; ${r.executions} executions; ${obs.describeClaims(r.claims)} (each claim held for ${r.holdMs} ms, as a request in flight at Stripe)`;
	});
}

/**
 * Sends each of `n` new events to both webhook processes at the same moment. Claims at the
 * emulator are held for `holdMs` (injected), as Stripe holds a key while its request runs (a
 * Stripe POST takes a few hundred milliseconds), so the second claim of a pair usually finds the
 * first still in flight (409).
 */
export async function simultaneous(ctx: QueueContext, t: SuiteTrigger, n: number, holdMs = 150): Promise<SimultaneousResult> {
	await ctx.emu.clearLog();
	const before = await obs.executions(ctx.pg, t.id);
	await ctx.emu.admin('POST', '/faults', { rate: 1, faults: [{ kind: 'hang', ms: holdMs }], match: { method: 'POST', pathPrefix: '/v1/webhook_endpoints/' } });
	const events = Array.from({ length: n }, (_, i) => obs.makeEvent(t.eventType, `both${i}`));
	const statuses = new Map<number, number>();
	try {
		for (const ev of events) {
			const answers = await Promise.all([0, 1].map((i) => obs.deliver(portOf(ctx, i), t, ev.text, { secret: t.secret })));
			for (const a of answers) statuses.set(a.status, (statuses.get(a.status) || 0) + 1);
		}
	} finally {
		await ctx.emu.admin('DELETE', '/faults');
	}
	const list = await obs.settled(ctx.pg, t.id);
	const mine = list.filter((e) => events.some((ev) => ev.id === e.eventId));
	const counts = obs.countByEvent(list, events.map((e) => e.id));
	const c = await obs.claims(ctx.emu, t.endpointId);
	t.sent.push(...events);
	const non2xx = [...statuses.keys()].filter((s) => s < 200 || s >= 300);
	check(non2xx.length === 0, `answers: ${[...statuses].map(([s, k]) => `${k}× ${s}`).join(', ')}`);
	return {
		events: n,
		executions: mine.length,
		duplicates: mine.length - [...counts.values()].filter((k) => k > 0).length,
		missing: [...counts.values()].filter((k) => k === 0).length,
		statuses: [...statuses].map(([s, k]) => `${k}× ${s}`).join(', '),
		claims: c,
		holdMs,
		executionsBefore: before.length,
	};
}

/** The default options (no claims): a burst to one process keeps every id, across its restart too. */
export async function unclaimedBurst(report: Report, ctx: QueueContext): Promise<void> {
	const t = ctx.triggers.unclaimed;
	await report.step('default options: 20 distinct events at once to webhook-1, then redelivered there → 20 executions', async () => {
		const before = await obs.executions(ctx.pg, t.id);
		const events = Array.from({ length: 20 }, (_, i) => obs.makeEvent(t.eventType, `one${i}`));
		const first = await deliverAll(ctx, t, events, () => 0);
		await obs.waitFinished(ctx.pg, t.id, before.length + 20, { timeoutMs: WAIT_MS });
		const keptAfterBurst = await savedCount(ctx, t, events);
		const second = await deliverAll(ctx, t, events, () => 0);
		await obs.settled(ctx.pg, t.id);
		const { list } = await exactlyOneEach(ctx, t, events, { expectTotal: before.length + 20 });
		t.sent.push(...events);
		// a redelivery that finds an id of its process missing from the saved copy writes it again
		const kept = await savedCount(ctx, t, events);
		check(kept === events.length, `after the redeliveries the saved static data holds ${kept} of the 20 ids`);
		ctx.figures.unclaimedBurstStored = { afterBurst: keptAfterBurst, afterRedeliveries: kept };
		return `answered in ${first.ms} ms, redelivered in ${second.ms} ms → ${list.length - before.length} executions (no claims: this workflow keeps the default options); the workflow's saved static data holds ${keptAfterBurst} of the 20 ids after the burst, ${kept} after the redeliveries`;
	});
}

/** How many of `events` the workflow's saved static data holds. */
async function savedCount(ctx: QueueContext, t: SuiteTrigger, events: readonly obs.MadeEvent[]): Promise<number> {
	const stored = await obs.storedEventIds(ctx.pg, t.id);
	return events.filter((e) => stored.includes(e.id)).length;
}

// ---------------------------------------------------------------------------------------------
// restarts

export async function restartWebhooks(report: Report, ctx: QueueContext): Promise<void> {
	await report.step(
		'both webhook processes restarted (SIGTERM, start on the same ports)',
		async () => {
			const r = await ctx.cluster.restart('webhooks');
			const served = await triggersServed(ctx);
			return `${r.stopped.map((s) => `${s.role} stopped in ${s.stopMs} ms (exit ${s.code ?? s.signal})`).join(', ')}; ${r.started.map((s, i) => `${s.role} ready in ${s.readyMs} ms, serving the triggers ${served[i]} ms after spawn`).join(', ')}`;
		},
		{ critical: true },
	);
	await report.step('after the restart: every earlier event of the claiming trigger, redelivered → nothing started', async () => {
		const t = ctx.triggers.claimed;
		const before = await obs.executions(ctx.pg, t.id);
		const synthetic = t.sent.filter((e): e is obs.MadeEvent => !!e.text);
		const real = t.sent.filter((e) => e.real);
		await deliverAll(ctx, t, synthetic, (i) => i % 2);
		for (const ev of real) await ctx.emu.admin('POST', `/events/${ev.id}/redeliver`);
		const after = await obs.settled(ctx.pg, t.id);
		check(after.length === before.length, `executions went from ${before.length} to ${after.length}`);
		return `${synthetic.length + real.length} old events (${real.length} through Stripe's redelivery) → executions still ${after.length}`;
	});
	await report.step('after the restart: default options, the burst sent to webhook-1, redelivered to both → nothing started', async () => {
		const t = ctx.triggers.unclaimed;
		const before = await obs.executions(ctx.pg, t.id);
		const events = t.sent.filter((e): e is obs.MadeEvent => !!e.text);
		check(events.length > 0, 'no earlier events');
		const kept = await savedCount(ctx, t, events);
		await deliverAll(ctx, t, events, (i) => i % 2);
		const after = await obs.settled(ctx.pg, t.id);
		check(
			after.length === before.length,
			`executions went from ${before.length} to ${after.length}; the workflow's saved static data held ${kept} of the ${events.length} ids before the redeliveries`,
		);
		return `${events.length} events, half now to webhook-2 which never saw them (it reads the saved ids: ${kept} of ${events.length}) → executions still ${after.length}`;
	});
	await report.step('after the restart: a new event through Stripe → one execution', async () => {
		const t = ctx.triggers.claimed;
		const before = await obs.executions(ctx.pg, t.id);
		const { event, d, mine } = await orderThroughStripe(ctx, t, before, '0.25');
		t.sent.push({ id: event.id, real: true });
		return `${event.id} → ${d.status}, execution #${mine[0].id}`;
	});
}

/** Default options, the same event to both processes at once: the figure the README states. */
export async function unclaimedSimultaneous(report: Report, ctx: QueueContext): Promise<void> {
	await report.step('default options: the same event to both processes at once, 10 times (figure only)', async () => {
		const r = await simultaneous(ctx, ctx.triggers.unclaimed, 10);
		check(r.claims.total === 0, `the default options made ${r.claims.total} claims`);
		check(r.missing === 0, `${r.missing} events started nothing`);
		ctx.figures.simultaneousUnclaimed = r;
		return `10 pairs answered ${r.statuses}; ${r.executions} executions for 10 events: ${r.duplicates} duplicate(s) without dedupe across processes`;
	});
}

export async function restartMain(report: Report, ctx: QueueContext): Promise<void> {
	await ctx.emu.clearLog();
	await report.step(
		'main restarted (SIGTERM, start on the same port) and done with activation',
		async () => {
			const stopped = await ctx.cluster.stop('main');
			const [started] = await ctx.cluster.start('main');
			// n8n prints this once its start-up activation of the published workflows has finished
			// (2.8.4 and 2.41.1); /healthz/readiness answers earlier
			await n8n.waitFor(() => ctx.cluster.main.log().includes('Editor is now accessible via'), {
				timeoutMs: 60000,
				what: "main's start-up activation to finish",
			});
			return `stopped in ${stopped[0].stopMs} ms, ready in ${started.readyMs} ms, activation done ${Date.now() - ctx.cluster.main.startedAt} ms after spawn`;
		},
		{ critical: true },
	);
	await report.step('after the main restart: still exactly one endpoint per trigger, the same ones', async () => {
		await n8n.sleep(1000);
		const lines = [];
		for (const key of KEYS) {
			const t = ctx.triggers[key];
			const eps = await obs.endpointsAt(ctx.emu, t.url);
			check(eps.length === 1 && eps[0].id === t.endpointId, () => `${key}: endpoints ${eps.map((e) => e.id).join(', ') || 'none'}, expected ${t.endpointId}`);
			lines.push(`${key} ${t.endpointId}`);
		}
		const all = await ctx.emu.objects('webhook_endpoint');
		check(all.length === 2, `${all.length} endpoints in the account`);
		const reqs = (await ctx.emu.requests()).filter((r) => r.path.startsWith('/v1/webhook_endpoints'));
		const writes = reqs.filter((r) => r.method !== 'GET');
		check(writes.length === 0, () => `the restart sent ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
		return `${lines.join(', ')}; activation sent ${reqs.length ? reqs.map((r) => `${r.method} ${r.path.replace(/we_\w+/, '{id}')}`).join(', ') : 'nothing'}`;
	});
	await report.step('after the main restart: a new event through Stripe → one execution', async () => {
		const t = ctx.triggers.claimed;
		const before = await obs.executions(ctx.pg, t.id);
		const { event, d, mine } = await orderThroughStripe(ctx, t, before, '0.3');
		return `${event.id} → ${d.status}, execution #${mine[0].id}`;
	});
}

// ---------------------------------------------------------------------------------------------
// deactivation

export async function deactivation(report: Report, ctx: QueueContext): Promise<void> {
	await ctx.emu.clearLog();
	for (const key of KEYS) {
		const t = ctx.triggers[key];
		await report.step(`${key}: deactivated through main's public API → endpoint deleted, URL gone from both processes`, async () => {
			const t0 = Date.now();
			const r = await n8n.api(ctx.cluster.main.baseUrl, ctx.apiKey, 'POST', `/workflows/${t.id}/deactivate`);
			check(r.active === false, `the API answered active=${r.active}`);
			await n8n.waitFor(async () => (await obs.endpointsAt(ctx.emu, t.url)).length === 0, { timeoutMs: WAIT_MS, what: `${t.endpointId} to be deleted` });
			const goneMs = Date.now() - t0;
			const dels = (await ctx.emu.requests()).filter((x) => x.method === 'DELETE' && x.path === `/v1/webhook_endpoints/${t.endpointId}`);
			check(dels.length === 1 && dels[0].status === 200, `DELETE requests: ${dels.map((x) => x.status).join(', ') || 'none'}`);
			const probes = await n8n.waitFor(
				async () => {
					const answers = await Promise.all([0, 1].map((i) => obs.deliver(portOf(ctx, i), t, '{}', {})));
					return answers.every((a) => a.status === 404) ? answers : null;
				},
				{ timeoutMs: WAIT_MS, what: 'both webhook processes to answer 404' },
			);
			return `DELETE /v1/webhook_endpoints/${t.endpointId} → 200, gone ${goneMs} ms after the API call; webhook-1 and webhook-2 answer ${probes.map((p) => p.status).join(' and ')}`;
		});
	}
	await report.step('the account holds no endpoint', async () => {
		const all = await ctx.emu.objects('webhook_endpoint');
		check(all.length === 0, `${all.length} endpoints left`);
		return '0 endpoints';
	});
}
