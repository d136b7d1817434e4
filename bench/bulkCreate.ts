/**
 * Row 2 — Bulk create: 1,000 input items → 1,000 climate orders through a real n8n-core workflow
 * run, against an emulator that answers each request after 20 ms and enforces Stripe's live-mode
 * rate limit (100 requests per rolling second, 429 beyond it, as Stripe does).
 *   - sequential: Requests in Parallel = 1 (n8n's default: one item after another)
 *   - bulk mode: Requests in Parallel = 16, Max Requests per Second = 100
 * Reported: the speed-up, the achieved request rate against the configured limit, the most
 * requests that reached the emulator in any one second (does the bulk mode hold the limit?), the
 * 429s it sent (and how early each offending request came), failed items, and the orders the
 * emulator holds afterwards (exactly 1,000).
 * A second pair at a Stripe-like 200 ms latency shows where the speed-up comes from.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type RecordedRequest } from '../test/emulator';
import { fmtMs, fmtRatio, progress, reportFromChild, runBenchTask, type ChildResult } from './lib';
import { runNode } from './n8nRun';
import type { Section } from './report';

const ORDERS_PATH = '/v1/climate/orders';
const PRODUCT_ID = 'climsku_frontier_offtake_portfolio_2029';

export interface BulkTask {
	url: string;
	items: number;
	/** undefined: no options at all (n8n's defaults: sequential, no rate gate). */
	requestsInParallel?: number;
	maxRequestsPerSecond?: number;
}

interface BulkDetail {
	outputItems: number;
	failedItems: number;
	failures: string[];
}

// --------------------------------------------------------------------------------------------
// child side

export async function bulkCreateChild(task: BulkTask): Promise<void> {
	const items = Array.from({ length: task.items }, (_, index) => ({ ref: `bench-${index}` }));
	const options: INodeParameters = { idempotencyKey: '={{ "bench-order-" + $json.ref }}' };
	if (task.requestsInParallel !== undefined) options.requestsInParallel = task.requestsInParallel;
	if (task.maxRequestsPerSecond !== undefined) options.maxRequestsPerSecond = task.maxRequestsPerSecond;
	await reportFromChild(async (): Promise<BulkDetail> => {
		const { items: output, error } = await runNode(
			task.url,
			'stripeClimate',
			{
				resource: 'order',
				operation: 'create',
				product: { __rl: true, mode: 'id', value: PRODUCT_ID },
				metricTons: '0.01',
				additionalFields: { metadata: { pair: [{ key: 'ref', value: '={{ $json.ref }}' }] } },
				options,
			},
			items,
		);
		if (error) throw new Error(`n8n run failed: ${error}`);
		const failed = output.filter((item) => item.json.error !== undefined);
		return {
			outputItems: output.length,
			failedItems: failed.length,
			failures: [...new Set(failed.map((item) => String(item.json.error)))].slice(0, 5),
		};
	});
}

// --------------------------------------------------------------------------------------------
// parent side

export interface BulkOptions {
	items: number;
	latencyMs: number;
	rateLimit: number;
	parallel: number;
	/** Items of the sequential run; fewer than `items` = a sample, extrapolated. */
	sequentialItems: number;
	/** A second pair at this latency (0 = skip), with its own sequential sample size and parallelism. */
	slowLatencyMs: number;
	slowSequentialItems: number;
	slowParallel: number;
}

interface ModeResult {
	label: string;
	latencyMs: number;
	run: ChildResult<BulkDetail>;
	items: number;
	/** Projected wall time for `fullItems` items (= measured when the run had them all). */
	projectedMs: number;
	requests: number;
	rateLimited: number;
	/** Most requests (429s included) that reached the emulator within any one second. */
	sentMaxPerSecond: number;
	gaps: number[];
	orders: number;
	distinctRefs: number;
}

/** Most of `requests` within any 1,000 ms (by the emulator's arrival times). */
function maxInOneSecond(requests: RecordedRequest[]): number {
	const times = requests.map((r) => r.at).sort((a, b) => a - b);
	let max = 0;
	let start = 0;
	for (let end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= 1000) start++;
		max = Math.max(max, end - start + 1);
	}
	return max;
}

/**
 * For each 429: how long after the request `limit` admissions earlier it arrived. The limiter
 * refuses when that is under 1,000 ms, so these show how far arrivals strayed from the spacing.
 */
function rateLimitGaps(requests: RecordedRequest[], limit: number): number[] {
	const admitted: number[] = [];
	const gaps: number[] = [];
	for (const r of [...requests].sort((a, b) => a.at - b.at)) {
		if (r.status === 429) {
			if (admitted.length >= limit) gaps.push(r.at - admitted[admitted.length - limit]);
		} else admitted.push(r.at);
	}
	return gaps;
}

