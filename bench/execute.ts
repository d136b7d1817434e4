/**
 * Row — Return All of 10,000 climate orders through a real n8n (`n8n execute`, installed by
 * test/n8n/install.ts, this package installed from its `npm pack` tarball), against the floor
 * (a raw undici loop making the same 100 page requests), the stripe SDK's autoPagingToArray and the
 * floor's loop with a new connection per request, all measured in the same run against the same
 * emulator. The row runs once per n8n version, under the Node that version needs.
 *
 * The workflow is Manual Trigger → "Warm-up" (Get Many, limit 1,000: the first requests of the
 * process load the HTTP modules) → "Return All" (Get Many, Return All, executeOnce). Its time is the
 * node's own executionTime from the run data n8n prints (n8n's boot and the warm-up excluded), the
 * counterpart of the time the other peers measure inside their child process around the listing.
 * The emulator also counts the TCP connections that carried the listing's 100 page requests.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import type * as net from 'node:net';
import * as path from 'node:path';

import { credentialRef, emulatorCredential } from '../test/support/credential';
import { killGroup } from '../scripts/lib/processGroups';
import type { N8nRun } from '../test/n8n/instance';
import { startEmulator, type StripeEmulator } from '../test/emulator';
import { BENCH_SECRET_KEY, fmtMs, fmtRatio, makeTempDir, median, progress, removeTempDir, runBenchTask, spread } from './lib';
import type { ListDetail, ListPeer, ListTask } from './listPeers';
import { ensureN8n, n8n, n8nVersion, packedPackage, PKG } from './n8nHome';
import { notRunSection, type Section } from './report';

const TITLE = 'Return All of 10,000 through a real n8n (`n8n execute`)';
const WORKFLOW = 'BenchReturnAll01';
const LIST_PATH = '/v1/climate/orders';

type Peer = 'n8nExecute' | Extract<ListPeer, 'undici' | 'sdk' | 'undiciFresh'>;

const LABELS: Record<Peer, string> = {
	n8nExecute: 'this package in n8n (`n8n execute`, Return All)',
	undici: 'floor: raw undici loop, limit=100',
	sdk: 'stripe SDK autoPagingToArray({limit: 10000})',
	undiciFresh: '(diagnostic) undici, limit=100, new connection per request',
};

export interface ExecuteOptions {
	total: number;
	latencyMs: number;
	rounds: number;
}

interface Run {
	ms: number;
	/** Page requests of the measured listing, and the TCP connections that carried them. */
	requests: number;
	connections: number;
}

