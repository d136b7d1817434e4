/**
 * Runs the benchmarks in one go, prints the table and writes BENCHMARKS.md.
 *
 *   npm run bench                     all rows, BENCHMARKS.md written
 *   npm run bench -- --quick          fewer rounds and items (a smoke run), print only
 *   npm run bench -- --only list,signature      those rows, print only
 *   npm run bench -- --no-write       print only; --write: write BENCHMARKS.md whatever the other flags
 *   npm run bench -- --help           this text
 *
 * The rows that drive a real n8n (trigger, execute) run once on the oldest and once on the newest
 * n8n version of test/n8n/each-version.ts (N8N_END_VERSIONS), each in a child process under the Node
 * that version needs (n8n ≥ 2.36 wants Node 24, whose native modules it is built for): `node --import tsx bench/run.ts
 * --only trigger,execute` with N8N_VERSION set and BENCH_VERSION_RESULT naming the JSON file the
 * child writes its sections to.
 *
 * The child writes that file after every row, so a child that is stopped keeps the rows it
 * finished. A run stopped by SIGINT or SIGTERM (Ctrl-C, an outer time limit ending the process
 * group) prints what it measured and exits 130 / 143 without writing BENCHMARKS.md: the file
 * records complete runs only.
 *
 * Environment: BENCH_N8N=0 skips the n8n rows; N8N_VERSION=<v> runs them on that version only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { runChild, tsxArgs } from '../scripts/lib/child';
import { helpFromHeader } from '../scripts/lib/cli';
import { ensureNode, nodeEnv } from '../scripts/lib/node';
import { N8N_END_VERSIONS, nodeMajorFor } from '../test/n8n/each-version';
import { bulkBench } from './bulkCreate';
import { executeBench } from './execute';
import { REPO } from './lib';
import { listBench } from './list';
import { installer, removePackedPackage } from './n8nHome';
import { environment, notRunSection, renderMarkdown, renderText, type Section } from './report';
import { signatureBench } from './signature';
import { triggerBench, triggerTypeVersion, type TriggerVariant } from './trigger';

type Key = Section['key'];
/** In the order of the report. */
const ALL: Key[] = ['list', 'execute', 'bulk', 'trigger', 'signature'];
/** Rows run once per n8n version, in a child process each. */
const PER_VERSION: Key[] = ['execute', 'trigger'];
const TITLES: Record<Key, string> = {
	list: 'List: Return All of 10,000 objects',
	execute: 'Return All of 10,000 through a real n8n (`n8n execute`)',
	bulk: 'Bulk create: 1,000 climate orders',
	trigger: 'Trigger: signed deliveries per second',
	signature: 'Signature verification',
};

