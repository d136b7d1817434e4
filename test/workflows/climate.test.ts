import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { INode, INodeListSearchResult, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { StripeClimate } from '../../nodes/StripeClimate/StripeClimate.node';
import { actionNodes, apiRequests, exampleNodeParameters, PACKAGE, runStripeNode, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { MemoryCredentialsHelper, NodeTypeRegistry } from '../harness/workflow';

const context = useEmulator();
const emulator = () => context.emulator;

const PORTFOLIO_2027 = 'climsku_frontier_offtake_portfolio_2027';
const DIRECT_AIR_CAPTURE = 'climsku_frontier_direct_air_capture_2030';

const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function createOrder(extra: INodeParameters = {}): INodeParameters {
	return { resource: 'order', operation: 'create', product: fromList(PORTFOLIO_2027), metricTons: '0.5', ...extra };
}

async function existingOrder(parameters: INodeParameters = {}): Promise<string> {
	const created = await runStripeNode(emulator(), 'stripeClimate', createOrder(parameters));
	expect(created.error).toBeUndefined();
	emulator().clearLog();
	return created.json[0].id as string;
}


describe('Stripe Climate node: orders', () => {
	test('Create buys metric tons per item, with a generated idempotency key each', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeClimate',
			createOrder({
				product: byId('={{ $json.product }}'),
				metricTons: '={{ $json.tons }}',
				additionalFields: { metadata: { pair: [{ key: 'reference', value: '={{ $json.reference }}' }] } },
			}),
			{
				items: [
					{ product: PORTFOLIO_2027, tons: '0.25', reference: 'PO-1' },
					{ product: DIRECT_AIR_CAPTURE, tons: '1.5', reference: 'PO-2' },
				],
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			expect.objectContaining({ object: 'climate.order', product: PORTFOLIO_2027, metric_tons: '0.25', status: 'open', metadata: { reference: 'PO-1' } }),
			expect.objectContaining({ object: 'climate.order', product: DIRECT_AIR_CAPTURE, metric_tons: '1.5', status: 'open', metadata: { reference: 'PO-2' } }),
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const posts = apiRequests(emulator(), '/v1/climate/orders');
		expect(posts.map((request) => request.body)).toEqual([
			{ product: PORTFOLIO_2027, metric_tons: '0.25', metadata: { reference: 'PO-1' } },
			{ product: DIRECT_AIR_CAPTURE, metric_tons: '1.5', metadata: { reference: 'PO-2' } },
		]);
		const keys = posts.map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toMatch(/^n8n-/);
		expect(new Set(keys).size).toBe(2);
		expect(emulator().listObjects('climate.order')).toHaveLength(2);
	});

	test('Create spends an amount in a currency, for a named beneficiary', async () => {
		const result = await runStripeNode(emulator(), 'stripeClimate', {
			resource: 'order',
			operation: 'create',
			product: fromList(PORTFOLIO_2027),
			amount: '2500',
			currency: 'EUR',
			additionalFields: { beneficiaryPublicName: 'Acme Bakery', metadata: { pair: [{ key: 'campaign', value: 'spring' }] } },
		});

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ amount_total: 2500, currency: 'eur', beneficiary: { public_name: 'Acme Bakery' }, metadata: { campaign: 'spring' } });
		expect(apiRequests(emulator(), '/v1/climate/orders')[0].body).toEqual({
			product: PORTFOLIO_2027,
			amount: '2500',
			currency: 'eur',
			beneficiary: { public_name: 'Acme Bakery' },
			metadata: { campaign: 'spring' },
		});
	});

	test('running the same order workflow twice with an idempotency key expression buys once', async () => {
		const parameters = createOrder({ options: { idempotencyKey: '={{ "climate-" + $json.orderReference }}' } });
		const items = [{ orderReference: 'PO-1001' }];

		const first = await runStripeNode(emulator(), 'stripeClimate', parameters, { items });
		const second = await runStripeNode(emulator(), 'stripeClimate', parameters, { items });

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(second.json[0].id).toBe(first.json[0].id);
		expect(emulator().listObjects('climate.order').map((order) => order.id)).toEqual([first.json[0].id]);
		const posts = apiRequests(emulator(), '/v1/climate/orders');
		expect(posts.map((request) => request.headers['idempotency-key'])).toEqual(['climate-PO-1001', 'climate-PO-1001']);
	});

	test('without a key, the generated key is reused by the retry after a lost answer: one order', async () => {
		emulator().injectFaults(1, { kind: 'resetAfterCommit' }, { method: 'POST', pathPrefix: '/v1/climate/orders' });

		const result = await runStripeNode(emulator(), 'stripeClimate', createOrder({ options: { retryDelayMs: 10 } }));

		expect(result.error).toBeUndefined();
		const posts = apiRequests(emulator(), '/v1/climate/orders');
		expect(posts).toHaveLength(2);
		expect(posts[1].headers['idempotency-key']).toBe(posts[0].headers['idempotency-key']);
		expect(emulator().listObjects('climate.order').map((order) => order.id)).toEqual([result.json[0].id]);
	});

	test('Get returns the order, with the product expanded on request', async () => {
		const orderId = await existingOrder();

		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId, options: { expand: ['product'] } });

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ id: orderId, object: 'climate.order', product: { id: PORTFOLIO_2027, object: 'climate.product' } });
		const [request] = apiRequests(emulator());
		expect(request).toMatchObject({ method: 'GET', path: `/v1/climate/orders/${orderId}`, query: { expand: ['product'] } });
	});

	test('Update sets the beneficiary and metadata, and an empty beneficiary removes it', async () => {
		const orderId = await existingOrder({ additionalFields: { metadata: { pair: [{ key: 'old', value: 'x' }] } } });

		const updated = await runStripeNode(emulator(), 'stripeClimate', {
			resource: 'order',
			operation: 'update',
			orderId,
			updateFields: { beneficiaryPublicName: 'Acme Bakery', metadata: { pair: [{ key: 'team', value: 'ops' }, { key: 'old', value: '' }] } },
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json[0]).toMatchObject({ id: orderId, beneficiary: { public_name: 'Acme Bakery' }, metadata: { team: 'ops' } });

		const cleared = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'update', orderId, updateFields: { beneficiaryPublicName: '' } });
		expect(cleared.error).toBeUndefined();
		expect(cleared.json[0].beneficiary).toBeUndefined();
		expect(cleared.json[0].metadata).toEqual({ team: 'ops' });

		const [setRequest, clearRequest] = apiRequests(emulator(), `/v1/climate/orders/${orderId}`);
		expect(setRequest.body).toEqual({ beneficiary: { public_name: 'Acme Bakery' }, metadata: { team: 'ops', old: '' } });
		expect(clearRequest.rawBody).toBe('beneficiary=');
		expect(clearRequest.body).toEqual({ beneficiary: '' });
	});

	test('Cancel cancels an open order', async () => {
		const orderId = await existingOrder();

		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'cancel', orderId });

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ id: orderId, status: 'canceled', cancellation_reason: 'requested' });
		const [request] = apiRequests(emulator());
		expect(request).toMatchObject({ method: 'POST', path: `/v1/climate/orders/${orderId}/cancel`, body: {} });
		expect(request.headers['idempotency-key']).toMatch(/^n8n-/);
	});

	test('an ID is sent as one encoded path segment: climorder_%2e%2e reaches Stripe as itself', async () => {
		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'cancel', orderId: 'climorder_%2e%2e' });

		expect(apiRequests(emulator()).map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/climate/orders/climorder_%252e%252e/cancel']);
		expect(result.error?.message).toContain("No such climate order: 'climorder_%2e%2e'");
	});

	test('Get Many with Return All walks 250 orders in 3 pages of 100', async () => {
		emulator().seedClimateOrders(250);

		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'getAll', returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(new Set(result.json.map((order) => order.id)).size).toBe(250);
		const pages = apiRequests(emulator(), '/v1/climate/orders');
		expect(pages.map((page) => page.query.limit)).toEqual(['100', '100', '100']);
		expect(pages.map((page) => page.query.starting_after)).toEqual([undefined, result.json[99].id, result.json[199].id]);
	});

	test('Get Many with a limit asks for just that many', async () => {
		emulator().seedClimateOrders(30);

		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'getAll', limit: 7 });

		expect(result.json).toHaveLength(7);
		expect(apiRequests(emulator()).map((page) => page.query)).toEqual([{ limit: '7' }]);
	});
});

