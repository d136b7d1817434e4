/**
 * The benchmark report: one section per row of issue #7, printed as text tables and written to
 * BENCHMARKS.md with the machine, the versions and the command.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { REPO } from './lib';

export interface Verdict {
	target: string;
	measured: string;
	/** null: not judged (not run). */
	met: boolean | null;
}

export interface Section {
	key: 'list' | 'bulk' | 'trigger' | 'execute' | 'signature';
	title: string;
	setup: string[];
	columns: string[];
	rows: string[][];
	verdicts: Verdict[];
	notes: string[];
	/** One line for the summary table: the ratios. */
	summary: string;
	seconds: number;
	/** Set when the row could not run; the reason. */
	notRun?: string;
}

export function notRunSection(key: Section['key'], title: string, reason: string, seconds = 0): Section {
	return { key, title, setup: [], columns: [], rows: [], verdicts: [], notes: [], summary: `not run: ${reason}`, seconds, notRun: reason };
}

export interface Environment {
	cpu: string;
	cores: number;
	memory: string;
	node: string;
	os: string;
	versions: Record<string, string>;
	commit: string;
	date: string;
	/** os.loadavg() (1, 5, 15 minutes) when the run started and when it ended. */
	load: { start: number[]; end?: number[] };
}

function packageVersion(name: string, base = REPO): string {
	try {
		return JSON.parse(fs.readFileSync(path.join(base, 'node_modules', name, 'package.json'), 'utf8')).version;
	} catch {
		return 'not installed';
	}
}

export function environment(): Environment {
	const cpus = os.cpus();
	let commit = 'unknown';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		if (dirty) commit += ' (with uncommitted changes)';
	} catch {
		/* not a git checkout */
	}
	return {
		cpu: cpus[0]?.model ?? 'unknown',
		cores: cpus.length,
		memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
		node: process.version,
		os: `${os.type()} ${os.release()} ${os.arch()}`,
		versions: {
			'n8n-core': packageVersion('n8n-core'),
			'n8n-workflow': packageVersion('n8n-workflow'),
			stripe: packageVersion('stripe'),
			undici: packageVersion('undici'),
			tsx: packageVersion('tsx'),
		},
		commit,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		load: { start: os.loadavg() },
	};
}

const loadOf = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');

/** The machine's load when the run started and ended (other processes share its cores). */
function fmtLoad(env: Environment): string {
	return `${loadOf(env.load.start)} at the start${env.load.end ? `, ${loadOf(env.load.end)} at the end` : ''} (${env.cores} cores)`;
}

// --------------------------------------------------------------------------------------------
// text

function textTable(columns: string[], rows: string[][]): string {
	const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)));
	const line = (cells: string[]) => cells.map((cell, i) => (cell ?? '').padEnd(widths[i])).join('  ').trimEnd();
	return [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mark = (met: boolean | null) => (met === null ? '–' : met ? 'met' : 'MISSED');

function summaryRows(sections: Section[]): string[][] {
	return sections.map((section) => {
		const judged = section.verdicts.filter((v) => v.met !== null);
		const met = judged.filter((v) => v.met).length;
		return [section.title, section.summary, section.notRun ? 'not run' : `${met}/${judged.length} targets met`];
	});
}

export function renderText(sections: Section[], env: Environment, command: string): string {
	const out: string[] = [];
	out.push(`Benchmarks — ${env.date}, ${env.cpu} × ${env.cores}, ${env.memory}, Node ${env.node}`);
	out.push(`load average (1, 5, 15 min): ${fmtLoad(env)}`);
	out.push(`versions: ${Object.entries(env.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
	out.push(`command: ${command}`);
	out.push('');
	out.push(textTable(['row', 'ratios', 'targets'], summaryRows(sections)));
	for (const section of sections) {
		out.push('');
		out.push(`== ${section.title} (${section.seconds.toFixed(0)} s)`);
		if (section.notRun) {
			out.push(`not run: ${section.notRun}`);
			continue;
		}
		for (const line of section.setup) out.push(line);
		if (section.rows.length) out.push(textTable(section.columns, section.rows));
		if (section.verdicts.length) {
			out.push('');
			out.push(textTable(['target', 'measured', ''], section.verdicts.map((v) => [v.target, v.measured, mark(v.met)])));
		}
		for (const note of section.notes) out.push(`- ${note}`);
	}
	return out.join('\n');
}

// --------------------------------------------------------------------------------------------
// markdown

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function mdTable(columns: string[], rows: string[][]): string {
	return [
		`| ${columns.map(cell).join(' | ')} |`,
		`| ${columns.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
	].join('\n');
}

export function renderMarkdown(sections: Section[], env: Environment, command: string, totalSeconds: number, extra: string[] = []): string {
	const out: string[] = [];
	out.push('# Benchmarks');
	out.push('');
	out.push(
		'Written by `npm run bench` (`bench/run.ts`). Every figure below comes from the one run recorded ' +
			'here, against the local Stripe emulator (`test/emulator`) on 127.0.0.1: absolute times on this shared, noisy ' +
			'machine are not comparable between runs, the ratios within a run are. Benchmarks are not tests: nothing here is ' +
			'asserted by the test suite.',
	);
	out.push('');
	out.push('## Machine and versions');
	out.push('');
	out.push(
		mdTable(
			['what', 'value'],
			[
				['date', env.date],
				['CPU', `${env.cpu}, ${env.cores} cores`],
				['memory', env.memory],
				['OS', env.os],
				['Node', env.node],
				['load average (1, 5, 15 min)', fmtLoad(env)],
				...Object.entries(env.versions).map(([name, version]) => [name, version]),
				['package commit', env.commit],
				['command', `\`${command}\``],
				['total time', `${totalSeconds.toFixed(0)} s`],
			],
		),
	);
	out.push('');
	out.push('## Summary');
	out.push('');
	out.push(mdTable(['row', 'ratios', 'targets'], summaryRows(sections)));
	for (const section of sections) {
		out.push('');
		out.push(`## ${section.title}`);
		out.push('');
		if (section.notRun) {
			out.push(`Not run: ${section.notRun}`);
			continue;
		}
		for (const line of section.setup) out.push(`${line}  `);
		out.push('');
		if (section.rows.length) {
			out.push(mdTable(section.columns, section.rows));
			out.push('');
		}
		if (section.verdicts.length) {
			out.push(mdTable(['target', 'measured', 'result'], section.verdicts.map((v) => [v.target, v.measured, mark(v.met)])));
			out.push('');
		}
		for (const note of section.notes) out.push(`- ${note}`);
		out.push(`- This row took ${section.seconds.toFixed(0)} s.`);
	}
	if (extra.length) {
		out.push('');
		out.push(...extra);
	}
	out.push('');
	return out.join('\n');
}
