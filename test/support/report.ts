/**
 * Step reporting for the real-n8n suites: one line per check (✓/✗, what was checked, figures and
 * the step's duration), phases with their total time, and the closing `N passed, N failed` line.
 *
 *   const report = new Report();
 *   await report.phase('actions', async () => {
 *     await report.step('Crypto Onramp workflow runs', async () => '4 nodes, 1.2 s');   // ✓ line
 *     await report.step('must hold', async () => { throw new Error('no') }, { critical: true });
 *   });
 *
 * A step's function returns the detail text for its line, `{detail, value}` (the line's text and
 * what the step resolves), or nothing. A failing step prints ✗ with the first line of the error
 * and the rest indented below; with `critical: true` it also ends its phase (the rest of the phase
 * depends on it), which the phase reports as not run.
 */

export class PhaseAborted extends Error {
	constructor(
		step: string,
		readonly failure: unknown,
	) {
		super(`"${step}" failed`);
	}
}

export const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export interface Phase {
	name: string;
	ms: number;
	passed: number;
	failed: number;
	aborted: boolean;
}

/** What a step's function may resolve: its line's detail text, or that text and a value to pass on. */
export type StepResult = string | void | undefined | { detail: string; value: unknown };
/** What `step` resolves for a function resolving R: the value of `{detail, value}`, else R itself. */
export type StepValue<R> = R extends { detail: string; value: infer V } ? V : R;

interface Writable {
	write(text: string): unknown;
}

export class Report {
	readonly out: Writable;
	passed = 0;
	failed = 0;
	readonly phases: Phase[] = [];
	current: Phase | null = null;
	/** Called with (stepName, error) after each failed step: the suites print n8n's log there. */
	onFailure: ((step: string, error: unknown) => Promise<void> | void) | null = null;

	constructor({ out = process.stdout }: { out?: Writable } = {}) {
		this.out = out;
	}

	line(text = ''): void {
		this.out.write(`${text}\n`);
	}

	indent(text: unknown, prefix = '    '): void {
		const body = String(text).replace(/\s+$/, '');
		if (body) this.line(body.split('\n').map((l) => prefix + l).join('\n'));
	}

	async phase(name: string, fn: () => Promise<unknown> | unknown): Promise<Phase> {
		const t0 = Date.now();
		const phase: Phase = { name, ms: 0, passed: 0, failed: 0, aborted: false };
		this.phases.push(phase);
		this.current = phase;
		this.line(`\n── ${name}`);
		try {
			await fn();
		} catch (e) {
			phase.aborted = true;
			if (e instanceof PhaseAborted) {
				this.line(`  ! phase stopped: ${e.message}; its remaining checks did not run`);
			} else {
				// an error outside any step: count it as a failed check of its own
				this.failed += 1;
				phase.failed += 1;
				this.line(`  ✗ ${name}: ${firstLine(e)}`);
				this.indent(rest(e));
			}
		} finally {
			phase.ms = Date.now() - t0;
			this.current = null;
		}
		return phase;
	}

	/**
	 * Runs one check. Resolves its value (see StepValue; a passed check's detail text is truthy), or
	 * undefined when it failed and is not critical.
	 */
	async step<R extends StepResult>(name: string, fn: () => Promise<R> | R, { critical = false } = {}): Promise<StepValue<R> | undefined> {
		const t0 = Date.now();
		try {
			const value = await fn();
			const ms = Date.now() - t0;
			this.passed += 1;
			if (this.current) this.current.passed += 1;
			const detail = typeof value === 'string' ? value : value && typeof value === 'object' ? value.detail : '';
			this.line(`  ✓ ${name}${detail ? ` — ${detail}` : ''} (${secs(ms)})`);
			return (value && typeof value === 'object' ? value.value : value) as StepValue<R>;
		} catch (e) {
			const ms = Date.now() - t0;
			this.failed += 1;
			if (this.current) this.current.failed += 1;
			this.line(`  ✗ ${name} — ${firstLine(e)} (${secs(ms)})`);
			this.indent(rest(e));
			if (this.onFailure) {
				try {
					await this.onFailure(name, e);
				} catch {
					/* reporting must not fail the report */
				}
			}
			if (critical) throw new PhaseAborted(name, e);
			return undefined;
		}
	}

	/** A check that could not run at all (a prerequisite is missing): counted as failed. */
	fail(name: string, reason: string): void {
		this.failed += 1;
		if (this.current) this.current.failed += 1;
		this.line(`  ✗ ${name} — ${reason}`);
	}

	/** Timings per phase (`extra`: more [name, ms] rows), then `N passed, N failed` alone on the last line. */
	summary({ totalMs, extra = [] }: { totalMs?: number; extra?: Array<[string, number]> } = {}): void {
		this.line('\n── timings');
		const rows = this.phases.map((p) => [
			p.name,
			secs(p.ms),
			`${p.passed} ✓${p.failed ? `  ${p.failed} ✗` : ''}${p.aborted ? ' (stopped)' : ''}`,
		]);
		for (const [name, ms] of extra) rows.push([name, secs(ms), '']);
		if (totalMs !== undefined) rows.push(['total', secs(totalMs), '']);
		const width = Math.max(...rows.map((r) => r[0].length));
		for (const [name, time, counts] of rows) this.line(`  ${name.padEnd(width)}  ${time.padStart(9)}  ${counts}`.trimEnd());
		this.line('');
		this.line(`${this.passed} passed, ${this.failed} failed`);
	}
}

function messageOf(e: unknown): string {
	return e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
}
function firstLine(e: unknown): string {
	return messageOf(e).split('\n')[0];
}
function rest(e: unknown): string {
	return messageOf(e).split('\n').slice(1).join('\n');
}

/** Throws an Error with `message` unless `cond` holds. */
export function check(cond: unknown, message: string | (() => string)): asserts cond {
	if (!cond) throw new Error(typeof message === 'function' ? message() : message);
}

/** Deep-equal for plain JSON values (order of object keys ignored). */
function jsonEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(sortKeys);
	if (v && typeof v === 'object') {
		const o = v as Record<string, unknown>;
		return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
	}
	return v;
}

/** Throws unless `actual` equals `expected` (JSON values), naming `what`. */
export function checkEqual(actual: unknown, expected: unknown, what: string): void {
	if (!jsonEqual(actual, expected)) {
		throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}
