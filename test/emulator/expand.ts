/**
 * `expand[]` (docs.stripe.com/api/expanding_objects): dotted paths through the response, each step
 * one of the schema's `x-expandableFields` (`data.product` on lists). Paths are checked against the
 * operation's response schema before execution; id references (such as `climate.order.product`)
 * are then replaced by the objects they name.
 */
import { invalidRequest } from './errors';
import type { ApiSpec, Schema } from './spec';
import type { ScopeState } from './store';

/** Resolves a reference `<object type>.<field>` id into its object. */
export type ExpandResolver = (id: string, state: ScopeState) => unknown;

export class Expander {
	constructor(
		private readonly spec: ApiSpec,
		private readonly resolvers: Record<string, ExpandResolver>,
	) {}

	check(paths: string[], response: Schema | undefined): void {
		for (const path of paths) {
			let schema: Schema | undefined = response;
			for (const field of path.split('.')) {
				const current: Schema | undefined = schema && this.objectSchema(schema);
				if (!current?.['x-expandableFields']?.includes(field)) {
					throw invalidRequest(`This property cannot be expanded (${path}).`, { param: 'expand' });
				}
				schema = current.properties?.[field];
			}
		}
	}

	apply(body: unknown, paths: string[], state: ScopeState): unknown {
		for (const path of paths) this.expandPath(body, path.split('.'), state);
		return body;
	}

	private expandPath(node: unknown, fields: string[], state: ScopeState): void {
		if (Array.isArray(node)) {
			for (const item of node) this.expandPath(item, fields, state);
			return;
		}
		if (!node || typeof node !== 'object') return;
		const record = node as Record<string, unknown>;
		const [field, ...rest] = fields;
		const value = record[field];
		if (typeof value === 'string') {
			const resolver = this.resolvers[`${String(record.object)}.${field}`];
			const expanded = resolver?.(value, state);
			if (expanded !== undefined) record[field] = JSON.parse(JSON.stringify(expanded));
		}
		if (rest.length > 0) this.expandPath(record[field], rest, state);
	}

	/** The object schema behind a property: through `$ref`, array `items` and `anyOf` alternatives. */
	private objectSchema(schema: Schema): Schema | undefined {
		const resolved = this.spec.resolve(schema);
		if (resolved.type === 'array' && resolved.items) return this.objectSchema(resolved.items);
		if (resolved.anyOf) {
			for (const option of resolved.anyOf) {
				const candidate = this.objectSchema(option);
				if (candidate?.properties) return candidate;
			}
			return undefined;
		}
		return resolved.properties ? resolved : undefined;
	}
}
