import type { INodeParameters } from 'n8n-workflow';

import { apiRequests, exampleNodeParameters, runStripeNode, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const DESTINATION = 'https://api.payments-partner.example/v1/charges';
const CARD_BODY = '{"card": {"number": "", "exp_month": "", "exp_year": "", "cvc": ""}, "amount": 1299}';

function createRequest(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'request',
		operation: 'create',
		paymentMethod: 'pm_card_visa',
		url: DESTINATION,
		replacements: ['card_number', 'card_expiry', 'card_cvc'],
		...extra,
	};
}


describe('Stripe Forwarding node: requests', () => {
	test('Create forwards body, headers and replacements, and returns everything Stripe answers', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeForwarding',
			createRequest({
				requestBody: CARD_BODY,
				requestHeaders: {
					header: [
						{ name: 'Content-Type', value: 'application/json' },
						{ name: 'Destination-API-Key', value: 'partner_key_123' },
						{ name: 'X-Order', value: '={{ $json.order }}' },
					],
				},
				additionalFields: { metadata: { pair: [{ key: 'order', value: '={{ $json.order }}' }] } },
			}),
			{ items: [{ order: 'A-17' }] },
		);

		expect(result.error).toBeUndefined();
		const [post] = apiRequests(emulator(), '/v1/forwarding/requests');
		expect(post.body).toEqual({
			payment_method: 'pm_card_visa',
			url: DESTINATION,
			replacements: ['card_number', 'card_expiry', 'card_cvc'],
			request: {
				body: CARD_BODY,
				headers: [
					{ name: 'Content-Type', value: 'application/json' },
					{ name: 'Destination-API-Key', value: 'partner_key_123' },
					{ name: 'X-Order', value: 'A-17' },
				],
			},
			metadata: { order: 'A-17' },
		});
		expect(post.headers['idempotency-key']).toMatch(/^n8n-/);

		const forwarded = result.json[0];
		expect(forwarded).toMatchObject({
			object: 'forwarding.request',
			payment_method: 'pm_card_visa',
			replacements: ['card_number', 'card_expiry', 'card_cvc'],
			request_context: { destination_duration: expect.any(Number), destination_ip_address: expect.any(String) },
			request_details: { body: CARD_BODY, http_method: 'POST' },
			response_details: { status: 200, body: expect.any(String), headers: expect.any(Array) },
			metadata: { order: 'A-17' },
		});
		// Nothing hidden, nothing added: the output is Stripe's object as Stripe serves it.
		expect(forwarded).toEqual(await stripeApi(emulator(), 'GET', `/v1/forwarding/requests/${String(forwarded.id)}`));
		expect(JSON.stringify(result.json)).not.toContain(TEST_SECRET_KEY);
	});

	test('a body expression giving an object is sent as JSON', async () => {
		const result = await runStripeNode(emulator(), 'stripeForwarding', createRequest({ replacements: ['card_number'], requestBody: '={{ { card: { number: "" }, amount: $json.amount } }}' }), {
			items: [{ amount: 500 }],
		});

		expect(result.error).toBeUndefined();
		expect(apiRequests(emulator())[0].body.request).toEqual({ body: '{"card":{"number":""},"amount":500}' });
	});

	test('without body and headers no request object is sent', async () => {
		await runStripeNode(emulator(), 'stripeForwarding', createRequest({ replacements: '={{ ["cardholder_name", "request_signature"] }}' }));

		const [post] = apiRequests(emulator());
		expect(post.body).toEqual({ payment_method: 'pm_card_visa', url: DESTINATION, replacements: ['cardholder_name', 'request_signature'] });
	});

	test('Get returns a forwarding request by ID', async () => {
		const created = await runStripeNode(emulator(), 'stripeForwarding', createRequest());
		const requestId = created.json[0].id as string;
		emulator().clearLog();

		const result = await runStripeNode(emulator(), 'stripeForwarding', { resource: 'request', operation: 'get', requestId });

		expect(result.json).toEqual(created.json);
		expect(apiRequests(emulator()).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/forwarding/requests/${requestId}`]);
	});

	test('Get Many walks every page, and the limit and created range reach Stripe', async () => {
		const created = await runStripeNode(emulator(), 'stripeForwarding', createRequest({ paymentMethod: '={{ $json.pm }}' }), {
			items: Array.from({ length: 120 }, (_, index) => ({ pm: `pm_card_${index}` })),
		});
		expect(created.json).toHaveLength(120);
		emulator().clearLog();

		const all = await runStripeNode(emulator(), 'stripeForwarding', { resource: 'request', operation: 'getAll', returnAll: true });
		expect(all.json).toHaveLength(120);
		expect(new Set(all.json.map((request) => request.id)).size).toBe(120);
		const pages = apiRequests(emulator());
		expect(pages.map((page) => page.query.limit)).toEqual(['100', '100']);
		expect(pages[1].query.starting_after).toBe(all.json[99].id);

		emulator().clearLog();
		const limited = await runStripeNode(emulator(), 'stripeForwarding', {
			resource: 'request',
			operation: 'getAll',
			limit: 3,
			filters: { createdAfter: '2020-01-01T00:00:00Z', createdBefore: '2100-01-01T00:00:00Z' },
		});
		expect(limited.json.map((request) => request.id)).toEqual(all.json.slice(0, 3).map((request) => request.id));
		expect(apiRequests(emulator())[0].query).toEqual({
			limit: '3',
			created: { gte: String(Date.parse('2020-01-01T00:00:00Z') / 1000), lte: String(Date.parse('2100-01-01T00:00:00Z') / 1000) },
		});
	});
});

describe('created filters', () => {
	test.each([
		['Europe/Berlin', 'winter', '2026-01-01T00:00:00', '2025-12-31T23:00:00Z'],
		['Europe/Berlin', 'summer', '2026-07-01T00:00:00', '2026-06-30T22:00:00Z'],
		['America/New_York', 'a date alone', '2026-01-01', '2026-01-01T05:00:00Z'],
		['Asia/Kolkata', 'an offset given', '2026-01-01T00:00:00+01:00', '2025-12-31T23:00:00Z'],
	])("a date picker value in %s (%s) is read in the workflow's timezone", async (timezone, _what, createdAfter, utc) => {
		await runStripeNode(emulator(), 'stripeForwarding', { resource: 'request', operation: 'getAll', limit: 1, filters: { createdAfter } }, { timezone });

		expect(apiRequests(emulator())[0].query.created).toEqual({ gte: String(Date.parse(utc) / 1000) });
	});
});

const badInputs: Array<[string, INodeParameters, RegExp]> = [
	['a payment method that is not pm_', createRequest({ paymentMethod: 'card_123' }), /^Payment Method ID must be an ID starting with "pm_", got "card_123" \[item 0\]$/],
	['a destination URL that is not absolute', createRequest({ url: 'partner.example/charges' }), /^Destination URL must be an absolute http:\/\/ or https:\/\/ URL, got "partner\.example\/charges" \[item 0\]$/],
	['a destination URL that is not http(s)', createRequest({ url: 'ftp://partner.example/charges' }), /^Destination URL must be an absolute http:\/\/ or https:\/\/ URL/],
	['replacements resolving to an empty list', createRequest({ replacements: '={{ [] }}' }), /^Replacements must name at least one card field for Stripe to fill in \[item 0\]$/],
	['a header without a name', createRequest({ requestHeaders: { header: [{ name: '', value: 'x' }] } }), /^Request Headers has a header without a name \[item 0\]$/],
	['a header name with a space', createRequest({ requestHeaders: { header: [{ name: 'Bad Header', value: 'x' }] } }), /^Request Headers has an invalid header name "Bad Header" \[item 0\]$/],
	['a body over 5000 characters', createRequest({ requestBody: 'x'.repeat(5001) }), /^Request Body must be at most 5000 characters, got 5001 \[item 0\]$/],
	['a forwarding request id without fwdreq_', { resource: 'request', operation: 'get', requestId: 'req_123' }, /^Forwarding Request ID must be an ID starting with "fwdreq_", got "req_123" \[item 0\]$/],
	['a created range the wrong way round', { resource: 'request', operation: 'getAll', filters: { createdAfter: '2026-02-01T00:00:00Z', createdBefore: '2026-01-01T00:00:00Z' } }, /^Created Before must not be earlier than Created After \[item 0\]$/],
];

describe('Stripe Forwarding node: bad input is refused before anything is sent', () => {
	test.each(badInputs)('%s', async (_name, parameters, message) => {
		const result = await runStripeNode(emulator(), 'stripeForwarding', parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test("no replacements chosen is caught by n8n's required-field check, and nothing is sent", async () => {
		await expect(runStripeNode(emulator(), 'stripeForwarding', createRequest({ replacements: [] }))).rejects.toThrow('The workflow has issues');
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the others are forwarded', async () => {
		const result = await runStripeNode(emulator(), 'stripeForwarding', createRequest({ paymentMethod: '={{ $json.pm }}' }), {
			items: [{ pm: 'pm_card_visa' }, { pm: 'tok_visa' }, { pm: 'pm_card_mastercard' }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((json) => json.object ?? 'error')).toEqual(['forwarding.request', 'error', 'forwarding.request']);
		expect(result.json[1].error).toBe('Payment Method ID must be an ID starting with "pm_", got "tok_visa" [item 1]');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(emulator()).map((request) => request.body.payment_method)).toEqual(['pm_card_visa', 'pm_card_mastercard']);
	});

	test("with Continue On Fail a URL Stripe has not enabled becomes an error item with Stripe's reason", async () => {
		const result = await runStripeNode(emulator(), 'stripeForwarding', createRequest({ url: 'http://partner.example/charges' }), { continueOnFail: true });

		expect(result.json[0].error).toMatch(/^Stripe: Invalid URL: http:\/\/partner\.example\/charges/);
		expect(result.json[0].description).toMatch(/Parameter: url/);
		expect(emulator().listObjects('forwarding.request')).toHaveLength(0);
	});
});

describe('Stripe Forwarding node: example workflow', () => {
	test('examples/forwarding-request-example.json forwards the card', async () => {
		const result = await runStripeNode(emulator(), 'stripeForwarding', exampleNodeParameters('forwarding-request-example.json', 'stripeForwarding'));

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ object: 'forwarding.request', payment_method: 'pm_card_visa', response_details: { status: 200 } });
		expect(apiRequests(emulator())[0].body.replacements).toEqual(['card_number', 'card_expiry', 'card_cvc', 'cardholder_name']);
	});
});
