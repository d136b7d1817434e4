import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { climateResources } from '../../nodes/StripeClimate/StripeClimate.node';
import { cryptoOnrampResources } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { forwardingResources } from '../../nodes/StripeForwarding/StripeForwarding.node';
import { webhookEndpointResources } from '../../nodes/StripeWebhookEndpoint/StripeWebhookEndpoint.node';
import type { StripeResource } from '../../nodes/shared/operation';
import { apiRequests, runStripeNode, stripeApi, TEST_SECRET_KEY, useEmulator, type ActionNodeName } from '../harness/stripe';
import { runAgent, toolInterface } from '../harness/tool';

/**
 * The action nodes as an AI agent's tools, run the way n8n runs them: a scripted agent asks
 * n8n-core for its tool (the schema from the $fromAI() expressions, the node's tool description)
 * and calls it; each call runs the node's Tool variant in its own SupplyDataContext.
 */

const context = useEmulator();
const emulator = () => context.emulator;

const PORTFOLIO_2027 = 'climsku_frontier_offtake_portfolio_2027';
const createOrder = { resource: 'order', operation: 'create' };

const nodes: Array<[ActionNodeName, StripeResource[]]> = [
	['stripeClimate', climateResources],
	['stripeCryptoOnramp', cryptoOnrampResources],
	['stripeForwarding', forwardingResources],
	['stripeWebhookEndpoint', webhookEndpointResources],
];

const everyOperation = nodes.flatMap(([node, resources]) =>
	resources.flatMap((resource) => resource.operations.map((operation) => [node, resource.value, operation.value] as const)),
);

/** The request plumbing that stays the builder's: never a model input. */
const BUILDER_ONLY = ['connected_account', 'idempotency_key', 'expand', 'api_version', 'requests_in_parallel', 'max_retries', 'timeout_seconds', 'include_secrets', 'return_all', 'output'];

