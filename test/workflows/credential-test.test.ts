import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, INode, INodeType, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { StripePlatformApi } from '../../credentials/StripePlatformApi.credentials';
import { useEmulator } from '../harness/stripe';
import { MemoryCredentialsHelper, NodeTypeRegistry } from '../harness/workflow';

const stripe = useEmulator();
const credentialType = new StripePlatformApi();

/**
 * Runs the credential's test request the way n8n's CredentialsTester runs a declarative test: a
 * temporary node whose one property routes the test request, executed by n8n-core's RoutingNode
 * with the credential's authentication. Resolves with the error n8n's tester would see, if any.
 */
async function runCredentialTest(
	secretKey: string,
	baseUrl = stripe.emulator.url,
	{ accountId = '', apiVersion = '' }: { accountId?: string; apiVersion?: string } = {},
): Promise<TestOutcome> {
	const data: ICredentialDataDecryptedObject = { secretKey, baseUrl, accountId, apiVersion };
	const testNode: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: credentialType.test.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypeRegistry({ 'n8n-nodes-base.noOp': testNode }) });
	const additionalData = { credentialsHelper: new MemoryCredentialsHelper({ [credentialType.name]: data }) } as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createRunExecutionData(), 0, [], { main: [[{ json: {} }]] }, { node, data: {}, source: null }, []);
	try {
		const output = await new RoutingNode(context, testNode, { id: 'test', name: 'test', type: credentialType.name, data }).runNode();
		return { response: output?.[0]?.[0]?.json };
	} catch (error) {
		return { error };
	}
}

interface TestOutcome {
	error?: unknown;
	response?: unknown;
}

/**
 * What n8n's editor shows for that outcome: the verdict of CredentialsTester.testCredentials for a
 * declarative test (packages/cli/src/services/credentials-tester.service.ts, the same in n8n 2.8.4
 * and 2.41.1): a failed request → the first `responseCode` rule for its status, else the reason
 * phrase; a 2xx answer → the first `responseSuccessBody` rule whose key has the rule's value.
 */
function testerVerdict({ error, response }: TestOutcome): { status: 'OK' | 'Error'; message: string } {
	const rules = (credentialType.test.rules ?? []) as Array<{ type: string; properties: { key?: string; value: unknown; message: string } }>;
	if (error) {
		const answer = (error as { cause?: { response?: { status: number; statusText?: string } } }).cause?.response;
		if (!answer) return { status: 'Error', message: (error as Error).message };
		const rule = rules.find((r) => r.type === 'responseCode' && r.properties.value === answer.status);
		return { status: 'Error', message: rule?.properties.message ?? answer.statusText ?? `Received HTTP status code: ${answer.status}` };
	}
	const rule = rules.find((r) => r.type === 'responseSuccessBody' && lookUp(response, r.properties.key ?? '') === r.properties.value);
	return rule ? { status: 'Error', message: rule.properties.message } : { status: 'OK', message: 'Connection successful!' };
}

/** lodash `get` for a dotted key, as the tester uses it. */
function lookUp(value: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), value);
}

