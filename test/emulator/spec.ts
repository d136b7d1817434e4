/**
 * Loads the OpenAPI subset (spec/stripe-openapi-subset.json) and turns it into what the emulator
 * needs: one `Operation` per method+path with a single parameter schema, and the expandable fields
 * of every response schema (`x-expandableFields`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Schema {
	$ref?: string;
	type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
	format?: string;
	enum?: unknown[];
	maxLength?: number;
	nullable?: boolean;
	properties?: Record<string, Schema>;
	required?: string[];
	additionalProperties?: boolean | Schema;
	items?: Schema;
	anyOf?: Schema[];
	description?: string;
	'x-stripeBypassValidation'?: boolean;
	'x-expandableFields'?: string[];
}

interface RawParameter {
	name: string;
	in: 'query' | 'path';
	required?: boolean;
	schema: Schema;
}

interface RawOperation {
	operationId: string;
	parameters?: RawParameter[];
	requestBody?: { content: Record<string, { schema: Schema }> };
	responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
	info: { version: string };
	paths: Record<string, Record<string, RawOperation | string>>;
	components: { schemas: Record<string, Schema> };
}

export interface Operation {
	operationId: string;
	method: string;
	/** Template such as `/v1/climate/orders/{order}`. */
	path: string;
	pathParams: string[];
	/** Query parameters (GET/DELETE) or the form body (POST) as one object schema. */
	params: Schema;
	response: Schema | undefined;
}

const SPEC_PATH = path.join(__dirname, '../../spec/stripe-openapi-subset.json');

const HTTP_METHODS = new Set(['get', 'post', 'delete']);

export class ApiSpec {
	readonly operations: Operation[];
	readonly apiVersion: string;

	constructor(readonly document: OpenApiDocument) {
		this.apiVersion = document.info.version;
		this.operations = [];
		for (const [template, item] of Object.entries(document.paths)) {
			for (const [method, op] of Object.entries(item)) {
				// path items also carry vendor keys such as `x-source`
				if (!HTTP_METHODS.has(method) || typeof op === 'string') continue;
				this.operations.push(toOperation(method.toUpperCase(), template, op));
			}
		}
	}

	static load(): ApiSpec {
		return new ApiSpec(JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')) as OpenApiDocument);
	}

	resolve(schema: Schema): Schema {
		let current = schema;
		while (current.$ref) {
			const name = current.$ref.replace('#/components/schemas/', '');
			const target = this.document.components.schemas[name];
			if (!target) throw new Error(`Unresolvable $ref ${current.$ref}`);
			current = target;
		}
		return current;
	}

	schema(name: string): Schema {
		const found = this.document.components.schemas[name];
		if (!found) throw new Error(`No schema ${name} in the spec`);
		return found;
	}
}

function toOperation(method: string, template: string, op: RawOperation): Operation {
	const parameters = op.parameters ?? [];
	const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
	let params: Schema;
	if (method === 'POST') {
		params = op.requestBody?.content['application/x-www-form-urlencoded']?.schema ?? {
			type: 'object',
			properties: {},
			additionalProperties: false,
		};
	} else {
		const query = parameters.filter((p) => p.in === 'query');
		params = {
			type: 'object',
			properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
			required: query.filter((p) => p.required).map((p) => p.name),
			additionalProperties: false,
		};
	}
	const response = op.responses['200']?.content?.['application/json']?.schema;
	return { operationId: op.operationId, method, path: template, pathParams, params, response };
}
