/**
 * Row 1 — List: Return All of 10,000 objects through a real n8n-core workflow run, against
 *   - the floor: a raw undici loop making the same page requests (limit 100, starting_after),
 *   - the official stripe SDK's autoPagingToArray({limit: 10000}) (pages of 100),
 *   - the listing pattern of n8n's built-in Stripe node: a loop that sends no `limit`, so Stripe
 *     answers 10 per page (1,000 requests), here sent with the same undici client as the floor.
 * Then a weekly report's period filter beside Return All then filter (listPeriod.ts).
 * The emulator runs in this (parent) process; each peer runs in a child process of its own, which
 * times the listing itself and reports its memory (see lib.ts). Peers alternate within each round
 * so that drift on a noisy machine hits them alike; the median of the rounds is reported.
 */
import { startEmulator, type StripeEmulator } from '../test/emulator';
import { fmtMs, fmtRatio, median, progress, runBenchTask, spread, type ChildResult } from './lib';
import { RESOURCES, type ListDetail, type ListPeer, type ListResource, type ListTask } from './listPeers';
import { periodReportRows } from './listPeriod';
import type { Section } from './report';

const PEER_LABELS: Record<ListPeer, string> = {
	n8n: 'this package, n8n-core workflow run (Return All)',
	undici: 'floor: raw undici loop, limit=100',
	sdk: 'stripe SDK autoPagingToArray({limit: 10000})',
	tenPerPage: "n8n built-in Stripe node's pattern: no limit (10/page)",
	undiciFresh: '(diagnostic) undici, limit=100, new connection per request',
};

// --------------------------------------------------------------------------------------------
// parent side

export interface ListOptions {
	total: number;
	latencyMs: number;
	rounds: number;
	/** Rounds for the 10-per-page peer (1,000 requests a run: the slow one). */
	tenPerPageRounds: number;
	resources: ListResource[];
}

interface PeerRuns {
	runs: Array<ChildResult<ListDetail>>;
	requests: number[];
}

