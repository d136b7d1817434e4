/**
 * Figures for the README: resident memory of every process while idle, deliveries per second
 * through the webhook processes, and bulk mode (Requests in Parallel) on the worker while the
 * emulator enforces a rate limit.
 */
import * as os from 'node:os';

import { check, type Report } from '../support/report';
import * as n8n from '../n8n/instance';
import { memoryOf } from './cluster';
import type { QueueContext } from './context';
import type { BulkFigure, SendFigure, ThroughputFigure } from './figures';
import * as obs from './observe';
import { BULK, BULK_CREATE_NODE, type TriggerKey } from './workflows';

/** How the bulk workflow is run: items per execution, the node's parallelism and rate, the emulator's limit. */
export interface BulkOptions {
	items: number;
	parallel: number;
	perSecond: number;
	limit: number;
	maxRetries: number;
}

/** RSS of main, each webhook process and the worker (task runners listed apart). */
export async function idleMemory(report: Report, ctx: QueueContext): Promise<void> {
	await report.step('idle memory (RSS) per process', async () => {
		await n8n.sleep(3000);
		const rows = ctx.cluster.running().map((inst) => ({ role: inst.role, ...memoryOf(inst.pid) }));
		check(rows.length === 4, `${rows.length} n8n processes running`);
		ctx.figures.memory = rows.map((r) => ({
			role: r.role,
			mb: r.mb,
			taskRunnerMb: r.children.filter((c) => c.what === 'task runner').reduce((a, c) => a + c.mb, 0),
			otherChildrenMb: r.children.filter((c) => c.what !== 'task runner').reduce((a, c) => a + c.mb, 0),
		}));
		return ctx.figures.memory
			.map((r) => `${r.role} ${r.mb} MB${r.taskRunnerMb ? ` + task runner ${r.taskRunnerMb} MB` : ''}${r.otherChildrenMb ? ` + ${r.otherChildrenMb} MB other` : ''}`)
			.join(', ');
	});
}

/**
 * Deliveries per second as a sender sees them (the webhook process answers once the execution is
 * enqueued): `sequential` one after another through webhook-1, then `concurrent` with 8 in flight
 * across both; then how long the worker took to finish them all. Every event must have exactly one
 * execution afterwards.
 */
export async function throughput(report: Report, ctx: QueueContext, key: TriggerKey, { sequential = 100, concurrent = 200, inFlight = 8 } = {}): Promise<void> {
	const t = ctx.triggers[key];
	await report.step(`throughput, ${key === 'claimed' ? 'dedupe across processes' : 'default options'}: ${sequential} sequential through webhook-1, ${concurrent} with ${inFlight} in flight across both`, async () => {
		await ctx.emu.clearLog();
		const before = await obs.executions(ctx.pg, t.id);
		const seq = Array.from({ length: sequential }, (_, i) => obs.makeEvent(t.eventType, `seq${i}`));
		const conc = Array.from({ length: concurrent }, (_, i) => obs.makeEvent(t.eventType, `conc${i}`));
		const send = async (events: obs.MadeEvent[], limit: number, target: (i: number) => number): Promise<SendFigure> => {
			const t0 = Date.now();
			const answers = await obs.pool(events, limit, (ev, i) => obs.deliver(ctx.cluster.webhooks[target(i)].port, t, ev.text, { secret: t.secret }));
			const ms = Date.now() - t0;
			const bad = answers.filter((a) => a.status < 200 || a.status >= 300);
			check(bad.length === 0, () => `${bad.length} answered non-2xx, e.g. ${bad[0].status} ${bad[0].text.slice(0, 120)}`);
			const lat = answers.map((a) => a.ms);
			return { n: events.length, ms, perSecond: Math.round((events.length / ms) * 10000) / 10, p50: obs.percentile(lat, 50), p99: obs.percentile(lat, 99) };
		};
		const s = await send(seq, 1, () => 0);
		const c = await send(conc, inFlight, (i) => i % 2);
		const t0 = Date.now();
		const list = await obs.waitFinished(ctx.pg, t.id, before.length + sequential + concurrent, { timeoutMs: 300000 });
		const drainMs = Date.now() - t0;
		const counts = obs.countByEvent(list, [...seq, ...conc].map((e) => e.id));
		const wrong = [...counts.values()].filter((n) => n !== 1).length;
		check(wrong === 0, `${wrong} events do not have exactly one execution`);
		check(list.length === before.length + sequential + concurrent, `${list.length - before.length} executions for ${sequential + concurrent} events`);
		const failed = list.slice(before.length).filter((e) => e.status !== 'success').length;
		check(failed === 0, `${failed} executions did not succeed`);
		const claims = await obs.claims(ctx.emu, t.endpointId);
		const load1 = Math.round(os.loadavg()[0] * 10) / 10;
		const fig: ThroughputFigure = { sequential: s, concurrent: c, drainMs, claims: claims.total, loadAverage: load1 };
		ctx.figures.throughput = { ...ctx.figures.throughput, [key]: fig };
		return `load average ${load1} on ${os.cpus().length} cores: sequential ${s.perSecond}/s (p50 ${s.p50} ms, p99 ${s.p99} ms); ${inFlight} in flight ${c.perSecond}/s (p50 ${c.p50} ms, p99 ${c.p99} ms); worker done ${drainMs} ms after the last answer; ${sequential + concurrent} executions; ${claims.total} claims`;
	});
}

/**
 * Bulk mode on the worker: two executions of the bulk workflow at the same time (one enqueued by
 * each webhook process), each creating `items` climate orders with Requests in Parallel, while the
 * emulator admits `limit` requests per second for the account (above it: 429 with Retry-After).
 * Every item must be created exactly once, both runs must succeed, and they must overlap.
 */
