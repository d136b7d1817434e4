import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { NodeTypeRegistry, testAdditionalData } from './workflow';

/**
 * Runs a webhook trigger the way n8n 2.8 does (WebhookService, LiveWebhooks), with n8n-core's real
 * HookContext and WebhookContext: every call builds the Workflow from the saved static data and
 * saves it back only when the call succeeds. A local HTTP server stands in for n8n's webhook route:
 * it hands the raw body and headers to the node's webhook() and answers as n8n would.
 */

const NODE_NAME = 'Trigger';
const WEBHOOK_ID = '5b0c3a1e-4f6d-4e59-9a57-3c1f0e2d7b10';
const WORKFLOW_ID = 'wf-trigger-test';

export interface TriggerSetup {
	nodeType: INodeType;
	typeName: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/**
	 * The same node type loaded in other n8n processes (queue mode's webhook processes), each with
	 * its own module state; a delivery with the header `X-Test-Process: <n>` is handled by
	 * `otherProcesses[n - 1]`, all sharing this workflow's saved static data.
	 */
	otherProcesses?: INodeType[];
}

export const PROCESS_HEADER = 'x-test-process';

interface Answer {
	status: number;
	body: unknown;
}

type HookMethod = 'checkExists' | 'create' | 'delete';

export class TriggerHarness {
	/** The workflow's static data as n8n stores it between calls. */
	staticData: IDataObject = {};
	/** One entry per started execution: the trigger's output items. */
	readonly executions: INodeExecutionData[][] = [];
	parameters: INodeParameters;
	/** Saves waiting at `holdSaves()`'s gate, each resumed by its function. */
	private waitingSaves: Array<() => void> | undefined;

	/** Calls waiting at `holdSaves()`'s gate. */
	get waitingToSave(): number {
		return this.waitingSaves?.length ?? 0;
	}

	/**
	 * Makes every call wait before saving until the returned function is called: requests sent
	 * meanwhile all load the static data as it was, whatever the machine's speed. The saves then
	 * land in the order the calls reached the gate, or the reverse (`lastFirst`), as two database
	 * writes in flight together may.
	 */
	holdSaves(order: 'asArrived' | 'lastFirst' = 'asArrived'): () => void {
		const waiting: Array<() => void> = [];
		this.waitingSaves = waiting;
		return () => {
			this.waitingSaves = undefined;
			for (const resume of order === 'lastFirst' ? [...waiting].reverse() : waiting) resume();
		};
	}

	private constructor(
		private readonly setup: TriggerSetup,
		private readonly server: http.Server,
		private readonly webhookBaseUrl: string,
	) {
		this.parameters = setup.parameters;
	}

