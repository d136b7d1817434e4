import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { type ActionNodeName, runStripeNode, useEmulator } from '../harness/stripe';
import { operationFixtures } from '../spec/fixtures';
import { nodeResources } from '../spec/operations';
import { nodeFolder, operationOutputSchema, type OutputSchema, outputSchemaFiles, SCHEMA_VERSION_DIR } from '../spec/outputSchemas';

const context = useEmulator();
const NODES = join(__dirname, '../../nodes');

function schemaFilesOnDisk(dir = NODES): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return schemaFilesOnDisk(path);
		return path.includes(`${'/'}__schema__/`) ? [relative(NODES, path)] : [];
	});
}

/** Where `value` strays from `schema`: a field the schema does not describe, or a type it does not allow. */
function mismatches(value: unknown, schema: OutputSchema, path: string): string[] {
	const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
	const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;
	if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) return [`${path} is ${actual}, the schema says ${allowed.join(' or ')}`];
	if (actual === 'array' && schema.items) return (value as unknown[]).flatMap((entry, index) => mismatches(entry, schema.items!, `${path}[${index}]`));
	// an object without described fields is a map (metadata, wallet addresses by network): any keys
	if (actual !== 'object' || !schema.properties || Object.keys(schema.properties).length === 0) return [];
	return Object.entries(value as IDataObject).flatMap(([key, child]) =>
		schema.properties![key] ? mismatches(child, schema.properties![key], `${path}.${key}`) : [`${path}.${key} is not in the schema`],
	);
}

const cases = Object.entries(nodeResources).flatMap(([node, resources]) =>
	resources.flatMap((resource) => resource.operations.map((operation) => ({ node: node as ActionNodeName, resource, operation, label: `${node} ${resource.value}:${operation.value}` }))),
);

describe('output schemas (what n8n shows before a node has run)', () => {
	test('one file per action operation, where n8n looks for it, equal to what the spec says (npm run generate:output-schemas)', () => {
		const expected = outputSchemaFiles(nodeResources);
		expect(schemaFilesOnDisk().sort()).toEqual(Object.keys(expected).sort());
		for (const [file, schema] of Object.entries(expected)) {
			expect([file, JSON.parse(readFileSync(join(NODES, file), 'utf8'))]).toEqual([file, schema]);
		}
		expect(Object.keys(expected)).toContain(`${nodeFolder('stripeClimate')}/__schema__/${SCHEMA_VERSION_DIR}/order/create.json`);
	});

	test.each(cases)('$label: every output item fits its schema', async ({ node, resource, operation }) => {
		const fixture = operationFixtures[node][`${resource.value}:${operation.value}`];
		const ids = (await fixture.prepare?.(context.emulator)) ?? {};
		const schema = operationOutputSchema(operation);
		let items = 0;
		for (const parameters of fixture.parameterSets(ids)) {
			// Expand replaces IDs with objects and an event's Output may ask for its object alone, on
			// request; the schema describes the default answer
			const options = { ...((parameters.options as IDataObject) ?? {}), expand: undefined };
			const defaults = { ...parameters, output: undefined };
			const result = await runStripeNode(context.emulator, node, { resource: resource.value, operation: operation.value, ...defaults, options } as INodeParameters);
			expect(result.error).toBeUndefined();
			for (const [index, json] of result.json.entries()) expect(mismatches(json, schema, `item ${index}`)).toEqual([]);
			items += result.json.length;
		}
		expect(items).toBeGreaterThan(0);
	});
});