async function runMode(
	label: string,
	latencyMs: number,
	rateLimit: number,
	items: number,
	fullItems: number,
	runOptions: Pick<BulkTask, 'requestsInParallel' | 'maxRequestsPerSecond'>,
): Promise<ModeResult> {
	const emulator = await startEmulator({ latencyMs, rateLimitPerSecond: rateLimit });
	try {
		const run = await runBenchTask<BulkDetail>('bulkCreate', { url: emulator.url, items, ...runOptions } satisfies BulkTask, {
			timeoutMs: 600_000,
		});
		const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === ORDERS_PATH);
		const orders = emulator.listObjects('climate.order');
		const result: ModeResult = {
			label,
			latencyMs,
			run,
			items,
			projectedMs: (run.ms * fullItems) / items,
			requests: posts.length,
			rateLimited: posts.filter((r) => r.status === 429).length,
			sentMaxPerSecond: maxInOneSecond(posts),
			gaps: rateLimitGaps(posts, rateLimit),
			orders: orders.length,
			distinctRefs: new Set(orders.map((order) => order.metadata?.ref)).size,
		};
		progress(
			`bulk create ${label}, ${latencyMs} ms latency: ${items} items in ${fmtMs(run.ms)}, ${result.requests} requests, ` +
				`${result.rateLimited} × 429, ${run.detail.failedItems} failed, ${result.orders} orders`,
		);
		return result;
	} finally {
		await emulator.close();
	}
}