describe('Stripe Climate node: products and suppliers', () => {
	test('Product Get takes a product from the list or by ID', async () => {
		const fromPicker = await runStripeNode(emulator(), 'stripeClimate', { resource: 'product', operation: 'get', product: fromList(DIRECT_AIR_CAPTURE) });
		const typed = await runStripeNode(emulator(), 'stripeClimate', { resource: 'product', operation: 'get', product: byId(PORTFOLIO_2027) });

		expect(fromPicker.json[0]).toMatchObject({ id: DIRECT_AIR_CAPTURE, object: 'climate.product', metric_tons_available: '750.5' });
		expect(typed.json[0]).toMatchObject({ id: PORTFOLIO_2027, current_prices_per_metric_ton: expect.objectContaining({ usd: expect.any(Object) }) });
		expect(apiRequests(emulator()).map((request) => request.path)).toEqual([
			`/v1/climate/products/${DIRECT_AIR_CAPTURE}`,
			`/v1/climate/products/${PORTFOLIO_2027}`,
		]);
	});

	test('Product Get Many lists the catalogue Stripe offers', async () => {
		const all = await runStripeNode(emulator(), 'stripeClimate', { resource: 'product', operation: 'getAll', returnAll: true });
		const catalogue = await stripeApi(emulator(), 'GET', '/v1/climate/products?limit=100');

		expect(all.json).toEqual(catalogue.data);
		expect(all.json).toHaveLength(4);
		const limited = await runStripeNode(emulator(), 'stripeClimate', { resource: 'product', operation: 'getAll', limit: 2 });
		expect(limited.json.map((product) => product.id)).toEqual(all.json.slice(0, 2).map((product) => product.id));
	});

	test('Supplier Get and Get Many', async () => {
		const many = await runStripeNode(emulator(), 'stripeClimate', { resource: 'supplier', operation: 'getAll', returnAll: true });
		expect(many.error).toBeUndefined();
		expect(many.json.length).toBeGreaterThan(1);
		expect(many.json.every((supplier) => supplier.object === 'climate.supplier')).toBe(true);

		const one = await runStripeNode(emulator(), 'stripeClimate', { resource: 'supplier', operation: 'get', supplierId: 'climsup_heirloom' });
		expect(one.json[0]).toMatchObject({ id: 'climsup_heirloom', object: 'climate.supplier', removal_pathway: expect.any(String) });
		expect(apiRequests(emulator()).at(-1)?.path).toBe('/v1/climate/suppliers/climsup_heirloom');
	});
});

