import { parseRoute, type StripeOperation } from '../../nodes/shared/operation';
import { stripeSpec } from './constants';

/**
 * Objects that are valid by Stripe's spec but unlike the emulator's, which fill every field:
 *
 * - `minimal`: only the `required` properties, every `nullable` one null, expandable fields as
 *   their id; arrays and maps hold one minimal entry so that what shapes an entry runs too.
 * - `empty`: as minimal, but with no entry in any array or map.
 * - `maximal`: every property, expandable fields expanded, two entries per array and map, and an
 *   unknown property on every object (Stripe adds fields without a new API version).
 * - `extreme`: as maximal, with the largest numbers the spec allows and JSON carries exactly
 *   (the spec bounds no integer, time or amount).
 *
 * Values follow the field's type, enum and format, and its name where the spec leaves the text
 * free (an amount is a decimal text, a currency a currency code), as a Stripe stand-in built
 * from the spec may answer.
 */
export type Variant = 'minimal' | 'empty' | 'maximal' | 'extreme';

export interface SpecSchema {
	$ref?: string;
	type?: string;
	format?: string;
	enum?: unknown[];
	nullable?: boolean;
	required?: string[];
	properties?: Record<string, SpecSchema>;
	items?: SpecSchema;
	additionalProperties?: SpecSchema | boolean;
	anyOf?: SpecSchema[];
}

/** The unknown property every maximal object carries. */
export const UNKNOWN_PROPERTY = 'field_stripe_added_later';

/** A time both variants use: 2026-03-02T08:00:00Z. */
export const SAMPLE_TIME = 1772438400;

/** Map keys Stripe uses where the spec only says "a map": networks, currencies. */
const MAP_KEYS: Record<string, Record<Variant, string[]>> = {
	destination_network_quotes: { minimal: ['ethereum'], empty: [], maximal: ['base_network', 'ethereum'], extreme: ['base_network', 'ethereum'] },
	current_prices_per_metric_ton: { minimal: ['usd'], empty: [], maximal: ['usd', 'jpy'], extreme: ['usd', 'jpy'] },
};

export function resolveSchema(schema: SpecSchema): SpecSchema {
	if (!schema.$ref) return schema;
	const target = stripeSpec.components.schemas[schema.$ref.replace('#/components/schemas/', '')] as SpecSchema | undefined;
	if (!target) throw new Error(`${schema.$ref} is not in the spec subset`);
	return resolveSchema(target);
}

/** The 200 response schema of an operation's route. */
export function responseSchema(operation: StripeOperation): SpecSchema {
	const { method, path } = parseRoute(operation.route);
	const schema = stripeSpec.paths[path]?.[method.toLowerCase()]?.responses?.['200']?.content?.['application/json']?.schema as SpecSchema | undefined;
	if (!schema) throw new Error(`${operation.route} has no response schema in the spec subset`);
	return resolveSchema(schema);
}

/** Whether a response schema is a list page (`data` and `has_more`). */
export function isListSchema(schema: SpecSchema): boolean {
	return Boolean(schema.properties?.data?.items && schema.properties?.has_more);
}

/** Deeper than this, objects stay empty: expandable objects nest (a product's suppliers' …). */
const MAX_DEPTH = 8;

/** An example of `schema` in the variant; `name` is the property it is the value of, `serial` tells objects in a list apart. */
export function specExample(schema: SpecSchema, variant: Variant, name = '', serial = 1, depth = 0): unknown {
	const resolved = resolveSchema(schema);
	const sparse = !isFull(variant);
	if (resolved.anyOf) {
		const variants = resolved.anyOf.map(resolveSchema);
		if (sparse && resolved.nullable) return null;
		// an expandable field is its id unless expanded; maximal expands it
		const text = variants.find((candidate) => candidate.type === 'string');
		const object = variants.find((candidate) => candidate.type !== 'string') ?? variants[0];
		const chosen = sparse && text ? text : object;
		return specExample({ ...chosen, nullable: false }, variant, name, serial, depth);
	}
	if (sparse && resolved.nullable) return null;
	const type = resolved.type ?? (resolved.properties ? 'object' : 'string');
	switch (type) {
		case 'object':
			return objectExample(resolved, variant, name, serial, depth);
		case 'array': {
			if (!resolved.items) return [];
			const count = { minimal: 1, empty: 0, maximal: 2, extreme: 2 }[variant];
			return Array.from({ length: count }, (_, index) => specExample(resolved.items!, variant, singular(name), serial * 10 + index + 1, depth + 1));
		}
		case 'boolean':
			if (resolved.enum) return resolved.enum[0];
			return name === 'has_more' ? false : isFull(variant);
		case 'integer':
			return integerExample(resolved, variant, name);
		case 'number':
			if (variant === 'extreme') return Number.MAX_VALUE;
			return /_at$/.test(name) ? SAMPLE_TIME + 0.25 : variant !== 'maximal' ? 1.5 : 52.123456;
		default:
			return stringExample(resolved, variant, name, serial);
	}
}

