/**
 * The agent suite's workflows, built the way an agent builder builds them in the editor: a Webhook
 * (so one running n8n serves every case), the AI Agent, the OpenAI Chat Model on the scripted model's
 * credential, and the package's nodes attached as tools with only Resource and Operation chosen.
 * The MCP workflow exposes tools through n8n's MCP Server Trigger.
 */
import { credentialRef } from '../support/credential';
import type { WorkflowJson } from '../support/examples';
import { PKG } from '../../scripts/lib/repo';
import type { ModelApi } from './model-server';

export const OPENAI_CREDENTIAL = Object.freeze({ id: 'scripted-model', name: 'Scripted model (local)' });

/** The `openAiApi` credential pointing the OpenAI Chat Model at the scripted model server. */
export function openAiCredential(baseUrl: string): { id: string; name: string; type: string; data: object } {
	return {
		...OPENAI_CREDENTIAL,
		type: 'openAiApi',
		data: { apiKey: 'sk-scripted-model-not-a-secret', organizationId: '', url: baseUrl, header: false },
	};
}

/** A Stripe node attached as a tool: node type without the package prefix, the node's name, resource, operation. */
export interface ToolSpec {
	node: string;
	name: string;
	resource: string;
	operation: string;
	/** The builder's own Tool Description, replacing the operation's. */
	toolDescription?: string;
}

/** A builder's own description of a tool, which the model must receive as written. */
export const OWN_DESCRIPTION = 'Look up one payment we forwarded to our card processor, by its fwdreq_ id. Use it when a customer asks whether their card was sent.';

/** The tool name n8n gives a node (n8n-workflow `nodeNameToToolName`). */
export const toolName = (nodeName: string): string => nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');

export interface AgentWorkflow {
	key: string;
	/** Webhook path: POST <n8n>/webhook/<path> with {prompt}. */
	path: string;
	tools: ToolSpec[];
	/** The OpenAI Chat Model's typeVersion (1.2 unless set). */
	modelVersion?: number;
	/** The API the model node reaches the model through with that version. */
	api?: ModelApi;
	/** The Webhook (2.1) answers as the agent streams: the agent streams the model's answers too. */
	streamed?: boolean;
}

const AGENT = 'AI Agent';
const MODEL = 'OpenAI Chat Model';

export const AGENT_WORKFLOWS: AgentWorkflow[] = [
	{
		key: 'climate',
		path: 'agent-climate',
		tools: [
			{ node: 'stripeClimate', name: 'List climate products', resource: 'product', operation: 'getAll' },
			{ node: 'stripeClimate', name: 'Get climate product', resource: 'product', operation: 'get' },
			{ node: 'stripeClimate', name: 'Create climate order', resource: 'order', operation: 'create' },
		],
	},
	{
		key: 'onramp',
		path: 'agent-onramp',
		tools: [{ node: 'stripeCryptoOnramp', name: 'Create onramp session', resource: 'onrampSession', operation: 'create' }],
	},
	{
		key: 'forwarding',
		path: 'agent-forwarding',
		tools: [
			{ node: 'stripeForwarding', name: 'List forwarding requests', resource: 'request', operation: 'getAll' },
			{ node: 'stripeForwarding', name: 'Get forwarding request', resource: 'request', operation: 'get', toolDescription: OWN_DESCRIPTION },
		],
	},
	{
		key: 'webhooks',
		path: 'agent-webhooks',
		tools: [
			{ node: 'stripeWebhookEndpoint', name: 'Create webhook endpoint', resource: 'endpoint', operation: 'create' },
			{ node: 'stripeWebhookEndpoint', name: 'List events', resource: 'event', operation: 'getAll' },
		],
	},
];

/** The key suffix of a workflow (and of its cases) whose model node is on the Responses API. */
export const RESPONSES_SUFFIX = '.responses';

/**
 * The workflow with the OpenAI Chat Model at `modelVersion` (1.3 or later), "Use Responses API" left
 * at its default (on), as a builder adding the node today gets it: its own key and webhook path.
 */
export function onResponsesApi(w: AgentWorkflow, modelVersion: number): AgentWorkflow {
	return { ...w, key: `${w.key}${RESPONSES_SUFFIX}`, path: `${w.path}-responses`, modelVersion, api: 'responses' };
}

