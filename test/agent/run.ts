/**
 * The package's nodes as AI agent tools in a real n8n (test/n8n/install.ts), against the local Stripe
 * emulator and a scripted OpenAI-compatible model (test/agent/model-server.ts), on loopback only:
 *
 *   setup     build + `npm pack`, the emulator, the scripted model, the package installed into an
 *             isolated N8N_USER_FOLDER
 *   agents    one workflow per node (Webhook → AI Agent → OpenAI Chat Model on the scripted model, the
 *             nodes attached as tools with only Resource and Operation set), published, `n8n start`
 *             once; each case is one POST to its webhook (test/agent/cases.ts): the tools' descriptions
 *             and schemas the model received (test/agent/schema.ts), the requests at the emulator, the
 *             result's size, a refused input and a Stripe refusal reaching the model with the run going
 *             on, two orders with two idempotency keys
 *   responses the same workflows and cases with the OpenAI Chat Model at the newest typeVersion the
 *             installed n8n has (1.3: the Responses API, its default): every request over
 *             POST /v1/responses, the same tools, descriptions and schemas as over Chat Completions;
 *             two of the climate cases again behind a Webhook that streams (the model's answers
 *             streamed as Responses events)
 *   example   examples/carbon-removal-agent-example.json imported and chatted with (two turns)
 *   mcp       the MCP Server Trigger with the same tools, through the official MCP client SDK
 *             (test/agent/mcp.ts)
 *   secrets   no API key, signing secret or client secret in anything the model or the MCP client
 *             received
 *
 *   tsx test/agent/run.ts [--keep] [--no-build]     (npm run test:agent: on the oldest and newest n8n)
 *     --keep      keep the n8n home (.agent/<version>/home) after a passing run (always kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *
 * One line per check (✓/✗ with figures), timings per phase, `N passed, N failed` last; exit 1 when
 * anything failed. Every process it starts is stopped, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { CASES, type CaseRun } from './cases';
import { EXAMPLE_FILE, exampleWorkflow, runExample, exampleScript } from './example';
import { mcpPhase } from './mcp';
import { startModelServer, type ModelServer, type RecordedCall, type Script } from './model-server';
import { checkOfferedTool } from './schema';
import {
	AGENT_WORKFLOWS,
	agentWorkflow,
	MCP_SSE_PATH,
	mcpWorkflow,
	onResponsesApi,
	openAiCredential,
	RESPONSES_SUFFIX,
	STREAMED_SUFFIX,
	streamedOnResponsesApi,
	toolName,
	type AgentWorkflow,
} from './workflows';
import { flag, helpFromHeader } from '../../scripts/lib/cli';
import { REPO } from '../../scripts/lib/repo';
import { Teardown } from '../../scripts/lib/teardown';
import { emulatorCredential } from '../support/credential';
import { startEmulator, type Emulator, type StripeJson } from '../support/emulator';
import { check, Report } from '../support/report';
import { n8nRuntimeStep, packageStep } from '../support/setup';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';

helpFromHeader(__filename);

const WORK = path.resolve(process.env.AGENT_WORK_DIR || path.join(REPO, '.agent', runtime.n8nVersion()));
const KEEP = flag('keep');
const NO_BUILD = flag('no-build');
/** Hard limit for the whole run: nothing may hang CI. */
const WATCHDOG_MS = 8 * 60 * 1000;

const report = new Report();
const teardown = new Teardown();
n8n.handleSignals(false);
teardown.onSignals({ message: 'stopping n8n, the emulator and the scripted model…', hardLimitMs: 20000 });

interface Ctx {
	home: string;
	emu: Emulator;
	model: ModelServer;
	inst: n8n.N8nInstance | null;
	/** What the run found along the way (objects the checks compare with). */
	found: Record<string, StripeJson>;
	/** Texts an MCP client received (the model's are in model.calls). */
	mcpReceived: string[];
	/** The first model request of each agent workflow (what the model was offered), by workflow key. */
	firstCall: Map<string, RecordedCall>;
}

let current: Ctx | undefined;
let logShown = 0;
report.onFailure = () => {
	const inst = current?.inst;
	if (!inst) return;
	const lines = inst.log().split('\n');
	const fresh = lines.slice(Math.max(logShown, lines.length - 30));
	logShown = lines.length;
	if (!fresh.join('').trim()) return;
	report.line(`    ┌─ n8n log (${inst.logFile}), last ${fresh.length} new line(s)`);
	report.indent(fresh.join('\n'), '    │ ');
	report.line('    └─');
};

