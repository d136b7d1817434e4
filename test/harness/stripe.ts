import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { StripeClimate } from '../../nodes/StripeClimate/StripeClimate.node';
import { StripeCryptoOnramp } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { StripeForwarding } from '../../nodes/StripeForwarding/StripeForwarding.node';
import { StripeWebhookEndpoint } from '../../nodes/StripeWebhookEndpoint/StripeWebhookEndpoint.node';
import { startEmulator, type StripeEmulator } from '../emulator';
import { runChain, type WorkflowNode, type WorkflowRun } from './workflow';

/** A recognisable test key: the secrets suite scans every output and log for it. */
export const TEST_SECRET_KEY = 'sk_test_harnessSecretKey0123456789';

export const PACKAGE = 'n8n-nodes-stripe-platform';

/** Every action node, by its type name as n8n registers it. */
export const actionNodes: Record<string, INodeType> = {
	[`${PACKAGE}.stripeCryptoOnramp`]: new StripeCryptoOnramp(),
	[`${PACKAGE}.stripeClimate`]: new StripeClimate(),
	[`${PACKAGE}.stripeForwarding`]: new StripeForwarding(),
	[`${PACKAGE}.stripeWebhookEndpoint`]: new StripeWebhookEndpoint(),
};

export type ActionNodeName = 'stripeCryptoOnramp' | 'stripeClimate' | 'stripeForwarding' | 'stripeWebhookEndpoint';

/** Starts one emulator for a test file and clears it between tests. */
export function useEmulator(): { readonly emulator: StripeEmulator } {
	const holder = {} as { emulator: StripeEmulator };
	beforeAll(async () => {
		holder.emulator = await startEmulator();
	});
	beforeEach(() => holder.emulator.reset());
	afterAll(async () => holder.emulator?.close());
	return holder;
}

export interface NodeRunOptions {
	items?: IDataObject[];
	continueOnFail?: boolean;
	retryOnFail?: WorkflowNode['retryOnFail'];
	credentials?: IDataObject;
	executionId?: string;
	timezone?: string;
}

export interface NodeRunResult extends WorkflowRun {
	items: INodeExecutionData[];
	json: IDataObject[];
}

/** Runs "Items → <node>" through n8n-core against the emulator and returns the node's output. */
export async function runStripeNode(
	emulator: StripeEmulator,
	node: ActionNodeName,
	parameters: INodeParameters,
	options: NodeRunOptions = {},
): Promise<NodeRunResult> {
	const run = await runChain({
		nodeTypes: actionNodes,
		items: options.items,
		nodes: [
			{ name: 'Stripe', type: `${PACKAGE}.${node}`, parameters, continueOnFail: options.continueOnFail, retryOnFail: options.retryOnFail },
		],
		credentials: {
			stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator.url, ...options.credentials },
		},
		executionId: options.executionId,
		timezone: options.timezone,
	});
	const items = run.output('Stripe');
	return { ...run, items, json: items.map((item) => item.json) };
}

/** Direct API call to the emulator, for arranging state the way another Stripe client would. */
export async function stripeApi(
	emulator: StripeEmulator,
	method: 'GET' | 'POST' | 'DELETE',
	path: string,
	form?: Record<string, string>,
): Promise<IDataObject> {
	const body = form ? new URLSearchParams(form).toString() : undefined;
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${TEST_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	});
	return (await response.json()) as IDataObject;
}

/** Requests the emulator received under /v1, optionally only for one path prefix. */
export function apiRequests(emulator: StripeEmulator, pathPrefix = '/v1/') {
	return emulator.requests.filter((request) => request.path.startsWith(pathPrefix));
}

/** The example workflow: Manual Trigger → the node, and the node's parameters to run. */
export function exampleNodeParameters(file: string, nodeType: string): INodeParameters {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8'));
	const [trigger, node] = workflow.nodes;
	expect(workflow.id).toMatch(/^[A-Za-z0-9]+Example$/);
	expect(trigger.type).toBe('n8n-nodes-base.manualTrigger');
	expect(node.type).toBe(`${PACKAGE}.${nodeType}`);
	expect(node.credentials).toEqual({ stripePlatformApi: { id: 'stripe-emulator', name: 'Stripe (local emulator)' } });
	expect(workflow.nodes.every((n: { id?: string }) => typeof n.id === 'string' && n.id.length > 0)).toBe(true);
	expect(workflow.connections[trigger.name].main[0][0].node).toBe(node.name);
	return node.parameters;
}
