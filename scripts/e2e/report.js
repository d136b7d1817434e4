'use strict';
/**
 * Step reporting for the end-to-end suite: one line per check (✓/✗, what was checked, figures and
 * the step's duration), phases with their total time, and the closing `N passed, N failed` line.
 *
 *   const report = new Report();
 *   await report.phase('actions', async () => {
 *     await report.step('Crypto Onramp workflow runs', async () => '4 nodes, 1.2 s');   // ✓ line
 *     await report.step('must hold', async () => { throw new Error('no') }, { critical: true });
 *   });
 *
 * A step's function returns the detail text for its line (or nothing). A failing step prints ✗ with
 * the first line of the error and the rest indented below; with `critical: true` it also ends its
 * phase (the rest of the phase depends on it), which the phase reports as not run.
 */

class PhaseAborted extends Error {
	constructor(step, cause) {
		super(`"${step}" failed`);
		this.cause = cause;
	}
}

const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

class Report {
	constructor({ out = process.stdout } = {}) {
		this.out = out;
		this.passed = 0;
		this.failed = 0;
		this.phases = [];
		this.current = null;
		/** Called with (stepName, error) after each failed step: the suite prints n8n's log there. */
		this.onFailure = null;
	}

	line(text = '') {
		this.out.write(`${text}\n`);
	}

	indent(text, prefix = '    ') {
		const body = String(text).replace(/\s+$/, '');
		if (body) this.line(body.split('\n').map((l) => prefix + l).join('\n'));
	}

	async phase(name, fn) {
		const t0 = Date.now();
		const phase = { name, ms: 0, passed: 0, failed: 0, aborted: false };
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

	/** Runs one check. Resolves its value (undefined when it failed and is not critical). */
	async step(name, fn, { critical = false } = {}) {
		const t0 = Date.now();
		try {
			const value = await fn();
			const ms = Date.now() - t0;
			this.passed += 1;
			if (this.current) this.current.passed += 1;
			const detail = typeof value === 'string' ? value : value && typeof value.detail === 'string' ? value.detail : '';
			this.line(`  ✓ ${name}${detail ? ` — ${detail}` : ''} (${secs(ms)})`);
			return value && typeof value === 'object' && 'value' in value ? value.value : value;
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
	fail(name, reason) {
		this.failed += 1;
		if (this.current) this.current.failed += 1;
		this.line(`  ✗ ${name} — ${reason}`);
	}

	/** Timings per phase (`extra`: more [name, ms] rows), then `N passed, N failed` alone on the last line. */
	summary({ totalMs, extra = [] } = {}) {
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

function firstLine(e) {
	const msg = e && e.message !== undefined ? String(e.message) : String(e);
	return msg.split('\n')[0];
}
function rest(e) {
	const msg = e && e.message !== undefined ? String(e.message) : String(e);
	return msg.split('\n').slice(1).join('\n');
}

/** Throws an Error with `message` unless `cond` holds. */
function check(cond, message) {
	if (!cond) throw new Error(typeof message === 'function' ? message() : message);
}

/** Deep-equal for plain JSON values (order of object keys ignored). */
function jsonEqual(a, b) {
	return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(v) {
	if (Array.isArray(v)) return v.map(sortKeys);
	if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
	return v;
}

/** Throws unless `actual` equals `expected` (JSON values), naming `what`. */
function checkEqual(actual, expected, what) {
	if (!jsonEqual(actual, expected)) {
		throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
	}
}

module.exports = { Report, PhaseAborted, check, checkEqual, jsonEqual, secs };