/** The newest version of one of the installed n8n's LangChain nodes (what the editor adds), read from its node file. */
function newestVersion(nodeFile: string[], fallback: number): number {
	const file = path.join(runtime.runtimeDir(), 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes', ...nodeFile);
	const versions = /version:\s*\[([\d.,\s]+)\]/.exec(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
	return versions ? Math.max(...versions[1].split(',').map(Number)) : fallback;
}

/** The MCP Server Trigger's: 2 on 2.8.4, 2.1 on 2.41.1. */
const MCP_TRIGGER_VERSION = newestVersion(['mcp', 'McpTrigger', 'McpTrigger.node.js'], 2);
/** The OpenAI Chat Model's: 1.3 on 2.8.4 and 2.41.1, whose "Use Responses API" is on by default. */
const MODEL_VERSION = newestVersion(['llms', 'LMChatOpenAi', 'LmChatOpenAi.node.js'], 1.2);
/** The agent workflows again with that model node, when it is newer than the 1.2 of AGENT_WORKFLOWS. */
const RESPONSES_WORKFLOWS: AgentWorkflow[] = MODEL_VERSION > 1.2 ? AGENT_WORKFLOWS.map((w) => onResponsesApi(w, MODEL_VERSION)) : [];
/** The climate workflow on that model node behind a streaming Webhook, and the cases run on it. */
const STREAMED_WORKFLOWS: AgentWorkflow[] = RESPONSES_WORKFLOWS.length ? AGENT_WORKFLOWS.filter((w) => w.key === 'climate').map((w) => streamedOnResponsesApi(w, MODEL_VERSION)) : [];
const STREAMED_CASES = ['climate-two-orders', 'climate-stripe-refusal'];
const ALL_WORKFLOWS = [...AGENT_WORKFLOWS, ...RESPONSES_WORKFLOWS, ...STREAMED_WORKFLOWS];

/** Every script by case key: the cases' and the example's; a case run again on another workflow runs its case's script. */
const SCRIPTS: Record<string, Script> = { ...Object.fromEntries(CASES.map((c) => [c.key, c.script])), example: exampleScript };
const VARIANT = new RegExp(`(${[RESPONSES_SUFFIX, STREAMED_SUFFIX].map((x) => x.replace('.', '\\.')).join('|')})$`);
const scriptOf = (key: string): Script | undefined => SCRIPTS[key.replace(VARIANT, '')];

async function setup(): Promise<Ctx | undefined> {
	await n8nRuntimeStep(report);
	const packed = await packageStep(report, WORK, NO_BUILD);
	const emu = await report.step(
		'Stripe emulator and the scripted model started (loopback)',
		async () => {
			const e = teardown.add('the Stripe emulator', await startEmulator({ port: 0 }), (x) => x.stop());
			const m = teardown.add('the scripted model', await startModelServer(scriptOf), (x) => x.close());
			return { detail: `emulator ${e.url}, model ${m.baseUrl}`, value: { e, m } };
		},
		{ critical: true },
	);
	const home = path.join(WORK, 'home');
	await report.step(
		'package installed into an isolated <home>/.n8n/nodes (npm install <tgz> --omit=dev --omit=peer)',
		async () => {
			check(packed, 'nothing was packed');
			fs.rmSync(home, { recursive: true, force: true });
			n8n.createHome(home);
			const r = await n8n.installPackage(home, packed.tgz);
			return `${r.name}@${r.version} in ${path.relative(REPO, home)}/.n8n/nodes, ${r.durationMs} ms`;
		},
		{ critical: true },
	);
	if (!emu) return undefined;
	return { home, emu: emu.e, model: emu.m, inst: null, found: {}, mcpReceived: [], firstCall: new Map() };
}

/**
 * Starts n8n, then creates the credentials (the editor's REST route) and the workflows (public API)
 * over HTTP instead of one CLI process each, and publishes the workflows.
 */
async function start(ctx: Ctx): Promise<void> {
	const api = await report.step(
		'n8n started; owner and public-API key set up',
		async () => {
			const inst = (ctx.inst = teardown.add('n8n', await n8n.start(ctx.home), (x) => x.stop({ timeoutMs: 15000 })));
			const readyMs = await inst.waitReady();
			const cookie = await n8n.setupOwner(inst.baseUrl);
			const apiKey = await n8n.createApiKey(inst.baseUrl, cookie);
			return { detail: `ready in ${readyMs} ms`, value: { baseUrl: inst.baseUrl, apiKey, cookie } };
		},
		{ critical: true },
	);
	await report.step(
		'credentials, agent workflows, the MCP workflow and the example created and published (REST and public API)',
		async () => {
			check(api, 'n8n is not running');
			const call = (method: string, p: string, body?: unknown) => n8n.api(api.baseUrl, api.apiKey, method, p, body);
			const refs: Record<string, { id: string; name: string }> = {};
			// the editor's own route: 2.8.4's public API asks for fields of n8n's domain restriction that the editor does not
			for (const c of [emulatorCredential(ctx.emu), openAiCredential(ctx.model.baseUrl)]) {
				const created = await n8n.rest(api.baseUrl, api.cookie, 'POST', '/credentials', { name: c.name, type: c.type, data: c.data });
				refs[c.type] = { id: created.id, name: c.name };
			}
			const workflows = [...ALL_WORKFLOWS.map(agentWorkflow), mcpWorkflow(MCP_TRIGGER_VERSION), mcpWorkflow(1.1, MCP_SSE_PATH), exampleWorkflow()];
			for (const w of workflows) {
				const nodes = w.nodes.map((n) => (n.credentials ? { ...n, credentials: credentialsFor(n.credentials as object, refs) } : n));
				const created = await call('POST', '/workflows', { name: w.name, nodes, connections: w.connections, settings: w.settings ?? {} });
				await call('POST', `/workflows/${created.id}/activate`);
			}
			return `2 credentials, ${workflows.length} workflows active: ${workflows.map((w) => w.name).join(', ')}`;
		},
		{ critical: true },
	);
}

/** A node's credentials pointed at the ones created (by type). */
function credentialsFor(credentials: object, refs: Record<string, { id: string; name: string }>): object {
	return Object.fromEntries(
		Object.keys(credentials).map((type) => {
			check(refs[type], `no credential of type ${type} was created`);
			return [type, refs[type]];
		}),
	);
}

/** POSTs a case's prompt to its workflow's webhook; the run as the suite saw it. */
async function runCase(ctx: Ctx, key: string, workflow: string, prompt: string): Promise<CaseRun> {
	const inst = ctx.inst;
	check(inst, 'n8n is not running');
	const w = ALL_WORKFLOWS.find((x) => x.key === workflow);
	check(w, `no workflow ${workflow}`);
	await ctx.emu.clearLog();
	const before = ctx.model.calls.length;
	const res = await fetch(inst.webhookUrl(w.path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ prompt: `[case:${key}] ${prompt}` }),
		signal: AbortSignal.timeout(60000),
	});
	const text = await res.text();
	let body: StripeJson;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: res.status, body, text, calls: ctx.model.calls.slice(before).filter((c) => c.caseKey === key), requests: await ctx.emu.requests() };
}

