/**
 * Validates and coerces form-decoded parameters against the spec's parameter schemas, answering
 * with Stripe's error shapes. Everything arrives as strings, so integers, booleans, decimals and
 * unix times are parsed here; the handlers receive typed values.
 */
import { ApiError, invalidRequest, missingParameter, unknownParameter } from './errors';
import type { ApiSpec, Schema } from './spec';

export type Params = Record<string, any>;

/** Metadata limits from docs.stripe.com/metadata: 50 keys, keys up to 40 characters, values up to 500. */
const METADATA_MAX_KEYS = 50;
const METADATA_MAX_KEY_LENGTH = 40;
const METADATA_MAX_VALUE_LENGTH = 500;

export class ParamValidator {
	constructor(private readonly spec: ApiSpec) {}

	validate(schema: Schema, params: Record<string, unknown>): Params {
		return this.value(params, schema, '', false) as Params;
	}

	/**
	 * `name` is the Stripe-style parameter name (`beneficiary[public_name]`, `enabled_events[0]`);
	 * `emptyAllowed` marks places where "" means "unset" (metadata values).
	 */
	private value(value: unknown, raw: Schema, name: string, emptyAllowed: boolean): unknown {
		const schema = this.spec.resolve(raw);
		if (schema.anyOf) return this.anyOf(value, schema.anyOf, name);
		if (value === '' && !emptyAllowed && !isMetadataMap(schema, name)) throw emptyValue(name);
		switch (schema.type) {
			case 'object':
				return this.object(value, schema, name);
			case 'array':
				return this.array(value, schema, name);
			case 'integer':
				return integer(value, name);
			case 'number':
				return number(value, name);
			case 'boolean':
				return boolean(value, name);
			case 'string':
				return string(value, schema, name);
			default:
				return value;
		}
	}

	/** `anyOf` with `{enum: [""]}` is Stripe's "emptyable" marker: "" unsets the field. */
	private anyOf(value: unknown, options: Schema[], name: string): unknown {
		const resolved = options.map((o) => this.spec.resolve(o));
		const isEmptyMarker = (s: Schema) => s.type === 'string' && s.enum?.length === 1 && s.enum[0] === '';
		if (value === '' && resolved.some(isEmptyMarker)) return '';
		const candidates = resolved.filter((s) => !isEmptyMarker(s));
		let firstError: unknown;
		for (const candidate of candidates) {
			try {
				return this.value(value, candidate, name, false);
			} catch (error) {
				// Report the error of the alternative shaped like the value (a hash vs a scalar).
				if (firstError === undefined || shapeMatches(value, candidate)) firstError = error;
			}
		}
		throw firstError;
	}

	private object(value: unknown, schema: Schema, name: string): Params | '' {
		// "All keys can be unset by posting an empty value to `metadata`" (spec description); kept as "".
		if (value === '' && isMetadataMap(schema, name)) return '';
		const input = asObject(value);
		if (!input) throw invalidRequest(`Invalid hash${name ? `: ${name}` : ''}`, { code: 'parameter_invalid_object', param: name || undefined });
		const properties = schema.properties ?? {};
		const isMap = typeof schema.additionalProperties === 'object';
		// An object without published properties (e.g. `kyc_details`) is open, as the spec leaves it undefined.
		const isOpen = schema.additionalProperties === true || (schema.additionalProperties === undefined && Object.keys(properties).length === 0);
		for (const key of Object.keys(input)) {
			if (!(key in properties) && !isMap && !isOpen) throw unknownParameter(child(name, key));
		}
		for (const key of schema.required ?? []) {
			if (input[key] === undefined) throw missingParameter(child(name, key));
		}
		if (isMap && name === 'metadata') checkMetadata(input);
		const output: Params = {};
		for (const [key, item] of Object.entries(input)) {
			const itemSchema = properties[key] ?? (isMap ? (schema.additionalProperties as Schema) : undefined);
			output[key] = itemSchema ? this.value(item, itemSchema, child(name, key), isMap && !properties[key]) : item;
		}
		return output;
	}