export async function bulk(report: Report, ctx: QueueContext, { items, limit, parallel, perSecond }: BulkOptions): Promise<void> {
	await report.step(`bulk mode on the worker: 2 executions × ${items} climate orders, ${parallel} in parallel at most ${perSecond}/s each, emulator limit ${limit}/s`, async () => {
		await ctx.emu.clearLog();
		await ctx.emu.admin('POST', '/rate-limit', { perSecond: limit });
		const runs = ['a', 'b'];
		const before = await obs.executions(ctx.pg, ctx.bulkWorkflowId);
		const t0 = Date.now();
		let list: obs.Execution[];
		try {
			const answers = await Promise.all(
				runs.map((run, i) =>
					fetch(`http://127.0.0.1:${ctx.cluster.webhooks[i].port}/webhook/${BULK.path}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ items: Array.from({ length: items }, (_, n) => ({ run, n, product: ctx.product })) }),
						signal: AbortSignal.timeout(30000),
					}).then(async (r) => ({ status: r.status, text: await r.text() })),
				),
			);
			check(answers.every((a) => a.status === 200), () => `the bulk webhook answered ${answers.map((a) => `${a.status} ${a.text.slice(0, 100)}`).join('; ')}`);
			list = await obs.waitFinished(ctx.pg, ctx.bulkWorkflowId, before.length + 2, { timeoutMs: 300000 });
		} finally {
			await ctx.emu.admin('POST', '/rate-limit', { perSecond: null });
		}
		const wallMs = Date.now() - t0;
		const mine = list.slice(before.length);
		check(mine.length === 2, `${mine.length} executions of the bulk workflow`);
		check(mine.every((e) => e.status === 'success' && e.mode === 'webhook'), () => `executions: ${mine.map((e) => `#${e.id} ${e.mode} ${e.status}`).join(', ')}`);
		const byWorker = obs.ranByWorker(ctx.cluster.worker, mine.map((e) => e.id));
		check(byWorker.length === 2, `the worker's log shows ${byWorker.length} of the 2 executions`);

		// the runs overlapped: each started before the other stopped
		const times = await ctx.pg.query(
			`SELECT id, extract(epoch from "startedAt") * 1000, extract(epoch from "stoppedAt") * 1000 FROM execution_entity WHERE id IN (${mine.map((e) => e.id).join(',')}) ORDER BY id`,
		);
		const [[, s1, e1], [, s2, e2]] = times.map((r) => r.map(Number));
		const overlapMs = Math.round(Math.min(e1, e2) - Math.max(s1, s2));
		check(overlapMs > 0, `the two executions did not run at the same time (${Math.round(s1)}–${Math.round(e1)}, ${Math.round(s2)}–${Math.round(e2)})`);

		// every item created exactly once
		const orders = (await ctx.emu.objects('climate.order')).filter((o) => runs.includes(o.metadata?.run));
		const seen = new Map<string, number>();
		for (const o of orders) {
			const k = `${o.metadata.run}-${o.metadata.n}`;
			seen.set(k, (seen.get(k) || 0) + 1);
		}
		const missing: string[] = [];
		for (const run of runs) for (let n = 0; n < items; n++) if (!seen.has(`${run}-${n}`)) missing.push(`${run}-${n}`);
		const twice = [...seen].filter(([, k]) => k > 1);
		check(missing.length === 0, () => `${missing.length} items not created, e.g. ${missing.slice(0, 5).join(', ')}`);
		check(twice.length === 0, () => `${twice.length} items created more than once, e.g. ${twice.slice(0, 5).map(([k, n]) => `${k}×${n}`).join(', ')}`);
		check(orders.length === items * runs.length, `${orders.length} orders for ${items * runs.length} items`);

		// what the emulator saw
		const reqs = (await ctx.emu.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/climate/orders');
		const limited = reqs.filter((r) => r.status === 429).length;
		const created = reqs.filter((r) => r.status === 200).length;
		const spanMs = reqs.length ? reqs[reqs.length - 1].at - reqs[0].at : 0;
		check(limited > 0, `no request was rate-limited (the check needs 429s to prove they are retried): raise perSecond above ${limit / 2}`);
		const keysOf429 = new Set(reqs.filter((r) => r.status === 429).map((r) => r.headers['idempotency-key']));
		const retriedOk = [...keysOf429].filter((k) => reqs.some((r) => r.status === 200 && r.headers['idempotency-key'] === k)).length;
		check(retriedOk === keysOf429.size, `${keysOf429.size - retriedOk} rate-limited items were not created by a retry`);
		// the workflow's output: one order per item, in input order
		const fig: BulkFigure = {
			items: items * runs.length,
			requests: reqs.length,
			created,
			limited,
			requestsPerSecond: Math.round((reqs.length / spanMs) * 10000) / 10,
			createdPerSecond: Math.round((created / spanMs) * 10000) / 10,
			spanMs,
			wallMs,
			overlapMs,
			limit,
			perSecond,
			parallel,
			loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
		};
		ctx.figures.bulk = fig;
		return `load average ${fig.loadAverage} on ${os.cpus().length} cores: ${orders.length} orders, each item exactly once; ${reqs.length} requests in ${(spanMs / 1000).toFixed(1)} s = ${fig.requestsPerSecond} requests/s (${fig.createdPerSecond} created/s against a limit of ${limit}/s); ${limited} answered 429, all ${keysOf429.size} items affected created by a retry with the same key; executions #${mine[0].id} and #${mine[1].id} overlapped ${(overlapMs / 1000).toFixed(1)} s (node: ${BULK_CREATE_NODE})`;
	});
}
