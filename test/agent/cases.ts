/**
 * What the scripted model does in each agent run, and what the suite checks afterwards.
 *
 * A script picks its tool calls' argument names from the schema the model was offered (a property
 * whose name matches, such as /ton/ for the metric tons), the way a model reads a schema; the
 * values are the script's. Each case is one POST to its workflow's webhook (`[case:<key>]` in the
 * prompt names the script) and is checked on what the model received (its tool results), what the
 * emulator received, and how the run ended.
 */
import type { RecordedRequest } from '../emulator/types';
import type { StripeJson } from '../support/emulator';
import { check, checkEqual } from '../support/report';
import { conversationState, type JsonSchema, type OfferedTool, type RecordedCall, type Reply, type Script, type ToolResult } from './model-server';
import { toolName } from './workflows';

/** One agent run as the suite saw it. */
export interface CaseRun {
	/** The webhook's answer (the agent's final message, or n8n's error). */
	status: number;
	body: StripeJson;
	text: string;
	/** The model calls of this case. */
	calls: RecordedCall[];
	/** The requests the emulator received during the case. */
	requests: RecordedRequest[];
}

export interface AgentCase {
	key: string;
	/** AgentWorkflow key. */
	workflow: string;
	title: string;
	prompt: string;
	script: Script;
	/** Checks the run; returns the report line's detail. */
	check(run: CaseRun, found: Record<string, StripeJson>): string;
}

// ---------------------------------------------------------------------------------------------
// reading a schema the way a model does

/** The offered tool of a node name (throws naming what was offered). */
export function offered(tools: OfferedTool[], nodeName: string): OfferedTool {
	const t = tools.find((x) => x.name === toolName(nodeName));
	check(t, () => `the model was not offered ${toolName(nodeName)} (offered: ${tools.map((x) => x.name).join(', ') || 'nothing'})`);
	return t;
}

/** The argument properties of a tool. */
export const propertiesOf = (tool: OfferedTool): Record<string, JsonSchema> => tool.parameters.properties ?? {};

/** The name of the first argument whose name matches `re`, else `fallback`. */
export function argName(tool: OfferedTool, re: RegExp, fallback: string): string {
	return Object.keys(propertiesOf(tool)).find((k) => re.test(k)) ?? fallback;
}

/** The JSON type(s) of a property ("string", "number", …). */
export function typesOf(schema: JsonSchema | undefined): string[] {
	if (!schema) return [];
	const own = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
	return [...own, ...(schema.anyOf ?? []).flatMap(typesOf)];
}

/** A value of the type the schema asks for: numbers as numbers only when it asks for one. */
function typed(tool: OfferedTool, name: string, value: number | string): number | string {
	const types = typesOf(propertiesOf(tool)[name]);
	if (typeof value === 'number') return types.includes('number') || types.includes('integer') ? value : String(value);
	return value;
}

const call = (name: string, args: Record<string, unknown>): Reply => ({ toolCalls: [{ name: toolName(name), arguments: args }] });
const done = (key: string): Reply => ({ content: `Done: ${key}` });

/** An order's arguments in the tool's own names. */
function orderArgs(tools: OfferedTool[], product: string, tons: number): Record<string, unknown> {
	const t = offered(tools, 'Create climate order');
	const tonsArg = argName(t, /ton/i, 'metric_tons');
	return { [argName(t, /product/i, 'product')]: product, [tonsArg]: typed(t, tonsArg, tons) };
}

/** Arguments asking a list tool for `n` objects, when it offers a limit. */
function limitArgs(t: OfferedTool, n: number): Record<string, unknown> {
	const name = Object.keys(propertiesOf(t)).find((k) => /limit|max|count/i.test(k));
	return name ? { [name]: typed(t, name, n) } : {};
}

/** Product ids in a tool result's text (however it is shaped). */
export const productIdsIn = (text: string): string[] => [...new Set(text.match(/climsku_[A-Za-z0-9_]+/g) ?? [])];

// ---------------------------------------------------------------------------------------------
// checks on what came back

/** The tool results the model received in a case, all turns (from its last model call). */
export function resultsOf(run: CaseRun): ToolResult[] {
	const last = run.calls[run.calls.length - 1];
	check(last, 'the model was never called');
	return conversationState(last.messages).results;
}

