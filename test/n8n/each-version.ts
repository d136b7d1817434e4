/**
 * Runs a real-n8n suite once per n8n version that CI covers, each under the Node that version needs:
 *
 *   tsx test/n8n/each-version.ts [--ends] test/e2e/run.ts [args…]
 *
 * --ends runs only the oldest and the newest version (the suites that need not run in the middle).
 * N8N_VERSION=<v> runs only that version. n8n 2.8.4 is the newest that allows Node 20 (this
 * machine's); 2.41.1 is the newest that installs from the npm registry here and needs Node 24,
 * which scripts/lib/node24.ts installs into .node24/. Each run is a child process, so the n8n install,
 * the native modules it builds and every process it starts belong to that Node. Exits 1 when any
 * version failed, after running all of them.
 */
import * as path from 'node:path';

import { runChild, tsxArgs } from '../../scripts/lib/child';
import { ensureNode24, node24Env } from '../../scripts/lib/node24';

/** Which Node runs a version: this machine's, or Node 24 from scripts/lib/node24.ts. */
export interface N8nVersionEntry {
	version: string;
	node: 'system' | '24';
}

export const N8N_VERSIONS: readonly N8nVersionEntry[] = [
	{ version: '2.8.4', node: 'system' },
	{ version: '2.41.1', node: '24' },
];

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const ends = argv[0] === '--ends';
	const [script, ...args] = ends ? argv.slice(1) : argv;
	if (!script) {
		process.stderr.write('usage: tsx test/n8n/each-version.ts [--ends] <suite> [args…]\n');
		process.exit(2);
	}
	const only = process.env.N8N_VERSION;
	const versions: readonly N8nVersionEntry[] = only
		? [N8N_VERSIONS.find((v) => v.version === only) ?? { version: only, node: 'system' }]
		: ends
			? [N8N_VERSIONS[0], N8N_VERSIONS[N8N_VERSIONS.length - 1]]
			: N8N_VERSIONS;
	const results: Array<{ version: string; code: number; seconds: number }> = [];
	for (const { version, node } of versions) {
		const t0 = Date.now();
		let bin = process.execPath;
		let env: NodeJS.ProcessEnv = { ...process.env, N8N_VERSION: version };
		if (node === '24' || needsNode24(version)) {
			const node24 = ensureNode24();
			bin = node24.bin;
			env = node24Env(node24, env);
		}
		process.stdout.write(`\n=== ${path.basename(script)} on n8n ${version} (Node ${node === '24' ? '24' : process.version}) ===\n`);
		const { code } = await runChild(bin, tsxArgs(path.resolve(script), args), { env });
		results.push({ version, code, seconds: (Date.now() - t0) / 1000 });
	}
	process.stdout.write('\n');
	for (const r of results) {
		process.stdout.write(`${r.code === 0 ? '✓' : '✗'} ${path.basename(script)} on n8n ${r.version}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`} in ${r.seconds.toFixed(0)} s\n`);
	}
	process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

/** Does this n8n version need Node 24 (n8n ≥ 2.36 asks for it)? */
export function needsNode24(version: string): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 36);
}

/**
 * For a script run directly (`npm run dev`): when N8N_VERSION needs Node 24 and this is another
 * Node, runs the same script under Node 24 and exits with its code; otherwise returns.
 */
export function reexecUnderNodeFor(version = process.env.N8N_VERSION || ''): Promise<never> | undefined {
	if (!version || !needsNode24(version) || process.version.startsWith('v24.')) return;
	const node24 = ensureNode24();
	runChild(node24.bin, [...process.execArgv, ...process.argv.slice(1)], { env: node24Env(node24) }).then(({ code }) => process.exit(code));
	return new Promise<never>(() => {}); // the child's exit ends this process
}

if (require.main === module) void main();
