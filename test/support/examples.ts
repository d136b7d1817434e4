/**
 * The example workflows in examples/*.json: read them (a file holds one workflow or a list), give
 * each a stable id when it has none, and tell what kind each is. Used by the e2e suite (import
 * them all, run the manual ones) and by `npm run dev` (import them into the dev instance).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PKG, REPO } from '../../scripts/lib/repo';

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; webhookId?: string; parameters?: Record<string, unknown>; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface Example {
	/** Relative to the checkout, e.g. examples/climate-order.json. */
	file: string;
	workflow: WorkflowJson;
	/** Of the file's text: `npm run dev` re-imports an example when it changes. */
	sha256: string;
}

/** The examples of examples/*.json, sorted by file name. */
export function loadExamples(repo = REPO): Example[] {
	const dir = path.join(repo, 'examples');
	if (!fs.existsSync(dir)) return [];
	const out: Example[] = [];
	for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
		const text = fs.readFileSync(path.join(dir, f), 'utf8');
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (e) {
			throw new Error(`examples/${f} is not valid JSON: ${(e as Error).message}`);
		}
		const list = (Array.isArray(parsed) ? parsed : [parsed]) as WorkflowJson[];
		list.forEach((workflow, i) => {
			if (!workflow || !Array.isArray(workflow.nodes)) throw new Error(`examples/${f}${list.length > 1 ? ` [${i}]` : ''} is not a workflow (no nodes)`);
			// a stable id, so importing again replaces the workflow instead of adding a copy
			const id = workflow.id || crypto.createHash('sha256').update(`${f}#${i}`).digest('base64url').replace(/[-_]/g, '').slice(0, 16);
			out.push({
				file: path.join('examples', f),
				workflow: { ...workflow, id, active: false },
				sha256: crypto.createHash('sha256').update(text).digest('hex'),
			});
		});
	}
	return out;
}

export const nodeTypes = (workflow: WorkflowJson): string[] => [...new Set(workflow.nodes.map((n) => n.type))];

/** Holds one of the package's triggers: it runs when published (activated), not by `n8n execute`. */
export const hasOurTrigger = (workflow: WorkflowJson): boolean =>
	workflow.nodes.some((n) => n.type === `${PKG}.stripeEventsTrigger` || n.type === `${PKG}.stripeEventsPollingTrigger`);

/** Started by hand (a manual trigger, none of our triggers): `n8n execute` can run it. */
export const isManual = (workflow: WorkflowJson): boolean =>
	workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger') && !hasOurTrigger(workflow);