	private array(value: unknown, schema: Schema, name: string): unknown[] {
		let items: unknown[] | undefined;
		if (Array.isArray(value)) items = value;
		else {
			// `a[0]=x&a[2]=y` (non-contiguous indexes) arrives as an object; Stripe orders by index.
			const object = asObject(value);
			if (object && Object.keys(object).every((k) => /^\d+$/.test(k))) {
				items = Object.keys(object)
					.sort((a, b) => Number(a) - Number(b))
					.map((k) => object[k]);
			}
		}
		if (!items) throw invalidRequest(`Invalid array: ${name}`, { code: 'parameter_invalid_array', param: name });
		return items.map((item, i) => (schema.items ? this.value(item, schema.items, `${name}[${i}]`, false) : item));
	}
}

function child(parent: string, key: string): string {
	return parent ? `${parent}[${key}]` : key;
}

function isMetadataMap(schema: Schema, name: string): boolean {
	return name === 'metadata' && schema.type === 'object' && typeof schema.additionalProperties === 'object';
}

function asObject(value: unknown): Record<string, unknown> | undefined {
	if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
	if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
	return undefined;
}

function shapeMatches(value: unknown, schema: Schema): boolean {
	const isHash = typeof value === 'object' && value !== null;
	return isHash === (schema.type === 'object' || schema.type === 'array');
}

/** Stripe's wording for "" sent to a parameter that cannot be unset. */
function emptyValue(name: string): ApiError {
	return invalidRequest(
		`You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
		{ code: 'parameter_invalid_empty', param: name },
	);
}

function scalar(value: unknown, name: string, kind: string): string {
	if (typeof value !== 'string') {
		throw invalidRequest(`Invalid ${kind}: ${name} must be a single value, not a hash or array`, {
			code: `parameter_invalid_${kind}`,
			param: name,
		});
	}
	return value;
}

function integer(value: unknown, name: string): number {
	const text = scalar(value, name, 'integer');
	if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
		throw invalidRequest(`Invalid integer: ${text}`, { code: 'parameter_invalid_integer', param: name });
	}
	return Number(text);
}

function number(value: unknown, name: string): number {
	const text = scalar(value, name, 'number');
	if (!/^-?\d+(\.\d+)?$/.test(text)) {
		throw invalidRequest(`Invalid number: ${text}`, { code: 'parameter_invalid_number', param: name });
	}
	return Number(text);
}

function boolean(value: unknown, name: string): boolean {
	const text = scalar(value, name, 'boolean');
	if (text !== 'true' && text !== 'false') {
		throw invalidRequest(`Invalid boolean: ${text}`, { code: 'parameter_invalid_boolean', param: name });
	}
	return text === 'true';
}

function string(value: unknown, schema: Schema, name: string): string {
	const text = scalar(value, name, 'string');
	if (schema.maxLength !== undefined && text.length > schema.maxLength) {
		throw invalidRequest(`Invalid string: ${text.slice(0, 20)}...; must be at most ${schema.maxLength} characters`, {
			code: 'parameter_invalid_string_length',
			param: name,
		});
	}
	// x-stripeBypassValidation: Stripe accepts values outside the published enum.
	if (schema.enum && !schema['x-stripeBypassValidation'] && !schema.enum.includes(text)) {
		throw invalidRequest(`Invalid ${name}: must be one of ${listWords(schema.enum.map(String))}`, {
			code: 'parameter_invalid_enum',
			param: name,
		});
	}
	if (schema.format === 'decimal' && !/^-?\d+(\.\d+)?$/.test(text)) {
		throw invalidRequest(`Invalid decimal: ${text}`, { code: 'parameter_invalid_decimal', param: name });
	}
	return text;
}

function checkMetadata(input: Record<string, unknown>): void {
	const keys = Object.keys(input);
	if (keys.length > METADATA_MAX_KEYS) {
		throw invalidRequest(`Invalid metadata: metadata can have up to ${METADATA_MAX_KEYS} keys, but you passed in ${keys.length} keys.`, { param: 'metadata' });
	}
	for (const key of keys) {
		if (key.length > METADATA_MAX_KEY_LENGTH) {
			throw invalidRequest(`Metadata keys can have up to ${METADATA_MAX_KEY_LENGTH} characters, but you passed in a key that is ${key.length} characters: ${key}`, { param: `metadata[${key}]` });
		}
		const value = input[key];
		if (typeof value === 'string' && value.length > METADATA_MAX_VALUE_LENGTH) {
			throw invalidRequest(`Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters, but you passed in a value that is ${value.length} characters.`, { param: `metadata[${key}]` });
		}
	}
}

function listWords(words: string[]): string {
	if (words.length <= 1) return words.join('');
	return `${words.slice(0, -1).join(', ')}, or ${words[words.length - 1]}`;
}
