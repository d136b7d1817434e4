import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { redactSecrets, stripeErrorOf } from './errors';
import { collectFieldLabels, OperationItem } from './item';
import type { StripeOperation } from './operation';
import { sharedOptions } from './options';
import { TOOL_LIST_DEFAULT, toolSpec, type ModelInput, type ToolSpec } from './toolFields';

/**
 * How an action node behaves when an AI agent calls it as a tool (its Tool variant, a node type
 * ending in "Tool" on every n8n version): the model's inputs are checked against what each field
 * accepts, a refusal comes back as the tool's result instead of ending the agent's run, and results
 * are compact and hold no secrets unless the builder says otherwise.
 */

/** Whether the node runs as its Tool variant, called by an agent. */
export function isToolRun(context: { getNode(): INode }): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** What a refusal made by ToolOperationItem.fail is about: the model's input, or a setting of the tool's builder. */
const refusals = new WeakMap<Error, { input: string } | { setting: string }>();

/**
 * An item as the model filled it. Failures name the model's input key (`metric_tons`), options are
 * checked against their allowed values, a key/value list may be a plain JSON object, and an
 * optional input the model left out counts as not set.
 */
export class ToolOperationItem extends OperationItem {
	constructor(
		context: IExecuteFunctions,
		index: number,
		private readonly spec: ToolSpec,
		private readonly settings: ReadonlyMap<string, string>,
	) {
		super(context, index, new Map([...settings, ...[...spec.inputs].map(([name, input]): [string, string] => [name, input.key])]));
	}

	private inputOf(name: string): ModelInput | undefined {
		return this.spec.inputs.get(name);
	}

	/** Whether `value` is the default the model leaves an optional input at (0, false): not given. */
	private notGiven(name: string, value: unknown): boolean {
		const input = this.inputOf(name);
		return input?.notGiven !== undefined && value === input.notGiven;
	}

	fail(field: string, problem: string): never {
		const key = this.inputOf(field)?.key;
		// a field the model does not fill is the builder's setting (Connected Account, a fixed value)
		const name = key ?? `the tool's ${this.settings.get(field) ?? field} setting`;
		const error = new NodeOperationError(this.context.getNode(), `${name} ${problem}`, {
			itemIndex: this.index,
			description: key ? `Nothing was sent to Stripe. Correct ${key} and call the tool again.` : 'Nothing was sent to Stripe.',
		});
		refusals.set(error, key ? { input: key } : { setting: this.settings.get(field) ?? field });
		throw error;
	}

	raw<T = unknown>(name: string, fallback?: T): T {
		const value = super.raw<T>(name, fallback);
		if (this.notGiven(name, value)) return '' as T;
		return this.asRows(name, value) as T;
	}

	collection(name: string): IDataObject {
		const given = super.collection(name);
		const set: IDataObject = {};
		for (const [field, value] of Object.entries(given)) {
			// an optional input the model left out resolves to its default, '' or null: not set
			if (value === '' || value === null || value === undefined) continue;
			if (this.notGiven(field, value)) continue;
			set[field] = this.asRows(field, value) as IDataObject[keyof IDataObject];
		}
		return set;
	}

