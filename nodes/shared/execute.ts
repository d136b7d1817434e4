import { createHash } from 'node:crypto';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { collectFieldLabels, OperationItem } from './item';
import { parseRoute, type StripeCall, type StripeOperation, type StripeResource } from './operation';
import { sharedOptions } from './options';
import { checkOutputChoice, OUTPUT_RAW, OUTPUT_READABLE, readableOutputField, toReadable } from './readable';
import { RequestRateGate } from './rateGate';
import { isToolRun, ToolRun } from './tool';
import { createStripeClient, newIdempotencyKey, type StripeClient, type StripeRequest } from './transport';
import { isConnectedAccountId } from './validate';

/** One item, ready to send: its request (route, parameters, per-item headers), and how to page, send and shape it. */
interface PreparedItem {
	request: StripeRequest;
	paginate?: StripeCall['paginate'];
	toOutput?: StripeCall['toOutput'];
	send?: StripeCall['send'];
}

type ItemResult = { objects: IDataObject[] } | { error: Error };

/**
 * The one execute loop of every action node. First every item is read and checked, so a bad
 * item stops the run before anything is sent (or, with Continue On Fail, becomes an error item).
 * Then items are sent, one after another or several at once under a shared rate limit, and the
 * output keeps input order with pairedItem pointing at each object's input item.
 */
export async function executeOperation(
	this: IExecuteFunctions,
	resources: StripeResource[],
): Promise<INodeExecutionData[][]> {
	const resourceValue = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = resources
		.find((resource) => resource.value === resourceValue)
		?.operations.find((candidate) => candidate.value === operationValue);
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `Unknown operation "${operationValue}" for resource "${resourceValue}"`);
	}

	// As an agent's tool: the model's inputs checked, refusals returned to the model as results, results compact
	const tool = isToolRun(this) ? new ToolRun(this, operation) : undefined;
	const items = this.getInputData();
	const labels = collectFieldLabels([...operation.properties, readableOutputField, sharedOptions(true)]);
	const keys = new IdempotencyKeys(this);
	const results: ItemResult[] = new Array(items.length);
	const prepared: Array<PreparedItem | undefined> = items.map((_, index) => {
		try {
			return prepareItem(tool ? tool.item(index) : new OperationItem(this, index, labels), operation, keys);
		} catch (error) {
			if (!tool && !this.continueOnFail()) throw asNodeError(this, error, index);
			results[index] = { error: error as Error };
			return undefined;
		}
	});

	const run = readRunOptions(this);
	let client: StripeClient;
	try {
		client = await createStripeClient(this, {
			maxRetries: run.maxRetries,
			timeoutMs: run.timeoutSeconds * 1000,
			initialRetryDelayMs: run.retryDelayMs,
			rateGate: run.requestsInParallel > 1 || run.rateLimited ? new RequestRateGate(run.maxRequestsPerSecond) : undefined,
		});
	} catch (error) {
		// An agent's tool answers the model (n8n 2.8 would end the agent's run on a throw); it is the builder's to fix
		if (!tool) throw asNodeError(this, error, 0);
		return [items.map((_, index) => ({ json: tool.credentialRefusal(error as Error), pairedItem: { item: index } }))];
	}

	let nextIndex = 0;
	let firstFailure: Error | undefined;
	const worker = async () => {
		while (firstFailure === undefined && nextIndex < items.length) {
			const index = nextIndex++;
			const item = prepared[index];
			if (!item) continue;
			try {
				results[index] = { objects: await sendItem(client, item) };
			} catch (error) {
				if (!tool && !this.continueOnFail()) {
					firstFailure ??= asNodeError(this, error, index);
					return;
				}
				results[index] = { error: error as Error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(run.requestsInParallel, Math.max(items.length, 1)) }, worker));
	if (firstFailure) throw firstFailure;

	const output: INodeExecutionData[] = [];
	results.forEach((result, index) => {
		if (!result) return;
		const pairedItem = { item: index };
		if ('error' in result) {
			output.push({ json: tool ? tool.refusal(result.error) : errorJson(result.error), pairedItem });
		} else {
			const readable = this.getNodeParameter('output', index, OUTPUT_RAW) === OUTPUT_READABLE;
			const shape = (object: IDataObject) => toReadable(operation, object, { timeZone: this.getTimezone() });
			for (const object of result.objects) {
				output.push({ json: tool ? tool.result(object, index, shape) : readable ? shape(object) : object, pairedItem });
			}
		}
	});
	return [output];
}