function objectExample(schema: SpecSchema, variant: Variant, name: string, serial: number, depth: number): Record<string, unknown> {
	const object: Record<string, unknown> = {};
	if (depth > MAX_DEPTH) return object;
	const required = new Set(schema.required ?? []);
	for (const [key, property] of Object.entries(schema.properties ?? {})) {
		if (!isFull(variant) && !required.has(key)) continue;
		object[key] = specExample(property, variant, key, serial, depth + 1);
	}
	const extra = schema.additionalProperties;
	if (extra && typeof extra === 'object') {
		const keys = MAP_KEYS[name]?.[variant] ?? { minimal: ['key_one'], empty: [], maximal: ['key_one', 'key_two'], extreme: ['key_one', 'key_two'] }[variant];
		keys.forEach((key, index) => (object[key] = specExample(extra, variant, name === 'metadata' ? 'metadata' : key, serial * 10 + index + 1, depth + 1)));
	} else if (extra === true && isFull(variant)) {
		// a free-form object (an event's data.object, onramp limits): what an unknown object may hold
		Object.assign(object, { id: `obj_free_${serial}`, object: 'unknown_object', amount_text: '12.50', nested_part: { inner_value: 3, inner_at: SAMPLE_TIME } });
	}
	if (isFull(variant) && schema.properties) object[UNKNOWN_PROPERTY] = { note: 'unknown to this package' };
	return object;
}

function integerExample(schema: SpecSchema, variant: Variant, name: string): number {
	if (variant === 'extreme') return Number.MAX_SAFE_INTEGER;
	if (schema.format === 'unix-time' || /_at$|^created$/.test(name)) return SAMPLE_TIME + (variant === 'maximal' ? 3600 : 0);
	if (/year/.test(name)) return 2027;
	if (/status/.test(name)) return 200;
	return variant !== 'maximal' ? 2500 : 1234567;
}

function stringExample(schema: SpecSchema, variant: Variant, name: string, serial: number): string {
	if (schema.enum?.length) return String(!isFull(variant) ? schema.enum[0] : schema.enum[schema.enum.length - 1]);
	if (name === 'id') return `obj_${variant}_${serial}`;
	if (schema.format === 'decimal' || /amount|fee|metric_tons/.test(name)) {
		return { minimal: '0.25', empty: '0.25', maximal: '1234.123456789012345678', extreme: '123456789012345678901234567890.123456789012345678' }[variant];
	}
	if (/currency$/.test(name)) return isFull(variant) ? 'jpy' : 'usd';
	if (/url$/.test(name)) return `https://example.com/${name}/${serial}`;
	if (name === 'country') return 'US';
	return `${name || 'text'} ${variant} ${serial}`;
}

function isFull(variant: Variant): boolean {
	return variant === 'maximal' || variant === 'extreme';
}

function singular(name: string): string {
	return name.endsWith('s') ? name.slice(0, -1) : name;
}

/** Where a schema leaves a value out or null: each nullable or optional property, by its path from the root. */
export interface OptionalSpot {
	path: Array<string | number>;
	nullable: boolean;
	optional: boolean;
}

/**
 * Every nullable or optional property of `value` (a maximal example of `schema`), with its path:
 * for taking each away alone.
 */
export function optionalSpots(schema: SpecSchema, value: unknown, path: Array<string | number> = []): OptionalSpot[] {
	const resolved = resolveSchema(schema);
	const chosen = resolved.anyOf ? pickVariant(resolved.anyOf.map(resolveSchema), value) : resolved;
	if (Array.isArray(value) && chosen.items) return value.flatMap((entry, index) => optionalSpots(chosen.items!, entry, [...path, index]));
	if (!value || typeof value !== 'object') return [];
	const spots: OptionalSpot[] = [];
	const required = new Set(chosen.required ?? []);
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		const property = chosen.properties?.[key] ?? (typeof chosen.additionalProperties === 'object' ? chosen.additionalProperties : undefined);
		if (!property || !chosen.properties?.[key]) {
			// an entry of a map: it may be null where the map's values are nullable (a network's quotes)
			if (property && resolveSchema(property).nullable) spots.push({ path: [...path, key], nullable: true, optional: false });
			if (property) spots.push(...optionalSpots(property, entry, [...path, key]));
			continue;
		}
		const nullable = resolveSchema(property).nullable === true || property.nullable === true;
		const optional = !required.has(key);
		if (nullable || optional) spots.push({ path: [...path, key], nullable, optional });
		spots.push(...optionalSpots(property, entry, [...path, key]));
	}
	return spots;
}

function pickVariant(variants: SpecSchema[], value: unknown): SpecSchema {
	return (typeof value === 'string' ? variants.find((variant) => variant.type === 'string') : variants.find((variant) => variant.type !== 'string')) ?? variants[0];
}

/** A deep copy of `value` with the property at `path` set to null or, with `remove`, deleted. */
export function without(value: unknown, path: Array<string | number>, remove: boolean): unknown {
	const copy = JSON.parse(JSON.stringify(value));
	let parent = copy;
	for (const step of path.slice(0, -1)) parent = parent[step];
	const last = path[path.length - 1];
	if (remove) delete parent[last];
	else parent[last] = null;
	return copy;
}
