/**
 * List row, period part — a weekly report: the climate orders of the previous week (150) in an
 * account of 10,000, newest first, with some of this week's orders above them. Two peers, each an
 * n8n-core workflow run of this package's node in this process, alternating within each round:
 *   - the period filter (Created After/Before on the node, which filters and stops paging at the
 *     first order older than the week);
 *   - Return All, then filter by `created` (what a workflow had to do before: a Filter node after
 *     the list).
 * Stripe's climate list takes no `created` filter, so the pages read are the figure that matters.
 */
import { createdPeriodRange } from '../nodes/shared/period';
import { startEmulator } from '../test/emulator';
import { fmtMs, median, progress, spread } from './lib';
import type { Section } from './report';

export interface PeriodReportOptions {
	total: number;
	inPeriod: number;
	/** Orders of the current week, above the period in the list. */
	newer: number;
	latencyMs: number;
	rounds: number;
}

const PATH = '/v1/climate/orders';

export async function periodReportRows(options: PeriodReportOptions): Promise<Pick<Section, 'rows' | 'verdicts' | 'notes' | 'setup'> & { summary: string }> {
	const { runNode } = await import('./n8nRun');
	const emulator = await startEmulator({ latencyMs: options.latencyMs });
	try {
		const now = Date.now();
		const week = createdPeriodRange('previousWeek', now, 'UTC');
		const thisWeek = createdPeriodRange('currentWeek', now, 'UTC');
		const nowSeconds = Math.floor(now / 1000);
		const older = options.total - options.inPeriod - options.newer;
		const spreadOver = (from: number, to: number, count: number) =>
			Array.from({ length: count }, (_, i) => from + Math.floor(((i + 0.5) * (to - from)) / count));
		const created = [
			...spreadOver(thisWeek.gte, Math.max(thisWeek.gte + options.newer, nowSeconds), options.newer),
			...spreadOver(week.gte, week.lte, options.inPeriod),
			...Array.from({ length: older }, (_, i) => week.gte - 1 - i * 600),
		];
		emulator.seedClimateOrders(created.length, undefined, created);
		const expected = emulator
			.listObjects('climate.order')
			.filter((order) => order.created >= week.gte && order.created <= week.lte)
			.map((order) => order.id as string);

		const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
		const peers = {
			period: {
				label: 'this package: Created After/Before (the node filters, stops at the first older order)',
				run: async () => {
					const { items, error } = await runNode(emulator.url, 'stripeClimate', {
						resource: 'order',
						operation: 'getAll',
						returnAll: true,
						filters: { createdAfter: iso(week.gte), createdBefore: iso(week.lte) },
					});
					if (error) throw new Error(error);
					return items.map((item) => item.json);
				},
			},
			returnAllThenFilter: {
				label: 'Return All, then filter by created',
				run: async () => {
					const { items, error } = await runNode(emulator.url, 'stripeClimate', { resource: 'order', operation: 'getAll', returnAll: true });
					if (error) throw new Error(error);
					return items.map((item) => item.json).filter((order) => Number(order.created) >= week.gte && Number(order.created) <= week.lte);
				},
			},
		};
		type Peer = keyof typeof peers;
		const results: Record<Peer, { ms: number[]; pages: number[] }> = { period: { ms: [], pages: [] }, returnAllThenFilter: { ms: [], pages: [] } };
		// a warm-up of each, so module loading and JIT are not timed
		for (const peer of Object.keys(peers) as Peer[]) await peers[peer].run();
		for (let round = 0; round < options.rounds; round++) {
			const order: Peer[] = round % 2 === 0 ? ['period', 'returnAllThenFilter'] : ['returnAllThenFilter', 'period'];
			for (const peer of order) {
				emulator.clearLog();
				const started = performance.now();
				const orders = await peers[peer].run();
				const ms = performance.now() - started;
				const ids = orders.map((order) => order.id);
				if (JSON.stringify(ids) !== JSON.stringify(expected)) {
					throw new Error(`${peers[peer].label}: ${ids.length} orders, expected the week's ${expected.length}`);
				}
				const pages = emulator.requests.filter((request) => request.path === PATH).length;
				results[peer].ms.push(ms);
				results[peer].pages.push(pages);
				progress(`list, previous week of ${options.total}, round ${round + 1}: ${peers[peer].label} ${fmtMs(ms)}, ${pages} pages`);
			}
		}
		const period = median(results.period.ms);
		const full = median(results.returnAllThenFilter.ms);
		const periodPages = Math.max(...results.period.pages);
		const rows = (Object.keys(peers) as Peer[]).map((peer) => [
			`climate orders, previous week (${options.inPeriod} of ${options.total.toLocaleString('en')})`,
			peers[peer].label,
			String(median(results[peer].pages)),
			fmtMs(median(results[peer].ms)),
			results[peer].ms.length > 1 ? spread(results[peer].ms) : '–',
			'–',
			'–',
			'–',
		]);
		return {
			setup: [
				`Weekly report: ${options.total.toLocaleString('en')} climate orders, ${options.inPeriod} of them in the previous week (UTC), ` +
					`${options.newer} in the current week above them; both peers run in the parent process (n8n-core workflow run), median of ${options.rounds} rounds.`,
			],
			rows,
			verdicts: [
				{ target: `previous week (${options.inPeriod} orders of ${options.total.toLocaleString('en')}): at most 2 pages read`, measured: `${periodPages} pages`, met: periodPages <= 2 },
			],
			notes: [
				'Period rows: every run is checked to return exactly the week\'s orders, newest first. Their memory columns are not measured (they run in the parent).',
			],
			summary: `previous week: ${periodPages} pages in ${fmtMs(period)} vs ${median(results.returnAllThenFilter.pages)} pages in ${fmtMs(full)} (Return All, then filter)`,
		};
	} finally {
		await emulator.close();
	}
}