function workflow(total: number) {
	const node = (name: string, x: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `bench-${name.toLowerCase().replace(/\W/g, '-')}`,
		name,
		type: `${PKG}.stripeClimate`,
		typeVersion: 1,
		position: [x, 0],
		parameters: { resource: 'order', operation: 'getAll', ...parameters },
		credentials: credentialRef(),
		...extra,
	});
	return {
		id: WORKFLOW,
		name: 'bench: Return All of climate orders',
		nodes: [
			{ id: 'bench-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			node('Warm-up', 240, { returnAll: false, limit: total / 10 }),
			node('Return All', 480, { returnAll: true }, { executeOnce: true }),
		],
		connections: {
			Start: { main: [[{ node: 'Warm-up', type: 'main', index: 0 }]] },
			'Warm-up': { main: [[{ node: 'Return All', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * `n8n execute --id=<id> --rawOutput` with its output going to a file, not a pipe: n8n exits as soon
 * as the run is printed, and output to a pipe still buffered then (the 10,000 orders are ~15 MB of
 * JSON) is lost. Resolves the parsed run JSON and the command's wall time.
 */
async function executeToFile(home: string, workflowId: string, work: string): Promise<{ run: N8nRun; exitCode: number | null; durationMs: number }> {
	const output = path.join(work, 'execute-output.txt');
	const port = await n8n.freePort();
	const env = n8n.isolationEnv(home, { port, brokerPort: await n8n.freePort([port]) });
	const fd = fs.openSync(output, 'w');
	const t0 = Date.now();
	let child: ReturnType<typeof spawn> | undefined;
	const killRun = () => killGroup(child?.pid, 'SIGKILL');
	process.on('exit', killRun);
	try {
		const exitCode = await new Promise<number | null>((resolve, reject) => {
			child = spawn(n8n.n8nBin(), ['execute', `--id=${workflowId}`, '--rawOutput'], { cwd: home, env, detached: true, stdio: ['ignore', fd, fd] });
			const timer = setTimeout(killRun, 600_000);
			child.on('error', reject);
			child.on('exit', (code) => {
				clearTimeout(timer);
				killRun(); // its task runner, if still there
				resolve(code);
			});
		});
		const text = fs.readFileSync(output, 'utf8');
		const run = n8n.parseRunJson(text);
		if (!run) throw new Error(`n8n execute --id=${workflowId} printed no run JSON (exit ${exitCode})\n${text.slice(-3000)}`);
		return { run, exitCode, durationMs: Date.now() - t0 };
	} finally {
		process.off('exit', killRun);
		fs.closeSync(fd);
		fs.rmSync(output, { force: true });
	}
}

/** Numbers the TCP connections the emulator accepts and notes which one carried each list request. */
function connectionLog(emulator: StripeEmulator) {
	const server = (emulator as unknown as { server: http.Server }).server;
	const ids = new WeakMap<net.Socket, number>();
	let next = 0;
	const carriedBy: number[] = [];
	const onRequest = (req: http.IncomingMessage) => {
		if (!(req.url ?? '').startsWith(LIST_PATH)) return;
		if (!ids.has(req.socket)) ids.set(req.socket, next++);
		carriedBy.push(ids.get(req.socket)!);
	};
	server.on('request', onRequest);
	return {
		clear: () => void (carriedBy.length = 0),
		/** Distinct connections among the last `requests` list requests (the measured listing's). */
		connections: (requests: number) => new Set(carriedBy.slice(-requests)).size,
		close: () => void server.off('request', onRequest),
	};
}

export async function executeBench(options: ExecuteOptions): Promise<Section> {
	const started = Date.now();
	const version = n8nVersion();
	const title = `${TITLE} — n8n ${version}`;
	const missing = await ensureN8n();
	if (missing) return notRunSection('execute', title, missing);

	const work = makeTempDir('bench-execute-');
	const emulator = await startEmulator({ latencyMs: options.latencyMs });
	const log = connectionLog(emulator);
	try {
		emulator.seedClimateOrders(options.total);
		const expected = emulator.listObjects('climate.order').slice(0, options.total);
		const first = expected[0].id as string;
		const last = expected[expected.length - 1].id as string;

		const packed = await packedPackage();
		const home = n8n.createHome(path.join(work, 'home'));
		await n8n.installPackage(home, packed.tgz);
		await n8n.importCredentials(home, [emulatorCredential({ url: emulator.url, testKey: BENCH_SECRET_KEY })]);
		await n8n.importWorkflow(home, workflow(options.total));

		const measure = async (peer: Peer): Promise<Run> => {
			emulator.clearLog();
			log.clear();
			let ms: number;
			let detail: ListDetail;
			/** Requests from then on are the measured listing's (the children clear the emulator's log after their warm-up). */
			let since = 0;
			if (peer === 'n8nExecute') {
				const { run, exitCode, durationMs } = await executeToFile(home, WORKFLOW, work);
				const error = n8n.runError(run);
				if (exitCode !== 0 || error) throw new Error(`n8n execute failed: ${error?.message ?? `exit ${exitCode}`}`);
				const task = run.data.resultData.runData['Return All'][0];
				ms = task.executionTime;
				since = task.startTime;
				const objects = n8n.nodeOutput(run, 'Return All') as Array<{ id: string }>;
				const ids = objects.map((object) => object.id);
				detail = { count: ids.length, firstId: ids[0], lastId: ids[ids.length - 1], distinct: new Set(ids).size, errors: 0 };
				progress(`n8n execute took ${fmtMs(durationMs)} in all (boot, warm-up, the listing, printing the run)`);
			} else {
				const task: ListTask = { peer, resource: 'climate', url: emulator.url, total: options.total, warmUp: options.total / 10 };
				const run = await runBenchTask<ListDetail>('list', task);
				ms = run.ms;
				detail = run.detail;
			}
			if (detail.count !== options.total || detail.distinct !== detail.count || detail.firstId !== first || detail.lastId !== last) {
				throw new Error(`${peer} listed wrongly: ${JSON.stringify(detail)} (expected ${options.total}, ${first}…${last})`);
			}
			const requests = emulator.requests.filter((request) => request.path === LIST_PATH && request.at >= since).length;
			return { ms, requests, connections: log.connections(requests) };
		};

		const order: Peer[] = ['undici', 'n8nExecute', 'sdk', 'undiciFresh'];
		const runs = Object.fromEntries(order.map((peer) => [peer, [] as Run[]])) as Record<Peer, Run[]>;
		for (let round = 0; round < options.rounds; round++) {
			const rotated = order.slice(round % order.length).concat(order.slice(0, round % order.length));
			for (const peer of rotated) {
				const run = await measure(peer);
				runs[peer].push(run);
				progress(`execute round ${round + 1}: ${LABELS[peer]} ${fmtMs(run.ms)}, ${run.requests} page requests on ${run.connections} connection(s)`);
			}
		}
		return summarize(title, version, options, runs, (Date.now() - started) / 1000);
	} catch (error) {
		const message = (error as Error).message;
		process.stderr.write(`  ✗ execute row: ${message}\n`);
		return notRunSection('execute', title, message.split('\n')[0], (Date.now() - started) / 1000);
	} finally {
		log.close();
		await emulator.close();
		removeTempDir(work);
	}
}

function summarize(title: string, version: string, options: ExecuteOptions, runs: Record<Peer, Run[]>, seconds: number): Section {
	const medianMs = (peer: Peer) => median(runs[peer].map((run) => run.ms));
	const floor = medianMs('undici');
	const sdk = medianMs('sdk');
	const n8nMs = medianMs('n8nExecute');
	const rows = (['n8nExecute', 'undici', 'sdk', 'undiciFresh'] as Peer[]).map((peer) => [
		LABELS[peer],
		String(median(runs[peer].map((run) => run.requests))),
		String(median(runs[peer].map((run) => run.connections))),
		fmtMs(medianMs(peer)),
		runs[peer].length > 1 ? spread(runs[peer].map((run) => run.ms)) : '–',
		fmtRatio(medianMs(peer) / floor),
		fmtRatio(medianMs(peer) / sdk),
	]);
	const n8nConnections = median(runs.n8nExecute.map((run) => run.connections));
	const fresh = medianMs('undiciFresh');
	return {
		key: 'execute',
		title,
		setup: [
			`A real n8n ${version} (\`n8n execute\` under Node ${process.version}, sqlite) with this package installed from its \`npm pack\` tarball; ` +
				`emulator latency ${options.latencyMs} ms per request, ${options.total.toLocaleString('en')} climate orders seeded.`,
			`${options.rounds} rounds, peers alternating; each peer lists the first ${(options.total / 10).toLocaleString('en')} orders first ` +
				'(warm-up) and is then timed listing all of them. n8n: the "Return All" node\'s executionTime from the run data ' +
				'(`n8n execute --rawOutput`; the boot of n8n and the warm-up node excluded); the others: wall time inside their child process, as in the List row.',
		],
		columns: ['peer', 'page requests', 'TCP connections', 'median time', 'range', 'vs floor', 'vs SDK'],
		rows,
		verdicts: [
			{ target: 'Return All through n8n: ≤ 1.0× the SDK', measured: `${fmtRatio(n8nMs / sdk)} the SDK's time`, met: n8nMs <= sdk },
			{ target: '(for reference) vs the floor', measured: fmtRatio(n8nMs / floor), met: null },
		],
		notes: [
			`"TCP connections": distinct connections the emulator saw carrying the listing's page requests (undici's pool alternates ` +
				`between two kept-alive ones, the SDK keeps one). n8n ${version} used ${n8nConnections} for ` +
				`${median(runs.n8nExecute.map((run) => run.requests))} pages` +
				(n8nConnections > 1
					? ': httpRequestWithAuthentication sends through axios with a new http.Agent for every request, so every page opens a ' +
						`new connection. The diagnostic row does the same with undici: it takes ${fmtRatio(fresh / floor)} the floor's time, so ` +
						`the new connections account for ${fmtMs(Math.max(0, fresh - floor))} of n8n's ${fmtMs(n8nMs - floor)} over the floor; ` +
						"the rest is n8n's own work per request (see Reading the results). IHttpRequestOptions offers no agent or keep-alive " +
						'setting, so no node can change either. Against api.stripe.com each new connection is also a TLS handshake.'
					: ': it reuses its connection like the floor and the SDK.'),
			'Every run is checked: 10,000 objects, all distinct, first and last ids equal to the emulator\'s newest-first order.',
		],
		summary: `${fmtRatio(n8nMs / floor)} floor, ${fmtRatio(n8nMs / sdk)} SDK, ${n8nConnections} connections for 100 pages`,
		seconds,
	};
}
