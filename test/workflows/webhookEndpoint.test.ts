import type { INodeParameters, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { API_VERSIONS, WEBHOOK_EVENT_TYPES } from '../../nodes/shared/stripeSpec';
import { StripeWebhookEndpoint } from '../../nodes/StripeWebhookEndpoint/StripeWebhookEndpoint.node';
import { apiRequests, exampleNodeParameters, runStripeNode, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const HOOK_URL = 'https://hooks.example.com/stripe';

function createEndpoint(extra: INodeParameters = {}): INodeParameters {
	return { resource: 'endpoint', operation: 'create', url: HOOK_URL, enabledEvents: ['climate.order.created'], ...extra };
}

async function existingEndpoint(extra: INodeParameters = {}): Promise<string> {
	const created = await runStripeNode(emulator(), 'stripeWebhookEndpoint', createEndpoint(extra));
	expect(created.error).toBeUndefined();
	emulator().clearLog();
	return created.json[0].id as string;
}


describe('Stripe Webhook Endpoint node: endpoints', () => {
	test('Create takes the event types and API versions Stripe added after the spec file (apps.install, 3D Secure, endive)', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeWebhookEndpoint',
			createEndpoint({
				enabledEvents: ['apps.install.created', 'three_d_secure.authentication.succeeded'],
				additionalFields: { eventsApiVersion: '2026-10-28.endive' },
			}),
		);
		expect(result.error).toBeUndefined();
		expect(apiRequests(emulator(), '/v1/webhook_endpoints')[0].body).toMatchObject({
			enabled_events: ['apps.install.created', 'three_d_secure.authentication.succeeded'],
			api_version: '2026-10-28.endive',
		});
		expect(result.json[0]).toMatchObject({ api_version: '2026-10-28.endive', enabled_events: ['apps.install.created', 'three_d_secure.authentication.succeeded'] });
	});

	test('Create registers the endpoint and its output keeps the one-time signing secret', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeWebhookEndpoint',
			createEndpoint({
				enabledEvents: ['invoice.paid', 'crypto.onramp_session_updated', 'climate.order.created', 'invoice.paid'],
				additionalFields: {
					eventsApiVersion: '2026-07-29.dahlia',
					connect: true,
					description: 'Onramp and climate fulfilment',
					metadata: { pair: [{ key: 'owner', value: 'ops' }] },
				},
			}),
		);

		expect(result.error).toBeUndefined();
		const [post] = apiRequests(emulator(), '/v1/webhook_endpoints');
		expect(post.body).toEqual({
			url: HOOK_URL,
			enabled_events: ['climate.order.created', 'crypto.onramp_session_updated', 'invoice.paid'],
			api_version: '2026-07-29.dahlia',
			connect: 'true',
			description: 'Onramp and climate fulfilment',
			metadata: { owner: 'ops' },
		});
		expect(post.headers['idempotency-key']).toMatch(/^n8n-/);
		const endpoint = result.json[0];
		expect(endpoint).toMatchObject({
			object: 'webhook_endpoint',
			url: HOOK_URL,
			status: 'enabled',
			api_version: '2026-07-29.dahlia',
			secret: expect.stringMatching(/^whsec_/),
		});

		const fetched = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'get', endpointId: endpoint.id as string });
		expect(fetched.json[0].secret).toBeUndefined();
		const { secret, ...withoutSecret } = endpoint;
		expect(fetched.json[0]).toEqual(withoutSecret);
	});

	test('the wildcard alone is sent when chosen; no API version means the account default', async () => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', createEndpoint({ enabledEvents: ['charge.failed', '*'] }));

		expect(result.json[0].api_version).toBeNull();
		expect(apiRequests(emulator())[0].body).toEqual({ url: HOOK_URL, enabled_events: ['*'] });
	});

	test('an expression may carry an API version and an event type newer than the lists', async () => {
		const result = await runStripeNode(
			emulator(),
			'stripeWebhookEndpoint',
			createEndpoint({ enabledEvents: '={{ $json.events }}', additionalFields: { eventsApiVersion: '={{ $json.version }}' } }),
			{ items: [{ events: ['climate.order.created', 'climate.order.rerouted'], version: '2026-09-30.endive' }] },
		);

		expect(result.error).toBeUndefined();
		expect(apiRequests(emulator())[0].body).toMatchObject({ api_version: '2026-09-30.endive', enabled_events: ['climate.order.created', 'climate.order.rerouted'] });
	});

	test('Update changes URL, events, description, status and metadata; an empty description removes it', async () => {
		const endpointId = await existingEndpoint({ additionalFields: { description: 'first', metadata: { pair: [{ key: 'a', value: '1' }] } } });

		const updated = await runStripeNode(emulator(), 'stripeWebhookEndpoint', {
			resource: 'endpoint',
			operation: 'update',
			endpointId,
			updateFields: {
				url: 'https://hooks.example.com/stripe/v2',
				enabledEvents: ['climate.order.delivered', 'climate.order.canceled'],
				description: 'second',
				disabled: true,
				metadata: { pair: [{ key: 'b', value: '2' }, { key: 'a', value: '' }] },
			},
		});
		expect(updated.error).toBeUndefined();
		expect(updated.json[0]).toMatchObject({
			id: endpointId,
			url: 'https://hooks.example.com/stripe/v2',
			enabled_events: ['climate.order.canceled', 'climate.order.delivered'],
			description: 'second',
			status: 'disabled',
			metadata: { b: '2' },
		});

		const cleared = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'update', endpointId, updateFields: { description: '', disabled: false } });
		expect(cleared.json[0]).toMatchObject({ description: null, status: 'enabled', url: 'https://hooks.example.com/stripe/v2' });

		const [first, second] = apiRequests(emulator(), `/v1/webhook_endpoints/${endpointId}`);
		expect(first.body).toEqual({
			url: 'https://hooks.example.com/stripe/v2',
			enabled_events: ['climate.order.canceled', 'climate.order.delivered'],
			description: 'second',
			disabled: 'true',
			metadata: { b: '2', a: '' },
		});
		expect(second.rawBody).toBe('description=&disabled=false');
	});

	test('Clear All Metadata unsets every key with metadata=""', async () => {
		const endpointId = await existingEndpoint({ additionalFields: { metadata: { pair: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } } });
		const cleared = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'update', endpointId, updateFields: { clearMetadata: true } });
		expect(cleared.error).toBeUndefined();
		expect(cleared.json[0].metadata).toEqual({});
		expect(apiRequests(emulator(), `/v1/webhook_endpoints/${endpointId}`)[0].rawBody).toBe('metadata=');

		emulator().clearLog();
		const both = await runStripeNode(emulator(), 'stripeWebhookEndpoint', {
			resource: 'endpoint',
			operation: 'update',
			endpointId,
			updateFields: { clearMetadata: true, metadata: { pair: [{ key: 'c', value: '3' }] } },
		});
		expect(both.error?.message).toBe('Clear All Metadata cannot be used together with Metadata [item 0]');
		expect(emulator().requests).toHaveLength(0);
	});

	test('Delete removes the endpoint, without an idempotency key', async () => {
		const endpointId = await existingEndpoint();

		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'delete', endpointId });

		expect(result.json).toEqual([{ id: endpointId, object: 'webhook_endpoint', deleted: true }]);
		const [request] = apiRequests(emulator());
		expect(request).toMatchObject({ method: 'DELETE', path: `/v1/webhook_endpoints/${endpointId}` });
		expect(request.headers['idempotency-key']).toBeUndefined();
		expect(emulator().listObjects('webhook_endpoint')).toHaveLength(0);
	});

	test('Get Many returns every endpoint, or up to the limit', async () => {
		await runStripeNode(emulator(), 'stripeWebhookEndpoint', createEndpoint({ url: '={{ $json.url }}' }), {
			items: Array.from({ length: 6 }, (_, index) => ({ url: `${HOOK_URL}/${index}` })),
		});
		emulator().clearLog();

		const all = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'getAll', returnAll: true });
		const limited = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'getAll', limit: 2 });

		expect(all.json.map((endpoint) => endpoint.url)).toEqual(Array.from({ length: 6 }, (_, index) => `${HOOK_URL}/${5 - index}`));
		expect(all.json.every((endpoint) => endpoint.secret === undefined)).toBe(true);
		expect(limited.json.map((endpoint) => endpoint.id)).toEqual(all.json.slice(0, 2).map((endpoint) => endpoint.id));
		expect(apiRequests(emulator()).map((request) => request.query)).toEqual([{ limit: '100' }, { limit: '2' }]);
	});
});

