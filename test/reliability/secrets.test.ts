import { LoggerProxy } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { operationFixtures } from '../spec/fixtures';
import { nodeResources } from '../spec/operations';
import { type ActionNodeName, runStripeNode, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';

/**
 * Runs every operation, and every way a request can fail, with recognisable keys, and scans all
 * that n8n keeps of the run (items, errors with their stacks and descriptions) and everything
 * logged: no key may appear.
 */

const context = useEmulator();
/** Well formed, but the emulator refuses keys starting sk_test_revoked as Stripe refuses a rolled key. */
const WRONG_BUT_WELL_FORMED_KEY = 'sk_test_revokedRecognisableKey987654321';
const MALFORMED_KEY = 'pk_test_publishableRecognisable123456';
const SECRETS = [TEST_SECRET_KEY, WRONG_BUT_WELL_FORMED_KEY, MALFORMED_KEY, TEST_SECRET_KEY.slice(8), WRONG_BUT_WELL_FORMED_KEY.slice(8)];

const logged: string[] = [];
const record = (...args: unknown[]) => logged.push(JSON.stringify(args));

beforeAll(() => {
	LoggerProxy.init({ error: record, warn: record, info: record, debug: record } as never);
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, method).mockImplementation(record);
});
afterAll(() => jest.restoreAllMocks());

function expectNoSecret(label: string, text: string) {
	for (const secret of SECRETS) {
		if (text.includes(secret)) throw new Error(`${label}: found a secret key in ${text.slice(Math.max(0, text.indexOf(secret) - 200), text.indexOf(secret) + 60)}`);
	}
}

/** Everything a user or a log could see of a run, errors with their stacks included. */
function visible(run: unknown): string {
	return JSON.stringify(run, (_key, value) => (value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value));
}

const operations = Object.entries(nodeResources).flatMap(([node, resources]) =>
	resources.flatMap((resource) => resource.operations.map((operation) => ({ node: node as ActionNodeName, resource: resource.value, operation: operation.value }))),
);

describe('no secret key in outputs, errors or logs', () => {
	test.each(operations)('$node $resource:$operation, success and every failure path', async ({ node, resource, operation }) => {
		const emulator = context.emulator;
		const fixture = operationFixtures[node][`${resource}:${operation}`];
		const ids = (await fixture.prepare?.(emulator)) ?? {};
		const [parameters] = fixture.parameterSets(ids);
		const full: INodeParameters = { resource, operation, ...parameters };
		const runs = {
			success: await runStripeNode(emulator, node, full),
			stripeRefusesTheKey: await runStripeNode(emulator, node, full, { credentials: { secretKey: WRONG_BUT_WELL_FORMED_KEY } }),
			malformedKey: await runStripeNode(emulator, node, full, { credentials: { secretKey: MALFORMED_KEY } }),
			continueOnFail: await runStripeNode(emulator, node, full, { credentials: { secretKey: WRONG_BUT_WELL_FORMED_KEY }, continueOnFail: true }),
			serverErrors: await (async () => {
				emulator.injectFaults(3, { kind: 'status', status: 500 });
				return runStripeNode(emulator, node, { ...full, options: { ...(full.options as INodeParameters), retryDelayMs: 1 } });
			})(),
			noAnswer: await runStripeNode(emulator, node, { ...full, options: { ...(full.options as INodeParameters), retryDelayMs: 1 } }, { credentials: { baseUrl: 'http://127.0.0.1:9' } }),
		};
		expect(runs.success.error).toBeUndefined();
		expect(runs.stripeRefusesTheKey.error?.message).toMatch(/^Stripe: Invalid API Key provided/);
		expect(runs.malformedKey.error?.message).toBe('The Stripe credential holds no valid secret key');
		expect(runs.continueOnFail.json[0].error).toMatch(/^Stripe: Invalid API Key provided/);
		expect(runs.serverErrors.error).toBeDefined();
		expect(runs.noAnswer.error?.message).toMatch(/^No answer from Stripe/);
		for (const [path, run] of Object.entries(runs)) expectNoSecret(path, visible(run.run));
		expectNoSecret('logs', logged.join('\n'));
	});
});