export async function listBench(options: ListOptions): Promise<Section> {
	const started = Date.now();
	const emulator = await startEmulator({ latencyMs: options.latencyMs });
	const rows: string[][] = [];
	const verdicts: Section['verdicts'] = [];
	const notes: string[] = [];
	let idleRssMiB = 0;
	const summary: string[] = [];
	try {
		idleRssMiB = (await runBenchTask('idle', {})).peakRssMiB;
		emulator.seedClimateOrders(options.total);
		emulator.seedOnrampSessions(options.total);
		for (const resource of options.resources) {
			const result = await benchResource(emulator, resource, options);
			const info = RESOURCES[resource];
			const floor = median(result.undici.runs.map((run) => run.ms));
			for (const peer of ['n8n', 'undici', 'sdk', 'tenPerPage', 'undiciFresh'] as ListPeer[]) {
				const { runs, requests } = result[peer];
				const ms = median(runs.map((run) => run.ms));
				rows.push([
					info.label,
					PEER_LABELS[peer],
					String(median(requests)),
					fmtMs(ms),
					runs.length > 1 ? spread(runs.map((run) => run.ms)) : '–',
					fmtRatio(ms / floor),
					`${median(runs.map((run) => run.heapGrowthMiB)).toFixed(1)} MiB`,
					`${median(runs.map((run) => run.peakRssMiB)).toFixed(0)} MiB`,
				]);
			}
			const n8n = median(result.n8n.runs.map((run) => run.ms));
			const sdk = median(result.sdk.runs.map((run) => run.ms));
			const ten = median(result.tenPerPage.runs.map((run) => run.ms));
			verdicts.push(
				{ target: `${info.label}: ≤ 1.25× the undici floor`, measured: fmtRatio(n8n / floor), met: n8n / floor <= 1.25 },
				{ target: `${info.label}: no slower than the SDK`, measured: `${fmtRatio(n8n / sdk)} the SDK's time`, met: n8n <= sdk },
				{ target: `${info.label}: ≥ 5× faster than 10 per page`, measured: `${fmtRatio(ten / n8n)} faster`, met: ten / n8n >= 5 },
			);
			summary.push(`${info.label}: ${fmtRatio(n8n / floor)} floor, ${fmtRatio(n8n / sdk)} SDK, ${fmtRatio(ten / n8n)} faster than 10/page`);
		}
	} finally {
		await emulator.close();
	}
	const period = await periodReportRows({ total: options.total, inPeriod: 150, newer: 40, latencyMs: options.latencyMs, rounds: options.rounds });
	rows.push(...period.rows);
	verdicts.push(...period.verdicts);
	summary.push(period.summary);
	notes.push(
		'Time: wall time of the listing only, measured inside each child process after a warm-up listing of the first ' +
			`${options.total / 10} objects (module loading excluded); median of ${options.rounds} rounds ` +
			`(${options.tenPerPageRounds} for 10 per page), peers alternating within a round. Ratio = median / the floor's median.`,
		'Memory, each peer in a child process of its own that loads only what that peer needs: "heap growth" = highest ' +
			'heapUsed + arrayBuffers (process.memoryUsage(), sampled every 5 ms) during the listing minus the same right before it ' +
			'(after a forced GC) — what the listing itself holds at most, garbage not yet collected included; "peak RSS" = the ' +
			"child's ru_maxrss (process.resourceUsage().maxRSS, what /usr/bin/time -v reports) over its whole life, modules " +
			'(tsx; n8n-core for the workflow run) and warm-up included.',
		`For scale: a child that loads nothing but Node and tsx peaks at ${idleRssMiB.toFixed(0)} MiB RSS (tsx runs its loader in a worker thread).`,
		"The diagnostic row is the floor's loop with a new connection per request, which is what n8n-core's HTTP helper " +
			'(httpRequestWithAuthentication → axios with a new http.Agent for every request) does: the part of the gap to the ' +
			'floor that no node can remove. Against api.stripe.com each new connection is also a TLS handshake.',
		'Every run is checked: 10,000 objects, all distinct, first and last ids equal to the emulator\'s newest-first order.',
		...period.notes,
	);
	return {
		key: 'list',
		title: `List: Return All of ${options.total.toLocaleString('en')} objects`,
		setup: [
			`Emulator latency ${options.latencyMs} ms per request (plus its own JSON work), no rate limit; ${options.total.toLocaleString('en')} objects seeded per resource.`,
			...period.setup,
		],
		columns: ['resource', 'peer', 'requests', 'median time', 'range', 'vs floor', 'heap growth', 'peak RSS'],
		rows,
		verdicts,
		notes,
		summary: summary.join('; '),
		seconds: (Date.now() - started) / 1000,
	};
}

async function benchResource(emulator: StripeEmulator, resource: ListResource, options: ListOptions): Promise<Record<ListPeer, PeerRuns>> {
	const info = RESOURCES[resource];
	const expected = emulator.listObjects(info.kind).slice(0, options.total);
	const expectedFirst = expected[0].id as string;
	const expectedLast = expected[expected.length - 1].id as string;
	const results = {} as Record<ListPeer, PeerRuns>;
	const order: ListPeer[] = ['undici', 'n8n', 'sdk', 'undiciFresh', 'tenPerPage'];
	for (const peer of order) results[peer] = { runs: [], requests: [] };
	for (let round = 0; round < options.rounds; round++) {
		// rotate the order each round so no peer always runs first
		const rotated = order.slice(round % order.length).concat(order.slice(0, round % order.length));
		for (const peer of rotated) {
			if (peer === 'tenPerPage' && round >= options.tenPerPageRounds) continue;
			emulator.clearLog();
			const task: ListTask = { peer, resource, url: emulator.url, total: options.total, warmUp: Math.round(options.total / 10) };
			const run = await runBenchTask<ListDetail>('list', task);
			const { count, distinct, firstId, lastId, errors } = run.detail;
			if (count !== options.total || distinct !== count || firstId !== expectedFirst || lastId !== expectedLast || errors) {
				throw new Error(`${peer} listed wrongly: ${JSON.stringify(run.detail)} (expected ${options.total}, ${expectedFirst}…${expectedLast})`);
			}
			const requests = emulator.requests.filter((r) => r.path === info.path).length;
			results[peer].runs.push(run);
			results[peer].requests.push(requests);
			progress(`list ${info.label}, round ${round + 1}: ${PEER_LABELS[peer]} ${fmtMs(run.ms)}, ${requests} requests, heap +${run.heapGrowthMiB.toFixed(1)} MiB, peak RSS ${run.peakRssMiB.toFixed(0)} MiB`);
		}
	}
	return results;
}
