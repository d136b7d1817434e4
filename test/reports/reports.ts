/**
 * The three report templates in a real n8n: each imported (by run.ts) as the file has it, with a Manual Trigger
 * in front of its Schedule Trigger (`n8n execute` starts from a manual trigger; the Schedule Trigger
 * then passes the item on, as when it fires) and the workflow's timezone set far from UTC; run once;
 * every figure of its items and of its HTML compared with the suite's own (expected.ts).
 *
 * Each runs twice: against the seeded account, and against a quiet one (its own emulator and
 * credential) with nothing in the period, where the report must still arrive, say so, and show zeros.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO } from '../../scripts/lib/repo';
import type { WorkflowJson } from '../support/examples';
import { check, type Report } from '../support/report';
import { CREDENTIAL, CREDENTIAL_TYPE } from '../support/credential';
import * as n8n from '../n8n/instance';
import { climateReport, type ExpectedReport, healthReport, htmlFigures, onrampReport } from './expected';
import { type Seeded, ZONES } from './seed';
import { previousWeek } from './calendar';

export interface Template {
	file: string;
	title: string;
	zone: string;
	figuresNode: string;
	expected(seeded: Seeded, zone: string, nowS: number): ExpectedReport;
}

export const TEMPLATES: Template[] = [
	{ file: 'examples/climate-weekly-report.json', title: 'weekly carbon removal report', zone: ZONES.climate, figuresNode: 'Weekly Figures', expected: climateReport },
	{ file: 'examples/onramp-weekly-report.json', title: 'weekly onramp report', zone: ZONES.onramp, figuresNode: 'Weekly Figures', expected: onrampReport },
	{ file: 'examples/webhook-delivery-health-report.json', title: 'webhook delivery health report', zone: ZONES.health, figuresNode: 'Delivery Figures', expected: healthReport },
];

export const readTemplate = (file: string): WorkflowJson => JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));

/** The credential of the quiet account (run.ts points it at the second emulator). */
export const QUIET_CREDENTIAL = Object.freeze({ id: 'stripe-emulator-quiet', name: 'Stripe (quiet account)' });

/** Which account a run reads: the seeded one, or the quiet one with nothing in the period. */
export type Account = 'seeded' | 'quiet';

/**
 * The template with a Manual Trigger before its Schedule Trigger and the workflow's timezone set;
 * for the quiet account, its own id and its Stripe nodes on the quiet credential.
 */
export function runnable(workflow: WorkflowJson, zone: string, account: Account = 'seeded'): WorkflowJson {
	const schedule = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	if (!schedule) throw new Error(`${workflow.name} has no Schedule Trigger`);
	const start = 'Run the Schedule Now';
	const quiet = account === 'quiet';
	const nodes = workflow.nodes.map((n) => {
		const credentials = n.credentials as Record<string, { id: string }> | undefined;
		if (!quiet || credentials?.[CREDENTIAL_TYPE]?.id !== CREDENTIAL.id) return n;
		return { ...n, credentials: { ...credentials, [CREDENTIAL_TYPE]: { ...QUIET_CREDENTIAL } } };
	});
	return {
		...workflow,
		id: (quiet ? `quiet${workflow.id}` : `${workflow.id}Run`).slice(0, 21),
		name: quiet ? `${workflow.name} (quiet account)` : workflow.name,
		active: false,
		settings: { ...(workflow.settings as object), timezone: zone },
		nodes: [...nodes, { id: `${workflow.id}-manual`, name: start, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-240, 0], parameters: {} }],
		connections: { ...workflow.connections, [start]: { main: [[{ node: schedule.name, type: 'main', index: 0 }]] } },
	};
}

/** The notice of a report (`data-notice="empty"`), decoded; null when it has none. */
function noticeOf(html: string): string | null {
	const all = [...html.matchAll(/<p data-notice="empty"[^>]*>([^<]*)<\/p>/g)];
	if (all.length > 1) throw new Error(`the HTML has ${all.length} notices`);
	return all.length ? all[0][1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : null;
}

/** Tables whose rows do not all span as many columns as their header, and bars outside 0–100 (a line each). */
function brokenLayout(html: string): string[] {
	const out: string[] = [];
	const span = (row: string) => [...row.matchAll(/<t[hd]\b([^>]*)>/g)].reduce((n, m) => n + Number(/colspan="(\d+)"/.exec(m[1])?.[1] ?? 1), 0);
	[...html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)].forEach((table, t) => {
		const rows = [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]);
		if (rows.length < 2) out.push(`table ${t + 1}: ${rows.length} rows, a header and at least one row expected`);
		const width = span(rows[0] ?? '');
		rows.forEach((row, r) => {
			if (span(row) !== width) out.push(`table ${t + 1}, row ${r}: ${span(row)} columns, its header ${width}`);
		});
	});
	for (const m of html.matchAll(/data-bar="([^"]*)"/g)) {
		if (!/^\d+$/.test(m[1]) || Number(m[1]) > 100) out.push(`a bar of "${m[1]}" %`);
	}
	return out;
}

