/**
 * Builds the spec subset (spec/stripe-openapi-subset.json) from Stripe's two published OpenAPI
 * files and the committed overlay (spec/stripe-openapi-overlay.json). Pure: documents in, document
 * out; scripts/update-spec.ts reads and writes the files. The steps are the edits spec/SOURCE.txt
 * documents, in this order:
 *
 * 1. the overlay's GA paths from spec3.json and private-preview paths from the private-preview SDK
 *    spec (those marked `x-source`), sorted, then the overlay's hand-written paths in its order;
 * 2. every schema they reference, transitively (GA first, else private preview, marked `x-source`),
 *    plus the overlay's own schemas; a schema reached only through `api_errors` becomes a stub;
 * 3. the vendor extensions x-stripeMostCommon / x-stripeLessCommon dropped everywhere;
 * 4. `x-copyOf` placeholders in the overlay replaced by a copy of what they point at (keys given
 *    beside it override the copy's);
 * 5. the overlay's edits (enum values newer than the files, notes, open enums), each failing
 *    loudly when its target is gone, so a change of Stripe's layout is noticed.
 */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
	[key: string]: Json;
}

/** A place in the output document: keys and array indexes from the root. */
export type JsonPath = Array<string | number>;

export type OverlayEdit =
	| { op: 'addEnum'; at: JsonPath; values: string[]; why: string }
	| { op: 'set'; at: JsonPath; value: Json; why: string };

export interface Overlay {
	ga: { file: string; paths: string[]; schemas?: string[] };
	privatePreview: { file: string; paths: string[] };
	dropKeys: string[];
	/** Schemas whose references become stubs unless something else needs them in full. */
	stubReferencesOf: string[];
	paths: Record<string, JsonObject>;
	schemas: Record<string, JsonObject>;
	edits: OverlayEdit[];
	subset: { description: string; notes: string[] };
}

export interface SpecSource {
	document: JsonObject;
	/** The stripe/openapi commit the file was taken from, recorded in the subset. */
	commit: string;
}

const SCHEMA_REF = '#/components/schemas/';

export function buildSubset(ga: SpecSource, preview: SpecSource, overlay: Overlay): JsonObject {
	const previewMark = `${overlay.privatePreview.file}@${preview.commit}`;
	const paths: JsonObject = {};
	const selected = [
		...overlay.ga.paths.map((path) => ({ path, from: ga, file: overlay.ga.file })),
		...overlay.privatePreview.paths.map((path) => ({ path, from: preview, file: overlay.privatePreview.file })),
	].sort((a, b) => compare(a.path, b.path));
	for (const { path, from, file } of selected) {
		const item = objectAt(from.document, ['paths', path], `${file} has no path ${path}`);
		paths[path] = from === preview ? { 'x-source': previewMark, ...without(clone(item), 'x-source') } : clone(item);
	}
	for (const [path, item] of Object.entries(overlay.paths)) paths[path] = clone(item);

	const { schemas, stubbed } = collectSchemas(ga, preview, overlay, paths, previewMark);
	const document: JsonObject = {
		openapi: ga.document.openapi,
		info: {},
		servers: clone(ga.document.servers),
		security: clone(ga.document.security),
		paths,
		components: {
			schemas,
			securitySchemes: clone(objectAt(ga.document, ['components', 'securitySchemes'], `${overlay.ga.file} has no securitySchemes`)),
		},
	};
	dropKeys(document, new Set(overlay.dropKeys));
	resolveCopies(document, document);
	for (const edit of overlay.edits) applyEdit(document, edit);

	const gaInfo = objectAt(ga.document, ['info'], `${overlay.ga.file} has no info`);
	document.info = {
		...clone(gaInfo),
		'x-subset': {
			description: overlay.subset.description,
			ga_source: `${overlay.ga.file}@${ga.commit}`,
			ga_spec_version: gaInfo.version,
			private_preview_source: previewMark,
			private_preview_items: [...Object.keys(paths), ...Object.keys(schemas)].filter((name) => {
				const item = name.startsWith('/') ? (paths[name] as JsonObject) : (schemas[name] as JsonObject);
				return item['x-source'] === previewMark;
			}),
			stubbed_schemas: stubbed,
			notes: overlay.subset.notes,
		},
	};
	return document;
}

/** Every schema the paths need, by name, sorted; stubs for those only `api_errors` reaches. */
function collectSchemas(
	ga: SpecSource,
	preview: SpecSource,
	overlay: Overlay,
	paths: JsonObject,
	previewMark: string,
): { schemas: JsonObject; stubbed: string[] } {
	const found = new Map<string, JsonObject>();
	const stubCandidates = new Set<string>();
	const pending = [...references(paths), ...references(overlay.schemas), ...(overlay.ga.schemas ?? []), ...Object.keys(overlay.schemas)];
	while (pending.length) {
		const name = pending.pop()!;
		if (found.has(name)) continue;
		const schema = findSchema(name, ga, preview, overlay, previewMark);
		found.set(name, schema);
		const referenced = references(schema);
		if (overlay.stubReferencesOf.includes(name)) referenced.forEach((ref) => stubCandidates.add(ref));
		else pending.push(...referenced);
	}
	const stubbed = [...stubCandidates].filter((name) => !found.has(name)).sort(compare);
	for (const name of stubbed) found.set(name, stub(name, overlay.stubReferencesOf));
	const schemas: JsonObject = {};
	for (const name of [...found.keys()].sort(compare)) schemas[name] = found.get(name)!;
	return { schemas, stubbed };
}