/** What the cases need in the emulator besides what they create. */
async function seed(ctx: Ctx): Promise<void> {
	// ten products (the catalogue has four), and what they weigh as Stripe returns them
	const catalogue = (await ctx.emu.stripe('GET', '/v1/climate/products', { limit: 100 })).data.length;
	if (catalogue < 10) await ctx.emu.admin('POST', '/seed', { kind: 'climate.product', n: 10 - catalogue });
	ctx.found.products = (await ctx.emu.stripe('GET', '/v1/climate/products', { limit: 10 })).data;
	check(ctx.found.products.length === 10, `the emulator lists ${ctx.found.products.length} climate products, expected 10`);
	// three forwarded requests to list (the destination's key in a header, which Stripe shows redacted)
	ctx.found.forwarding = [];
	for (const amount of [1000, 2500, 4000]) {
		const r = await ctx.emu.stripe('POST', '/v1/forwarding/requests', {
			payment_method: 'pm_card_visa',
			url: 'https://api.payments-partner.example/v1/charges',
			replacements: ['card_number', 'card_expiry', 'card_cvc'],
			request: { body: `{"amount":${amount},"card":{"number":"","exp_month":"","exp_year":"","cvc":""}}`, headers: [{ name: 'Destination-API-Key', value: 'dest_agent_suite_key' }] },
		});
		ctx.found.forwarding.push(r.id);
	}
}

/**
 * Every case on `workflows` (AGENT_WORKFLOWS, or RESPONSES_WORKFLOWS / STREAMED_WORKFLOWS with
 * `suffix`: the same cases, their keys suffixed; `only` some of them), then what the model was offered
 * for each tool. Every request must have come through the workflow's API (and streamed when the
 * workflow streams), and on the Responses API each tool must reach the model as over Chat Completions.
 */