/**
 * The Idempotency-Key of each item's POST. Without a key from the user, an item's key is made of
 * the n8n instance and workflow, the execution, the node, its run (a loop runs a node several
 * times) and the item, so n8n's own Retry On Fail, which runs the node again within the same run,
 * reuses it and Stripe replays instead of acting twice. The instance and workflow are in it because
 * execution ids count from 1 in every n8n database and node ids survive a workflow's import: two
 * n8n instances (staging and production) sharing a Stripe key must not share keys. A key the user
 * gives must differ between items: a shared one would make Stripe answer every item with the first
 * item's object.
 */
class IdempotencyKeys {
	private readonly defaultPrefix: string;

	private readonly itemsByKey = new Map<string, number>();

	constructor(context: IExecuteFunctions) {
		const executionId = context.getExecutionId();
		const runIndex = Number(context.getWorkflowDataProxy(0).$runIndex ?? 0);
		const scope = createHash('sha256').update(`${context.getInstanceId()}\n${context.getWorkflow().id ?? ''}`).digest('hex').slice(0, 16);
		this.defaultPrefix = executionId ? `n8n-${scope}-${executionId}-${context.getNode().id}-${runIndex}` : newIdempotencyKey();
	}

	keyFor(item: OperationItem): string {
		const given = item.text('idempotencyKey', item.collection('options'));
		if (given === undefined) return `${this.defaultPrefix}-${item.index}`;
		if (given.length > 255) item.fail('idempotencyKey', 'must be at most 255 characters');
		const firstItem = this.itemsByKey.get(given);
		if (firstItem !== undefined) {
			item.fail('idempotencyKey', `"${given}" is also the key of item ${firstItem}: each item needs its own key, or Stripe answers it with item ${firstItem}'s result`);
		}
		this.itemsByKey.set(given, item.index);
		return given;
	}
}

function prepareItem(item: OperationItem, operation: StripeOperation, keys: IdempotencyKeys): PreparedItem {
	const { method, path } = parseRoute(operation.route);
	const { pathParams, params, paginate, toOutput, send } = operation.build(item);
	checkOutputChoice(item, operation);
	const options = item.collection('options');
	const account = item.text('connectedAccount', options);
	if (account !== undefined && !isConnectedAccountId(account)) {
		item.fail('connectedAccount', `must be a connected account ID starting with "acct_", got "${account}"`);
	}
	// the Stripe-Version header of this item's request, which may carry beta flags
	const apiVersion = item.apiVersion('apiVersion', options, { betaFlags: true });
	const expand = item.list('expand', options);
	const idempotencyKey = method === 'POST' ? keys.keyFor(item) : undefined;
	return {
		request: {
			method,
			path,
			pathParams,
			params: expand ? { ...params, expand } : params,
			account,
			apiVersion,
			idempotencyKey,
			itemIndex: item.index,
		},
		paginate,
		toOutput,
		send,
	};
}

async function sendItem(client: StripeClient, { request, paginate, toOutput, send }: PreparedItem): Promise<IDataObject[]> {
	if (paginate) {
		const objects = await client.list({ ...request, ...paginate });
		return toOutput ? objects.flatMap(toOutput) : objects;
	}
	const response = send
		? await send((path) => client.request({ ...request, path }), {
				key: client.callerKey(request.account),
				stripeVersion: client.stripeVersion(request.apiVersion),
			})
		: await client.request(request);
	return toOutput ? toOutput(response) : [response];
}

interface RunOptions {
	requestsInParallel: number;
	maxRequestsPerSecond: number;
	rateLimited: boolean;
	maxRetries: number;
	retryDelayMs: number;
	timeoutSeconds: number;
}

function readRunOptions(context: IExecuteFunctions): RunOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (name: string, fallback: number, min: number) => {
		const value = Number(options[name] ?? fallback);
		return Number.isFinite(value) ? Math.max(min, value) : fallback;
	};
	return {
		requestsInParallel: Math.floor(number('requestsInParallel', 1, 1)),
		maxRequestsPerSecond: number('maxRequestsPerSecond', 25, 0.1),
		rateLimited: options.maxRequestsPerSecond !== undefined,
		maxRetries: Math.floor(number('maxRetries', 2, 0)),
		retryDelayMs: number('retryDelayMs', 500, 0),
		timeoutSeconds: number('timeoutSeconds', 80, 0.001),
	};
}

/** Errors leave the node as NodeApiError or NodeOperationError; anything else is wrapped. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorJson(error: Error): IDataObject {
	const { description, httpCode } = error as Error & { description?: string; httpCode?: string };
	return { error: error.message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
}