/** Which of `expected`'s keys `actual` lacks, has extra, or has with another value (a line each). */
function differences(actual: Record<string, string>, expected: Record<string, string>): string[] {
	const out: string[] = [];
	for (const [k, v] of Object.entries(expected)) {
		if (!(k in actual)) out.push(`missing ${k} (expected "${v}")`);
		else if (actual[k] !== v) out.push(`${k}: "${actual[k]}", expected "${v}"`);
	}
	for (const k of Object.keys(actual)) if (!(k in expected)) out.push(`unexpected ${k}: "${actual[k]}"`);
	return out;
}

function rowDifferences(actual: unknown[], expected: unknown[]): string[] {
	const out: string[] = [];
	if (actual.length !== expected.length) out.push(`${actual.length} rows, expected ${expected.length}`);
	for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
		const a = JSON.stringify(actual[i]);
		const e = JSON.stringify(expected[i]);
		if (a !== e) out.push(`row ${i}: ${a}\n      expected ${e}`);
	}
	return out;
}

export async function runReports(report: Report, { home, seeded, account = 'seeded' }: { home: string; seeded: Seeded; account?: Account }): Promise<void> {
	for (const template of TEMPLATES) {
		const t = account === 'quiet' ? { ...template, title: `${template.title}, quiet account` } : template;
		const workflow = runnable(readTemplate(t.file), t.zone, account);
		const run = await report.step(`${t.title}: n8n execute`, async () => {
			const weekBefore = previousWeek(Date.now(), t.zone).start;
			const r = await n8n.executeDetailed(home, workflow.id);
			const nowS = Math.floor(Date.now() / 1000);
			check(previousWeek(nowS * 1000, t.zone).start === weekBefore, 'a new week began during the run: run the suite again');
			const err = n8n.runError(r.run);
			if (r.exitCode !== 0 || r.run.status !== 'success') {
				throw new Error(`exit ${r.exitCode}, status ${r.run.status}${err?.node?.name ? ` in "${err.node.name}"` : ''}: ${err?.message ?? ''}${err?.description ? ` (${err.description})` : ''}`);
			}
			return { detail: `exit 0 in ${r.durationMs} ms`, value: { run: r.run, nowS } };
		});
		if (!run) continue;
		const expected = t.expected(seeded, t.zone, run.nowS);
		await report.step(`${t.title}: every item of ${t.figuresNode} and Rows for a Sheet equals the suite's figure`, async () => {
			const rows = n8n.nodeOutput(run.run, t.figuresNode);
			const sheet = n8n.nodeOutput(run.run, 'Rows for a Sheet');
			const diff = rowDifferences(rows, expected.rows);
			check(diff.length === 0, () => diff.slice(0, 12).join('\n    '));
			check(JSON.stringify(sheet) === JSON.stringify(rows), 'Rows for a Sheet differs from the figures');
			const dims = [...new Set(rows.map((r: { dimension: string }) => r.dimension))];
			return `${rows.length} rows (${dims.map((d) => `${rows.filter((r: { dimension: string }) => r.dimension === d).length} ${d}`).join(', ')}), the same ${sheet.length} for the sheet`;
		});
		await report.step(`${t.title}: every figure of the HTML report and its subject equal the suite's`, async () => {
			const out = n8n.nodeOutput(run.run, 'HTML Report');
			check(out.length === 1, `HTML Report gave ${out.length} items`);
			const { html, subject } = out[0];
			check(typeof html === 'string' && html.startsWith('<!DOCTYPE html>'), 'no HTML page');
			check(!/<(script|link|img)\b|https?:\/\//i.test(html.replace(/https?:\/\/127\.0\.0\.1:\d+[^<"]*/g, '')), 'the HTML loads something from outside');
			const diff = differences(htmlFigures(html), expected.figures);
			check(diff.length === 0, () => diff.slice(0, 12).join('\n    '));
			check(subject === expected.subject, `subject "${subject}", expected "${expected.subject}"`);
			const notice = noticeOf(html);
			check(notice === expected.notice, `notice ${JSON.stringify(notice)}, expected ${JSON.stringify(expected.notice)}`);
			const broken = brokenLayout(html);
			check(broken.length === 0, () => broken.slice(0, 12).join('\n    '));
			const bars = (html.match(/data-bar="/g) || []).length;
			// a period with nothing in it has nothing to draw a bar of
			check(expected.notice === null || bars === 0, `${bars} bars in a report of nothing`);
			return `${Object.keys(expected.figures).length} figures, ${bars} bars, ${(html.length / 1024).toFixed(1)} kB; "${subject}"${notice ? `; "${notice}"` : ''}`;
		});
	}
}
