/**
 * The carbon-removal assistant of examples/ run as a user would chat with it (the Chat Trigger's
 * public chat URL, one session, three messages), the scripted model playing the model: it lists the
 * products and quotes, the customer says yes, it orders; asked to order again in the same chat, the
 * example's idempotency key (one order per conversation) makes Stripe return the first order.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Emulator, StripeJson } from '../support/emulator';
import type { WorkflowJson } from '../support/examples';
import { check, type Report } from '../support/report';
import { REPO } from '../../scripts/lib/repo';
import * as n8n from '../n8n/instance';
import { argName, offered, productIdsIn, typesOf, propertiesOf } from './cases';
import { textOf, type ModelServer, type Reply, type Script } from './model-server';
import { OPENAI_CREDENTIAL, toolName } from './workflows';

export const EXAMPLE_FILE = 'examples/carbon-removal-agent-example.json';
const SESSION = 'chat-session-4711';
const TONS = 2;

/** The example with its chat model on the scripted model's credential. */
export function exampleWorkflow(): WorkflowJson {
	const wf = JSON.parse(fs.readFileSync(path.join(REPO, EXAMPLE_FILE), 'utf8')) as WorkflowJson;
	for (const node of wf.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi') {
			node.credentials = { openAiApi: { ...OPENAI_CREDENTIAL } };
			node.parameters = { ...node.parameters, model: { __rl: true, mode: 'id', value: 'scripted' } };
		}
	}
	return { ...wf, active: false };
}

const say = (content: string): Reply => ({ content });

function orderCall(ctx: Parameters<Script>[0], product: string): Reply {
	const t = offered(ctx.tools, 'Create climate order');
	const tons = argName(t, /ton/i, 'metric_tons');
	const numeric = typesOf(propertiesOf(t)[tons]).some((x) => x === 'number' || x === 'integer');
	return { toolCalls: [{ name: toolName('Create climate order'), arguments: { [argName(t, /product/i, 'product')]: product, [tons]: numeric ? TONS : String(TONS) } }] };
}

/** Turn 1: list and quote; turn 2: order; turn 3: order again (the same key). */
export const exampleScript: Script = (ctx) => {
	if (ctx.turn === 1) {
		if (ctx.step === 0) return { toolCalls: [{ name: toolName('List climate products'), arguments: {} }] };
		const product = productIdsIn(ctx.results[0]?.content ?? '')[0] ?? 'none found';
		return say(`I can order ${TONS} t of ${product}. Shall I go ahead?`);
	}
	// the product quoted in turn 1, read back from the conversation the memory keeps
	const quoted = ctx.request.messages.filter((m) => m.role === 'assistant').map(textOf).join(' ');
	const product = productIdsIn(quoted)[0] ?? 'climsku_not_quoted';
	if (ctx.step === 0) return orderCall(ctx, product);
	const order = (ctx.results[0]?.content.match(/climorder_[A-Za-z0-9]+/) ?? [])[0] ?? 'no order';
	return say(`Ordered: ${order}.`);
};

async function chat(inst: n8n.N8nInstance, webhookId: string, text: string): Promise<{ status: number; output: string }> {
	const res = await fetch(inst.webhookUrl(webhookId, 'chat'), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ action: 'sendMessage', sessionId: SESSION, chatInput: text }),
		signal: AbortSignal.timeout(60000),
	});
	const body = await res.text();
	let output = body;
	try {
		const parsed = JSON.parse(body) as StripeJson;
		output = typeof parsed?.output === 'string' ? parsed.output : body;
	} catch {
		/* not JSON: keep the text */
	}
	return { status: res.status, output };
}

export async function runExample(report: Report, ctx: { inst: n8n.N8nInstance | null; emu: Emulator; model: ModelServer }): Promise<void> {
	const wf = exampleWorkflow();
	const trigger = wf.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	const key = `carbon-removal-${SESSION}`;
	let orderId: string | undefined;
	await report.step('turn 1: the assistant lists the products and quotes (no order yet)', async () => {
		check(ctx.inst && trigger?.webhookId, 'n8n is not running or the example has no chat trigger');
		await ctx.emu.clearLog();
		const r = await chat(ctx.inst, trigger.webhookId, '[case:example] I would like to remove 2 tonnes of CO2 for good. What would it cost?');
		check(r.status === 200, `the chat answered ${r.status}: ${r.output.slice(0, 300)}`);
		const product = productIdsIn(r.output)[0];
		check(product, `no product quoted: ${r.output.slice(0, 300)}`);
		const reqs = await ctx.emu.requests();
		check(reqs.some((x) => x.method === 'GET' && x.path === '/v1/climate/products'), 'the products were not listed');
		check(!reqs.some((x) => x.method === 'POST'), 'something was ordered before the customer said yes');
		return `"${r.output}"`;
	});
	await report.step(`turn 2: "yes" → one order with the example's idempotency key (${key})`, async () => {
		check(ctx.inst && trigger?.webhookId, 'n8n is not running');
		await ctx.emu.clearLog();
		const r = await chat(ctx.inst, trigger.webhookId, 'Yes, please order it.');
		check(r.status === 200, `the chat answered ${r.status}: ${r.output.slice(0, 300)}`);
		const posts = (await ctx.emu.requests()).filter((x) => x.method === 'POST' && x.path === '/v1/climate/orders');
		check(posts.length === 1 && posts[0].status === 200, `expected one answered order, got ${posts.map((p) => p.status).join(', ') || 'none'}`);
		check(Number(posts[0].body.metric_tons) === TONS, `ordered ${posts[0].body.metric_tons} t, expected ${TONS}`);
		check(posts[0].headers['idempotency-key'] === key, `the order's Idempotency-Key is ${posts[0].headers['idempotency-key']}, expected ${key}`);
		orderId = (r.output.match(/climorder_[A-Za-z0-9]+/) ?? [])[0];
		check(orderId, `the answer names no order: ${r.output.slice(0, 300)}`);
		return `"${r.output}" (${posts[0].body.metric_tons} t of ${posts[0].body.product})`;
	});
	await report.step('turn 3: asked to order again in the same chat → Stripe returns the first order, nothing more is bought', async () => {
		check(ctx.inst && trigger?.webhookId && orderId, 'turn 2 did not order');
		const before = (await ctx.emu.objects('climate.order')).length;
		const r = await chat(ctx.inst, trigger.webhookId, 'Order it once more, please.');
		check(r.status === 200, `the chat answered ${r.status}: ${r.output.slice(0, 300)}`);
		const after = (await ctx.emu.objects('climate.order')).length;
		check(after === before, `${after - before} more order(s) were created`);
		check(r.output.includes(orderId), `the answer names ${r.output}, expected the first order ${orderId}`);
		return `the same ${orderId}; ${after} order(s) in the emulator before and after`;
	});
}
