/**
 * Small helpers shared by the benchmarks: child processes that measure one peer each (wall time
 * taken inside the child, peak memory from the kernel), statistics, and formatting.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..');

/** Any well-formed test key works with the emulator. */
export const BENCH_SECRET_KEY = 'sk_test_benchmarkSecretKey0123456789';

/** What a measured child reports: its own timing plus its memory figures. */
export interface ChildResult<T = Record<string, unknown>> {
	/** Wall time of the measured operation only (module loading and warm-up excluded). */
	ms: number;
	/** ru_maxrss of the child (process.resourceUsage().maxRSS): the kernel's peak resident set, MiB. */
	peakRssMiB: number;
	/** JS heap in use plus ArrayBuffers right before the measured operation (after a forced GC), MiB. */
	baselineHeapMiB: number;
	/** Highest heapUsed + arrayBuffers sampled every 5 ms during the operation, minus the baseline, MiB. */
	heapGrowthMiB: number;
	detail: T;
}

const RESULT_MARK = 'BENCH_RESULT ';

/**
 * Runs `bench/child.ts <task> <json args>` in a fresh Node process (through tsx) and resolves
 * what it reported. The child's stderr is kept for the error message if it fails.
 */
export function runBenchTask<T = Record<string, unknown>>(
	task: string,
	args: unknown,
	{ timeoutMs = 300_000 }: { timeoutMs?: number } = {},
): Promise<ChildResult<T>> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--expose-gc', '--import', 'tsx', path.join(REPO, 'bench', 'child.ts'), task, JSON.stringify(args)],
			{ cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8000)));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
			if (code === 0 && line) {
				resolve(JSON.parse(line.slice(RESULT_MARK.length)) as ChildResult<T>);
				return;
			}
			reject(new Error(`bench child "${task}" exited ${code ?? signal}\n${(stderr || stdout).trim().slice(-3000)}`));
		});
	});
}

/** Child side: measure `operation` (after `warmUp`) and print the result line for the parent. */
export async function reportFromChild<T>(operation: () => Promise<T>, warmUp?: () => Promise<unknown>): Promise<void> {
	if (warmUp) await warmUp();
	const heap = () => {
		const { heapUsed, arrayBuffers } = process.memoryUsage();
		return heapUsed + arrayBuffers;
	};
	global.gc?.();
	const baseline = heap();
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, heap());
	}, 5);
	const t0 = performance.now();
	const detail = await operation();
	const ms = performance.now() - t0;
	clearInterval(sampler);
	peak = Math.max(peak, heap());
	const result: ChildResult<T> = {
		ms,
		peakRssMiB: process.resourceUsage().maxRSS / 1024,
		baselineHeapMiB: baseline / 2 ** 20,
		heapGrowthMiB: (peak - baseline) / 2 ** 20,
		detail,
	};
	process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function fmtMs(ms: number): string {
	if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
	if (ms >= 10) return `${ms.toFixed(0)} ms`;
	if (ms >= 0.1) return `${ms.toFixed(2)} ms`;
	return `${(ms * 1000).toFixed(2)} µs`;
}

export function fmtRatio(value: number): string {
	if (!Number.isFinite(value)) return '–';
	return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

export function spread(values: number[]): string {
	return `${fmtMs(Math.min(...values))}–${fmtMs(Math.max(...values))}`;
}

const tempDirs = new Set<string>();
// test/n8n/instance.ts ends the process with process.exit on SIGINT/SIGTERM while n8n runs, which
// skips the rows' finally blocks: their folders (an n8n home, the packed tarball) go at exit
process.on('exit', () => tempDirs.forEach(removeTempDir));

/** A new folder under the OS temp dir, removed by removeTempDir or at the latest when the process exits. */
export function makeTempDir(prefix: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tempDirs.add(dir);
	return dir;
}

export function removeTempDir(dir: string): void {
	fs.rmSync(dir, { recursive: true, force: true });
	tempDirs.delete(dir);
}

/** Prints a progress line to stderr (the table goes to stdout). */
export function progress(text: string): void {
	process.stderr.write(`  · ${text}\n`);
}
