#!/usr/bin/env node
'use strict';
/**
 * `npm run bench [-- --quick | --only list,execute,bulk,trigger,signature | --no-write]`
 *
 * Runs bench/run.ts through tsx (a dev dependency): the benchmarks against the local Stripe
 * emulator, a table on stdout and BENCHMARKS.md. The rows that drive a real n8n (execute, trigger)
 * run once per n8n version, each under the Node it needs. See BENCHMARKS.md for what each row means.
 */
const path = require('node:path');
const { spawn } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');

try {
	require.resolve('tsx', { paths: [REPO] });
} catch {
	process.stderr.write('bench: tsx is not installed; run `npm ci` first\n');
	process.exit(1);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'bench', 'run.ts'), ...process.argv.slice(2)], {
	cwd: REPO,
	stdio: 'inherit',
});
const forward = (signal) => {
	try {
		child.kill(signal);
	} catch {
		/* gone */
	}
};
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