/**
 * The product picker, called the way n8n's editor backend calls a list search
 * (DynamicNodeParametersService.getResourceLocatorResults): n8n-core's LoadOptionsContext over a
 * one-node workflow, the credential resolved through the credentials helper, and the request sent
 * with the credential's authentication.
 */
async function searchProducts(filter?: string): Promise<INodeListSearchResult> {
	const parameters: INodeParameters = { resource: 'order', operation: 'create', product: fromList('') };
	const node: INode = {
		id: 'temp-node',
		name: 'Temp-Node',
		type: `${PACKAGE}.stripeClimate`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { stripePlatformApi: { id: 'stripe-emulator', name: 'Stripe (local emulator)' } },
	};
	const nodeTypes = new NodeTypeRegistry(actionNodes);
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new MemoryCredentialsHelper({ stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator().url } }),
		currentNodeParameters: parameters,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const loadOptionsContext = new LoadOptionsContext(workflow, node, additionalData, 'parameters.product');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1);
	const search = nodeType.methods?.listSearch?.searchClimateProducts;
	if (!search) throw new Error('stripeClimate has no searchClimateProducts list search');
	return search.call(loadOptionsContext, filter);
}

describe('Stripe Climate node: product picker', () => {
	test('the node names its list search method on the Product field', () => {
		const productFields = new StripeClimate().description.properties.filter((property) => property.name === 'product');
		// Get and Create, each in the node and in its Tool variant
		expect(productFields.length).toBe(4);
		for (const field of productFields) {
			expect(field.type).toBe('resourceLocator');
			expect(field.modes?.find((mode) => mode.name === 'list')?.typeOptions?.searchListMethod).toBe('searchClimateProducts');
		}
	});

	test('lists every product sorted by name, labelled with its price per ton including fees, the ID as the value', async () => {
		const { results } = await searchProducts();

		const catalogue = (await stripeApi(emulator(), 'GET', '/v1/climate/products?limit=100')).data as Array<{ id: string; name: string }>;
		expect(results.map((result) => result.value)).toEqual(
			[...catalogue].sort((a, b) => a.name.localeCompare(b.name, 'en')).map((entry) => entry.id),
		);
		expect(results.map((result) => result.name)).toEqual([...results.map((result) => result.name)].sort((a, b) => a.localeCompare(b, 'en')));
		expect(results).toHaveLength(4);
		expect(results.find((result) => result.value === PORTFOLIO_2027)).toEqual({
			name: 'Frontier 2027 Offtake Portfolio (USD 614.80/t incl. fees)',
			value: PORTFOLIO_2027,
			description: `${PORTFOLIO_2027} · delivery 2027 · 2,500 t available · per metric ton incl. fees: USD 614.80, EUR 565.62, GBP 485.69`,
		});
		for (const result of results) {
			expect(result.name.length).toBeLessThanOrEqual(60);
			expect(result.value).toMatch(/^climsku_[a-z0-9_]+$/);
		}
		const [request] = apiRequests(emulator(), '/v1/climate/products');
		expect(request.query).toEqual({ limit: '100' });
		expect(request.headers.authorization).toBe(`Bearer ${TEST_SECRET_KEY}`);
	});

	test('filters by the text typed into the picker, on name and ID', async () => {
		expect((await searchProducts('direct air')).results.map((result) => result.value)).toEqual([DIRECT_AIR_CAPTURE]);
		expect((await searchProducts('PORTFOLIO_2028')).results.map((result) => result.value)).toEqual(['climsku_frontier_offtake_portfolio_2028']);
		expect((await searchProducts('nothing like this')).results).toEqual([]);
	});
});

