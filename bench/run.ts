/**
 * Runs the four benchmarks of issue #7 in one go, prints the table and writes BENCHMARKS.md.
 *
 *   npm run bench                     all rows, BENCHMARKS.md written
 *   npm run bench -- --quick          fewer rounds and items (a smoke run, about a minute), print only
 *   npm run bench -- --only list,signature      those rows, print only
 *   npm run bench -- --no-write       print only; --write: write BENCHMARKS.md whatever the other flags
 *
 * Environment: BENCH_N8N=0 skips the trigger row (it needs the real n8n of scripts/n8n).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { bulkBench } from './bulkCreate';
import { REPO } from './lib';
import { listBench } from './list';
import { environment, notRunSection, renderMarkdown, renderText, type Section } from './report';
import { signatureBench } from './signature';
import { triggerBench } from './trigger';

type Key = Section['key'];
const ALL: Key[] = ['list', 'bulk', 'trigger', 'signature'];
const TITLES: Record<Key, string> = {
	list: 'List: Return All of 10,000 objects',
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
	return { keys, quick, write };
}

async function runRow(key: Key, quick: boolean): Promise<Section> {
	const started = Date.now();
	process.stderr.write(`\n▶ ${TITLES[key]}\n`);
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
				if (process.env.BENCH_N8N === '0') return notRunSection('trigger', TITLES.trigger, 'skipped (BENCH_N8N=0)');
				return await triggerBench({ events: quick ? 100 : 300, concurrency: 4, rounds: quick ? 2 : 5, warmUp: quick ? 50 : 200 });
			case 'signature':
				return await signatureBench({ iterations: quick ? 5000 : 20_000, rounds: quick ? 3 : 7 });
		}
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`  ✗ ${TITLES[key]} failed: ${message}\n`);
		return notRunSection(key, TITLES[key], `failed: ${message.split('\n')[0]}`, (Date.now() - started) / 1000);
	}
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const { keys, quick, write } = parseArgs(argv);
	const command = ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' ');
	const env = environment();
	const started = Date.now();
	const sections: Section[] = [];
	for (const key of keys) sections.push(await runRow(key, quick));
	const totalSeconds = (Date.now() - started) / 1000;

	process.stdout.write(`\n${renderText(sections, env, command)}\n\ntotal ${totalSeconds.toFixed(0)} s\n`);
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