function findSchema(name: string, ga: SpecSource, preview: SpecSource, overlay: Overlay, previewMark: string): JsonObject {
	if (overlay.schemas[name]) return clone(overlay.schemas[name]);
	const inGa = objectAtOrUndefined(ga.document, ['components', 'schemas', name]);
	if (inGa) return clone(inGa);
	const inPreview = objectAtOrUndefined(preview.document, ['components', 'schemas', name]);
	if (inPreview) return { ...without(clone(inPreview), 'x-source'), 'x-source': previewMark };
	throw new Error(`Schema ${name} is in neither ${overlay.ga.file} nor ${overlay.privatePreview.file}`);
}

function stub(name: string, parents: string[]): JsonObject {
	const parent = parents.join('/');
	return {
		description: `STUB: referenced only via error.error (${parent}.${name}). The full schema is omitted from this subset because its transitive closure spans most of the Stripe spec; see components/schemas/${name} in the source spec.`,
		type: 'object',
		additionalProperties: true,
		'x-stub': true,
	};
}

/** Names of the schemas a value refers to with `$ref`. */
function references(value: Json | Record<string, JsonObject>): string[] {
	const names: string[] = [];
	const walk = (node: Json) => {
		if (Array.isArray(node)) node.forEach(walk);
		else if (node && typeof node === 'object') {
			for (const [key, child] of Object.entries(node)) {
				if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF)) names.push(child.slice(SCHEMA_REF.length));
				else walk(child);
			}
		}
	};
	walk(value as Json);
	return names;
}

function dropKeys(node: Json, keys: Set<string>): void {
	if (Array.isArray(node)) node.forEach((child) => dropKeys(child, keys));
	else if (node && typeof node === 'object') {
		for (const key of Object.keys(node)) {
			if (keys.has(key)) delete node[key];
			else dropKeys(node[key], keys);
		}
	}
}

/** `{"x-copyOf": [path]}` becomes a copy of the value at that path of the output document. */
function resolveCopies(node: Json, root: JsonObject, seen: string[] = []): Json {
	if (Array.isArray(node)) {
		node.forEach((child, index) => (node[index] = resolveCopies(child, root, seen)));
		return node;
	}
	if (!node || typeof node !== 'object') return node;
	const target = node['x-copyOf'];
	if (Array.isArray(target)) {
		const key = JSON.stringify(target);
		if (seen.includes(key)) throw new Error(`x-copyOf loops through ${key}`);
		const value = resolveCopies(clone(valueAt(root, target as JsonPath, `x-copyOf target ${key} not found`)), root, [...seen, key]);
		const overrides = without(node, 'x-copyOf');
		// keys beside x-copyOf (a description of its own) replace the copied ones
		return Object.keys(overrides).length && value && typeof value === 'object' && !Array.isArray(value) ? { ...value, ...overrides } : value;
	}
	for (const key of Object.keys(node)) node[key] = resolveCopies(node[key], root, seen);
	return node;
}

function applyEdit(document: JsonObject, edit: OverlayEdit): void {
	const where = `Overlay edit ${edit.op} at ${JSON.stringify(edit.at)}`;
	const parent = valueAt(document, edit.at.slice(0, -1), `${where}: target not found (did Stripe move it?)`);
	const last = edit.at[edit.at.length - 1];
	if (!parent || typeof parent !== 'object') throw new Error(`${where}: target not found (did Stripe move it?)`);
	if (edit.op === 'set') {
		(parent as Record<string | number, Json>)[last] = clone(edit.value);
		return;
	}
	const schema = (parent as Record<string | number, Json>)[last] as JsonObject | undefined;
	if (!schema || !Array.isArray(schema.enum)) throw new Error(`${where}: no enum there`);
	const missing = edit.values.filter((value) => !(schema.enum as Json[]).includes(value));
	if (missing.length) schema.enum = [...(schema.enum as string[]), ...missing].sort();
}

function valueAt(root: Json, path: JsonPath, problem: string): Json {
	let node: Json = root;
	for (const key of path) {
		const next: Json | undefined = node && typeof node === 'object' ? (node as Record<string | number, Json>)[key] : undefined;
		if (next === undefined) throw new Error(problem);
		node = next;
	}
	return node;
}

function objectAtOrUndefined(root: JsonObject, path: JsonPath): JsonObject | undefined {
	try {
		const value = valueAt(root, path, '');
		return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

function objectAt(root: JsonObject, path: JsonPath, problem: string): JsonObject {
	const found = objectAtOrUndefined(root, path);
	if (!found) throw new Error(problem);
	return found;
}

function without(object: JsonObject, key: string): JsonObject {
	const { [key]: _dropped, ...rest } = object;
	return rest;
}

function clone<T extends Json | undefined>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Code-unit order, as JSON keys and Stripe's spec files sort. */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