describe('Stripe Webhook Endpoint node: editor lists', () => {
	const properties = new StripeWebhookEndpoint().description.properties;
	const createFields = properties.filter((property) => property.displayOptions?.show?.operation?.includes('create'));
	const eventField = createFields.find((property) => property.name === 'enabledEvents') as INodeProperties;
	const versionField = (createFields.find((property) => property.name === 'additionalFields')?.options as INodeProperties[]).find(
		(option) => option.name === 'eventsApiVersion',
	) as INodeProperties;

	test("Events offers all of the spec's event types plus crypto.onramp_session_updated", () => {
		const values = (eventField.options as INodePropertyOptions[]).map((option) => option.value);
		expect(values).toHaveLength(277);
		expect(new Set(values)).toEqual(new Set(WEBHOOK_EVENT_TYPES));
		expect(values).toContain('crypto.onramp_session_updated');
		expect(values).toEqual(expect.arrayContaining(['apps.install.created', 'apps.install.deleted', 'apps.install.updated', 'three_d_secure.authentication.challenge_started']));
		expect(values).toContain('*');
	});

	test('Events API Version offers the account default, then every spec version newest first', () => {
		const values = (versionField.options as INodePropertyOptions[]).map((option) => option.value);
		expect(versionField.default).toBe('');
		expect(values[0]).toBe('');
		expect(values.slice(1)).toEqual([...API_VERSIONS].reverse());
		expect(values.slice(1, 5)).toEqual(['2026-11-18.endive', '2026-10-28.endive', '2026-09-30.endive', '2026-08-26.dahlia']);
		expect(values).toHaveLength(131);
	});
});

