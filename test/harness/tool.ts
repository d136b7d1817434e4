import { randomUUID } from 'node:crypto';

import { toJsonSchema } from '@langchain/core/utils/json_schema';
import { deepCopy, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameters, INodeType, INodeTypeDescription, IRun } from 'n8n-workflow';

import { actionNodes, PACKAGE, TEST_SECRET_KEY, type ActionNodeName, type NodeRunResult } from './stripe';
import { executeManually, NodeTypeRegistry, runChain, testAdditionalData, type WorkflowNode } from './workflow';

// n8n-core's own schema builder for a node used as a tool (not exported from its index).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getSchema } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool') as {
	getSchema(node: INode): Parameters<typeof toJsonSchema>[0];
};

/**
 * An action node as an AI agent's tool, the way n8n makes it: n8n's `convertNodeToAiTool`
 * (packages/cli tool-generation, not in n8n-workflow 2.8) copies the node, names it `<name>Tool`,
 * gives it no main input and an ai_tool output, and adds "Tool Description" fields only when the
 * node defines no `toolDescription` of its own. The node's execute is the same.
 */
export function toolVariant(nodeType: INodeType): INodeType {
	const description = deepCopy(nodeType.description) as INodeTypeDescription;
	description.name += 'Tool';
	description.displayName += ' Tool';
	description.inputs = [];
	description.outputs = [NodeConnectionTypes.AiTool];
	delete description.usableAsTool;
	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		description.properties.push(
			{ displayName: 'Tool Description', name: 'descriptionType', type: 'options', options: [{ name: 'Set Automatically', value: 'auto' }, { name: 'Set Manually', value: 'manual' }], default: 'auto' },
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: description.description, displayOptions: { show: { descriptionType: ['manual'] } } },
		);
	}
	return { description, execute: nodeType.execute, methods: nodeType.methods } as INodeType;
}

export const toolNodes: Record<string, INodeType> = Object.fromEntries(
	Object.entries(actionNodes).map(([type, node]) => [`${type}Tool`, toolVariant(node)]),
);

/** The tool node as n8n holds it in a workflow: its parameters with every default filled in, as the Workflow constructor does. */
export function toolNode(node: ActionNodeName, parameters: INodeParameters): { node: INode; type: INodeType } {
	const typeName = `${PACKAGE}.${node}Tool`;
	const workflow = new Workflow({
		id: 'tool-schema',
		nodes: [{ id: 'tool', name: 'Stripe Tool', type: typeName, typeVersion: 1, position: [0, 0], parameters }],
		connections: {},
		active: false,
		nodeTypes: new NodeTypeRegistry(toolNodes),
	});
	return { node: workflow.nodes['Stripe Tool'], type: toolNodes[typeName] };
}

export interface ToolInterface {
	/** The JSON schema of the tool's input, as n8n hands it to the model. */
	schema: { properties: Record<string, { type?: string; description?: string; default?: unknown; anyOf?: unknown[] }>; required?: string[] };
	/** The tool description the model reads. */
	description: string;
}

/** What a model is told about the tool: n8n-core's schema from the $fromAI() expressions, and n8n's tool description. */
export function toolInterface(node: ActionNodeName, parameters: INodeParameters): ToolInterface {
	const { node: workflowNode, type } = toolNode(node, parameters);
	const schema = toJsonSchema(getSchema(workflowNode)) as ToolInterface['schema'];
	const description = NodeHelpers.getToolDescriptionForNode(workflowNode, type);
	return { schema, description };
}

/**
 * Runs the node as its Tool variant through n8n-core, with the model's arguments as its input
 * item, as n8n runs a tool an agent calls (the $fromAI() expressions read them).
 */
export async function runToolNode(
	emulator: { url: string },
	node: ActionNodeName,
	parameters: INodeParameters,
	args: IDataObject,
	options: { executionId?: string; retryOnFail?: WorkflowNode['retryOnFail'] } = {},
): Promise<NodeRunResult> {
	const run = await runChain({
		nodeTypes: { ...actionNodes, ...toolNodes },
		items: [args],
		nodes: [{ name: 'Stripe Tool', type: `${PACKAGE}.${node}Tool`, parameters, retryOnFail: options.retryOnFail }],
		credentials: { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator.url } },
		executionId: options.executionId,
	});
	const items = run.output('Stripe Tool');
	return { ...run, items, json: items.map((item) => item.json) };
}

