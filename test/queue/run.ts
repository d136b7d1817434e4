/**
 * The package in n8n's queue mode, on loopback ports only: a private Postgres cluster and Redis,
 * n8n main (`n8n start`, production webhooks off), two `n8n webhook` processes and one
 * `n8n worker` on them, a front address (the webhook URL Stripe is given) spreading requests over
 * the webhook processes, and the local Stripe emulator.
 *
 *   setup        Postgres and Redis (Debian packages, installed when missing), n8n (test/n8n/install.ts),
 *                build + pack, the package installed into each process's home, credential and
 *                workflows imported, all processes started
 *   trigger      activation through main's API (one endpoint per trigger), deliveries through either process run by the
 *                worker, redelivery to the other process, bad signatures, 20 events at once across
 *                both, the same event to both at once, restarts of the webhook processes and of main,
 *                deactivation; with dedupe across processes on, and the figures without it
 *   figures      idle memory per process, deliveries per second, bulk mode on the worker under a
 *                rate limit (every item created exactly once, 429s retried)
 *
 *   npm run test:queue -- [--keep] [--no-build] [--json <file>]
 *     --keep      keep .queue/<version>/ (homes, logs) after a passing run (always kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *     --json      also write the figures there (always written to .queue/<version>/results.json)
 *
 * Environment: N8N_VERSION, N8N_RUNTIME_DIR (as test/n8n/install.ts); run it under the Node that
 * n8n version needs (`npm run test:queue`, through test/n8n/each-version.ts, does). From code:
 * `await runQueueSuite({version, runtimeDir, nodeBin})` runs it in a child process under `nodeBin`
 * and resolves {code, results}.
 *
 * One line per check (✓/✗ with figures), timings per phase, `N passed, N failed` last; exit 1 when
 * anything failed. Every process it starts is stopped by its process group, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { runChild, tsxArgs } from '../../scripts/lib/child';
import { flag, helpFromHeader, option } from '../../scripts/lib/cli';
import { REPO } from '../../scripts/lib/repo';
import { main, type QueueResults } from './suite';

export interface QueueRun {
	code: number;
	/** The figures JSON, or null if the run ended before writing them. */
	results: QueueResults | null;
	output: string;
}

/**
 * Runs the suite for one n8n version in a child process under `nodeBin` (default: this Node), its
 * output passed through (or, with stdio 'pipe', collected). Resolves {code, results, output}
 * (results: the figures JSON, or null if the run ended before writing them).
 */
export async function runQueueSuite({
	version,
	runtimeDir,
	nodeBin = process.execPath,
	args = [],
	stdio = 'inherit',
}: { version?: string; runtimeDir?: string; nodeBin?: string; args?: string[]; stdio?: 'inherit' | 'pipe' } = {}): Promise<QueueRun> {
	const dir = path.join(REPO, '.queue', version || 'default');
	fs.mkdirSync(dir, { recursive: true });
	const json = path.join(dir, `results-${process.pid}.json`);
	fs.rmSync(json, { force: true });
	const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}` };
	if (version) env.N8N_VERSION = version;
	if (runtimeDir) env.N8N_RUNTIME_DIR = runtimeDir;
	const { code, output } = await runChild(nodeBin, tsxArgs(__filename, [...args, '--json', json]), { stdio, env, cwd: REPO });
	let results: QueueResults | null = null;
	try {
		results = JSON.parse(fs.readFileSync(json, 'utf8')) as QueueResults;
		fs.rmSync(json, { force: true });
	} catch {
		/* the child ended before writing them */
	}
	return { code, results, output };
}

if (require.main === module) {
	helpFromHeader(__filename);
	void main({ keep: flag('keep'), noBuild: flag('no-build'), jsonFile: option('json') ?? null }).then((code) => {
		process.exitCode = code;
	});
}