async function agents(ctx: Ctx, workflows: AgentWorkflow[], suffix = '', only?: string[]): Promise<void> {
	const firstCall = ctx.firstCall;
	const via = (w: AgentWorkflow) => `${w.api === 'responses' ? 'POST /v1/responses' : 'POST /v1/chat/completions'}${w.streamed ? ', streamed' : ''}`;
	for (const c of CASES.filter((x) => !only || only.includes(x.key))) {
		const w = workflows.find((x) => x.key === `${c.workflow}${suffix}`);
		await report.step(`${c.key}${suffix}: ${c.title}`, async () => {
			check(w, `no workflow ${c.workflow}${suffix}`);
			const r = await runCase(ctx, `${c.key}${suffix}`, w.key, c.prompt);
			if (r.calls[0] && !firstCall.has(w.key)) firstCall.set(w.key, r.calls[0]);
			const errors = r.calls.filter((x) => x.error).map((x) => x.error);
			check(errors.length === 0, `the scripted model could not answer: ${errors.join('; ')}`);
			const api = w.api ?? 'chat';
			const other = r.calls.filter((x) => x.api !== api);
			check(other.length === 0, `${other.length} of ${r.calls.length} model request(s) did not come through ${via(w)} (the OpenAI Chat Model ${w.modelVersion ?? 1.2})`);
			const unlike = r.calls.filter((x) => x.stream !== (w.streamed === true));
			check(unlike.length === 0, `${unlike.length} of ${r.calls.length} model request(s) ${w.streamed ? 'did not ask for' : 'asked for'} a streamed answer`);
			const detail = c.check(r, ctx.found);
			return suffix ? `${detail}; ${r.calls.length} request(s), all ${via(w)}` : detail;
		});
	}
	for (const w of workflows) {
		const base = w.api === 'responses' ? firstCall.get(w.key.slice(0, -suffix.length)) : undefined;
		for (const t of w.tools) {
			const what = t.toolDescription ? ', Tool Description set by the builder' : '';
			const over = w.api === 'responses' ? ' over the Responses API' : '';
			await report.step(`what the model receives${over}: ${toolName(t.name)} (${t.node}Tool, ${t.resource}: ${t.operation}${what})`, async () => {
				const first = firstCall.get(w.key);
				check(first, `no case of the ${w.key} workflow reached the model`);
				const tool = first.tools.find((x) => x.name === toolName(t.name));
				check(tool, `the model was not offered ${toolName(t.name)} (offered: ${first.tools.map((x) => x.name).join(', ')})`);
				let detail: string;
				if (t.toolDescription) {
					check(tool.description === t.toolDescription, `the builder's own description did not reach the model; it received: "${tool.description}"`);
					detail = `${toolName(t.name)}: the builder's own description, as written (${tool.description.length} characters)`;
				} else detail = checkOfferedTool(t.name, tool);
				if (w.api !== 'responses') return detail;
				const chat = base?.tools.find((x) => x.name === tool.name);
				check(chat, `${toolName(t.name)} was not offered over Chat Completions: nothing to compare with`);
				check(chat.description === tool.description, `the description differs from the one over Chat Completions: "${tool.description}"`);
				check(
					JSON.stringify(chat.parameters) === JSON.stringify(tool.parameters),
					() => `the schema differs from the one over Chat Completions: ${JSON.stringify(tool.parameters).slice(0, 400)} ≠ ${JSON.stringify(chat.parameters).slice(0, 400)}`,
				);
				return `${detail}; description and schema as over Chat Completions`;
			});
		}
	}
}

/** Secrets the emulator holds (the credential's key, endpoints' signing secrets, sessions' client secrets). */
async function secretsHeld(ctx: Ctx): Promise<string[]> {
	const endpoints = await ctx.emu.objects('webhook_endpoint');
	const sessions = await ctx.emu.objects('crypto.onramp_session');
	return [ctx.emu.testKey, ...endpoints.map((e: StripeJson) => e.secret), ...sessions.map((s: StripeJson) => s.client_secret)].filter(
		(s): s is string => typeof s === 'string' && s.length > 8,
	);
}