	static async start(setup: TriggerSetup): Promise<TriggerHarness> {
		const server = http.createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const harness = new TriggerHarness(setup, server, `http://127.0.0.1:${port}/webhook`);
		server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void harness.serve(req, res));
		return harness;
	}

	/** The production URL n8n gives the node (`getNodeWebhookUrl('default')`). */
	get webhookUrl(): string {
		return `${this.webhookBaseUrl}/${WEBHOOK_ID}/webhook`;
	}

	/** The credentials n8n hands the node; a test may edit them between calls, as a user would. */
	get credentials(): Record<string, ICredentialDataDecryptedObject> {
		return this.setup.credentials;
	}

	/** The trigger node's part of the static data. */
	get memory(): IDataObject {
		return (this.staticData[`node:${NODE_NAME}`] ?? {}) as IDataObject;
	}

	/** What n8n does on activation and on start-up: checkExists, then create if that said false. */
	async activate(): Promise<void> {
		await this.session(async (workflow) => {
			if (!(await this.hook(workflow, 'checkExists', 'trigger', 'activate'))) {
				await this.hook(workflow, 'create', 'trigger', 'activate');
			}
		});
	}

	/** What n8n does on deactivation. */
	async deactivate(): Promise<void> {
		await this.session((workflow) => this.hook(workflow, 'delete', 'internal', 'update'));
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	/**
	 * One n8n request: build the workflow from the saved static data, run the action, save the
	 * static data if n8n's change flag says so (WorkflowStaticDataService.saveStaticData). For a
	 * webhook that starts an execution without answering by itself, n8n 2.41 first builds the
	 * execution's workflow from the same static data object (WorkflowRunner), which resets that
	 * flag, and only then answers and saves; this is reproduced with n8n-workflow's own Workflow.
	 */
	private async session<T>(action: (workflow: Workflow) => Promise<T>): Promise<T> {
		const staticData = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		const workflow = this.workflow(staticData);
		const result = await action(workflow);
		const webhookResult = result as IWebhookResponseData | undefined;
		if (webhookResult?.workflowData && !webhookResult.noWebhookResponse) this.workflow(staticData);
		const waitingSaves = this.waitingSaves;
		if (waitingSaves) await new Promise<void>((resume) => waitingSaves.push(resume));
		if (workflow.staticData.__dataChanged === true) {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}
		return result;
	}

	private workflow(staticData: IDataObject): Workflow {
		const node: INode = {
			id: 'trigger',
			name: NODE_NAME,
			type: this.setup.typeName,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: JSON.parse(JSON.stringify(this.parameters)) as INodeParameters,
			credentials: Object.fromEntries(Object.keys(this.setup.credentials).map((type) => [type, { id: type, name: type }])),
		};
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'Trigger test workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new NodeTypeRegistry({ [this.setup.typeName]: this.setup.nodeType }),
			staticData,
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return testAdditionalData(this.setup.credentials, { webhookBaseUrl: this.webhookBaseUrl, ...extra });
	}

	private webhookData(workflow: Workflow, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: this.setup.nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
	}

	private async hook(
		workflow: Workflow,
		method: HookMethod,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean> {
		const additionalData = this.additionalData();
		const node = workflow.getNode(NODE_NAME)!;
		const context = new HookContext(workflow, node, additionalData, mode, activation, this.webhookData(workflow, additionalData));
		return await this.setup.nodeType.webhookMethods!.default![method].call(context);
	}

	/** n8n's webhook route, reduced to what a trigger sees: the raw body, parsed JSON and headers. */
	private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const answer = await this.receive(req, Buffer.concat(chunks));
		res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
	}

	private async receive(req: http.IncomingMessage, rawBody: Buffer): Promise<Answer> {
		if (req.method !== 'POST' || new URL(this.webhookUrl).pathname !== req.url) {
			return { status: 404, body: { message: 'The requested webhook is not registered' } };
		}
		let body: unknown = {};
		if (String(req.headers['content-type']).includes('json') && rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString());
			} catch {
				return { status: 422, body: { message: 'Failed to parse request body' } }; // n8n answers before the node runs
			}
		}
		const request = { method: req.method, url: req.url, headers: req.headers, body, rawBody, query: {}, params: {} };
		const response = new RecordedResponse();
		let result: IWebhookResponseData;
		try {
			result = await this.session((workflow) => {
				const additionalData = this.additionalData({ httpRequest: request as never, httpResponse: response as never });
				const node = workflow.getNode(NODE_NAME)!;
				const webhookData = this.webhookData(workflow, additionalData);
				const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
				const process = Number(req.headers[PROCESS_HEADER] ?? 0);
				const nodeType = process > 0 ? this.setup.otherProcesses![process - 1] : this.setup.nodeType;
				return nodeType.webhook!.call(context);
			});
		} catch (error) {
			return { status: 500, body: { message: (error as Error).message } }; // n8n records an error execution
		}
		// As n8n: a node that answered by itself (noWebhookResponse) may still start an execution.
		if (result.workflowData) this.executions.push(result.workflowData[0]);
		if (result.noWebhookResponse) return { status: response.statusCode, body: response.body };
		if (!result.workflowData) return { status: 200, body: { message: 'Webhook call received' } };
		return { status: 200, body: { message: 'Workflow was started' } };
	}
}

/** The part of express's Response a trigger uses to answer by itself. */
class RecordedResponse {
	statusCode = 200;
	body: unknown;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		return this;
	}

	send(body: unknown): this {
		this.body = body;
		return this;
	}

	end(): this {
		return this;
	}
}

export interface RawRequest {
	method?: string;
	/** Sent as given: a string[] value becomes that many header lines. No Content-Type is added. */
	headers?: Record<string, string | string[]>;
	body?: string | Buffer;
}

export interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The response body as received. */
	text: string;
}

/**
 * Sends exactly these bytes and headers (unlike fetch, which merges repeated headers and adds its
 * own), as any client on the internet could.
 */
export function sendRaw(url: string, { method = 'POST', headers = {}, body }: RawRequest): Promise<RawAnswer> {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : Buffer.from(body);
		const request = http.request(
			url,
			{ method, headers: payload ? { ...headers, 'Content-Length': payload.length } : headers },
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString() }),
				);
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}