const badInputs: Array<[string, INodeParameters, RegExp]> = [
	['an endpoint id without we_', { resource: 'endpoint', operation: 'get', endpointId: 'whsec_123' }, /^Webhook Endpoint ID must be an ID starting with "we_", got "whsec_123" \[item 0\]$/],
	['a URL that is not absolute', createEndpoint({ url: 'hooks.example.com/stripe' }), /^URL must be an absolute http:\/\/ or https:\/\/ URL, got "hooks\.example\.com\/stripe" \[item 0\]$/],
	['a URL that is not http(s)', createEndpoint({ url: 'mailto:ops@example.com' }), /^URL must be an absolute http:\/\/ or https:\/\/ URL, got "mailto:ops@example\.com" \[item 0\]$/],
	['events resolving to an empty list', createEndpoint({ enabledEvents: '={{ $json.events }}' }), /^Events must name at least one event type \[item 0\]$/],
	['a malformed API version expression', createEndpoint({ additionalFields: { eventsApiVersion: '={{ "latest" }}' } }), new RegExp(`^Events API Version must look like "${LATEST_API_VERSION.replace('.', '\\.')}", got "latest" \\[item 0\\]$`)],
	['an update with an empty event list', { resource: 'endpoint', operation: 'update', endpointId: 'we_123', updateFields: { enabledEvents: [] } }, /^Events must name at least one event type \[item 0\]$/],
	['an update with a relative URL', { resource: 'endpoint', operation: 'update', endpointId: 'we_123', updateFields: { url: '/stripe' } }, /^URL must be an absolute http:\/\/ or https:\/\/ URL, got "\/stripe" \[item 0\]$/],
	['an update with an empty URL', { resource: 'endpoint', operation: 'update', endpointId: 'we_123', updateFields: { url: '' } }, /^URL is required \[item 0\]$/],
	['a delete id without we_', { resource: 'endpoint', operation: 'delete', endpointId: 'we' }, /^Webhook Endpoint ID must be an ID starting with "we_", got "we" \[item 0\]$/],
];

describe('Stripe Webhook Endpoint node: bad input is refused before anything is sent', () => {
	test.each(badInputs)('%s', async (_name, parameters, message) => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', parameters, { items: [{ events: [] }] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test("no events chosen is caught by n8n's required-field check, and nothing is sent", async () => {
		await expect(runStripeNode(emulator(), 'stripeWebhookEndpoint', createEndpoint({ enabledEvents: [] }))).rejects.toThrow('The workflow has issues');
		expect(apiRequests(emulator())).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the others are created', async () => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', createEndpoint({ url: '={{ $json.url }}' }), {
			items: [{ url: `${HOOK_URL}/a` }, { url: 'not a url' }, { url: `${HOOK_URL}/c` }],
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.json.map((json) => json.object ?? 'error')).toEqual(['webhook_endpoint', 'error', 'webhook_endpoint']);
		expect(result.json[1].error).toBe('URL must be an absolute http:// or https:// URL, got "not a url" [item 1]');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(emulator()).map((request) => request.body.url)).toEqual([`${HOOK_URL}/a`, `${HOOK_URL}/c`]);
	});

	test('with Continue On Fail a missing endpoint becomes an error item naming the cause', async () => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'delete', endpointId: 'we_missing' }, { continueOnFail: true });
		expect(result.json[0].error).toMatch(/^Stripe: No such webhook endpoint/);
		expect(result.json[0].description).toMatch(/Code: resource_missing/);
	});
});

describe('Stripe Webhook Endpoint node: example workflow', () => {
	test('examples/webhook-endpoint-example.json registers the endpoint and returns its secret', async () => {
		const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', exampleNodeParameters('webhook-endpoint-example.json', 'stripeWebhookEndpoint'));

		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({
			object: 'webhook_endpoint',
			api_version: '2026-07-29.dahlia',
			enabled_events: ['climate.order.canceled', 'climate.order.created', 'climate.order.delivered', 'crypto.onramp_session_updated'],
			secret: expect.stringMatching(/^whsec_/),
		});
	});
});
