'use strict';
/**
 * The example workflows in examples/*.json: read them (a file holds one workflow or a list), give
 * each a stable id when it has none, and tell what kind each is. Used by the e2e suite (import
 * them all, run the manual ones) and by `npm run dev` (import them into the dev instance).
 */
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const REPO = path.resolve(__dirname, '..', '..');
const PKG = 'n8n-nodes-stripe-platform';

/** [{file (relative), workflow, sha256}] of examples/*.json, sorted by file name. */
function loadExamples(repo = REPO) {
	const dir = path.join(repo, 'examples');
	if (!fs.existsSync(dir)) return [];
	const out = [];
	for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
		const abs = path.join(dir, f);
		const text = fs.readFileSync(abs, 'utf8');
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch (e) {
			throw new Error(`examples/${f} is not valid JSON: ${e.message}`);
		}
		const list = Array.isArray(parsed) ? parsed : [parsed];
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

const nodeTypes = (workflow) => [...new Set(workflow.nodes.map((n) => n.type))];

/** Started by hand (a manual trigger, none of our triggers): `n8n execute` can run it. */
const isManual = (workflow) =>
	workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger') && !hasOurTrigger(workflow);

/** Holds the Stripe Events Trigger: it runs when published (activated), not by `n8n execute`. */
const hasOurTrigger = (workflow) => workflow.nodes.some((n) => n.type === `${PKG}.stripeEventsTrigger`);

module.exports = { loadExamples, nodeTypes, isManual, hasOurTrigger };