export async function bulkBench(options: BulkOptions): Promise<Section> {
	const started = Date.now();
	const { items, rateLimit, parallel } = options;
	const pairs: Array<[ModeResult, ModeResult]> = [];
	const sequential = await runMode('sequential', options.latencyMs, rateLimit, options.sequentialItems, items, {});
	const bulk = await runMode('bulk mode', options.latencyMs, rateLimit, items, items, {
		requestsInParallel: parallel,
		maxRequestsPerSecond: rateLimit,
	});
	pairs.push([sequential, bulk]);
	if (options.slowLatencyMs > 0) {
		const slowSequential = await runMode('sequential', options.slowLatencyMs, rateLimit, options.slowSequentialItems, items, {});
		const slowBulk = await runMode('bulk mode', options.slowLatencyMs, rateLimit, items, items, {
			requestsInParallel: options.slowParallel,
			maxRequestsPerSecond: rateLimit,
		});
		pairs.push([slowSequential, slowBulk]);
	}

	const rows: string[][] = [];
	for (const [seq, blk] of pairs) {
		for (const mode of [seq, blk]) {
			const isBulk = mode === blk;
			const perSecond = (mode.requests / mode.run.ms) * 1000;
			rows.push([
				`${mode.latencyMs} ms`,
				isBulk ? `bulk: ${mode === bulk ? parallel : options.slowParallel} in parallel, ≤ ${rateLimit}/s` : 'sequential (n8n default)',
				mode.items === items ? String(items) : `${mode.items} (sample)`,
				fmtMs(mode.run.ms),
				mode.items === items ? fmtMs(mode.projectedMs) : `${fmtMs(mode.projectedMs)} (extrapolated)`,
				isBulk ? fmtRatio(seq.projectedMs / blk.projectedMs) : '1×',
				`${perSecond.toFixed(1)}/s${isBulk ? ` (${((perSecond / rateLimit) * 100).toFixed(0)} % of ${rateLimit})` : ''}`,
				String(mode.sentMaxPerSecond),
				String(mode.rateLimited),
				String(mode.run.detail.failedItems),
				`${mode.orders}${mode.distinctRefs === mode.orders ? '' : ` (${mode.distinctRefs} distinct refs)`}`,
			]);
		}
	}

	const speedup = sequential.projectedMs / bulk.projectedMs;
	const achieved = (bulk.requests / bulk.run.ms) * 1000;
	const createsPerSecond = (items / bulk.run.ms) * 1000;
	// The fastest a rolling-window limit allows: the first `rateLimit` requests at once, then
	// `rateLimit` per second (plus one answer's latency at the end).
	const fastestMs = (Math.max(0, items - rateLimit) / rateLimit) * 1000 + options.latencyMs;
	const ceiling = sequential.projectedMs / fastestMs;
	const verdicts: Section['verdicts'] = [
		{ target: `≥ 10× faster than sequential (${options.latencyMs} ms latency)`, measured: fmtRatio(speedup), met: speedup >= 10 },
		{
			target: `achieved rate ≥ 90 % of the configured ${rateLimit}/s`,
			measured: `${achieved.toFixed(1)} requests/s, ${createsPerSecond.toFixed(1)} orders/s (${((createsPerSecond / rateLimit) * 100).toFixed(0)} %)`,
			met: createsPerSecond >= 0.9 * rateLimit,
		},
		{
			target: `holds the limit: ≤ ${rateLimit} requests sent in any second, no 429`,
			measured: `max ${bulk.sentMaxPerSecond} arrived in one second, ${bulk.rateLimited} × 429`,
			met: bulk.sentMaxPerSecond <= rateLimit && bulk.rateLimited === 0,
		},
		{
			target: `zero unhandled 429s: every item succeeds, ${items.toLocaleString('en')} orders exactly`,
			measured: `${bulk.rateLimited} × 429 answered (all retried), ${bulk.run.detail.failedItems} items failed, ${bulk.orders} orders`,
			met: bulk.run.detail.failedItems === 0 && bulk.orders === items && bulk.distinctRefs === items,
		},
	];
	const notes = [
		`Sequential at ${options.latencyMs} ms spends ${(sequential.run.ms / sequential.items).toFixed(1)} ms per item. Under a limit of ` +
			`${rateLimit} per rolling second no client can send ${items} requests in less than ${fmtMs(fastestMs)} (the first ${rateLimit} at once, ` +
			`then ${rateLimit} a second), so none can be more than ${fmtRatio(ceiling)} faster than sequential here` +
			(ceiling < 10 ? ': the 10× target is out of reach at this latency for anything that respects the limit' : '') +
			`. The bulk mode reaches ${fmtRatio(speedup)} of that ${fmtRatio(ceiling)}.`,
	];
	if (pairs.length > 1) {
		const [slowSeq, slowBulk] = pairs[1];
		notes.push(
			`At ${options.slowLatencyMs} ms (closer to what Stripe takes for a create) sequential manages ` +
				`${((slowSeq.items / slowSeq.run.ms) * 1000).toFixed(1)} items/s and the bulk mode ` +
				`(${options.slowParallel} in parallel) is ${fmtRatio(slowSeq.projectedMs / slowBulk.projectedMs)} faster, at ` +
				`${((slowBulk.requests / slowBulk.run.ms) * 100000 / rateLimit).toFixed(0)} % of the ${rateLimit}/s limit with ${slowBulk.rateLimited} × 429.`,
		);
	}
	if (achieved > rateLimit) {
		notes.push(
			`An average above ${rateLimit}/s over a whole run is possible within the limit: the gate lets the first ${rateLimit} ` +
				'requests start without waiting, and the run is only a few windows long.',
		);
	}
	if (bulk.rateLimited > 0) {
		notes.push(
			`The ${bulk.rateLimited} 429s of the bulk run: each arrived ${bulk.gaps.map((gap) => gap.toFixed(0)).join(', ')} ms after the ` +
				`request ${rateLimit} admissions before it (the emulator's limiter, like Stripe's, wants ≥ 1000 ms), so arrivals strayed ` +
				`from the rate gate's start times by more than its margin; each 429 holds every worker for its Retry-After (1 s). ` +
				`The run took ${fmtMs(bulk.run.ms)}; ${bulk.requests} requests at exactly ${rateLimit}/s would take ${fmtMs((bulk.requests / rateLimit) * 1000)}.`,
		);
	}
	if (options.sequentialItems < items) {
		notes.push(`The ${options.latencyMs} ms sequential run used a sample of ${options.sequentialItems} items, extrapolated linearly to ${items}.`);
	}
	notes.push(
		'Every run: a fresh emulator, idempotency keys from the input (`{{ "bench-order-" + $json.ref }}`), metadata.ref per item; ' +
			'"orders" is what the emulator holds afterwards, all with distinct refs unless said. "max/s" = most requests (429s included) that ' +
			'reached the emulator within any 1,000 ms, by its arrival times (its limiter counts the same way). Rates count every POST, 429s included.',
	);
	const failures = [sequential, bulk].flatMap((mode) => mode.run.detail.failures);
	if (failures.length) notes.push(`Failures seen: ${failures.join(' / ')}`);

	return {
		key: 'bulk',
		title: `Bulk create: ${items.toLocaleString('en')} climate orders`,
		setup: [
			`Emulator: ${options.latencyMs} ms per request, rate limit ${rateLimit} requests per rolling second (429 with Retry-After: 1 beyond it, like Stripe).`,
		],
		columns: ['latency', 'mode', 'items', 'time', `time for ${items}`, 'speed-up', 'requests/s', 'max/s', '429s', 'failed', 'orders'],
		rows,
		verdicts,
		notes,
		summary: `${fmtRatio(speedup)} faster than sequential at ${options.latencyMs} ms (ceiling ${fmtRatio(ceiling)}), ${((createsPerSecond / rateLimit) * 100).toFixed(0)} % of ${rateLimit}/s, ${bulk.rateLimited} × 429, ${bulk.run.detail.failedItems} failed`,
		seconds: (Date.now() - started) / 1000,
	};
}
