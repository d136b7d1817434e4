#!/usr/bin/env node
'use strict';
/**
 * The package in n8n's queue mode, on loopback ports only: a private Postgres cluster and Redis,
 * n8n main (`n8n start`, production webhooks off), two `n8n webhook` processes and one
 * `n8n worker` on them, a front address (the webhook URL Stripe is given) spreading requests over
 * the webhook processes, and the local Stripe emulator.
 *
 *   setup        Postgres and Redis (Debian packages, installed when missing), n8n (scripts/n8n/install.js),
 *                build + pack, the package installed into each process's home, credential and
 *                workflows imported, all processes started
 *   trigger      activation through main's API (one endpoint per trigger), deliveries through either process run by the
 *                worker, redelivery to the other process, bad signatures, 20 events at once across
 *                both, the same event to both at once, restarts of the webhook processes and of main,
 *                deactivation; with dedupe across processes on, and the figures without it
 *   figures      idle memory per process, deliveries per second, bulk mode on the worker under a
 *                rate limit (every item created exactly once, 429s retried)
 *
 *   node scripts/queue.js [--keep] [--no-build] [--json <file>]
 *     --keep      keep .queue/<version>/ (homes, logs) after a passing run (always kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *     --json      also write the figures there (always written to .queue/<version>/results.json)
 *
 * Environment: N8N_VERSION, N8N_RUNTIME_DIR (as scripts/n8n/install.js); run it under the Node that
 * n8n version needs (`node scripts/n8n/each-version.js scripts/queue.js` does). From code:
 * `await runQueueSuite({version, runtimeDir, nodeBin})` runs it in a child process under `nodeBin`
 * and resolves {code, results}.
 *
 * One line per check (✓/✗ with figures), timings per phase, `N passed, N failed` last; exit 1 when
 * anything failed. Every process it starts is stopped by its process group, also on failure or Ctrl-C.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');

/**
 * Runs the suite for one n8n version in a child process under `nodeBin` (default: this Node), its
 * output passed through (or, with stdio 'pipe', collected). Resolves {code, results, output}
 * (results: the figures JSON, or null if the run ended before writing them).
 */
function runQueueSuite({ version, runtimeDir, nodeBin = process.execPath, args = [], stdio = 'inherit' } = {}) {
	const dir = path.join(REPO, '.queue', version || 'default');
	fs.mkdirSync(dir, { recursive: true });
	const json = path.join(dir, `results-${process.pid}.json`);
	fs.rmSync(json, { force: true });
	const env = { ...process.env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}` };
	if (version) env.N8N_VERSION = version;
	if (runtimeDir) env.N8N_RUNTIME_DIR = runtimeDir;
	return new Promise((resolve) => {
		const child = spawn(nodeBin, ['--import', 'tsx', __filename, ...args, '--json', json], { stdio, env, cwd: REPO });
		let output = '';
		for (const stream of [child.stdout, child.stderr]) stream?.setEncoding('utf8').on('data', (d) => (output += d));
		const forward = (signal) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			let results = null;
			try {
				results = JSON.parse(fs.readFileSync(json, 'utf8'));
				fs.rmSync(json, { force: true });
			} catch {
				/* the child ended before writing them */
			}
			resolve({ code: code ?? (signal ? 1 : 0), results, output });
		});
	});
}

module.exports = { runQueueSuite };

if (require.main === module) {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n'use strict';\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
		process.exit(0);
	}
	const jsonAt = args.indexOf('--json');
	require('./queue/suite.js')
		.main({ keep: args.includes('--keep'), noBuild: args.includes('--no-build'), jsonFile: jsonAt >= 0 ? args[jsonAt + 1] : null })
		.then((code) => {
			process.exitCode = code;
		});
}
