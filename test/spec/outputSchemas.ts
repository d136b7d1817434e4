import { parseRoute, type StripeOperation, type StripeResource } from '../../nodes/shared/operation';
import { QUOTES_PATH } from '../../nodes/StripeCryptoOnramp/resources/onrampQuote/paths';
import { stripeSpec } from './constants';

/**
 * The output schemas n8n shows before a node has run (its "schema preview"): one JSON schema per
 * action node, resource and operation, describing one output item. n8n's server serves
 * `<node folder>/__schema__/v<version>/<resource>/<operation>.json` for the nodes of every
 * installed package (LoadNodesAndCredentials.resolveSchema, n8n 2.8 and 2.41); the editor reads
 * `type`, `properties` and `items`, taking the first entry of a type list.
 */
export interface OutputSchema {
	type: string | string[];
	properties?: Record<string, OutputSchema>;
	items?: OutputSchema;
}

/** The schema folder of a node version, as n8n names it (`padVersion` in the editor: 1 → 1.0.0). */
export const SCHEMA_VERSION_DIR = 'v1.0.0';

/** The node folder of an action node type name (stripeClimate → StripeClimate). */
export const nodeFolder = (nodeName: string) => nodeName[0].toUpperCase() + nodeName.slice(1);

interface SpecSchema {
	$ref?: string;
	type?: string;
	nullable?: boolean;
	properties?: Record<string, SpecSchema>;
	items?: SpecSchema;
	additionalProperties?: SpecSchema | boolean;
	anyOf?: SpecSchema[];
}

/** Nested objects deeper than this are shown as plain objects (the spec's expandable objects nest deeply). */
const MAX_DEPTH = 6;

function resolve(schema: SpecSchema): SpecSchema {
	if (!schema.$ref) return schema;
	const name = schema.$ref.replace('#/components/schemas/', '');
	const target = stripeSpec.components.schemas[name] as SpecSchema | undefined;
	if (!target) throw new Error(`${schema.$ref} is not in the spec subset`);
	return resolve(target);
}

/**
 * A spec schema as n8n reads it: references resolved, `nullable` as a second type `null`, and an
 * expandable field (`anyOf` of an ID and the object) as the ID, which is what arrives unless
 * the Expand option asks for the object.
 */
function toOutputSchema(specSchema: SpecSchema, depth = 0): OutputSchema {
	let schema = resolve(specSchema);
	if (schema.anyOf) {
		const variants = schema.anyOf.map(resolve);
		schema = { ...(variants.find((variant) => variant.type === 'string') ?? variants[0]), nullable: schema.nullable };
	}
	const type = schema.type ?? (schema.properties ? 'object' : 'string');
	const typed: OutputSchema = { type: schema.nullable ? [type, 'null'] : type };
	if (type === 'object') {
		typed.properties = {};
		if (depth < MAX_DEPTH) {
			for (const [key, child] of Object.entries(schema.properties ?? {})) typed.properties[key] = toOutputSchema(child, depth + 1);
		}
	}
	if (type === 'array' && schema.items) typed.items = toOutputSchema(schema.items, depth + 1);
	return typed;
}

/**
 * Onramp Quote → Get with Split Into Items (the default) outputs one quote of
 * destination_network_quotes per item, with what the node copies from the quotes object
 * (splitQuotes in onrampQuote/get.ts).
 */
function onrampQuoteItem(quotes: SpecSchema): OutputSchema {
	const quote = toOutputSchema((quotes.properties!.destination_network_quotes.additionalProperties as SpecSchema).items!);
	const whole = toOutputSchema(quotes).properties!;
	return {
		type: 'object',
		properties: { ...quote.properties, source_currency: whole.source_currency, rate_fetched_at: whole.rate_fetched_at, quotes_id: whole.id, livemode: whole.livemode },
	};
}

/** Operations whose items are not Stripe's object as it is, by route: the item's schema from the response's. */
const ITEM_SHAPES: Record<string, (response: SpecSchema) => OutputSchema> = {
	[`GET ${QUOTES_PATH}`]: onrampQuoteItem,
};

/** The schema of one output item of an operation: Stripe's object, or one listed object for a Get Many. */
export function operationOutputSchema(operation: StripeOperation): OutputSchema {
	const { method, path } = parseRoute(operation.route);
	const response = stripeSpec.paths[path]?.[method.toLowerCase()]?.responses?.['200']?.content?.['application/json']?.schema as SpecSchema | undefined;
	if (!response) throw new Error(`${operation.route} has no response schema in the spec subset`);
	const resolved = resolve(response);
	if (ITEM_SHAPES[operation.route]) return ITEM_SHAPES[operation.route](resolved);
	const isList = Boolean(resolved.properties?.data?.items && resolved.properties?.has_more);
	return toOutputSchema(isList ? (resolved.properties!.data.items as SpecSchema) : resolved);
}

/** Every schema file the action nodes ship: path below `nodes/` → schema. `resources`: each action node's resources, by node name. */
export function outputSchemaFiles(resourcesByNode: Record<string, StripeResource[]>): Record<string, OutputSchema> {
	const files: Record<string, OutputSchema> = {};
	for (const [nodeName, resources] of Object.entries(resourcesByNode)) {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				files[`${nodeFolder(nodeName)}/__schema__/${SCHEMA_VERSION_DIR}/${resource.value}/${operation.value}.json`] = operationOutputSchema(operation);
			}
		}
	}
	return files;
}