	text(name: string, source?: IDataObject): string | undefined {
		const value = super.text(name, source);
		const allowed = this.inputOf(name)?.allowed;
		if (value !== undefined && allowed && !this.inputOf(name)?.rows && !allowed.includes(value)) {
			this.fail(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
		}
		return value;
	}

	list(name: string, source?: IDataObject): string[] | undefined {
		const values = super.list(name, source);
		const allowed = this.inputOf(name)?.allowed;
		const unknown = allowed ? values?.filter((value) => !allowed.includes(value)) : undefined;
		if (allowed && unknown?.length) {
			this.fail(name, `accepts only ${allowed.join(', ')}; got "${unknown.join('", "')}"`);
		}
		return values;
	}

	/** Return All is never the model's: a list is as long as the model's limit. */
	pagination(): { returnAll: boolean; limit: number } {
		return { returnAll: false, limit: this.integer('limit') ?? TOOL_LIST_DEFAULT };
	}

	integer(name: string, source?: IDataObject): number | undefined {
		const value = super.integer(name, source);
		const max = this.inputOf(name)?.max;
		if (value !== undefined && max !== undefined && value > max) this.fail(name, `must be at most ${max}, got ${value}`);
		return value;
	}

	/** A key/value list given as a JSON object ({"ethereum": "0x…"}) becomes the rows the operation reads. */
	private asRows(name: string, value: unknown): unknown {
		const rows = this.inputOf(name)?.rows;
		if (!rows || value === null || value === undefined || value === '') return value;
		let object = value;
		if (typeof value === 'string') {
			try {
				object = JSON.parse(value);
			} catch {
				this.fail(name, 'must be a JSON object');
			}
		}
		if (typeof object !== 'object' || object === null || Array.isArray(object)) this.fail(name, 'must be a JSON object');
		if (rows.option in object) return object;
		const allowed = this.inputOf(name)?.allowed;
		const entries = Object.entries(object as IDataObject).map(([key, entry]) => {
			if (allowed && !allowed.includes(key)) this.fail(name, `keys must be among ${allowed.join(', ')}; got "${key}"`);
			return { [rows.keyField]: key, [rows.valueField]: entry };
		});
		return entries.length ? { [rows.option]: entries } : undefined;
	}
}

/** Names that hold secrets in what Stripe returns (client_secret, secret) or in forwarded headers (Authorization, API keys). */
const SECRET_NAME = /secret|token|password|passphrase|authorization|api[-_]?key|cookie/i;

/** A client secret as Stripe writes it: the object's id, "_secret_", then the secret. */
const CLIENT_SECRET = /\b[a-z]+_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g;

/** `value` without secrets: keys named like one are dropped, header rows named like one lose their value, keys in text are masked. */
export function withoutSecrets(value: unknown): unknown {
	if (typeof value === 'string') return redactSecrets(value).replace(CLIENT_SECRET, '[withheld]');
	if (Array.isArray(value)) return value.map(withoutSecrets);
	if (typeof value !== 'object' || value === null) return value;
	const object = value as IDataObject;
	if (typeof object.name === 'string' && 'value' in object && SECRET_NAME.test(object.name)) {
		return { ...object, value: '[withheld]' };
	}
	const kept: IDataObject = {};
	for (const [key, entry] of Object.entries(object)) {
		if (SECRET_NAME.test(key)) continue;
		kept[key] = withoutSecrets(entry) as IDataObject[keyof IDataObject];
	}
	return kept;
}

/** Keys a model never needs: Stripe's test/live flag is the credential's, the object type the tool's. */
const NOT_FOR_THE_MODEL = new Set(['livemode', 'object']);

/**
 * The compact form of a readable object, for a model that pays for every token: what says nothing
 * is left out (null, empty text, empty objects and lists), money keeps its decimal amount and
 * currency without the minor-unit twin, a list of prices per currency becomes currency → total,
 * and ids listed beside their names keep the ids.
 */
export function compact(value: unknown): unknown {
	if (Array.isArray(value)) {
		const entries = value.map(compact);
		if (entries.length > 0 && entries.every(isPrice)) {
			return Object.fromEntries((entries as IDataObject[]).map((price) => [price.currency, price.amountTotal]));
		}
		return entries;
	}
	if (typeof value !== 'object' || value === null) return value;
	const object = value as IDataObject;
	const kept: IDataObject = {};
	for (const [key, entry] of Object.entries(object)) {
		if (NOT_FOR_THE_MODEL.has(key)) continue;
		if (key.endsWith('Minor') && key.slice(0, -'Minor'.length) in object) continue;
		if (key.endsWith('Names') && `${key.slice(0, -'Names'.length)}Ids` in object) continue;
		const shrunk = compact(entry);
		if (shrunk === null || shrunk === undefined || shrunk === '') continue;
		if (typeof shrunk === 'object' && Object.keys(shrunk as object).length === 0) continue;
		kept[key] = shrunk as IDataObject[keyof IDataObject];
	}
	return kept;
}

function isPrice(entry: unknown): boolean {
	return typeof entry === 'object' && entry !== null && typeof (entry as IDataObject).currency === 'string' && typeof (entry as IDataObject).amountTotal === 'number';
}

/**
 * What a list keeps of each object where the compact object is still long: a model choosing among
 * ten products needs their names, prices and tons, and gets the rest with Get.
 */
const LIST_SUMMARIES: Record<string, string[]> = {
	'GET /v1/climate/products': ['id', 'name', 'deliveryYear', 'metricTonsAvailable', 'pricesPerMetricTon'],
	'GET /v1/climate/orders': ['id', 'status', 'created', 'metricTons', 'productId', 'currency', 'amountTotal', 'expectedDeliveryYear', 'beneficiary', 'metadata'],
	'GET /v1/crypto/onramp_sessions': [
		'id',
		'status',
		'created',
		'sourceCurrency',
		'sourceAmount',
		'destinationCurrency',
		'destinationNetwork',
		'destinationAmount',
		'walletAddress',
		'metadata',
	],
	'GET /v1/forwarding/requests': ['id', 'created', 'paymentMethodId', 'url', 'replacements', 'responseStatus', 'metadata'],
};

/** One run of an action node as a tool: its items as the model filled them, its results and refusals as the model reads them. */
export class ToolRun {
	private readonly spec: ToolSpec;

