import { ExecuteContext, RoutingNode } from 'n8n-core';
import { createRunExecutionData, NodeApiError, Workflow } from 'n8n-workflow';
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
async function runCredentialTest(secretKey: string): Promise<unknown> {
	const data: ICredentialDataDecryptedObject = { secretKey, baseUrl: stripe.emulator.url, accountId: '', apiVersion: '' };
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
		await new RoutingNode(context, testNode, { id: 'test', name: 'test', type: credentialType.name, data }).runNode();
		return undefined;
	} catch (error) {
		return error;
	}
}

const ruleMessage = (status: number) =>
	credentialType.test.rules?.find((rule) => rule.type === 'responseCode' && rule.properties.value === status)?.properties.message;

describe('credential test', () => {
	test('a working key passes with one request for one webhook endpoint', async () => {
		expect(await runCredentialTest('sk_test_workingKey0123456789')).toBeUndefined();
		expect(stripe.emulator.requests.map((request) => `${request.method} ${request.path}?limit=${String(request.query.limit)}`)).toEqual(['GET /v1/webhook_endpoints?limit=1']);
	});

	test('a revoked key fails with HTTP 401, for which the credential has a message saying what to do', async () => {
		const error = await runCredentialTest('sk_test_revoked0123456789abcd');

		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('401');
		expect((error as NodeApiError).description).toBe("Invalid API Key provided: sk_test_*****************abcd");
		expect(ruleMessage(401)).toMatch(/^Stripe refused this key \(HTTP 401\): .*Developers → API keys/);
		expect(ruleMessage(403)).toMatch(/restricted key needs at least read access to Webhook Endpoints/);
	});
});