/** The key suffix of a workflow (and of its cases) that streams. */
export const STREAMED_SUFFIX = '.streamed';

/** The workflow on the Responses API behind a Webhook whose Respond is Streaming (the agent's Enable Streaming is on by default). */
export function streamedOnResponsesApi(w: AgentWorkflow, modelVersion: number): AgentWorkflow {
	return { ...w, key: `${w.key}${STREAMED_SUFFIX}`, path: `${w.path}-streamed`, modelVersion, api: 'responses', streamed: true };
}

/** A stable workflow id per key (n8n ids are 16 alphanumerics). */
export const workflowId = (key: string): string => `agent${key.replace(/[^a-zA-Z0-9]/g, '')}`.padEnd(16, '0').slice(0, 16);

function toolNode(t: ToolSpec, i: number): WorkflowJson['nodes'][number] {
	return {
		id: `tool-${i}-${toolName(t.name)}`,
		name: t.name,
		type: `${PKG}.${t.node}Tool`,
		typeVersion: 1,
		position: [400 + 200 * i, 420],
		parameters: { resource: t.resource, operation: t.operation, ...(t.toolDescription ? { toolDescription: t.toolDescription } : {}) },
		credentials: credentialRef(),
	};
}

/** Webhook → AI Agent (OpenAI Chat Model, the tools). The prompt is the request body's `prompt`. */
export function agentWorkflow(w: AgentWorkflow): WorkflowJson {
	const toolConnections = Object.fromEntries(w.tools.map((t) => [t.name, { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] }]));
	return {
		id: workflowId(w.key),
		name: `Agent: ${w.key}${w.modelVersion ? ` (OpenAI Chat Model ${w.modelVersion}${w.streamed ? ', streamed' : ''})` : ''}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: w.streamed ? 2.1 : 2,
				position: [0, 200],
				webhookId: `agent-${w.key}-0000-0000-000000000000`.slice(0, 36),
				parameters: { httpMethod: 'POST', path: w.path, responseMode: w.streamed ? 'streaming' : 'lastNode', options: {} },
			},
			{
				id: 'agent',
				name: AGENT,
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 200],
				parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: {} },
			},
			modelNode(w.modelVersion),
			...w.tools.map(toolNode),
		],
		connections: {
			Webhook: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
			[MODEL]: { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
			...toolConnections,
		},
	};
}

/**
 * The OpenAI Chat Model on the scripted model: 1.2 reaches it over Chat Completions; 1.3 over the
 * Responses API, its "Use Responses API" left unset as the editor leaves a default (on).
 */
export function modelNode(typeVersion = 1.2): WorkflowJson['nodes'][number] {
	return {
		id: 'model',
		name: MODEL,
		type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
		typeVersion,
		position: [200, 420],
		parameters: { model: { __rl: true, mode: 'id', value: 'scripted' }, options: {} },
		credentials: { openAiApi: { ...OPENAI_CREDENTIAL } },
	};
}

export const MCP_PATH = 'stripe-tools';
/** The path of the SSE server (MCP Server Trigger 1.1, as workflows made before version 2 have it). */
export const MCP_SSE_PATH = 'stripe-tools-sse';
export const MCP_TOOLS: ToolSpec[] = [
	{ node: 'stripeClimate', name: 'List climate products', resource: 'product', operation: 'getAll' },
	{ node: 'stripeClimate', name: 'Create climate order', resource: 'order', operation: 'create' },
];

/**
 * MCP Server Trigger with the tools: version 2 or later (streamable HTTP at <n8n>/mcp/<path>; 1.x
 * serves SSE at <path>/sse), no authentication.
 */
export function mcpWorkflow(typeVersion = 2, path = MCP_PATH): WorkflowJson {
	const trigger = 'MCP Server Trigger';
	return {
		id: workflowId(`mcp${path}`),
		name: `Agent: MCP server ${typeVersion} (${path})`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'mcp',
				name: trigger,
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion,
				position: [300, 200],
				webhookId: `agent-mcp-${path}`,
				parameters: { authentication: 'none', path },
			},
			...MCP_TOOLS.map(toolNode),
		],
		connections: Object.fromEntries(MCP_TOOLS.map((t) => [t.name, { ai_tool: [[{ node: trigger, type: 'ai_tool', index: 0 }]] }])),
	};
}