describe('Stripe nodes as AI agent tools: what the model is told', () => {
	test('an attached Climate tool set to Create Order, and nothing else, asks the model for each input with a description and a JSON type', async () => {
		const { tool } = await runAgent(emulator(), 'stripeClimate', createOrder, []);

		const { properties, required } = tool.schema;
		expect(required).toEqual(['product']);
		expect(Object.keys(properties).sort()).toEqual(['amount', 'beneficiary_public_name', 'currency', 'full_object', 'metadata', 'metric_tons', 'product']);
		expect(properties.product).toMatchObject({ type: 'string', description: expect.stringContaining('climsku_frontier_offtake_portfolio_2027') });
		expect(properties.metric_tons).toMatchObject({ type: 'number', description: expect.stringMatching(/decimal number of metric tons/) });
		expect(properties.amount).toMatchObject({ type: 'number', description: expect.stringMatching(/smallest unit/) });
		expect(properties.currency).toMatchObject({ type: 'string', default: '' });
		expect(properties.full_object).toMatchObject({ type: 'boolean', default: false });
		expect(properties.metadata).toMatchObject({ type: 'string', description: expect.stringMatching(/JSON object/) });
		expect(tool.description).toMatch(/SPENDS MONEY/);
		expect(tool.description).toMatch(/Cancel within 24 hours/);
		expect(tool.description).not.toBe('Create a climate order in Stripe Climate');
	});

	test.each(everyOperation)('%s %s %s: a ready tool with its own description, every input described, no request plumbing offered', (node, resource, operation) => {
		const { schema, description } = toolInterface(node, { resource, operation });

		expect(description.length).toBeGreaterThan(80);
		expect(description).not.toMatch(/ in Stripe /);
		expect(description.startsWith('=')).toBe(false);
		for (const [key, property] of Object.entries(schema.properties)) {
			expect({ key, description: (property.description ?? '').length > 10 }).toEqual({ key, description: true });
			expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
		}
		expect(Object.keys(schema.properties).filter((key) => BUILDER_ONLY.includes(key))).toEqual([]);
		expect(Object.keys(schema.properties)).toContain('full_object');
	});

	test('option lists are the model\'s to fill, with their allowed values in the description', () => {
		const { schema } = toolInterface('stripeCryptoOnramp', { resource: 'onrampQuote', operation: 'get' });

		expect(schema.required?.sort()).toEqual(['amount']);
		expect(schema.properties.amount).toMatchObject({ type: 'number' });
		expect(schema.properties.destination_networks.description).toMatch(/Comma-separated, each one of: .*ethereum.*solana/);
		expect(schema.properties.destination_currencies.description).toMatch(/usdc/);
		expect(schema.properties.amount_type).toMatchObject({ type: 'string', default: 'source', description: expect.stringContaining('One of: source, destination') });
	});

	test('yes/no inputs are booleans, except in an update, where left out keeps the value and false is a change', async () => {
		const create = toolInterface('stripeWebhookEndpoint', { resource: 'endpoint', operation: 'create' }).schema.properties;
		const update = toolInterface('stripeWebhookEndpoint', { resource: 'endpoint', operation: 'update' }).schema.properties;
		expect(create.connect).toMatchObject({ type: 'boolean', default: false });
		expect(update.disabled).toMatchObject({ type: 'string', default: '', description: expect.stringContaining('"true" or "false"') });

		const agent = await runAgent(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'create' }, [
			{ wallet_addresses: '{"ethereum": "0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2"}', destination_networks: 'ethereum' },
			{ wallet_addresses: '{"ethereum": "0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2"}', destination_networks: 'ethereum', lock_wallet_address: true },
		]);
		expect(agent.thrown).toEqual([undefined, undefined]);
		const bodies = apiRequests(emulator(), '/v1/crypto/onramp_sessions').map((request) => request.body);
		expect(bodies).toEqual([
			{ wallet_addresses: { ethereum: '0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2' }, destination_networks: ['ethereum'] },
			{ wallet_addresses: { ethereum: '0xB00F0759DbeeF5E543Cc3E3B07A6442F5f3928a2' }, destination_networks: ['ethereum'], lock_wallet_address: 'true' },
		]);
	});

	test('an input the builder sets stays fixed and is not offered to the model', () => {
		const { schema } = toolInterface('stripeClimate', { ...createOrder, metricTons: 1, currency: 'usd', additionalFields: {} });

		expect(Object.keys(schema.properties).sort()).toEqual(['amount', 'full_object', 'product']);
	});

	test("the builder's own tool description wins", () => {
		const { description } = toolInterface('stripeClimate', { ...createOrder, toolDescription: 'Buy carbon removal for our bakery orders only.' });

		expect(description).toBe('Buy carbon removal for our bakery orders only.');
	});
});

