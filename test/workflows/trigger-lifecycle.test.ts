import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { PACKAGE, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { TriggerHarness } from '../harness/webhook';

const EVENTS = ['crypto.onramp_session_updated', 'climate.order.created'];

const stripe = useEmulator();
let harness: TriggerHarness;

async function startHarness(credentialPin = ''): Promise<TriggerHarness> {
	return await TriggerHarness.start({
		nodeType: new StripeEventsTrigger(),
		typeName: `${PACKAGE}.stripeEventsTrigger`,
		parameters: { events: EVENTS },
		credentials: {
			stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: stripe.emulator.url, apiVersion: credentialPin, accountId: '' },
		},
	});
}

/** Changes made outside the workflow, as in the Stripe Dashboard. */
const api = (method: 'POST' | 'DELETE', path: string, form?: Record<string, string>) => stripeApi(stripe.emulator, method, path, form);
const endpoints = () => stripe.emulator.listObjects('webhook_endpoint');
const creates = () => stripe.emulator.requests.filter((r) => r.method === 'POST' && r.path === '/v1/webhook_endpoints');

beforeEach(async () => {
	harness = await startHarness();
});

afterEach(() => harness.close());

describe('Stripe Events Trigger endpoint lifecycle', () => {
	it('registers one endpoint for the workflow and reuses it on every later activation', async () => {
		await harness.activate();
		await harness.activate(); // a restart of n8n: checkExists with the saved static data
		await harness.activate();

		expect(endpoints()).toHaveLength(1);
		const [endpoint] = endpoints();
		expect(endpoint).toMatchObject({
			url: harness.webhookUrl,
			enabled_events: ['climate.order.created', 'crypto.onramp_session_updated'],
			api_version: LATEST_API_VERSION,
			connect: false,
			status: 'enabled',
			description: 'n8n workflow "Trigger test workflow", node "Trigger"',
			metadata: { n8n_workflow_id: 'wf-trigger-test', n8n_node: 'Trigger' },
		});
		expect(harness.memory).toEqual({ endpointId: endpoint.id, secret: endpoint.secret, connect: false });
		expect(creates()).toHaveLength(1);
	});

	it("registers the credential's pinned API version when the node sets none", async () => {
		await harness.close();
		harness = await startHarness('2026-03-25.dahlia');
		await harness.activate();
		expect(endpoints()[0].api_version).toBe('2026-03-25.dahlia');
	});

	it('recreates an endpoint deleted behind its back', async () => {
		await harness.activate();
		const first = endpoints()[0];
		await api('DELETE', `/v1/webhook_endpoints/${first.id}`);

		await harness.activate();
		expect(endpoints()).toHaveLength(1);
		const second = endpoints()[0];
		expect(second.id).not.toBe(first.id);
		expect(harness.memory).toMatchObject({ endpointId: second.id, secret: second.secret });
	});

	it('updates changed events, a changed URL and a disabled endpoint in place', async () => {
		await harness.activate();
		const { id, secret } = endpoints()[0];
		await api('POST', `/v1/webhook_endpoints/${id}`, { url: 'http://127.0.0.1:9/elsewhere', disabled: 'true' });
		harness.parameters = { events: ['*'], description: 'All of them' };

		await harness.activate();
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0]).toMatchObject({
			id,
			secret,
			url: harness.webhookUrl,
			enabled_events: ['*'],
			description: 'All of them',
			status: 'enabled',
		});
		expect(harness.memory).toMatchObject({ endpointId: id, secret });
		expect(creates()).toHaveLength(1);
	});

	it('replaces the endpoint when the API version or Connect changes, which Stripe cannot update', async () => {
		await harness.activate();
		const first = endpoints()[0];

		harness.parameters = { events: EVENTS, apiVersion: '2026-06-24.dahlia' };
		await harness.activate();
		expect(endpoints()).toHaveLength(1);
		const second = endpoints()[0];
		expect(second).toMatchObject({ api_version: '2026-06-24.dahlia', url: harness.webhookUrl });
		expect(second.id).not.toBe(first.id);
		expect(harness.memory).toMatchObject({ endpointId: second.id, secret: second.secret });

		harness.parameters = { events: EVENTS, apiVersion: '2026-06-24.dahlia', connect: true };
		await harness.activate();
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0]).toMatchObject({ connect: true });
		expect(endpoints()[0].id).not.toBe(second.id);
		expect(harness.memory).toMatchObject({ endpointId: endpoints()[0].id, connect: true });
	});

	it('replaces the stored endpoint when its signing secret was lost, since it could verify nothing', async () => {
		await harness.activate();
		const first = endpoints()[0];
		delete (harness.staticData['node:Trigger'] as { secret?: string }).secret;

		await harness.activate();
		expect(endpoints()).toHaveLength(1);
		expect(endpoints()[0].id).not.toBe(first.id);
		expect(harness.memory).toMatchObject({ endpointId: endpoints()[0].id, secret: endpoints()[0].secret });
	});

	it('replaces a leftover endpoint with the same URL when no static data survived, and leaves others alone', async () => {
		const leftover = await api('POST', '/v1/webhook_endpoints', { url: harness.webhookUrl, 'enabled_events[0]': '*' });
		const unrelated = await api('POST', '/v1/webhook_endpoints', { url: 'http://127.0.0.1:9/other', 'enabled_events[0]': '*' });

		await harness.activate();
		const ours = endpoints().filter((e) => e.url === harness.webhookUrl);
		expect(ours).toHaveLength(1);
		expect(ours[0].id).not.toBe(leftover.id);
		expect(endpoints().map((e) => e.id)).toContain(unrelated.id);
		expect(harness.memory).toMatchObject({ endpointId: ours[0].id, secret: ours[0].secret });
	});

	it('removes a duplicate with its URL next to the stored endpoint', async () => {
		await harness.activate();
		const stored = endpoints()[0];
		await api('POST', '/v1/webhook_endpoints', { url: harness.webhookUrl, 'enabled_events[0]': '*' });

		await harness.activate();
		expect(endpoints().map((e) => e.id)).toEqual([stored.id]);
	});

	it('deletes the endpoint on deactivation and forgets it; an endpoint already gone is fine', async () => {
		await harness.activate();
		await harness.deactivate();
		expect(endpoints()).toHaveLength(0);
		expect(harness.memory).toEqual({});

		await harness.activate();
		await api('DELETE', `/v1/webhook_endpoints/${endpoints()[0].id}`);
		await harness.deactivate();
		expect(harness.memory).toEqual({});
	});

	it('raises a failed delete as a NodeApiError without the secret, and keeps the endpoint to retry', async () => {
		await harness.activate();
		const { id, secret } = endpoints()[0];
		stripe.emulator.injectFaults(1, { kind: 'status', status: 500, shouldRetry: false }, { method: 'DELETE', pathPrefix: '/v1/webhook_endpoints' });

		const error = await harness.deactivate().then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('500');
		expect(JSON.stringify(error) + String((error as Error).message)).not.toContain(secret);
		expect(endpoints().map((e) => e.id)).toEqual([id]);
		expect(harness.memory).toMatchObject({ endpointId: id });

		await harness.deactivate();
		expect(endpoints()).toHaveLength(0);
	});

	it('sends a stored endpoint ID as one encoded path segment', async () => {
		harness.staticData = { 'node:Trigger': { endpointId: 'we_1/../../climate/orders', secret: 'whsec_stored', connect: false } };

		await harness.activate();

		const requests = stripe.emulator.requests.map((r) => `${r.method} ${r.path}`);
		expect(requests).toContain('GET /v1/webhook_endpoints/we_1%2F..%2F..%2Fclimate%2Forders');
		expect(requests.filter((request) => request.includes('climate'))).toEqual(['GET /v1/webhook_endpoints/we_1%2F..%2F..%2Fclimate%2Forders']);
		expect(harness.memory).toMatchObject({ endpointId: endpoints()[0].id });
	});

	it('refuses to activate without events or with a malformed API version, creating nothing', async () => {
		harness.parameters = { events: [] };
		await expect(harness.activate()).rejects.toThrow(NodeOperationError);
		harness.parameters = { events: EVENTS, apiVersion: 'latest' };
		await expect(harness.activate()).rejects.toThrow("'latest' is not a Stripe API version");
		expect(endpoints()).toHaveLength(0);
	});
});
