import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { parseRoute, type StripeOperation, type StripeResource } from './operation';
import { sharedOptions } from './options';

/** How every list tool answers, ending each list operation's tool description. */
export const TOOL_LIST_NOTE =
	'Returns the newest first, 10 by default (limit: up to 100), each in a compact form; set full_object only when a field you need is missing.';

/**
 * The Tool variant's fields, made from each operation's own fields. n8n adds a `<node>Tool` type
 * for every node with `usableAsTool` and builds the model's input schema from the `$fromAI()`
 * expressions in the node's parameters, defaults included. So every field the model should fill is
 * a tool-only field of the same name (`displayOptions.show['@tool']: [true]`) whose default is a
 * `$fromAI()` expression with a description written for a model, and the normal field is hidden in
 * the Tool variant. A builder who sets a field to a fixed value keeps it from the model; an
 * optional field removed from a collection is not offered.
 */

/** What the model is asked for in place of one field: its key in the tool's input schema and the values it may take. */
export interface ModelInput {
	/** The `$fromAI()` key: the field's name in snake_case, as Stripe names its parameters. */
	key: string;
	/** Values an options field accepts; anything else is refused before sending. */
	allowed?: string[];
	/** A key/value list (fixedCollection): the model gives a JSON object, read as the list's rows. */
	rows?: { option: string; keyField: string; valueField: string; keyLabel: string; valueLabel: string };
	/** The most a number field accepts. */
	max?: number;
	/**
	 * The default that reads as not given: a `$fromAI()` default must have the input's type for n8n
	 * to make the key optional, so an optional amount defaults to 0 (never a valid amount) and an
	 * optional yes/no of a create to false (what Stripe assumes when it is not sent).
	 */
	notGiven?: number | boolean;
}

/** What the Tool variant offers for one operation, by field name (nested collection fields included). */
export interface ToolSpec {
	inputs: Map<string, ModelInput>;
}

/**
 * Fields the model is never offered: Return All could hand it thousands of objects (Limit replaces
 * it); how results are laid out (items per quote, Output) is the tool's own compact shape.
 */
const NOT_FOR_THE_MODEL = new Set(['returnAll', 'splitIntoItems', 'output']);

/**
 * Text fields a model gives as JSON numbers: decimal quantities and amounts (a fiat amount, metric
 * tons, an amount in minor units). A crypto amount stays text: a number cannot hold 18 decimals.
 */
const NUMBER_INPUTS = new Set(['metricTons', 'amount', 'sourceAmount']);

/** A list's default length in a tool call, and the most one call returns. */
export const TOOL_LIST_DEFAULT = 10;
export const TOOL_LIST_MAX = 100;

/** Above this many allowed values, a description names examples instead of listing them all. */
const MAX_LISTED_VALUES = 40;

const specs = new WeakMap<StripeOperation, ToolSpec>();

