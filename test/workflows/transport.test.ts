import { Container } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { apiRequests, runStripeNode, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

/** Short retry waits keep the suite fast; the backoff rule itself is unit-tested. */
const fastRetries = { retryDelayMs: 1 };

const createSession = (options: Record<string, unknown> = {}) => ({
	resource: 'onrampSession',
	operation: 'create',
	additionalFields: { sourceAmount: '50', sourceCurrency: 'usd' },
	options: { ...fastRetries, ...options },
});

describe('shared transport, through a real workflow run', () => {
	test('a POST whose response is lost after commit is retried with the same key and creates one object', async () => {
		emulator().injectFaults(1, { kind: 'resetAfterCommit' }, { method: 'POST' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession());

		expect(result.error).toBeUndefined();
		const attempts = apiRequests(emulator(), '/v1/crypto/onramp_sessions');
		expect(attempts).toHaveLength(2);
		expect(attempts[0].headers['idempotency-key']).toBe(attempts[1].headers['idempotency-key']);
		expect(emulator().listObjects('crypto.onramp_session')).toHaveLength(1);
		expect(result.json[0].id).toBe(emulator().listObjects('crypto.onramp_session')[0].id);
	});

	test("n8n's Retry On Fail runs the node again with the same generated keys: a committed item is not bought twice", async () => {
		// Item 0 is committed but both answers are lost (the stale-socket retry included), so the
		// node fails; n8n then runs it again, and item 0 must get its first object back.
		emulator().injectFaults(2, { kind: 'resetAfterCommit' }, { method: 'POST' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', { ...createSession({ maxRetries: 0 }), additionalFields: { sourceAmount: '={{ $json.amount }}' } }, {
			items: [{ amount: '10' }, { amount: '20' }],
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(emulator().listObjects('crypto.onramp_session')).toHaveLength(2);
		const firstItemKeys = apiRequests(emulator()).filter((request) => request.body.source_amount === '10').map((request) => request.headers['idempotency-key']);
		expect(firstItemKeys).toHaveLength(3);
		expect(new Set(firstItemKeys).size).toBe(1);
	});

	test('two n8n instances sharing a Stripe key make different generated keys for the same execution number', async () => {
		// Execution ids count from 1 in every n8n database and node ids survive an import, so staging
		// and production running the same workflow as execution 7 must still not share keys.
		const settings = Container.get(InstanceSettings) as unknown as { instanceId: string };
		const production = settings.instanceId;
		const first = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession(), { executionId: '7' });
		settings.instanceId = 'another-n8n-instance';
		try {
			const second = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession(), { executionId: '7' });
			expect([first.error, second.error]).toEqual([undefined, undefined]);
		} finally {
			settings.instanceId = production;
		}

		const keys = apiRequests(emulator()).map((request) => request.headers['idempotency-key']);
		expect(keys).toHaveLength(2);
		expect(keys[0]).not.toBe(keys[1]);
		expect(emulator().listObjects('crypto.onramp_session')).toHaveLength(2);
	});

	test('a user key shared by two items is refused before anything is sent', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession({ idempotencyKey: 'same-for-all' }), { items: [{}, {}] });
		expect(result.error?.message).toBe(
			`Idempotency Key "same-for-all" is also the key of item 0: each item needs its own key, or Stripe answers it with item 0's result [item 1]`,
		);
		expect(emulator().requests).toHaveLength(0);
	});

	test('5xx and 409 are retried with the same key until success', async () => {
		emulator().injectFaults(1, { kind: 'status', status: 500 });
		emulator().injectFaults(1, { kind: 'status', status: 409 });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession());
		expect(result.error).toBeUndefined();
		const attempts = apiRequests(emulator());
		expect(attempts.map((attempt) => attempt.status)).toEqual([500, 409, 200]);
		expect(new Set(attempts.map((attempt) => attempt.headers['idempotency-key'])).size).toBe(1);
	});

	test('429 with Stripe-Should-Retry: false is not retried', async () => {
		emulator().injectFaults(1, { kind: 'status', status: 429, shouldRetry: false });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession());
		expect(result.error?.message).toMatch(/^Stripe: /);
		expect(apiRequests(emulator())).toHaveLength(1);
	});

	test('429 without the header is retried; Max Retries bounds the attempts', async () => {
		emulator().injectFaults(5, { kind: 'status', status: 429 });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession({ maxRetries: 3 }));
		expect(result.error).toBeDefined();
		expect(apiRequests(emulator())).toHaveLength(4);
	});

	test('a connection reset before commit is retried and creates one object', async () => {
		emulator().injectFaults(2, { kind: 'resetBeforeCommit' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession());
		expect(result.error).toBeUndefined();
		expect(emulator().listObjects('crypto.onramp_session')).toHaveLength(1);
	});

	test('a hanging request is abandoned after the timeout and retried', async () => {
		emulator().injectFaults(1, { kind: 'hang', ms: 3000 }, { method: 'GET' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'getAll',
			limit: 1,
			options: { ...fastRetries, timeoutSeconds: 0.3 },
		});
		expect(result.error).toBeUndefined();
		// A second request proves the first was abandoned: the hung one would have answered by itself.
		expect(apiRequests(emulator())).toHaveLength(2);
	});

	test('a request that keeps hanging fails after its retries instead of hanging the workflow', async () => {
		emulator().injectFaults(3, { kind: 'hang', ms: 5000 }, { method: 'GET' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'getAll',
			limit: 1,
			options: { ...fastRetries, timeoutSeconds: 0.2, maxRetries: 2 },
		});
		expect(result.error?.message).toBe('No answer from Stripe: the request timed out (3 attempts)');
		expect(apiRequests(emulator())).toHaveLength(3);
	});

	test('a POST retried while Stripe still processes the first attempt gets 409 and is retried with the same key', async () => {
		// The first attempt holds its key for 2 s; the retries (0.2 s timeout, backoff from 150 ms) are
		// sure to meet it in flight, and the later ones, at least 4.8 s in, to find it finished.
		emulator().injectFaults(1, { kind: 'hang', ms: 2000 }, { method: 'POST' });
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession({ timeoutSeconds: 0.2, maxRetries: 8, retryDelayMs: 150 }));
		expect(result.error).toBeUndefined();
		const attempts = apiRequests(emulator());
		expect(attempts.map((attempt) => attempt.status)).toContain(409);
		expect(new Set(attempts.map((attempt) => attempt.headers['idempotency-key'])).size).toBe(1);
		expect(emulator().listObjects('crypto.onramp_session')).toHaveLength(1);
	});

	test("Stripe's error becomes a NodeApiError with type, code, param, doc_url and Request-Id, and no secret", async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'get', sessionId: 'cos_doesNotExist' });
		const error = result.error as unknown as { message: string; description: string; httpCode: string };
		expect(error.message).toMatch(/^Stripe: No such/);
		expect(error.httpCode).toBe('404');
		expect(error.description).toContain('Type: invalid_request_error');
		expect(error.description).toContain('Code: resource_missing');
		expect(error.description).toMatch(/Request-Id: req_\w+/);
		expect(error.description).toContain(`Request-Id: ${apiRequests(emulator())[0].requestId}`);
		expect(JSON.stringify(result.run)).not.toContain(TEST_SECRET_KEY);
	});

	test('a credential without a Stripe key fails before any request, saying what a key looks like', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession(), { credentials: { secretKey: 'pk_test_publishable' } });
		expect(result.error?.message).toBe('The Stripe credential holds no valid secret key');
		expect((result.error as unknown as { description: string }).description).toContain('sk_test_');
		expect(emulator().requests).toHaveLength(0);
	});

	test.each([
		['Default Connected Account', { accountId: 'acct-123' }, 'must be a connected account ID starting with "acct_", got "acct-123"'],
		['API Version', { apiVersion: 'latest' }, `must look like "${LATEST_API_VERSION}", got "latest"`],
	])("a credential whose %s Stripe would refuse fails before any request, naming the field", async (field, credentials, description) => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSession(), { credentials });
		expect(result.error?.message).toBe(`The Stripe credential's ${field} is not valid`);
		expect((result.error as unknown as { description: string }).description).toBe(`${field} ${description}`);
		expect(emulator().requests).toHaveLength(0);
	});

	test('Requests in Parallel keeps input order, pairing and one key per item', async () => {
		const items = Array.from({ length: 12 }, (_, index) => ({ amount: String(index + 1) }));
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'create',
			additionalFields: { sourceAmount: '={{ $json.amount }}' },
			options: { requestsInParallel: 4, maxRequestsPerSecond: 200 },
		}, { items });
		expect(result.error).toBeUndefined();
		expect(result.json.map((session) => (session.transaction_details as { source_amount: string }).source_amount)).toEqual(items.map((item) => item.amount));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(new Set(apiRequests(emulator()).map((request) => request.headers['idempotency-key'])).size).toBe(12);
	});
});