	private readonly includeSecrets: boolean;

	private readonly summary: string[] | undefined;

	/** Editor labels of the fields the builder sets, for refusals about them. */
	private readonly settings: ReadonlyMap<string, string>;

	constructor(
		private readonly context: IExecuteFunctions,
		operation: StripeOperation,
	) {
		this.spec = toolSpec(operation);
		this.summary = LIST_SUMMARIES[operation.route];
		this.settings = collectFieldLabels([...operation.properties, sharedOptions(true)]);
		const options = context.getNodeParameter('options', 0, {}) as IDataObject;
		this.includeSecrets = options.includeSecrets === true;
	}

	item(index: number): ToolOperationItem {
		return new ToolOperationItem(this.context, index, this.spec, this.settings);
	}

	/**
	 * An object as the model receives it: the compact form of its readable shape unless the whole
	 * object was asked for, without secrets unless the builder keeps them.
	 */
	result(object: IDataObject, index: number, readable: (object: IDataObject) => IDataObject): IDataObject {
		const whole = this.context.getNodeParameter('fullObject', index, false) === true;
		let shaped = whole ? object : (compact(readable(object)) as IDataObject);
		if (!whole && this.summary) shaped = Object.fromEntries(this.summary.filter((key) => key in shaped).map((key) => [key, shaped[key]]));
		return this.includeSecrets ? shaped : (withoutSecrets(shaped) as IDataObject);
	}

	/** A credential the tool cannot use (no valid key): nothing was sent, and only the builder can fix it. */
	credentialRefusal(error: Error): IDataObject {
		const description = (error as { description?: unknown }).description;
		return masked({
			error: `Not sent: ${error.message}${typeof description === 'string' && description ? `. ${description}` : ''}`,
			setting: 'Stripe credential',
			sent: false,
			next: "The tool's Stripe credential cannot be used: tell the user the workflow's builder must fix the credential.",
		});
	}

	/** A refusal as the model reads it: what was wrong, which input, whether anything reached Stripe, and Stripe's own words. */
	refusal(error: Error): IDataObject {
		const refused = refusals.get(error);
		if (refused && 'input' in refused) {
			return masked({ error: `Refused before sending: ${error.message}`, input: refused.input, sent: false, next: 'Correct this input and call the tool again.' });
		}
		if (refused) {
			return masked({
				error: `Refused before sending: ${error.message}`,
				setting: refused.setting,
				sent: false,
				next: "This is the tool's own setting, not an input: tell the user the workflow's builder must correct it.",
			});
		}
		const stripe = stripeErrorOf(error);
		if (stripe) {
			const retryable = stripe.status === 429 || stripe.status >= 500;
			return masked({
				error: `Stripe refused the request: ${stripe.message ?? `HTTP ${stripe.status}`}`,
				...(stripe.param ? { input: stripe.param } : {}),
				stripe: {
					status: stripe.status,
					...(stripe.type ? { type: stripe.type } : {}),
					...(stripe.code ? { code: stripe.code } : {}),
					...(stripe.param ? { param: stripe.param } : {}),
					...(stripe.requestId ? { requestId: stripe.requestId } : {}),
				},
				sent: true,
				next: retryable
					? 'Stripe could not answer after several tries. Try again later.'
					: "Nothing changed at Stripe. Correct the input Stripe names and call again, or tell the user Stripe's reason.",
			});
		}
		if (/^No answer from Stripe/.test(error.message)) {
			return masked({
				error: error.message,
				sent: 'unknown',
				next: 'The request may or may not have reached Stripe. Before calling again to create something, list the recent objects to check it was not created.',
			});
		}
		return masked({ error: error.message });
	}
}

function masked(result: IDataObject): IDataObject {
	return withoutSecrets(result) as IDataObject;
}
