/**
 * Runs a real-n8n suite once per n8n version that CI covers, each under the Node that version needs:
 *
 *   tsx test/n8n/each-version.ts [--ends] test/e2e/run.ts [args…]
 *
 * --ends runs only the oldest and the newest version (the suites that need not run in the middle).
 * N8N_VERSION=<v> runs only that version. n8n 2.8.4 is the newest that allows Node 20 (this
 * machine's); 2.35.7 the newest that runs on Node 22 (n8n 2.10–2.35 ask for it); 2.41.1 the newest
 * that installs from the npm registry here, on Node 24. scripts/lib/node.ts installs Node 22 and 24
 * into .node22/ and .node24/. Each run is a child process, so the n8n install, the native modules it
 * builds and every process it starts belong to that Node. Exits 1 when any version failed, after
 * running all of them.
 */
import * as path from 'node:path';

import { runChild, tsxArgs } from '../../scripts/lib/child';
import { ensureNode, nodeEnv, type NodeMajor } from '../../scripts/lib/node';

/** An n8n version CI covers; nodeMajorFor(version) says which Node runs it. */
export interface N8nVersionEntry {
	version: string;
}

/** Oldest first, newest last (--ends takes the first and the last). */
export const N8N_VERSIONS: readonly N8nVersionEntry[] = [{ version: '2.8.4' }, { version: '2.35.7' }, { version: '2.41.1' }];

/** The oldest and the newest version (what --ends runs). */
export const N8N_END_VERSIONS: readonly N8nVersionEntry[] = [N8N_VERSIONS[0], N8N_VERSIONS[N8N_VERSIONS.length - 1]];

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
		? [{ version: only }]
		: ends
			? N8N_END_VERSIONS
			: N8N_VERSIONS;
	const results: Array<{ version: string; code: number; seconds: number; failures: string[] }> = [];
	for (const { version } of versions) {
		const t0 = Date.now();
		let bin = process.execPath;
		let env: NodeJS.ProcessEnv = { ...process.env, N8N_VERSION: version };
		const major = nodeMajorFor(version);
		if (major) {
			const node = ensureNode(major);
			bin = node.bin;
			env = nodeEnv(node, env);
		}
		process.stdout.write(`\n=== ${path.basename(script)} on n8n ${version} (Node ${major ?? process.version}) ===\n`);
		const { code, output } = await runChild(bin, tsxArgs(path.resolve(script), args), { env, tee: true });
		results.push({ version, code, seconds: (Date.now() - t0) / 1000, failures: code === 0 ? [] : failureLines(output) });
	}
	process.stdout.write('\n');
	for (const r of results) {
		process.stdout.write(`${r.code === 0 ? '✓' : '✗'} ${path.basename(script)} on n8n ${r.version}: ${r.code === 0 ? 'passed' : `failed (exit ${r.code})`} in ${r.seconds.toFixed(0)} s\n`);
		// CI keeps only the end of a long log: repeat what failed where it will be read.
		for (const line of r.failures) process.stdout.write(`    ${line}\n`);
	}
	process.exit(results.every((r) => r.code === 0) ? 0 : 1);
}

/**
 * What to repeat at the end for a failed run: its failed checks (lines starting with ✗) and error
 * lines; when it printed none, its last lines.
 */
export function failureLines(output: string, max = 40): string[] {
	const lines = output.split('\n').map((l) => l.trimEnd());
	const failed = lines.filter((l) => /^\s*(✗|Error\b|\w*Error:|FAIL\b)/.test(l)).map((l) => l.trim());
	const picked = failed.length ? failed : lines.filter((l) => l.trim()).slice(-15);
	return picked.slice(0, max).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
}

/**
 * The Node major an n8n version needs beyond this machine's Node 20, from n8n's `engines`:
 * 24 for n8n ≥ 2.36, 22 for 2.10–2.35, null (this machine's Node) for older.
 */
export function nodeMajorFor(version: string): NodeMajor | null {
	const [major, minor] = version.split('.').map(Number);
	if (major > 2 || (major === 2 && minor >= 36)) return 24;
	if (major === 2 && minor >= 10) return 22;
	return null;
}

/**
 * For a script run directly (`npm run dev`): when N8N_VERSION needs another Node than this one,
 * runs the same script under that Node and exits with its code; otherwise returns.
 */
export function reexecUnderNodeFor(version = process.env.N8N_VERSION || ''): Promise<never> | undefined {
	const major = version ? nodeMajorFor(version) : null;
	if (!major || process.version.startsWith(`v${major}.`)) return;
	const node = ensureNode(major);
	runChild(node.bin, [...process.execArgv, ...process.argv.slice(1)], { env: nodeEnv(node) }).then(({ code }) => process.exit(code));
	return new Promise<never>(() => {}); // the child's exit ends this process
}

if (require.main === module) void main();
