import { NodeHelpers, traverseNodeParameters } from 'n8n-workflow';
import type { FromAIArgument, INodeParameters, INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { climateResources, StripeClimate } from '../../nodes/StripeClimate/StripeClimate.node';
import { cryptoOnrampResources, StripeCryptoOnramp } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { forwardingResources, StripeForwarding } from '../../nodes/StripeForwarding/StripeForwarding.node';
import { StripeWebhookEndpoint, webhookEndpointResources } from '../../nodes/StripeWebhookEndpoint/StripeWebhookEndpoint.node';
import { buildActionProperties } from '../../nodes/shared/description';
import type { StripeResource } from '../../nodes/shared/operation';
import { compact, withoutSecrets } from '../../nodes/shared/tool';
import { fromAi, modelKey } from '../../nodes/shared/toolFields';
import { toolVariant } from '../harness/tool';

const nodes: Array<[string, INodeType, StripeResource[]]> = [
	['Stripe Climate', new StripeClimate(), climateResources],
	['Stripe Crypto Onramp', new StripeCryptoOnramp(), cryptoOnrampResources],
	['Stripe Forwarding', new StripeForwarding(), forwardingResources],
	['Stripe Webhook Endpoint', new StripeWebhookEndpoint(), webhookEndpointResources],
];

/** The parameters n8n holds for a node set to `resource`/`operation`: every shown field with its default. */
function shownParameters(description: INodeTypeDescription, resource: string, operation: string): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, { resource, operation }, true, false, { typeVersion: 1 } as never, description) ?? {};
}

function fromAiCalls(parameters: INodeParameters): FromAIArgument[] {
	const calls: FromAIArgument[] = [];
	traverseNodeParameters(parameters, calls);
	return calls;
}

describe.each(nodes)('%s', (_name, node, resources) => {
	const operations = resources.flatMap((resource) => resource.operations.map((operation) => [resource.value, operation.value] as const));

	test.each(operations)("%s %s: the normal node's panel is the one it had, without a model input or a tool field", (resource, operation) => {
		const before = { ...node.description, properties: [node.description.properties[0], ...buildActionProperties(resources)] } as INodeTypeDescription;

		expect(shownParameters(node.description, resource, operation)).toEqual(shownParameters(before, resource, operation));
		expect(fromAiCalls(shownParameters(node.description, resource, operation))).toEqual([]);
	});

	test.each(operations)('%s %s: the Tool variant asks the model for its inputs and keeps none of the normal fields', (resource, operation) => {
		const tool = toolVariant(node).description;
		const parameters = shownParameters(tool, resource, operation);
		const calls = fromAiCalls(parameters);

		expect(calls.length).toBeGreaterThan(0);
		expect(typeof parameters.toolDescription).toBe('string');
		expect(parameters).not.toHaveProperty('descriptionType');
		for (const name of ['purchaseNotice', 'destinationNotice', 'signingNotice', 'returnAll', 'output']) expect(parameters).not.toHaveProperty(name);
		const options = tool.properties.filter((property) => property.name === 'options' && property.displayOptions?.show?.['@tool']?.[0] === true);
		const builderOnly = options.flatMap((property) => property.options as INodeProperties[]).filter((option) => option.name !== 'idempotencyKey');
		expect(builderOnly.every((option) => option.noDataExpression === true)).toBe(true);
	});
});

describe('the $fromAI() expressions', () => {
	test('descriptions with quotes, backslashes and braces reach the model as written', () => {
		const description = `The customer's "name" \\ {{ not an expression }}, such as {"a": 1}`;
		const [call] = fromAiCalls({ field: fromAi('name', description, 'string', "it's") });

		expect(call).toEqual({ key: 'name', description: `The customer's "name" \\ { { not an expression } }, such as {"a": 1}`, type: 'string', defaultValue: "it's" });
	});

	test('keys are the field names as Stripe writes parameters', () => {
		expect(['metricTons', 'product', 'beneficiaryPublicName', 'destinationNetworks'].map(modelKey)).toEqual([
			'metric_tons',
			'product',
			'beneficiary_public_name',
			'destination_networks',
		]);
	});
});

describe('what a tool result keeps', () => {
	test('secrets Stripe returns are left out, secret header values withheld, keys in text masked', () => {
		const object = {
			id: 'cos_1',
			client_secret: 'cos_1_secret_abc',
			secret: 'whsec_abc',
			request: { headers: [{ name: 'Authorization', value: 'Bearer partner-key' }, { name: 'Content-Type', value: 'application/json' }] },
			note: 'paid with sk_test_abcdefghijklmnop and cos_1Xy_secret_Zz9',
		};

		expect(withoutSecrets(object)).toEqual({
			id: 'cos_1',
			request: { headers: [{ name: 'Authorization', value: '[withheld]' }, { name: 'Content-Type', value: 'application/json' }] },
			note: 'paid with sk_test_****mnop and [withheld]',
		});
	});

	test('the compact form leaves out what says nothing and minor-unit twins, and prices per currency read as currency to total', () => {
		expect(
			compact({
				id: 'climsku_1',
				livemode: false,
				canceledAt: null,
				metadata: {},
				amountTotal: 25,
				amountTotalMinor: 2500,
				supplierIds: ['climsup_a'],
				supplierNames: ['A'],
				prices: [
					{ currency: 'eur', amountTotal: 4.5, amountTotalMinor: 450 },
					{ currency: 'usd', amountTotal: 5, amountTotalMinor: 500 },
				],
			}),
		).toEqual({ id: 'climsku_1', amountTotal: 25, supplierIds: ['climsup_a'], prices: { eur: 4.5, usd: 5 } });
	});
});