/** The run went on after its tool calls: the model was asked again and its final message came back. */
export function checkContinued(run: CaseRun, key: string): void {
	const last = run.calls[run.calls.length - 1];
	check(last && conversationState(last.messages).results.length > 0, () => `the model never received a tool result (webhook ${run.status}: ${run.text.slice(0, 300)})`);
	check(run.status === 200, () => `the run did not go on after the tool's answer: the webhook answered ${run.status}: ${run.text.slice(0, 300)}`);
	check(run.text.includes(`Done: ${key}`), () => `the agent's answer is not the model's final message: ${run.text.slice(0, 300)}`);
}

const ordersPosted = (run: CaseRun) => run.requests.filter((r) => r.method === 'POST' && r.path === '/v1/climate/orders');

export const CASES: AgentCase[] = [
	{
		key: 'climate-list',
		workflow: 'climate',
		title: 'list 10 climate products: the result the model receives is compact',
		prompt: 'Which carbon removal products can I buy? Show me ten.',
		script: ({ step, tools, caseKey }) => (step === 0 ? call('List climate products', limitArgs(offered(tools, 'List climate products'), 10)) : done(caseKey)),
		check(run, found) {
			checkContinued(run, 'climate-list');
			const [result] = resultsOf(run);
			const get = run.requests.filter((r) => r.method === 'GET' && r.path === '/v1/climate/products');
			check(get.length >= 1, 'the emulator received no GET /v1/climate/products');
			const ids = productIdsIn(result.content);
			check(ids.length === 10, () => `the result names ${ids.length} product(s), expected 10: ${result.content.slice(0, 300)}`);
			const full = JSON.stringify(found.products ?? []).length;
			check(result.content.length < 3000, `a list of 10 climate products reached the model as ${result.content.length} characters (the whole objects: ${full}); expected under 3,000`);
			return `${ids.length} products in ${result.content.length} characters (whole Stripe objects: ${full}); GET /v1/climate/products${get[0].rawQuery ? `?${get[0].rawQuery}` : ''}`;
		},
	},
	{
		key: 'climate-two-orders',
		workflow: 'climate',
		title: 'two orders in one run: each reaches the emulator with its own idempotency key',
		prompt: 'Buy 0.5 t of the first product and 1.25 t of the second.',
		script: ({ step, tools, results, caseKey }) => {
			if (step === 0) return call('List climate products', limitArgs(offered(tools, 'List climate products'), 3));
			const ids = productIdsIn(results[0]?.content ?? '');
			if (step === 1) return call('Create climate order', orderArgs(tools, ids[0] ?? 'climsku_missing', 0.5));
			if (step === 2) return call('Create climate order', orderArgs(tools, ids[1] ?? ids[0] ?? 'climsku_missing', 1.25));
			return done(caseKey);
		},
		check(run) {
			checkContinued(run, 'climate-two-orders');
			const results = resultsOf(run);
			const posts = ordersPosted(run);
			check(posts.length === 2, () => `the emulator received ${posts.length} POST /v1/climate/orders, expected 2`);
			posts.forEach((p, i) => {
				const args = results[i + 1]?.arguments ?? {};
				check(p.status === 200, () => `order ${i + 1} was answered ${p.status}: ${results[i + 1]?.content.slice(0, 300)}`);
				checkEqual(p.body.product, Object.values(args).find((v) => String(v).startsWith('climsku_')), `order ${i + 1}: product sent`);
				check(Number(p.body.metric_tons) === [0.5, 1.25][i], () => `order ${i + 1}: metric_tons ${p.body.metric_tons}, expected ${[0.5, 1.25][i]}`);
			});
			const keys = posts.map((p) => p.headers['idempotency-key']);
			check(keys.every(Boolean), 'an order was sent without an Idempotency-Key');
			check(keys[0] !== keys[1], `both orders carried the same Idempotency-Key ${keys[0]}`);
			const orderIds = results.slice(1).map((r) => (r.content.match(/climorder_[A-Za-z0-9]+/) ?? [])[0]);
			check(orderIds.every(Boolean), () => `a tool result names no order id: ${results.slice(1).map((r) => r.content.slice(0, 200)).join(' | ')}`);
			return `2 orders (${orderIds.join(', ')}), metric_tons ${posts.map((p) => p.body.metric_tons).join(' and ')}, keys ${keys.join(' ≠ ')}`;
		},
	},
	{
		key: 'climate-refused-input',
		workflow: 'climate',
		title: 'a refused input (negative metric tons) reaches the model as the tool result; nothing is sent; the run goes on',
		prompt: 'Buy -2 t of carbon removal.',
		script: ({ step, tools, caseKey }) =>
			step === 0 ? call('Create climate order', orderArgs(tools, 'climsku_frontier_offtake_portfolio_2027', -2)) : done(caseKey),
		check(run) {
			const results = resultsOf(run);
			check(results.length === 1, () => `the model received ${results.length} tool result(s), expected 1 (webhook ${run.status}: ${run.text.slice(0, 300)})`);
			const text = results[0].content;
			check(/metric.?tons/i.test(text), `the tool result does not name the input (Metric Tons): ${text.slice(0, 300)}`);
			check(!/climorder_/.test(text), `the tool result holds an order: ${text.slice(0, 300)}`);
			check(ordersPosted(run).length === 0, 'an order was sent for an input the node refuses');
			checkContinued(run, 'climate-refused-input');
			return `the model read ${text.length} characters: ${text.slice(0, 160)}`;
		},
	},
	{
		key: 'climate-stripe-refusal',
		workflow: 'climate',
		title: "Stripe's refusal (unknown product) reaches the model as the tool result with Stripe's sentence and request id; the run goes on",
		prompt: 'Buy 1 t of climsku_does_not_exist.',
		script: ({ step, tools, caseKey }) => (step === 0 ? call('Create climate order', orderArgs(tools, 'climsku_does_not_exist', 1)) : done(caseKey)),
		check(run) {
			const results = resultsOf(run);
			check(results.length === 1, () => `the model received ${results.length} tool result(s), expected 1 (webhook ${run.status}: ${run.text.slice(0, 300)})`);
			const text = results[0].content;
			const posts = ordersPosted(run);
			check(posts.length >= 1 && posts.every((p) => p.status === 400), () => `expected the order to be refused by the emulator (400), got ${posts.map((p) => p.status).join(', ') || 'no request'}`);
			check(/No such climate product/i.test(text), `the tool result lacks Stripe's sentence: ${text.slice(0, 300)}`);
			check(text.includes(posts[0].requestId), `the tool result lacks the request id ${posts[0].requestId}: ${text.slice(0, 300)}`);
			checkContinued(run, 'climate-stripe-refusal');
			return `the model read: ${text.slice(0, 200)}`;
		},
	},
	{
		key: 'onramp-session',
		workflow: 'onramp',
		title: 'an onramp session: the request at the emulator, and no client_secret for the model',
		prompt: 'Let me buy 100 USD of ETH on Ethereum to 0x…',
		script: ({ step, tools, caseKey }) => {
			if (step > 0) return done(caseKey);
			const t = offered(tools, 'Create onramp session');
			const amount = argName(t, /^source_?amount$/i, argName(t, /amount/i, 'source_amount'));
			const wallet = argName(t, /wallet|address/i, 'wallet_address');
			// one address as text, or addresses by network: a JSON object, or its text when the schema asks for text
			const walletSchema = propertiesOf(t)[wallet];
			const byNetwork = !typesOf(walletSchema).includes('string') || /JSON/.test(walletSchema?.description ?? '');
			const walletValue = !byNetwork ? ONRAMP_WALLET : typesOf(walletSchema).includes('string') ? JSON.stringify({ ethereum: ONRAMP_WALLET }) : { ethereum: ONRAMP_WALLET };
			const args: Record<string, unknown> = {
				[wallet]: walletValue,
				[argName(t, /^destination_?network$/i, argName(t, /network/i, 'destination_network'))]: 'ethereum',
				[argName(t, /^destination_?currenc/i, argName(t, /currenc/i, 'destination_currency'))]: 'eth',
				[amount]: typed(t, amount, 100),
			};
			const source = Object.keys(propertiesOf(t)).find((k) => /source.?currenc/i.test(k));
			if (source) args[source] = 'usd';
			return call('Create onramp session', args);
		},
		check(run, found) {
			checkContinued(run, 'onramp-session');
			const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v1/crypto/onramp_sessions');
			check(posts.length === 1 && posts[0].status === 200, () => `expected one answered POST /v1/crypto/onramp_sessions, got ${posts.map((p) => p.status).join(', ') || 'none'}`);
			const body = posts[0].body;
			const wallets = JSON.stringify(body.wallet_addresses ?? body);
			check(wallets.includes(ONRAMP_WALLET), `the wallet address was not sent: ${JSON.stringify(body)}`);
			const text = resultsOf(run)[0].content;
			const session = (text.match(/cos_[A-Za-z0-9]+/) ?? [])[0];
			check(session, `the tool result names no session: ${text.slice(0, 300)}`);
			check(!/client_secret/.test(text), `the tool result carries a client_secret: ${text.slice(0, 300)}`);
			found.onrampSession = session;
			return `session ${session} for ${ONRAMP_WALLET.slice(0, 10)}…; result ${text.length} characters without a client_secret`;
		},
	},
	{
		key: 'forwarding-list',
		workflow: 'forwarding',
		title: 'forwarding requests listed, then one read by its id (a tool with the builder\'s own description)',
		prompt: 'Which requests did we forward lately?',
		script: ({ step, tools, results, caseKey }) => {
			if (step === 0) return call('List forwarding requests', limitArgs(offered(tools, 'List forwarding requests'), 10));
			if (step > 1) return done(caseKey);
			const t = offered(tools, 'Get forwarding request');
			const id = (results[0]?.content.match(/fwdreq_[A-Za-z0-9]+/) ?? [])[0] ?? 'fwdreq_missing';
			return call('Get forwarding request', { [argName(t, /id|request/i, 'request_id')]: id });
		},
		check(run, found) {
			checkContinued(run, 'forwarding-list');
			const get = run.requests.filter((r) => r.method === 'GET' && r.path === '/v1/forwarding/requests');
			check(get.length >= 1 && get.every((r) => r.status === 200), 'the emulator received no answered GET /v1/forwarding/requests');
			const text = resultsOf(run)[0].content;
			const missing = (found.forwarding as string[]).filter((id) => !text.includes(id));
			check(missing.length === 0, `the result lacks ${missing.join(', ')}: ${text.slice(0, 300)}`);
			const id = (text.match(/fwdreq_[A-Za-z0-9]+/) ?? [])[0];
			const one = run.requests.filter((r) => r.method === 'GET' && r.path === `/v1/forwarding/requests/${id}`);
			check(one.length === 1 && one[0].status === 200, `the get tool did not reach GET /v1/forwarding/requests/${id}: ${resultsOf(run)[1]?.content.slice(0, 300)}`);
			check(resultsOf(run)[1]?.content.includes(id as string), 'the get tool\'s result does not name the request');
			return `GET /v1/forwarding/requests${get[0].rawQuery ? `?${get[0].rawQuery}` : ''}: ${found.forwarding.length} requests in ${text.length} characters; then GET /v1/forwarding/requests/${id}`;
		},
	},
	{
		key: 'webhook-endpoint',
		workflow: 'webhooks',
		title: 'a webhook endpoint created through the tool: no signing secret for the model',
		prompt: 'Send climate order events to https://example.com/hooks/climate.',
		script: ({ step, tools, caseKey }) => {
			if (step > 0) return done(caseKey);
			const t = offered(tools, 'Create webhook endpoint');
			const events = argName(t, /event/i, 'enabled_events');
			const eventsType = typesOf(propertiesOf(t)[events]);
			return call('Create webhook endpoint', {
				[argName(t, /url/i, 'url')]: 'https://example.com/hooks/climate',
				[events]: eventsType.includes('array') ? ['climate.order.created'] : 'climate.order.created',
			});
		},
		check(run) {
			checkContinued(run, 'webhook-endpoint');
			const posts = run.requests.filter((r) => r.method === 'POST' && r.path === '/v1/webhook_endpoints');
			check(posts.length === 1 && posts[0].status === 200, () => `expected one answered POST /v1/webhook_endpoints, got ${posts.map((p) => p.status).join(', ') || 'none'}`);
			checkEqual(posts[0].body.url, 'https://example.com/hooks/climate', 'url sent');
			const text = resultsOf(run)[0].content;
			check(/we_[A-Za-z0-9]+/.test(text), `the tool result names no endpoint: ${text.slice(0, 300)}`);
			check(!/whsec_/.test(text), `the tool result carries the signing secret: ${text.slice(0, 300)}`);
			return `endpoint ${(text.match(/we_[A-Za-z0-9]+/) ?? [])[0]} for ${posts[0].body.url}; result ${text.length} characters without its secret`;
		},
	},
];

export const ONRAMP_WALLET = '0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2';
