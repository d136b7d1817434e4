/**
 * What the model is told about each tool: its description and the JSON schema of its arguments, as
 * the scripted model received them from n8n (or an MCP client from the MCP Server Trigger). Checked
 * against what an agent builder needs with nothing set but Resource and Operation: every input the
 * operation needs is offered, described and typed; plumbing (account, idempotency, request options)
 * is not; the description is written for a model, not n8n's automatic "<action> in <node>".
 */
import { check } from '../support/report';
import type { JsonSchema, OfferedTool } from './model-server';
import { propertiesOf, typesOf } from './cases';
import { toolName } from './workflows';

/** Inputs that are the builder's, never the model's. */
const PLUMBING = /idempot|connected.?account|stripe.?account|^expand|^(stripe_?|api_?)version$|parallel|retr(y|ies)|per.?second|timeout/i;

/** What a tool must offer: an argument matching `name`, of one of `types`, whose description matches `describes`. */
interface ExpectedArgument {
	name: RegExp;
	types: string[];
	describes?: RegExp;
}

interface ToolExpectation {
	node: string;
	args: ExpectedArgument[];
	/** What the tool's description must say. */
	says?: Array<[RegExp, string]>;
}

const NUMBER = ['number', 'integer'];
/** Lists are short by default; the model asks for more with a limit. */
const LIMIT: ExpectedArgument = { name: /^limit$/i, types: NUMBER };
/** Every tool returns a compact shape unless the model asks for Stripe's whole object. */
const WHOLE_OBJECT: ExpectedArgument = { name: /full_?object|whole/i, types: ['boolean'] };

export const EXPECTATIONS: ToolExpectation[] = [
	{ node: 'List climate products', args: [LIMIT] },
	{ node: 'Get climate product', args: [{ name: /product/i, types: ['string'], describes: /climsku_/ }] },
	{
		node: 'Create climate order',
		args: [
			{ name: /product/i, types: ['string'], describes: /climsku_/ },
			{ name: /ton/i, types: NUMBER, describes: /decimal|fraction|0\.\d/i },
			{ name: /amount/i, types: NUMBER, describes: /smallest|cents?\b/i },
			{ name: /currenc/i, types: ['string'], describes: /\busd\b|ISO/i },
		],
		says: [[/balance|spend|pays?\b|charge|money|cost/i, 'that it spends money']],
	},
	{
		node: 'Create onramp session',
		args: [
			{ name: /wallet|address/i, types: ['string', 'object'] },
			{ name: /network/i, types: ['string'], describes: /ethereum/i },
			{ name: /^source_?amount$/i, types: NUMBER },
			{ name: /^lock_?wallet/i, types: ['boolean'] },
		],
	},
	{ node: 'List forwarding requests', args: [LIMIT] },
	{
		node: 'Create webhook endpoint',
		args: [
			{ name: /url/i, types: ['string'], describes: /https/i },
			{ name: /event/i, types: ['string', 'array'] },
			{ name: /^connect$/i, types: ['boolean'] },
		],
	},
	{ node: 'List events', args: [LIMIT] },
];

/** n8n's automatic description, "<operation action> in <node's default name>" (n8n-workflow makeDescription). */
const AUTOMATIC = / in Stripe (Climate|Crypto Onramp|Forwarding|Webhook Endpoints?)$/;

/**
 * Checks one tool as offered; returns a short summary. `schema` is the input schema (OpenAI's
 * `parameters` or MCP's `inputSchema`).
 */
export function checkOfferedTool(node: string, tool: Pick<OfferedTool, 'description'> & { parameters: JsonSchema }): string {
	const want = EXPECTATIONS.find((e) => e.node === node);
	check(want, `no expectation for ${node}`);
	const d = tool.description;
	check(!AUTOMATIC.test(d), `${toolName(node)}: the description is n8n's automatic one: "${d}"`);
	check(d.length >= 80, `${toolName(node)}: the description says too little (${d.length} characters): "${d}"`);
	for (const [re, what] of want.says ?? []) check(re.test(d), `${toolName(node)}: the description does not say ${what}: "${d}"`);
	const props = propertiesOf({ name: node, description: d, parameters: tool.parameters });
	const names = Object.keys(props);
	const plumbing = names.filter((k) => PLUMBING.test(k));
	check(plumbing.length === 0, `${toolName(node)}: the model is offered the builder's inputs ${plumbing.join(', ')}`);
	const bare = names.filter((k) => (props[k].description ?? '').trim().length < 20);
	check(bare.length === 0, () => `${toolName(node)}: inputs without a description a model can act on: ${bare.map((k) => `${k} ("${props[k].description ?? ''}")`).join(', ')}`);
	// a yes/no input of a create is a JSON boolean, not text the model must spell "true"
	const yesNoAsText = names.filter((k) => /"true" or "false"|\btrue or false\b/i.test(props[k].description ?? '') && !typesOf(props[k]).includes('boolean'));
	check(yesNoAsText.length === 0, () => `${toolName(node)}: yes/no inputs offered as ${yesNoAsText.map((k) => `${k}: ${typesOf(props[k]).join('|')}`).join(', ')}, expected boolean`);
	for (const a of [...want.args, WHOLE_OBJECT]) {
		const name = names.find((k) => a.name.test(k));
		check(name, `${toolName(node)}: no input for ${a.name} (offered: ${names.join(', ') || 'none'})`);
		const types = typesOf(props[name]);
		check(types.some((t) => a.types.includes(t)), `${toolName(node)}: ${name} is offered as ${types.join('|') || 'untyped'}, expected ${a.types.join('|')}`);
		// the format may be told with the input or in the tool's description
		if (a.describes) check(a.describes.test(props[name].description ?? '') || a.describes.test(d), `${toolName(node)}: neither ${name}'s description nor the tool's says ${a.describes}: "${props[name].description}"`);
	}
	return `${toolName(node)}: ${d.length}-character description, ${names.length} input(s)${names.length ? ` (${names.map((k) => `${k}: ${typesOf(props[k]).join('|')}`).join(', ')})` : ''}`;
}
