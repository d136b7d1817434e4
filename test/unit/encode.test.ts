import { dirname, join } from 'node:path';

import { encodeStripeParams, fillPath, type StripeParams } from '../../nodes/shared/encode';

// The official SDK's own encoder is the oracle: RequestSender encodes v1 bodies and queries with it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkUtils = require(join(dirname(require.resolve('stripe')), 'utils.js')) as {
	queryStringifyRequestData: (data: unknown) => string;
	makeURLInterpolator: (template: string) => (values: Record<string, string>) => string;
};

describe('encodeStripeParams', () => {
	// The worked examples of spec/NOTES.md §2, each checked against the text and against the SDK.
	const workedExamples: Array<[string, StripeParams, string]> = [
		[
			'webhook endpoint',
			{ url: 'https://example.com/hook', enabled_events: ['climate.order.created', 'climate.order.delivered'], metadata: { n8n_workflow: '42' } },
			'url=https%3A%2F%2Fexample.com%2Fhook&enabled_events[0]=climate.order.created&enabled_events[1]=climate.order.delivered&metadata[n8n_workflow]=42',
		],
		[
			'forwarding request with an array of objects',
			{
				payment_method: 'pm_123',
				url: 'https://endpoint-url/v1/payments',
				replacements: ['card_number', 'card_cvc'],
				request: { body: '{"a":1}', headers: [{ name: 'Destination-API-Key', value: 'k' }] },
			},
			'payment_method=pm_123&url=https%3A%2F%2Fendpoint-url%2Fv1%2Fpayments&replacements[0]=card_number&replacements[1]=card_cvc&request[body]=%7B%22a%22%3A1%7D&request[headers][0][name]=Destination-API-Key&request[headers][0][value]=k',
		],
		['climate order', { product: 'climsku_...', metric_tons: '0.01', beneficiary: { public_name: 'Acme' } }, 'product=climsku_...&metric_tons=0.01&beneficiary[public_name]=Acme'],
		['list query', { limit: 3, expand: ['data.product'], created: { gte: 1700000000 } }, 'limit=3&expand[0]=data.product&created[gte]=1700000000'],
	];

	test.each(workedExamples)('%s matches the worked example and the SDK', (_name, params, expected) => {
		expect(encodeStripeParams(params)).toBe(expected);
		expect(encodeStripeParams(params)).toBe(sdkUtils.queryStringifyRequestData(params));
	});

	test('booleans, empty strings, null, undefined, dates and reserved characters match the SDK', () => {
		const params: StripeParams = {
			connect: true,
			disabled: false,
			description: '',
			beneficiary: null,
			skipped: undefined,
			when: new Date('2026-01-02T03:04:05Z'),
			text: "it's (almost) *done*! ünïcode & = + #",
			nested: { list: [{ a: 1, b: [true, undefined, 'x'] }], empty: [] },
		};
		expect(encodeStripeParams(params)).toBe(sdkUtils.queryStringifyRequestData(params));
		expect(encodeStripeParams(params)).toContain('description=&beneficiary=&when=1767323045');
		expect(encodeStripeParams(params)).not.toContain('skipped');
		expect(encodeStripeParams(params)).not.toContain('empty');
	});

	test('nothing to send encodes to an empty string', () => {
		expect(encodeStripeParams(undefined)).toBe('');
		expect(encodeStripeParams({ a: undefined })).toBe('');
	});
});

describe('fillPath', () => {
	test.each([
		['/v1/climate/orders/{order}/cancel', { order: 'climorder_1Abc' }, '/v1/climate/orders/climorder_1Abc/cancel'],
		['/v1/climate/orders/{order}', { order: 'climorder_%2e%2e' }, '/v1/climate/orders/climorder_%252e%252e'],
		['/v1/webhook_endpoints/{id}', { id: 'we_1/../../v1/climate/orders' }, '/v1/webhook_endpoints/we_1%2F..%2F..%2Fv1%2Fclimate%2Forders'],
		['/v1/forwarding/requests/{id}', { id: 'fwdreq_1?expand[]=x#y' }, '/v1/forwarding/requests/fwdreq_1%3Fexpand%5B%5D%3Dx%23y'],
		['/v1/climate/products/{product}', { product: 'climsku_ünï code' }, '/v1/climate/products/climsku_%C3%BCn%C3%AF%20code'],
	])('%s with %j is %s, as the SDK builds it', (template, values, expected) => {
		expect(fillPath(template, values)).toBe(expected);
		expect(fillPath(template, values)).toBe(sdkUtils.makeURLInterpolator(template)(values));
	});

	test('a path without placeholders is left as it is', () => {
		expect(fillPath('/v1/climate/orders')).toBe('/v1/climate/orders');
	});

	test('a placeholder without a value, or a value without a placeholder, throws', () => {
		expect(() => fillPath('/v1/climate/orders/{order}', {})).toThrow('No value for {order} in /v1/climate/orders/{order}');
		expect(() => fillPath('/v1/climate/orders/{order}', { order: '' })).toThrow('No value for {order}');
		expect(() => fillPath('/v1/climate/orders/{order}', { order: 'climorder_1', id: 'x' })).toThrow('/v1/climate/orders/{order} has no {id}');
	});
});