function parseArgs(argv: string[]) {
	const value = (name: string) => {
		const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
		if (inline) return inline.slice(name.length + 3);
		const index = argv.indexOf(`--${name}`);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const only = value('only');
	const keys = only ? (only.split(',').map((k) => k.trim()) as Key[]) : ALL;
	for (const key of keys) if (!ALL.includes(key)) throw new Error(`--only: unknown row "${key}" (one of ${ALL.join(', ')})`);
	const quick = argv.includes('--quick');
	// BENCHMARKS.md records full runs only (or whatever --write asks for)
	const write = argv.includes('--write') || (!argv.includes('--no-write') && !only && !quick);
	return { keys: ALL.filter((key) => keys.includes(key)), quick, write };
}

/** The n8n settings the trigger pair is measured with again, where the installed n8n has them. */
function triggerVariants(quick: boolean): TriggerVariant[] {
	const file = path.join(installer.runtimeDir(), 'node_modules', '@n8n', 'config', 'dist', 'configs', 'expression-engine.config.js');
	const config = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const rounds = quick ? 1 : 3;
	const variants: TriggerVariant[] = [];
	if (config.includes("'N8N_EXPRESSION_ENGINE'")) {
		variants.push({
			label: 'N8N_EXPRESSION_ENGINE=legacy',
			env: { N8N_EXPRESSION_ENGINE: 'legacy' },
			rounds,
			why:
				'expressions evaluated without isolated-vm, as n8n 2.8 does. With the default engine ("vm") n8n takes an isolate from its ' +
				'pool for the webhook phase of every start node other than its own Webhook node (live-webhooks.js, webhookPhaseNeedsIsolate), ' +
				'and releasing it disposes the isolate and builds a new one (@n8n/expression-runtime isolate-pool.js), so a community ' +
				'trigger pays for one isolate per delivery more than the Webhook node.',
		});
	}
	if (config.includes("'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE'")) {
		variants.push({
			label: 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
			env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
			rounds,
			why:
				'the "vm" engine, but an isolate is taken only when an expression is evaluated. n8n\'s webhook handling evaluates ' +
				'`={{$parameter["options"]["binaryData"]}}` for every start node of typeVersion 1 (webhook-helpers.js, parseRequestBody), ' +
				(triggerTypeVersion() === 1
					? 'so this trigger (typeVersion 1) still needs an isolate per delivery here; the Webhook node (typeVersion 2) does not.'
					: `which this trigger (typeVersion ${triggerTypeVersion()}) is not: it needs no isolate per delivery here.`),
		});
	}
	return variants;
}

async function runRow(key: Key, quick: boolean): Promise<Section> {
	const started = Date.now();
	process.stderr.write(`\n▶ ${TITLES[key]}${PER_VERSION.includes(key) ? ` — n8n ${process.env.N8N_VERSION || 'default'}` : ''}\n`);
	try {
		switch (key) {
			case 'list':
				return await listBench({
					total: 10_000,
					latencyMs: 5,
					rounds: quick ? 1 : 5,
					tenPerPageRounds: quick ? 1 : 2,
					resources: ['climate', 'onramp'],
				});
			case 'execute':
				return await executeBench({ total: 10_000, latencyMs: 5, rounds: quick ? 1 : 5 });
			case 'bulk':
				return await bulkBench({
					items: quick ? 200 : 1000,
					latencyMs: 20,
					rateLimit: 100,
					parallel: 16,
					sequentialItems: quick ? 100 : 1000,
					slowLatencyMs: quick ? 0 : 200,
					slowSequentialItems: 100,
					slowParallel: 32,
				});
			case 'trigger':
				return await triggerBench({
					events: quick ? 100 : 300,
					concurrency: 4,
					rounds: quick ? 2 : 5,
					warmUp: quick ? 50 : 200,
					variants: triggerVariants(quick),
				});
			case 'signature':
				return await signatureBench({ iterations: quick ? 5000 : 20_000, rounds: quick ? 3 : 7 });
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`  ✗ ${TITLES[key]} failed: ${message}\n`);
		return notRunSection(key, TITLES[key], `failed: ${message.split('\n')[0]}`, (Date.now() - started) / 1000);
	}
}

interface VersionResult {
	version: string;
	node: string;
	sections: Section[];
	/** The signal that stopped this run (the parent's own Ctrl-C or SIGTERM) while the child ran. */
	stoppedBy?: NodeJS.Signals;
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/** Runs the per-version rows for one n8n version in a child process under the Node it needs. */
async function runVersion(version: string, keys: Key[], quick: boolean): Promise<VersionResult> {
	const result = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-version-')), 'result.json');
	let bin = process.execPath;
	let env: NodeJS.ProcessEnv = { ...process.env, N8N_VERSION: version, BENCH_VERSION_RESULT: result };
	// N8N_RUNTIME_DIR names one install: it applies only when one version is asked for
	if (!process.env.N8N_VERSION) delete env.N8N_RUNTIME_DIR;
	const failed = (reason: string): VersionResult => ({
		version,
		node: '–',
		sections: keys.map((key) => notRunSection(key, `${TITLES[key]} — n8n ${version}`, reason)),
	});
	try {
		const major = nodeMajorFor(version);
		if (major) {
			const node = ensureNode(major);
			bin = node.bin;
			env = nodeEnv(node, env);
		}
	} catch (error) {
		return failed(`no Node ${nodeMajorFor(version)}: ${(error as Error).message}`);
	}
	const args = tsxArgs(path.join(REPO, 'bench', 'run.ts'), ['--only', keys.join(','), '--no-write', ...(quick ? ['--quick'] : [])]);
	// runChild passes Ctrl-C and SIGTERM on to the child; its listeners also keep this process
	// alive, so note the signal and let main() stop instead of carrying on as if the child had failed
	let stoppedBy: NodeJS.Signals | undefined;
	const onStop = (signal: NodeJS.Signals) => (stoppedBy ??= signal);
	process.on('SIGINT', onStop);
	process.on('SIGTERM', onStop);
	const started = Date.now();
	// stdout is the child's own table: only its progress (stderr) is shown here
	const { code } = await runChild(bin, args, { cwd: REPO, env, stdio: ['ignore', 'ignore', 'inherit'] });
	process.off('SIGINT', onStop);
	process.off('SIGTERM', onStop);
	let partial: VersionResult | undefined;
	try {
		partial = JSON.parse(fs.readFileSync(result, 'utf8')) as VersionResult;
	} catch {
		/* stopped before its first row ended */
	} finally {
		fs.rmSync(path.dirname(result), { recursive: true, force: true });
	}
	const done = new Set(partial?.sections.map((section) => section.key));
	if (partial && keys.every((key) => done.has(key))) return { ...partial, stoppedBy };
	// the rows the child finished stay; the others say how it ended
	const seconds = ((Date.now() - started) / 1000).toFixed(0);
	const how = stoppedBy
		? `this run was stopped by ${stoppedBy}`
		: code === 143
			? `the child process for n8n ${version} was stopped by SIGTERM (exit 143) after ${seconds} s`
			: `the child process for n8n ${version} exited ${code} after ${seconds} s`;
	const missing = failed(`${how} before this row ended`);
	return {
		version,
		node: partial?.node ?? missing.node,
		sections: keys.map((key) => partial?.sections.find((section) => section.key === key) ?? missing.sections.find((section) => section.key === key)!),
		stoppedBy,
	};
}

async function main(): Promise<void> {
	helpFromHeader(__filename);
	const argv = process.argv.slice(2);
	const { keys, quick, write } = parseArgs(argv);

	const childResult = process.env.BENCH_VERSION_RESULT;
	if (childResult) {
		// a child for one n8n version: run its rows here, hand the sections to the parent
		const sections: Section[] = [];
		// written after every row: a child stopped halfway still hands over the rows it finished
		const save = () => {
			const result: VersionResult = { version: process.env.N8N_VERSION ?? '', node: process.version, sections };
			fs.writeFileSync(childResult, JSON.stringify(result));
		};
		try {
			for (const key of keys) {
				sections.push(await runRow(key, quick));
				save();
			}
		} finally {
			removePackedPackage();
		}
		return;
	}

	const command = ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' ');
	const env = environment();
	const started = Date.now();
	const byKey = new Map<Key, Section[]>();
	for (const key of keys.filter((k) => !PER_VERSION.includes(k))) byKey.set(key, [await runRow(key, quick)]);
	const versionKeys = keys.filter((k) => PER_VERSION.includes(k));
	let stoppedBy: NodeJS.Signals | undefined;
	if (versionKeys.length) {
		const versions = process.env.N8N_VERSION ? [process.env.N8N_VERSION] : N8N_END_VERSIONS.map((v) => v.version);
		for (const version of versions) {
			const skip = process.env.BENCH_N8N === '0' ? 'skipped (BENCH_N8N=0)' : stoppedBy ? `this run was stopped by ${stoppedBy}` : undefined;
			if (skip) {
				for (const key of versionKeys) byKey.set(key, [...(byKey.get(key) ?? []), notRunSection(key, `${TITLES[key]} — n8n ${version}`, skip)]);
				continue;
			}
			const result = await runVersion(version, versionKeys, quick);
			stoppedBy = result.stoppedBy;
			env.versions[`n8n ${version}`] = `under Node ${result.node}`;
			for (const section of result.sections) byKey.set(section.key, [...(byKey.get(section.key) ?? []), section]);
		}
	}
	const sections = keys.flatMap((key) => byKey.get(key) ?? []);
	const totalSeconds = (Date.now() - started) / 1000;
	env.load.end = os.loadavg();

	process.stdout.write(`\n${renderText(sections, env, command)}\n\ntotal ${totalSeconds.toFixed(0)} s\n`);
	if (stoppedBy) {
		process.stdout.write(`${stoppedBy} after ${totalSeconds.toFixed(0)} s: BENCHMARKS.md not written (a stopped run is not a full run)\n`);
		process.exit(SIGNAL_EXIT[stoppedBy] ?? 1);
	}
	if (write) {
		const file = path.join(REPO, 'BENCHMARKS.md');
		const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
		const analysis = existing.split('<!-- analysis -->')[1];
		const extra = analysis ? ['<!-- analysis -->', analysis.trim()] : [];
		fs.writeFileSync(file, renderMarkdown(sections, env, command, totalSeconds, extra));
		process.stdout.write(`written: ${path.relative(process.cwd(), file) || file}\n`);
	} else {
		process.stdout.write('BENCHMARKS.md not written (--quick, --only or --no-write; --write forces it)\n');
	}
	// a row that could not run is reported in the table, not as a failure of the command
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
