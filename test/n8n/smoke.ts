/**
 * End-to-end proof that test/n8n/instance.ts drives a real n8n: builds a throwaway
 * `n8n-nodes-smoke` package (one programmatic node + one credential, plain JS) in a temp
 * folder, packs it, installs it into an isolated n8n home, checks n8n loads it, executes a
 * manual-trigger workflow with it from the CLI (a good and a failing run), publishes a
 * webhook workflow, starts `n8n start`, sets up the owner and an API key, calls the webhook,
 * lists executions and deactivates/activates through the public API, and stops.
 *
 *   tsx test/n8n/smoke.ts [--keep]     (--keep leaves the temp folder for inspection)
 *
 * Installs n8n first if needed (test/n8n/install.ts).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import * as n8n from './instance';

const KEEP = process.argv.includes('--keep');
const PKG = 'n8n-nodes-smoke';

const steps: Array<{ name: string; ms: number }> = [];
async function step<T>(name: string, fn: () => Promise<T>, opts: { quiet?: boolean } = {}): Promise<T> {
	const t0 = Date.now();
	process.stdout.write(`▶ ${name} … `);
	try {
		const v = await fn();
		const ms = Date.now() - t0;
		steps.push({ name, ms });
		process.stdout.write(`ok (${(ms / 1000).toFixed(2)} s)${v && typeof v === 'string' && !opts.quiet ? ` — ${v}` : ''}\n`);
		return v;
	} catch (e) {
		process.stdout.write(`FAILED (${((Date.now() - t0) / 1000).toFixed(2)} s)\n`);
		throw e;
	}
}

// --- the throwaway package --------------------------------------------------------------------

const NODE_JS = `'use strict';
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');

class Smoke {
	constructor() {
		this.description = {
			displayName: 'Smoke',
			name: 'smoke',
			icon: 'file:smoke.svg',
			group: ['transform'],
			version: 1,
			subtitle: '={{$parameter["greeting"]}}',
			description: 'Throwaway node used by test/n8n/smoke.ts',
			defaults: { name: 'Smoke' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: [{ name: 'smokeApi', required: true }],
			properties: [
				{ displayName: 'Greeting', name: 'greeting', type: 'string', default: 'hello' },
				{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const creds = await this.getCredentials('smokeApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			if (this.getNodeParameter('fail', i)) {
				throw new NodeOperationError(this.getNode(), 'smoke node was asked to fail', { itemIndex: i });
			}
			out.push({
				json: {
					greeting: this.getNodeParameter('greeting', i),
					apiKeyLength: String(creds.apiKey).length,
					apiKeyTail: String(creds.apiKey).slice(-4),
					input: items[i].json,
				},
				pairedItem: { item: i },
			});
		}
		return [out];
	}
}
module.exports = { Smoke };
`;

const CRED_JS = `'use strict';
class SmokeApi {
	constructor() {
		this.name = 'smokeApi';
		this.displayName = 'Smoke API';
		this.icon = 'file:smoke.svg';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		];
	}
}
module.exports = { SmokeApi };
`;

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 60"><circle cx="30" cy="30" r="25" fill="#888"/></svg>\n';

function makePackage(root: string): string {
	const dir = path.join(root, 'pkg');
	const write = (rel: string, text: string) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	};
	write(
		'package.json',
		JSON.stringify(
			{
				name: PKG,
				version: '0.0.1',
				description: 'throwaway package for test/n8n/smoke.ts',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					strict: true,
					credentials: ['dist/credentials/SmokeApi.credentials.js'],
					nodes: ['dist/nodes/Smoke/Smoke.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	write('dist/nodes/Smoke/Smoke.node.js', NODE_JS);
	write('dist/nodes/Smoke/smoke.svg', SVG);
	write('dist/credentials/SmokeApi.credentials.js', CRED_JS);
	write('dist/credentials/smoke.svg', SVG);
	const out = execFileSync('npm', ['pack', '--json', '--pack-destination', root], { cwd: dir, encoding: 'utf8' });
	return path.join(root, JSON.parse(out)[0].filename);
}

// --- workflows --------------------------------------------------------------------------------

const CRED_ID = 'SmokeCred0000001';
const API_KEY = 'sk_test_smoke_1234';

function manualWorkflow(id: string, { fail = false } = {}): n8n.WorkflowInput {
	return {
		id,
		name: `smoke ${fail ? 'failing' : 'manual'}`,
		nodes: [
			{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'n2',
				name: 'Smoke',
				type: `${PKG}.smoke`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { greeting: 'hi from smoke', fail },
				credentials: { smokeApi: { id: CRED_ID, name: 'Smoke creds' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Smoke', type: 'main', index: 0 }]] } },
		settings: {},
	};
}

function webhookWorkflow(id: string): n8n.WorkflowInput {
	return {
		id,
		name: 'smoke webhook',
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b8f6c0de-5a1e-4c55-9d7e-50a4e0000001',
				parameters: { httpMethod: 'POST', path: 'smoke-hook', responseMode: 'lastNode', options: {} },
			},
			{
				id: 'w2',
				name: 'Smoke',
				type: `${PKG}.smoke`,
				typeVersion: 1,
				position: [220, 0],
				parameters: { greeting: '={{ $json.body.name }}' },
				credentials: { smokeApi: { id: CRED_ID, name: 'Smoke creds' } },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Smoke', type: 'main', index: 0 }]] } },
		settings: {},
	};
}

// --- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
	const t0 = Date.now();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-smoke-'));
	let instance: n8n.N8nInstance | null = null;
	let ok = false;
	try {
		await step('n8n runtime installed (test/n8n/install.ts)', async () => {
			const r = await n8n.ensureRuntime();
			return `n8n ${r.version} in ${r.dir}${r.reused ? ' (reused)' : ''}`;
		});

		const tgz = await step('generate + npm pack n8n-nodes-smoke', async () => makePackage(root));
		const home = n8n.createHome(path.join(root, 'home'));

		await step('install package into <home>/.n8n/nodes', async () => {
			const r = await n8n.installPackage(home, tgz);
			assert.equal(r.name, PKG);
			assert.ok(
				!fs.existsSync(path.join(home, '.n8n', 'nodes', 'node_modules', 'n8n-workflow')),
				'n8n-workflow must not be installed beside the package (--omit=peer)',
			);
			return `${r.name}@${r.version}`;
		});

		await step('n8n export:nodes lists the smoke node', async () => {
			const types = await n8n.listNodeTypes(home);
			assert.ok(types.includes(`${PKG}.smoke`), `"${PKG}.smoke" not among ${types.length} types`);
			assert.ok(types.includes('n8n-nodes-base.manualTrigger'));
			return `${types.length} types, includes ${PKG}.smoke`;
		});

		await step('import credentials', async () => {
			const ids = await n8n.importCredentials(home, [
				{ id: CRED_ID, name: 'Smoke creds', type: 'smokeApi', data: { apiKey: API_KEY } },
			]);
			assert.deepEqual(ids, [CRED_ID]);
		});

		const wfIds = await step('import workflows (manual, failing, webhook)', async () => {
			return await n8n.importWorkflow(home, [
				manualWorkflow('SmokeManual00001'),
				manualWorkflow('SmokeFailing0001', { fail: true }),
				webhookWorkflow('SmokeWebhook0001'),
			]);
		});
		assert.deepEqual(wfIds, ['SmokeManual00001', 'SmokeFailing0001', 'SmokeWebhook0001']);

		await step('n8n execute (success) → run JSON', async () => {
			const r = await n8n.executeDetailed(home, 'SmokeManual00001');
			assert.equal(r.exitCode, 0);
			assert.equal(r.run.status, 'success');
			const out = n8n.nodeOutput(r.run, 'Smoke');
			assert.deepEqual(out, [{ greeting: 'hi from smoke', apiKeyLength: API_KEY.length, apiKeyTail: '1234', input: {} }]);
			return `exit 0, status=success, ${r.durationMs} ms, output ${JSON.stringify(out[0])}`;
		});

		await step('n8n execute (failing node) → exit 1 + run JSON with error', async () => {
			const r = await n8n.executeDetailed(home, 'SmokeFailing0001');
			assert.equal(r.exitCode, 1);
			assert.equal(r.run.status, 'error');
			const err = n8n.runError(r.run);
			assert.ok(err, 'the failed run carries an error');
			assert.match(err.message, /smoke node was asked to fail/);
			return `exit 1, status=error, "${err.message}", ${r.durationMs} ms`;
		});

		await step('publish webhook workflow (n8n stopped)', async () => {
			await n8n.publish(home, 'SmokeWebhook0001');
		});

		const started = await step('spawn n8n start', async () => n8n.start(home));
		instance = started;
		await step('wait for /healthz/readiness', async () => {
			const ms = await started.waitReady();
			return `ready ${ms} ms after spawn on ${started.baseUrl} (broker ${started.brokerPort})`;
		});

		const hookUrl = started.webhookUrl('smoke-hook');
		const callHook = async () => {
			const res = await fetch(hookUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'webhook caller' }),
			});
			return { status: res.status, body: await res.text() };
		};
		await step('published webhook answers', async () => {
			const r = await n8n.waitFor(
				async () => {
					const x = await callHook();
					return x.status === 200 ? x : null;
				},
				{ timeoutMs: 30000, what: `${hookUrl} to answer 200` },
			);
			const body = JSON.parse(r.body) as { greeting: string; apiKeyTail: string };
			assert.equal(body.greeting, 'webhook caller');
			assert.equal(body.apiKeyTail, '1234');
			return `POST ${hookUrl} → 200 ${r.body}`;
		});

		const cookie = await step('owner setup', async () => n8n.setupOwner(started.baseUrl), { quiet: true });
		process.stdout.write(`  cookie ${cookie.slice(0, 20)}…\n`);
		const apiKey = await step('create API key', async () => n8n.createApiKey(started.baseUrl, cookie), { quiet: true });
		process.stdout.write(`  API key ${apiKey.slice(0, 12)}… (${apiKey.length} chars)\n`);

		await step('public API: executions of each workflow', async () => {
			const counts: Record<string, string> = {};
			for (const id of wfIds) {
				const r = await n8n.waitFor(
					async () => {
						const x = await n8n.api(started.baseUrl, apiKey, 'GET', `/executions?workflowId=${id}`);
						return x.data.length ? x : null;
					},
					{ timeoutMs: 10000, what: `an execution of ${id}` },
				);
				counts[id] = r.data.map((e: { mode: string; status: string }) => `${e.mode}:${e.status}`).join(',');
			}
			assert.match(counts.SmokeManual00001, /cli:success/);
			assert.match(counts.SmokeFailing0001, /cli:error/);
			assert.match(counts.SmokeWebhook0001, /webhook:success/);
			return JSON.stringify(counts);
		});

		await step('public API: deactivate → webhook 404, activate → 200', async () => {
			const d = await n8n.api(started.baseUrl, apiKey, 'POST', '/workflows/SmokeWebhook0001/deactivate');
			assert.equal(d.active, false);
			await n8n.waitFor(async () => (await callHook()).status === 404, { timeoutMs: 10000, what: 'webhook 404' });
			const a = await n8n.api(started.baseUrl, apiKey, 'POST', '/workflows/SmokeWebhook0001/activate');
			assert.equal(a.active, true);
			await n8n.waitFor(async () => (await callHook()).status === 200, { timeoutMs: 10000, what: 'webhook 200' });
		});

		await step('stop n8n (SIGTERM)', async () => {
			const r = await started.stop();
			instance = null;
			return `exit code ${r.code}, signal ${r.signal}, stopped in ${r.stopMs} ms`;
		});
		ok = true;
	} finally {
		if (instance) {
			process.stdout.write(`--- n8n log tail ---\n${instance.logTail(60)}\n--------------------\n`);
			await instance.stop().catch(() => {});
		}
		if (ok && !KEEP) fs.rmSync(root, { recursive: true, force: true });
		else process.stdout.write(`temp folder kept: ${root}\n`);
	}
	process.stdout.write(`\ntotal ${((Date.now() - t0) / 1000).toFixed(1)} s\nsmoke: ${steps.length} passed, 0 failed\n`);
}

main().catch((e: Error) => {
	process.stderr.write(`\nsmoke FAILED: ${e.stack || e.message}\n`);
	process.stdout.write(`smoke: ${steps.length} passed, 1 failed\n`);
	process.exit(1);
});
