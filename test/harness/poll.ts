import { randomUUID } from 'node:crypto';

import { PollContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { executeManually, NodeTypeRegistry, testAdditionalData } from './workflow';

/**
 * Runs a polling trigger the way n8n 2.8 does, with n8n-core's real PollContext:
 * - activation (ActiveWorkflowManager.add → ActiveWorkflows.activatePolling) builds the Workflow
 *   from the saved static data and polls at once; an error there fails the activation;
 * - every cron tick polls on that same in-memory Workflow; a result other than null is emitted
 *   (one execution), and only then is the static data saved (ActiveWorkflowManager's `__emit`),
 *   as it is after activation; an error becomes an error execution (`__emitError`);
 * - a restart forgets the in-memory Workflow and activates again from what was saved ('init');
 * - "Fetch Test Event" runs the node through WorkflowExecute in manual mode (executePollNode).
 * Static data is saved like WorkflowStaticDataService.saveStaticData: only when marked changed.
 */

const NODE_ID = 'poll';
const WORKFLOW_ID = 'wf-poll-test';

export interface PollSetup {
	nodeType: INodeType;
	typeName: string;
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export class PollHarness {
	/** The static data as n8n's database holds it. */
	saved: IDataObject = {};
	/** One entry per started execution: the trigger's output items. */
	readonly executions: INodeExecutionData[][] = [];
	/** Errors of cron-tick polls (n8n records an error execution for each). */
	readonly errors: Error[] = [];
	parameters: INodeParameters;
	/** The trigger node's name: n8n keeps node static data under it (`node:<name>`); a rename changes it, the id stays. */
	nodeName = 'Poll';
	/** n8n's id of the saved credential the node uses (a credential of another account has another id). */
	credentialId: string | undefined;

	private active: Workflow | undefined;
	/** n8n builds the poll context once per activation and reuses it, activation mode included, for every tick. */
	private activation: WorkflowActivateMode = 'activate';

	constructor(private readonly setup: PollSetup) {
		this.parameters = setup.parameters;
	}

	/** The trigger's saved place (the workflow's global static data, by node id). */
	get memory(): IDataObject {
		const global = (this.saved.global ?? {}) as IDataObject;
		return (global[`stripeEventsPollingTrigger:${NODE_ID}`] ?? {}) as IDataObject;
	}

	/** The trigger's place as the active workflow holds it now (n8n saves it only with an execution). */
	get activeMemory(): IDataObject {
		const global = ((this.active?.staticData as IDataObject | undefined)?.global ?? {}) as IDataObject;
		return JSON.parse(JSON.stringify(global[`stripeEventsPollingTrigger:${NODE_ID}`] ?? {})) as IDataObject;
	}

	/** The trigger node's own saved static data (`node:<name>`). */
	get nodeData(): IDataObject {
		return (this.saved[`node:${this.nodeName}`] ?? {}) as IDataObject;
	}

	get isActive(): boolean {
		return this.active !== undefined;
	}

	/** Publishing (or n8n starting with the workflow published): the first poll runs at once; its error fails activation. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const workflow = this.workflow();
		await this.tick(workflow, activation, true);
		this.active = workflow;
		this.activation = activation;
		this.save(workflow);
	}

	/** A cron tick of the active workflow. */
	async poll(): Promise<void> {
		if (!this.active) throw new Error('the workflow is not active');
		await this.tick(this.active, this.activation, false);
	}

	/** n8n stops (nothing of the trigger runs) and starts again with the workflow published. */
	async restart(): Promise<void> {
		this.active = undefined;
		await this.activate('init');
	}

	deactivate(): void {
		this.active = undefined;
	}

	/** "Fetch Test Event": the workflow run by hand from the trigger, through WorkflowExecute. */
	async fetchTestEvent(): Promise<{ run: IRun; items: INodeExecutionData[] }> {
		const workflow = this.workflow();
		const node = workflow.getNode(this.nodeName)!;
		const run = await executeManually(workflow, node, this.additionalData(), `poll-manual-${randomUUID()}`);
		return { run, items: run.data.resultData.runData[this.nodeName]?.[0]?.data?.main?.[0] ?? [] };
	}

	private async tick(workflow: Workflow, activation: WorkflowActivateMode, testingTrigger: boolean): Promise<void> {
		const node = workflow.getNode(this.nodeName)!;
		const mode: WorkflowExecuteMode = 'trigger';
		const emit = (data: INodeExecutionData[][]) => {
			this.save(workflow);
			this.executions.push(data[0]);
		};
		const emitError = (error: Error) => this.errors.push(error);
		const context = new PollContext(workflow, node, this.additionalData(), mode, activation, emit, emitError);
		try {
			const result = await this.setup.nodeType.poll!.call(context);
			if (result !== null) context.__emit(result);
		} catch (error) {
			if (testingTrigger) throw error;
			context.__emitError(error as Error);
		}
	}

	private save(workflow: Workflow): void {
		const data = workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (data.__dataChanged !== true) return;
		this.saved = JSON.parse(JSON.stringify(data)) as IDataObject;
		data.__dataChanged = false;
	}

	private workflow(): Workflow {
		const node: INode = {
			id: NODE_ID,
			name: this.nodeName,
			type: this.setup.typeName,
			typeVersion: 1,
			position: [0, 0],
			parameters: JSON.parse(JSON.stringify(this.parameters)) as INodeParameters,
			credentials: Object.fromEntries(Object.keys(this.setup.credentials).map((type) => [type, { id: this.credentialId ?? type, name: type }])),
		};
		return new Workflow({
			id: WORKFLOW_ID,
			name: 'Poll test workflow',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: new NodeTypeRegistry({ [this.setup.typeName]: this.setup.nodeType }),
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
			settings: { executionOrder: 'v1' },
		});
	}

	private additionalData(): IWorkflowExecuteAdditionalData {
		return testAdditionalData(this.setup.credentials);
	}
}