const badInputs: Array<[string, INodeParameters, RegExp]> = [
	['an order id without the climorder_ prefix', { resource: 'order', operation: 'get', orderId: 'ord_123' }, /^Order ID must be an ID starting with "climorder_", got "ord_123" \[item 0\]$/],
	['a path injection in the order id', { resource: 'order', operation: 'cancel', orderId: 'climorder_1/../../webhook_endpoints' }, /^Order ID must be an ID starting with "climorder_"/],
	['a product from an expression without climsku_', createOrder({ product: byId('={{ "prod_123" }}') }), /^Product must be an ID starting with "climsku_", got "prod_123" \[item 0\]$/],
	['a supplier id without climsup_', { resource: 'supplier', operation: 'get', supplierId: 'climsku_x' }, /^Supplier ID must be an ID starting with "climsup_", got "climsku_x" \[item 0\]$/],
	['both metric tons and amount', createOrder({ amount: '2500', currency: 'usd' }), /^Amount cannot be set together with Metric Tons: Stripe takes one or the other \[item 0\]$/],
	['neither metric tons nor amount', createOrder({ metricTons: '' }), /^Metric Tons or Amount is required: say how much carbon removal to buy \[item 0\]$/],
	['an amount without a currency', createOrder({ metricTons: '', amount: '2500' }), /^Currency is required with Amount: the amount is in that currency's smallest unit \[item 0\]$/],
	['an amount that is not a whole number', createOrder({ metricTons: '', amount: '25.5', currency: 'usd' }), /^Amount must be a positive whole number, got "25\.5" \[item 0\]$/],
	['metric tons that are not a number', createOrder({ metricTons: 'half' }), /^Metric Tons must be a positive decimal number such as "10" or "12\.50", got "half" \[item 0\]$/],
	['a currency that is not an ISO code', createOrder({ metricTons: '', amount: '100', currency: 'dollars' }), /^Currency must be a three-letter ISO currency code such as "usd", got "dollars" \[item 0\]$/],
];

describe('Stripe Climate node: bad input is refused before anything is sent', () => {
	test.each(badInputs)('%s', async (_name, parameters, message) => {
		const result = await runStripeNode(emulator(), 'stripeClimate', parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test('a typed product ID without climsku_ is caught by the field validation of n8n, and nothing is sent', async () => {
		await expect(runStripeNode(emulator(), 'stripeClimate', createOrder({ product: byId('prod_123') }))).rejects.toThrow('The workflow has issues');
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test('one bad item stops the run before any order is bought', async () => {
		const result = await runStripeNode(emulator(), 'stripeClimate', createOrder({ metricTons: '={{ $json.tons }}' }), {
			items: [{ tons: '1' }, { tons: '2' }, { tons: '-3' }],
		});
		expect(result.error?.message).toMatch(/^Metric Tons must be a positive decimal number.*\[item 2\]$/);
		expect(apiRequests(emulator())).toHaveLength(0);
		expect(emulator().listObjects('climate.order')).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the others are bought', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeClimate',
			createOrder({ metricTons: '={{ $json.tons }}', amount: '={{ $json.amount }}', currency: 'usd' }),
			{ items: [{ tons: '0.5' }, { tons: '1', amount: '100' }, { tons: '0.75' }], continueOnFail: true },
		);

		expect(result.error).toBeUndefined();
		expect(result.json.map((json) => json.object ?? 'error')).toEqual(['climate.order', 'error', 'climate.order']);
		expect(result.json[1].error).toBe('Amount cannot be set together with Metric Tons: Stripe takes one or the other [item 1]');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(emulator()).map((request) => request.body.metric_tons)).toEqual(['0.5', '0.75']);
	});

	test('with Continue On Fail a Stripe refusal becomes an error item naming the cause', async () => {
		const result = await runStripeNode(emulator(), 'stripeClimate', { resource: 'order', operation: 'get', orderId: 'climorder_missing' }, { continueOnFail: true });
		expect(result.json[0].error).toMatch(/^Stripe: No such climate order/);
		expect(result.json[0].description).toMatch(/Code: resource_missing/);
	});
});

describe('Stripe Climate node: example workflow', () => {
	test('examples/climate-order-example.json buys once, however often it runs', async () => {
		const parameters = exampleNodeParameters('climate-order-example.json', 'stripeClimate');

		const first = await runStripeNode(emulator(), 'stripeClimate', parameters);
		const second = await runStripeNode(emulator(), 'stripeClimate', parameters);

		expect(first.error).toBeUndefined();
		expect(first.json[0]).toMatchObject({ object: 'climate.order', metric_tons: '0.5', beneficiary: { public_name: 'Acme Bakery' }, metadata: { order_reference: 'PO-1001' } });
		expect(second.json[0].id).toBe(first.json[0].id);
		expect(emulator().listObjects('climate.order')).toHaveLength(1);
		expect(apiRequests(emulator()).map((request) => request.headers['idempotency-key'])).toEqual(['climate-order-PO-1001', 'climate-order-PO-1001']);
	});
});