/** fieldName → snake_case key, as Stripe writes parameters (metricTons → metric_tons). */
export function modelKey(name: string): string {
	return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A `$fromAI()` expression; a default makes the key optional in the model's schema. */
export function fromAi(key: string, description: string, type: 'string' | 'number' | 'boolean' | 'json', defaultValue?: string | number | boolean | null): string {
	const literal = (text: string) => `'${apart(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
	const fallback = defaultValue === undefined ? '' : `, ${typeof defaultValue === 'string' ? literal(defaultValue) : String(defaultValue)}`;
	return `={{ $fromAI(${literal(key)}, ${literal(description)}, '${type}'${fallback}) }}`;
}

/** Sentences of a field's description that speak of the editor, which a model cannot use. */
const EDITOR_TALK = /type to search|expression|add the field|switch the field|this list|in the editor/i;

/** The field's own description for a model: as a sentence, without what speaks of the editor. */
/** Double braces would end n8n's expression: written apart ("} }") they read the same to a model. */
function apart(text: string): string {
	let result = text;
	while (/\{\{|\}\}/.test(result)) result = result.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
	return result;
}

function sentence(text: string | undefined): string {
	const kept = (text ?? '')
		.split(/(?<=[.!?])\s+/)
		.filter((part) => !EDITOR_TALK.test(part))
		.join(' ')
		.trim();
	if (kept === '') return '';
	return /[.!?)]$/.test(kept) ? kept : `${kept}.`;
}

function optionValues(field: INodeProperties): string[] {
	return ((field.options ?? []) as INodePropertyOptions[]).filter((option) => 'value' in option).map((option) => String(option.value));
}

function valuesText(values: string[]): string {
	if (values.length <= MAX_LISTED_VALUES) return values.join(', ');
	return `${values.slice(0, 8).join(', ')} and ${values.length - 8} more of Stripe's values`;
}

/**
 * An example from the field's placeholder (for an ID field, its By ID placeholder), unless it is
 * only a prefix ("pm_...") the description already names.
 */
function example(field: INodeProperties): string {
	const byId = field.type === 'resourceLocator' ? field.modes?.find((mode) => mode.name === 'id')?.placeholder : undefined;
	const shown = ['string', 'number', 'dateTime'].includes(field.type) ? field.placeholder : byId;
	const placeholder = (typeof shown === 'string' ? shown : '').replace(/^e\.g\.\s*/i, '').trim();
	if (placeholder === '' || placeholder.endsWith('...') || placeholder.includes('{{')) return '';
	return ` Example: ${placeholder}.`;
}

/** The model's description of a field: the field's own words, its format, and what it accepts. */
function describe(field: INodeProperties, input: ModelInput, optional: boolean): string {
	const own = sentence(field.description) || sentence(field.displayName);
	const notes: string[] = [];
	if (field.type === 'options') notes.push(`One of: ${valuesText(optionValues(field))}.`);
	if (field.type === 'multiOptions') notes.push(`Comma-separated, each one of: ${valuesText(optionValues(field))}.`);
	if (field.type === 'dateTime') notes.push('ISO 8601 date and time, such as 2026-03-01T00:00:00Z.');
	if (input.rows) {
		const keys = input.allowed ? ` Keys: ${valuesText(input.allowed)}.` : '';
		const { keyLabel, valueLabel } = input.rows;
		notes.push(`A JSON object mapping each ${keyLabel} to its ${valueLabel}, such as {"${input.allowed?.[0] ?? keyLabel}": "${valueLabel}"}.${keys}`);
	}
	if (field.type === 'boolean' && input.allowed) notes.push('"true" or "false".');
	if (input.notGiven === 0) notes.push('Optional; 0 means not given.');
	else if (optional) notes.push('Optional.');
	return `${own}${example(field)} ${notes.join(' ')}`.trim();
}

/**
 * A JSON input: a JSON value when required; when optional, JSON written as text (empty: not
 * given), because n8n's json type has no empty default.
 */
function jsonInput(base: Partial<INodeProperties>, key: string, description: string, required: boolean): INodeProperties {
	return {
		...base,
		type: 'json',
		default: required ? fromAi(key, description, 'json') : fromAi(key, `${description} Written as JSON text.`, 'string', ''),
	} as INodeProperties;
}

/** The model's input for one field, and the tool-only field that asks for it. */
function toolField(field: INodeProperties, inputs: Map<string, ModelInput>, nested: boolean, inUpdate = false): INodeProperties | undefined {
	if (field.type === 'notice' || NOT_FOR_THE_MODEL.has(field.name)) return undefined;
	const key = modelKey(field.name);
	const input: ModelInput = { key };
	const required = !nested && field.required === true;
	const base = { displayName: field.displayName, name: field.name, description: field.description, required: false };
	let property: INodeProperties;
	switch (field.type) {
		case 'options':
		case 'multiOptions': {
			// checked before sending when the description lists every value; a longer list (event types) is Stripe's to check
			const values = optionValues(field);
			if (values.length <= MAX_LISTED_VALUES) input.allowed = values;
			const fallback = nested || typeof field.default !== 'string' ? '' : field.default;
			// a text field: an expression default in an options field reads as a wrong value in the editor
			property = { ...base, type: 'string', default: fromAi(key, describe(field, input, !required), 'string', required ? undefined : fallback) } as INodeProperties;
			break;
		}
		case 'number': {
			const isLimit = field.name === 'limit';
			if (isLimit) input.max = TOOL_LIST_MAX;
			const description = isLimit
				? `How many objects to return, newest first: 1 to ${TOOL_LIST_MAX}, default ${TOOL_LIST_DEFAULT}. Ask for more only when the first ones are not enough.`
				: describe(field, input, !required);
			const fallback = isLimit ? TOOL_LIST_DEFAULT : nested || typeof field.default !== 'number' ? 0 : field.default;
			if (!required && fallback === 0) input.notGiven = 0;
			property = { ...base, type: 'number', default: fromAi(key, description, 'number', required ? undefined : fallback) } as INodeProperties;
			break;
		}
		case 'boolean': {
			if (inUpdate) {
				// left out must keep the object's value, and false is a change: yes, no or nothing is text
				input.allowed = ['true', 'false'];
				property = { ...base, type: 'string', default: fromAi(key, describe(field, input, true), 'string', '') } as INodeProperties;
				break;
			}
			if (nested) {
				input.notGiven = false;
				property = { ...base, type: 'boolean', default: fromAi(key, describe(field, input, true), 'boolean', false) } as INodeProperties;
				break;
			}
			const fallback = typeof field.default !== 'boolean' ? false : field.default;
			property = { ...base, type: 'boolean', default: fromAi(key, describe(field, input, !required), 'boolean', required ? undefined : fallback) } as INodeProperties;
			break;
		}
		case 'json': {
			property = jsonInput(base, key, describe(field, input, !required), required);
			break;
		}
		case 'fixedCollection': {
			const rows = (field.options as INodePropertyCollection[] | undefined)?.[0];
			const [keyField, valueField] = (rows?.values ?? []) as INodeProperties[];
			if (!rows || !keyField || !valueField) return undefined;
			input.rows = {
				option: rows.name,
				keyField: keyField.name,
				valueField: valueField.name,
				keyLabel: keyField.displayName.toLowerCase(),
				valueLabel: valueField.displayName.toLowerCase(),
			};
			if (keyField.type === 'options') input.allowed = optionValues(keyField);
			property = jsonInput(base, key, describe(field, input, !required), required);
			break;
		}
		case 'resourceLocator': {
			// By ID, filled by the model; the builder can still pick one from the list to fix it
			const value = fromAi(key, describe(field, input, !required), 'string', required ? undefined : '');
			property = { ...base, type: 'resourceLocator', modes: field.modes, default: { mode: 'id', value } } as INodeProperties;
			break;
		}
		case 'collection':
			return undefined;
		default: {
			if (NUMBER_INPUTS.has(field.name)) {
				if (!required) input.notGiven = 0;
				property = { ...base, type: 'number', default: fromAi(key, describe(field, input, !required), 'number', required ? undefined : 0) } as INodeProperties;
				break;
			}
			// string and dateTime
			const fallback = nested || typeof field.default !== 'string' ? '' : field.default;
			property = { ...base, type: 'string', default: fromAi(key, describe(field, input, !required), 'string', required ? undefined : fallback) } as INodeProperties;
		}
	}
	inputs.set(field.name, input);
	return property;
}

/**
 * A collection ("Additional Fields", "Filters") in the Tool variant: every field the model may
 * fill is added, each optional; the builder removes one to keep it from the model. Fields not
 * for the model stay available to the builder as they are.
 */
function toolCollection(field: INodeProperties, inputs: Map<string, ModelInput>): INodeProperties {
	const options: INodeProperties[] = [];
	const offered: Record<string, string> = {};
	for (const option of (field.options ?? []) as INodeProperties[]) {
		// a collection's fields show by the collection's own values, never by resource or operation
		const plain = { ...option };
		delete plain.displayOptions;
		const asked = toolField(plain, inputs, true, field.name === 'updateFields');
		if (asked) {
			options.push(asked);
			offered[asked.name] = asked.default as string;
		} else {
			options.push(plain);
		}
	}
	return { ...field, options, default: offered };
}

/** The model's choice between the compact shape of each object and Stripe's whole object (a Tool variant field, asked like the others). */
const fullObjectField: INodeProperties = {
	displayName: 'Whole Stripe Object',
	name: 'fullObject',
	type: 'boolean',
	default: false,
	description:
		"Whether to return Stripe's whole object instead of the compact one. Only when a field you need is missing from the compact result: it costs many more tokens.",
};

/** Request options that stay the builder's in the Tool variant: the model is never asked for them. */
function toolOptions(isPost: boolean): INodeProperties {
	const normal = sharedOptions(isPost);
	const options = ((normal.options ?? []) as INodeProperties[]).map((option): INodeProperties => {
		if (option.name === 'idempotencyKey') {
			return {
				...option,
				placeholder: '',
				description:
					"Not for the model. Empty (recommended): each tool call gets its own key, which n8n's retries of that call reuse. A key here, for example built from the chat session, makes every call with the same key return the first call's result.",
			};
		}
		// noDataExpression: n8n offers no "let the model define this" on these
		return { ...option, noDataExpression: true };
	});
	options.push({
		displayName: 'Include Secrets in Results',
		name: 'includeSecrets',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			"Whether results keep the secrets Stripe returns (an onramp session's client_secret, a webhook endpoint's signing secret). Warning: they then reach the model and its provider, and anyone who can read the conversation. Off: they are removed.",
	});
	return { ...normal, options };
}

const toolNotice: INodeProperties = {
	displayName:
		'The model fills every field below that holds a $fromAI() expression, guided by the field descriptions. Set a field to a fixed value to decide it yourself, or remove an optional one to keep it from the model.',
	name: 'toolNotice',
	type: 'notice',
	default: '',
};

/** The text the model reads about a tool; its default is each operation's `toolDescription`. */
const toolDescriptionField: INodeProperties = {
	displayName: 'Tool Description',
	name: 'toolDescription',
	type: 'string',
	typeOptions: { rows: 6 },
	// the model reads this text; n8n would offer "let the model define this" here too
	noDataExpression: true,
	default: '',
	description: 'What the model reads about this tool: written for this operation. Rewrite it to fit your agent.',
};

/** Which inputs the Tool variant asks the model for in `operation`, by field name. */
export function toolSpec(operation: StripeOperation): ToolSpec {
	let spec = specs.get(operation);
	if (!spec) {
		spec = { inputs: new Map() };
		toolFieldsOf(operation, spec.inputs);
		specs.set(operation, spec);
	}
	return spec;
}

function toolFieldsOf(operation: StripeOperation, inputs: Map<string, ModelInput>): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const field of [...operation.properties, fullObjectField]) {
		if (field.type === 'collection') {
			fields.push(toolCollection(field, inputs));
			continue;
		}
		const asked = toolField(field, inputs, false);
		if (asked) fields.push(asked);
	}
	return fields;
}

/**
 * The normal fields hidden in the Tool variant, then the Tool variant's own: per operation a
 * notice for the agent builder, the tool description the model reads (`toolDescription`, which
 * n8n uses instead of adding its own), the model's inputs, and the builder's options.
 */
export function withToolVariant(
	properties: INodeProperties[],
	resources: StripeResource[],
): INodeProperties[] {
	const normal = properties.map((field) =>
		field.name === 'resource' || field.name === 'operation'
			? field
			: { ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, '@tool': [false] } } },
	);
	const tool: INodeProperties[] = [];
	for (const resource of resources) {
		for (const operation of resource.operations) {
			const show = { '@tool': [true], resource: [resource.value], operation: [operation.value] };
			const cost = operation.toolCostNotice;
			const fields = [
				...(cost ? [{ displayName: cost, name: 'costNotice', type: 'notice', default: '' } as INodeProperties] : []),
				toolNotice,
				{ ...toolDescriptionField, default: operation.toolDescription },
				...toolFieldsOf(operation, new Map()),
				toolOptions(parseRoute(operation.route).method === 'POST'),
			];
			for (const field of fields) tool.push({ ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, ...show } } });
		}
	}
	return [...normal, ...tool];
}