describe('Stripe nodes as AI agent tools: what the model gets back', () => {
	test('a refused input and a Stripe refusal come back as results the model can act on, nothing is sent for the refused input, and the run goes on', async () => {
		const agent = await runAgent(emulator(), 'stripeClimate', createOrder, [
			{ product: PORTFOLIO_2027, metric_tons: -1 },
			{ product: 'climsku_no_such_product', metric_tons: 1 },
			{ product: PORTFOLIO_2027, metric_tons: 0.5 },
		]);

		expect(agent.thrown).toEqual([undefined, undefined, undefined]);
		const [refused, stripeRefusal, ordered] = agent.responses.map((response) => JSON.parse(response ?? 'null') as IDataObject[]);
		expect(refused).toEqual([
			{
				error: expect.stringMatching(/^Refused before sending: metric_tons must be a positive decimal number .* got "-1"/),
				input: 'metric_tons',
				sent: false,
				next: expect.any(String),
			},
		]);
		expect(stripeRefusal).toEqual([
			{
				error: "Stripe refused the request: No such climate product: 'climsku_no_such_product'",
				input: 'product',
				stripe: { status: 400, type: 'invalid_request_error', code: 'resource_missing', param: 'product', requestId: expect.stringMatching(/^req_/) },
				sent: true,
				next: expect.any(String),
			},
		]);
		expect(ordered[0]).toMatchObject({ status: 'open', metricTons: 0.5, productId: PORTFOLIO_2027 });
		const posts = apiRequests(emulator(), '/v1/climate/orders');
		expect(posts.map((request) => request.body.product)).toEqual(['climsku_no_such_product', PORTFOLIO_2027]);
	});

	test('retries exhausted come back as a result that says the outcome is unknown, and the run goes on', async () => {
		emulator().injectFaults(2, { kind: 'resetBeforeCommit' }, { pathPrefix: '/v1/climate/orders' });
		const agent = await runAgent(emulator(), 'stripeClimate', { ...createOrder, options: { maxRetries: 1, retryDelayMs: 0 } }, [
			{ product: PORTFOLIO_2027, metric_tons: 0.5 },
			{ product: PORTFOLIO_2027, metric_tons: 0.5 },
		]);

		expect(agent.thrown).toEqual([undefined, undefined]);
		const [lost] = JSON.parse(agent.responses[0] ?? 'null') as IDataObject[];
		expect(lost).toEqual({ error: expect.stringMatching(/^No answer from Stripe: .*\(2 attempts\)/), sent: 'unknown', next: expect.stringMatching(/list the recent objects/) });
		expect(agent.responses[1]).toMatch(/"status":"open"/);
	});

	test("a wrong setting of the tool's builder comes back as the tool's setting, not as the model's input", async () => {
		const agent = await runAgent(emulator(), 'stripeClimate', { ...createOrder, options: { connectedAccount: 'acme' } }, [{ product: PORTFOLIO_2027, metric_tons: 1 }]);

		expect(JSON.parse(agent.responses[0] ?? 'null')).toEqual([
			{
				error: `Refused before sending: the tool's Connected Account setting must be a connected account ID starting with "acct_", got "acme"`,
				setting: 'Connected Account',
				sent: false,
				next: expect.stringMatching(/builder/),
			},
		]);
		expect(apiRequests(emulator())).toEqual([]);
	});

	test('a credential without a usable key comes back as the builder\'s to fix, nothing is sent, the key is not shown, and the run goes on', async () => {
		const badKey = 'pk_test_51Nope0000000000000000000000000000000000000000';
		const agent = await runAgent(emulator(), 'stripeClimate', createOrder, [{ product: PORTFOLIO_2027, metric_tons: 1 }], { credentials: { secretKey: badKey } });

		expect(agent.thrown).toEqual([undefined]);
		const [refusal] = JSON.parse(agent.responses[0] ?? 'null') as IDataObject[];
		expect(refusal).toEqual({
			error: expect.stringMatching(/^Not sent: The Stripe credential holds no valid secret key/),
			setting: 'Stripe credential',
			sent: false,
			next: expect.stringMatching(/builder must fix the credential/),
		});
		expect(agent.responses[0]).not.toContain(badKey.slice(8));
		expect(apiRequests(emulator())).toEqual([]);
	});

	test('an option value outside its list is refused with the accepted values, before sending', async () => {
		const agent = await runAgent(emulator(), 'stripeCryptoOnramp', { resource: 'onrampQuote', operation: 'get' }, [
			{ amount: 100, destination_networks: 'ethereum,dogechain' },
		]);

		const [result] = JSON.parse(agent.responses[0] ?? 'null') as IDataObject[];
		expect(result).toMatchObject({ input: 'destination_networks', sent: false, error: expect.stringMatching(/accepts only .*ethereum.*; got "dogechain"/) });
		expect(apiRequests(emulator(), '/v1/crypto')).toEqual([]);
	});

	test('two writes in one agent run get two idempotency keys, and the model fills a key/value list as a JSON object', async () => {
		const agent = await runAgent(emulator(), 'stripeClimate', createOrder, [
			{ product: PORTFOLIO_2027, metric_tons: 0.25, metadata: '{"chat": "c-1"}' },
			{ product: PORTFOLIO_2027, amount: 2500, currency: 'usd' },
		]);

		expect(agent.thrown).toEqual([undefined, undefined]);
		const posts = apiRequests(emulator(), '/v1/climate/orders');
		expect(posts.map((request) => request.body)).toEqual([
			{ product: PORTFOLIO_2027, metric_tons: '0.25', metadata: { chat: 'c-1' } },
			{ product: PORTFOLIO_2027, amount: '2500', currency: 'usd' },
		]);
		const keys = posts.map((request) => request.headers['idempotency-key']);
		expect(keys.every((key) => typeof key === 'string' && key.startsWith('n8n-'))).toBe(true);
		expect(new Set(keys).size).toBe(2);
	});

	test('a list of 10 climate products stays well under 3,000 characters; the model may ask for more, or for whole objects', async () => {
		emulator().seedClimateProducts(12);
		const agent = await runAgent(emulator(), 'stripeClimate', { resource: 'product', operation: 'getAll' }, [{}, { limit: 15 }, { limit: 1, full_object: true }]);

		const [ten, fifteen, whole] = agent.responses.map((response) => JSON.parse(response ?? 'null') as IDataObject[]);
		const size = agent.responses[0]?.length ?? Infinity;
		console.log(`10 climate products as a tool result: ${size} characters`);
		expect(ten).toHaveLength(10);
		expect(size).toBeLessThan(2500);
		expect(ten[0]).toEqual({
			id: expect.stringMatching(/^climsku_/),
			name: expect.any(String),
			deliveryYear: expect.any(Number),
			metricTonsAvailable: expect.any(Number),
			pricesPerMetricTon: expect.objectContaining({ usd: expect.any(Number) }),
		});
		expect(fifteen).toHaveLength(15);
		expect(whole).toEqual([expect.objectContaining({ object: 'climate.product', current_prices_per_metric_ton: expect.any(Object) })]);
	});

	test('lists of 10 orders, onramp sessions and forwarding requests reach the model at under half their whole size', async () => {
		emulator().seedClimateOrders(10);
		emulator().seedOnrampSessions(10);
		for (let index = 0; index < 10; index++) {
			await stripeApi(emulator(), 'POST', '/v1/forwarding/requests', {
				payment_method: 'pm_card_visa',
				url: 'https://forwarding-api-demo.stripe.dev/v1/charges',
				'replacements[0]': 'card_number',
				'request[body]': '{"card":{"number":""}}',
			});
		}
		for (const [node, resource] of [['stripeClimate', 'order'], ['stripeCryptoOnramp', 'onrampSession'], ['stripeForwarding', 'request']] as const) {
			const agent = await runAgent(emulator(), node, { resource, operation: 'getAll' }, [{}, { full_object: true }]);
			const [compactList, wholeList] = agent.responses.map((response) => response ?? '');
			console.log(`10 ${resource}s as a tool result: ${compactList.length} characters (whole objects: ${wholeList.length})`);
			expect(JSON.parse(compactList)).toHaveLength(10);
			expect(compactList.length).toBeLessThan(wholeList.length / 1.5);
			expect(compactList.length).toBeLessThan(3500);
		}
	});

	test("no secrets reach the model: the onramp session's client secret is withheld unless the builder keeps it, and a key never appears in an error", async () => {
		const withheld = await runAgent(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'create' }, [{}, { full_object: true }]);
		const kept = await runAgent(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'create', options: { includeSecrets: true } }, [{ full_object: true }]);

		for (const response of withheld.responses) {
			expect(response).toMatch(/"id":"cos_/);
			expect(response).not.toMatch(/secret/i);
		}
		expect(kept.responses[0]).toMatch(/"client_secret":"cos_[A-Za-z0-9]+_secret_/);

		const endpoint = await runAgent(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'create' }, [
			{ url: 'https://example.com/hooks', enabled_events: 'climate.order.delivered' },
		]);
		expect(endpoint.responses[0]).toMatch(/"id":"we_/);
		expect(endpoint.responses[0]).not.toMatch(/whsec_|secret/i);
		expect(JSON.stringify(endpoint.run.data.resultData.runData['Stripe Tool'])).not.toContain(TEST_SECRET_KEY);
	});
});

describe('outside agents nothing changes', () => {
	test('the normal node still stops on a refused input, and still returns whole objects with their client secret', async () => {
		const refused = await runStripeNode(emulator(), 'stripeClimate', { ...createOrder, product: { __rl: true, mode: 'id', value: PORTFOLIO_2027 }, metricTons: '-1' });
		expect(refused.error?.message).toMatch(/^Metric Tons must be a positive decimal number/);

		const session = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'create' } as INodeParameters);
		expect(session.error).toBeUndefined();
		expect(session.json[0]).toMatchObject({ object: 'crypto.onramp_session', client_secret: expect.stringMatching(/_secret_/) });
		expect(await stripeApi(emulator(), 'GET', `/v1/crypto/onramp_sessions/${session.json[0].id as string}`)).toMatchObject({ id: session.json[0].id });
	});
});