/** A server at the Base URL that answers every request with `body`, as a wrong Base URL might. */
async function notStripe(status: number, contentType: string, body: string): Promise<{ url: string; close: () => Promise<void> }> {
	const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': contentType }).end(body));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The message of the rule for `value` (an error code or type, or undefined for the catch-all). */
const ruleFor = (value: string | undefined) =>
	(credentialType.test.rules ?? []).find((rule) => rule.type === 'responseSuccessBody' && rule.properties.value === value)?.properties.message;

describe('credential test (what n8n shows in the credential dialog)', () => {
	test('a working key passes with one request for one webhook endpoint', async () => {
		const outcome = await runCredentialTest('sk_test_workingKey0123456789');

		expect(testerVerdict(outcome)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(stripe.emulator.requests.map((request) => `${request.method} ${request.path}?limit=${String(request.query.limit)}`)).toEqual(['GET /v1/webhook_endpoints?limit=1']);
	});

	test.each([
		['a revoked key (401)', 'sk_test_revoked0123456789abcd', 401, 'invalid_request_error'],
		['an expired key (401, api_key_expired)', 'sk_test_expired0123456789abcd', 401, 'api_key_expired'],
		['a restricted key without access to webhook endpoints (403)', 'rk_test_denied0123456789abcd', 403, 'invalid_request_error'],
	])('%s shows the message for what Stripe said, not n8n\'s generic text', async (_what, key, status, said) => {
		const outcome = await runCredentialTest(key);

		expect(stripe.emulator.requests.map((request) => request.status)).toEqual([status]);
		expect(testerVerdict(outcome)).toEqual({ status: 'Error', message: ruleFor(said) });
		expect(ruleFor(said)).toMatch(/^Stripe/);
		expect(JSON.stringify(testerVerdict(outcome))).not.toContain(key);
	});

	test.each([
		['Stripe failing (500, api_error)', 500 as const, 'api_error'],
		['Stripe rate limiting (429, rate_limit)', 429 as const, 'rate_limit'],
	])('%s is told apart from a bad key', async (_what, status, said) => {
		stripe.emulator.injectFaults(1, { kind: 'status', status });
		const outcome = await runCredentialTest('sk_test_workingKey0123456789');

		expect(stripe.emulator.requests.map((request) => request.status)).toEqual([status]);
		expect(testerVerdict(outcome)).toEqual({ status: 'Error', message: ruleFor(said) });
	});

	test.each([
		['an HTML page', 200, 'text/html', '<!doctype html><title>Sign in</title>'],
		['JSON that is no Stripe object', 200, 'application/json', '{"ok":true}'],
		['a 404 page of another server', 404, 'text/html', '<h1>Not Found</h1>'],
	])('a Base URL answering %s is reported, not taken for a working connection', async (_what, status, contentType, body) => {
		const server = await notStripe(status, contentType, body);
		try {
			expect(testerVerdict(await runCredentialTest('sk_test_workingKey0123456789', server.url))).toEqual({ status: 'Error', message: ruleFor(undefined) });
		} finally {
			await server.close();
		}
	});

	test('the default connected account and the version pin are tested with the key', async () => {
		const outcome = await runCredentialTest('sk_test_workingKey0123456789', undefined, { accountId: 'acct_1Connected', apiVersion: '2026-03-25.dahlia' });

		expect(testerVerdict(outcome)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(stripe.emulator.requests.map((request) => [request.headers['stripe-account'], request.headers['stripe-version']])).toEqual([['acct_1Connected', '2026-03-25.dahlia']]);
	});

	test('a default connected account the key cannot reach shows the message for account_invalid', async () => {
		const outcome = await runCredentialTest('sk_test_workingKey0123456789', undefined, { accountId: 'acct_unconnected01' });

		expect(stripe.emulator.requests.map((request) => request.status)).toEqual([403]);
		expect(testerVerdict(outcome)).toEqual({ status: 'Error', message: ruleFor('account_invalid') });
		expect(ruleFor('account_invalid')).toMatch(/Default Connected Account/);
	});

	test.each([
		['a malformed default connected account', { accountId: 'acct-123' }, /^Default Connected Account must be a connected account ID starting with "acct_", got "acct-123"$/],
		['a malformed version pin', { apiVersion: 'dahlia' }, /^API Version must look like "\d{4}-\d{2}-\d{2}\.[a-z]+", got "dahlia"$/],
	])('%s is refused before any request, naming the field', async (_what, fields, message) => {
		const verdict = testerVerdict(await runCredentialTest('sk_test_workingKey0123456789', undefined, fields));

		expect(verdict).toEqual({ status: 'Error', message: expect.stringMatching(message) });
		expect(stripe.emulator.requests).toHaveLength(0);
	});

	test('a value that is no Stripe key is refused before any request', async () => {
		const verdict = testerVerdict(await runCredentialTest('pk_test_publishable0123456789'));

		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/^A Stripe secret key starts with sk_test_/);
		expect(stripe.emulator.requests).toHaveLength(0);
	});
});