/** The text the model receives from one tool call: n8n sends JSON.stringify of the output items' json. */
export function toolResponse(result: NodeRunResult): string {
	return JSON.stringify(result.json);
}

/** A tool as n8n hands it to an agent (a LangChain structured tool). */
interface AgentTool {
	name: string;
	description: string;
	schema: Parameters<typeof toJsonSchema>[0];
	invoke(args: IDataObject): Promise<string>;
}

/**
 * An agent whose model is a script: it asks n8n for its connected tools, as n8n's AI Agent does
 * (getInputConnectionData(ai_tool): n8n-core's createNodeAsTool, a SupplyDataContext per call with
 * its own run index), calls the one tool with each scripted argument set in turn, and outputs what
 * each call answered, or the error that a call threw.
 */
class ScriptedAgent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Scripted Agent',
		name: 'scriptedAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool with scripted arguments',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, required: true, maxConnections: 1 }],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tool = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as AgentTool;
		const calls = JSON.parse(this.getNodeParameter('calls', 0) as string) as IDataObject[];
		const output: INodeExecutionData[] = [
			{ json: { tool: { name: tool.name, description: tool.description, schema: toJsonSchema(tool.schema) as IDataObject } } },
		];
		for (const args of calls) {
			try {
				output.push({ json: { response: await tool.invoke(args) } });
			} catch (error) {
				output.push({ json: { thrown: (error as Error).message } });
			}
		}
		return [output];
	}
}

export interface AgentRun {
	run: IRun;
	/** The tool as the model is told about it: name, description, JSON schema of its input. */
	tool: { name: string; description: string; schema: ToolInterface['schema'] };
	/** What each scripted call answered (the text the model reads), or undefined when it threw. */
	responses: Array<string | undefined>;
	/** What each call threw, if it did (n8n 2.8 ends the agent's run on it). */
	thrown: Array<string | undefined>;
}

/** Runs Items → Scripted Agent with the node attached as its tool, through n8n-core's WorkflowExecute. */
export async function runAgent(
	emulator: { url: string },
	node: ActionNodeName,
	parameters: INodeParameters,
	calls: IDataObject[],
	options: { executionId?: string; credentials?: IDataObject } = {},
): Promise<AgentRun> {
	const credentials = { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator.url, ...options.credentials } };
	const nodes: INode[] = [
		{ id: 'items', name: 'Items', type: 'test.itemsSource', typeVersion: 1, position: [0, 0], parameters: { items: '[{}]' } },
		{ id: 'agent', name: 'Agent', type: 'test.scriptedAgent', typeVersion: 1, position: [200, 0], parameters: { calls: JSON.stringify(calls) } },
		{
			id: 'tool',
			name: 'Stripe Tool',
			type: `${PACKAGE}.${node}Tool`,
			typeVersion: 1,
			position: [200, 200],
			parameters,
			credentials: { stripePlatformApi: { id: 'stripePlatformApi', name: 'stripePlatformApi' } },
		},
	];
	const workflow = new Workflow({
		id: 'agent-workflow',
		name: 'Agent workflow',
		nodes,
		connections: {
			Items: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
			'Stripe Tool': { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
		},
		active: false,
		nodeTypes: new NodeTypeRegistry({ ...toolNodes, 'test.scriptedAgent': new ScriptedAgent() }),
		settings: { executionOrder: 'v1' },
	});
	const executionId = options.executionId ?? `test-execution-${randomUUID()}`;
	const run = await executeManually(workflow, nodes[0], testAdditionalData(credentials, { executionId, currentNodeExecutionIndex: 0 }), executionId);
	const error = run.data.resultData.error;
	if (error) throw error;
	const [first, ...answers] = (run.data.resultData.runData.Agent?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
	return {
		run,
		tool: first.tool as AgentRun['tool'],
		responses: answers.map((answer) => answer.response as string | undefined),
		thrown: answers.map((answer) => answer.thrown as string | undefined),
	};
}
