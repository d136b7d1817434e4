import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { StripePlatformApi } from '../../credentials/StripePlatformApi.credentials';

/**
 * Runs workflows through n8n-core's WorkflowExecute the way n8n tests its own nodes: real
 * parameter and expression resolution, the credential's authenticate, httpRequestWithAuthentication,
 * continueOnFail and pairedItem. Only the credential store is in memory.
 */

/** A start node that emits the items given in its `items` parameter (a JSON list of objects). */
class ItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items Source',
		name: 'itemsSource',
		group: ['trigger'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

const SOURCE_TYPE = 'test.itemsSource';

export class NodeTypeRegistry implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodeTypes: Record<string, INodeType | IVersionedNodeType>) {
		this.types.set(SOURCE_TYPE, new ItemsSource());
		for (const [name, type] of Object.entries(nodeTypes)) this.types.set(name, type);
	}

	getByName(name: string) {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

export class MemoryCredentialsHelper extends ICredentialsHelper {
	private readonly credentialTypes: Record<string, ICredentialType> = { stripePlatformApi: new StripePlatformApi() };

	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const authenticate = this.credentialTypes[typeName]?.authenticate;
		if (typeof authenticate !== 'function') throw new Error(`No authenticate function for ${typeName}`);
		return authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const credentials = this.data[type];
		if (!credentials) throw new Error(`No test credentials of type ${type}`);
		return { ...credentials };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes[type]?.properties ?? [];
	}
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	continueOnFail?: boolean;
	/** n8n's "Retry On Fail" node setting: run the node again, up to maxTries in all. */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node's first run, first output. */
	output(nodeName: string): INodeExecutionData[];
	/** The execution error, if the run failed. */
	error: IRun['data']['resultData']['error'];
}

/**
 * Runs a chain: the items source, then each node in order, each fed by the one before.
 * `credentials` maps credential type → decrypted data.
 */
export async function runChain(options: {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	nodes: WorkflowNode[];
	items?: IDataObject[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** As n8n numbers executions (1, 2, … in every database); a new random one when absent. */
	executionId?: string;
	/** Workflow Settings → Timezone. */
	timezone?: string;
}): Promise<WorkflowRun> {
	const nodeTypes = new NodeTypeRegistry(options.nodeTypes);
	const source: INode = {
		id: 'source',
		name: 'Items',
		type: SOURCE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(options.items ?? [{}]) },
	};
	const nodes: INode[] = [
		source,
		...options.nodes.map((node, index) => ({
			id: `node-${index}`,
			name: node.name,
			type: node.type,
			typeVersion: 1,
			position: [200 * (index + 1), 0] as [number, number],
			parameters: node.parameters,
			continueOnFail: node.continueOnFail,
			onError: node.continueOnFail ? ('continueRegularOutput' as const) : undefined,
			...(node.retryOnFail ? { retryOnFail: true, ...node.retryOnFail } : {}),
			credentials: Object.fromEntries(Object.keys(options.credentials).map((type) => [type, { id: type, name: type }])),
		})),
	];
	const connections: Workflow['connectionsBySourceNode'] = {};
	nodes.slice(0, -1).forEach((node, index) => {
		connections[node.name] = { main: [[{ node: nodes[index + 1].name, type: NodeConnectionTypes.Main, index: 0 }]] };
	});
	const workflow = new Workflow({
		id: 'test-workflow',
		name: 'Test workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1', ...(options.timezone ? { timezone: options.timezone } : {}) },
	});

	// Every run is a new execution, as in n8n: the default idempotency keys include its id.
	const executionId = options.executionId ?? `test-execution-${randomUUID()}`;
	const additionalData = testAdditionalData(options.credentials, { executionId, currentNodeExecutionIndex: 0 });
	const run = await executeManually(workflow, source, additionalData, executionId);
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName: string) {
			return run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
		},
	};
}

/**
 * Runs `workflow` by hand from `start` (one empty item) through n8n-core's WorkflowExecute, as the
 * editor's manual execution does, and resolves its run when n8n's lifecycle hooks report it ended.
 */
export async function executeManually(
	workflow: Workflow,
	start: INode,
	additionalData: IWorkflowExecuteAdditionalData,
	executionId: string,
): Promise<IRun> {
	const finished = createDeferredPromise<IRun>();
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: workflow.id,
		name: workflow.name ?? '',
		nodes: Object.values(workflow.nodes),
		connections: workflow.connectionsBySourceNode,
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	} as never);
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	await new WorkflowExecute({ ...additionalData, hooks, executionId }, 'manual', runExecutionData).processRunExecutionData(workflow);
	return await finished.promise;
}

/**
 * What n8n hands every node context beside the workflow: the credentials, n8n's URLs on loopback,
 * and the sub-workflow and task-runner hooks, which these tests never use.
 */
export function testAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new MemoryCredentialsHelper(credentials),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}