async function secrets(ctx: Ctx): Promise<void> {
	await report.step('no API key, signing secret or client secret in anything the model or the MCP client received', async () => {
		const held = await secretsHeld(ctx);
		check(held.some((s) => s.startsWith('whsec_')), 'no webhook endpoint was created: the scan would prove nothing about signing secrets');
		check(held.some((s) => /_secret_/.test(s)), 'no onramp session was created: the scan would prove nothing about client secrets');
		const texts = [...ctx.model.calls.map((c) => c.raw), ...ctx.mcpReceived];
		const leaks: string[] = [];
		texts.forEach((t, i) => {
			for (const s of held) if (t.includes(s)) leaks.push(`${s.slice(0, 12)}… in ${i < ctx.model.calls.length ? `model request ${i + 1} (case ${ctx.model.calls[i].caseKey})` : 'an MCP answer'}`);
			if (/"client_secret"|whsec_|sk_(test|live)_/.test(t)) leaks.push(`a secret-shaped value in ${i < ctx.model.calls.length ? `model request ${i + 1} (case ${ctx.model.calls[i].caseKey})` : 'an MCP answer'}`);
		});
		check(leaks.length === 0, `leaked: ${[...new Set(leaks)].join('; ')}`);
		const chars = texts.reduce((n, t) => n + t.length, 0);
		const responses = ctx.model.calls.filter((c) => c.api === 'responses').length;
		check(responses > 0 || RESPONSES_WORKFLOWS.length === 0, 'no request came over the Responses API: the scan would prove nothing about it');
		return `${held.length} secrets held by the emulator, none in ${ctx.model.calls.length} model requests (${responses} over the Responses API) and ${ctx.mcpReceived.length} MCP answers (${chars} characters)`;
	});
}

async function main(): Promise<void> {
	const t0 = Date.now();
	teardown.watchdog(WATCHDOG_MS, () => {
		report.line(`\n✗ the suite did not finish within ${WATCHDOG_MS / 60000} minutes: stopping everything`);
		report.line(`${report.passed} passed, ${report.failed + 1} failed`);
	});
	report.line(`n8n-nodes-stripe-platform as agent tools: real n8n ${runtime.n8nVersion()}, Node ${process.version}, loopback only`);
	let ok = false;
	let home: string | undefined;
	try {
		await report.phase('setup: build, pack, install into n8n', async () => {
			current = await setup();
		});
		const ctx = current;
		if (ctx) {
			home = ctx.home;
			const s = await report.phase('n8n: start, create and publish the workflows', () => start(ctx));
			if (!s.aborted) {
				await report.phase('agents: one workflow per node, a scripted model (OpenAI Chat Model 1.2, Chat Completions)', async () => {
					await seed(ctx);
					await agents(ctx, AGENT_WORKFLOWS);
				});
				if (RESPONSES_WORKFLOWS.length) {
					await report.phase(`agents: the same with the OpenAI Chat Model ${MODEL_VERSION}, what the editor adds (Responses API, its default)`, () =>
						agents(ctx, RESPONSES_WORKFLOWS, RESPONSES_SUFFIX),
					);
					await report.phase(`agents: two of them behind a Webhook that streams (the model's answers streamed)`, () =>
						agents(ctx, STREAMED_WORKFLOWS, STREAMED_SUFFIX, STREAMED_CASES),
					);
				}
				await report.phase(`example: ${EXAMPLE_FILE}`, () => runExample(report, ctx));
				await report.phase(`MCP: the MCP Server Trigger ${MCP_TRIGGER_VERSION} and the official client`, () =>
					mcpPhase(report, {
						baseUrl: (ctx.inst as n8n.N8nInstance).baseUrl,
						emu: ctx.emu,
						received: ctx.mcpReceived,
						agentTools: ctx.firstCall.get('climate')?.tools ?? [],
					}),
				);
				await report.phase('secrets: what the model and the MCP client received', () => secrets(ctx));
			}
		}
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		await teardown.run();
	}
	if (current) {
		// what the model received, for inspection after a failure
		fs.writeFileSync(path.join(WORK, 'model-requests.json'), JSON.stringify(current.model.calls.map(({ raw, ...call }) => call), null, 1));
	}
	if (home) {
		if (ok && !KEEP) fs.rmSync(home, { recursive: true, force: true });
		else report.line(`\nn8n home kept for inspection: ${home} (n8n log: n8n-start.log)`);
	}
	report.summary({ totalMs: Date.now() - t0 });
	process.exitCode = ok ? 0 : 1;
}

main().catch(async (e) => {
	process.stderr.write(`agent suite crashed: ${e.stack || e}\n`);
	await teardown.run();
	process.stdout.write(`${report.passed} passed, ${report.failed + 1} failed\n`);
	process.exit(1);
});
