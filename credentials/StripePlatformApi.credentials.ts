import { UserError } from 'n8n-workflow';
import type {
	IAuthenticateRuleResponseSuccessBody,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { LATEST_API_VERSION } from '../nodes/shared/constants';
import { credentialFieldProblem, readCredentialFields } from '../nodes/shared/credentialFields';

export class StripePlatformApi implements ICredentialType {
	name = 'stripePlatformApi';

	displayName = 'Stripe Platform API';

	icon: Icon = { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' };

	documentationUrl = 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#credential-stripe-platform-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_test_...',
			description:
				'A secret key (sk_test_…, sk_live_…) or a restricted key (rk_test_…, rk_live_…) from Developers → API keys',
		},
		{
			displayName: 'Default Connected Account',
			name: 'accountId',
			type: 'string',
			default: '',
			placeholder: 'acct_...',
			description:
				'Sent as the Stripe-Account header on every request unless a node sets its own Connected Account option. Leave empty to act on your own account.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: LATEST_API_VERSION,
			description:
				`Pins the Stripe-Version of every request and of the webhook endpoint the Stripe Events Trigger creates (a node's own API Version overrides it). Empty: requests use your account's default version, and a new trigger endpoint gets ${LATEST_API_VERSION}, as an endpoint must name one. Set it to your account's default version for the same event shapes from both triggers.`,
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.stripe.com',
			description:
				'Where requests go. Keep the default for Stripe; point it at a local Stripe emulator (for example http://127.0.0.1:12111) for development and tests. A test that fails with ENOTFOUND (or ECONNREFUSED, ETIMEDOUT) never reached Stripe: the host is mistyped, or this n8n cannot reach the internet (proxy, firewall, DNS). The key was not checked.',
		},
	];

	// A key that is not a Stripe key, or a malformed account or version, is refused here, before any
	// request carries it, with a message naming the field (the credential test shows it too). The
	// default account and version pin go on every request that does not set its own (the nodes'
	// transport always sets them itself), so the credential test checks them with the key.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const fields = readCredentialFields(credentials);
		const problem = credentialFieldProblem(fields);
		if (problem) throw new UserError(problem.message);
		const { secretKey, accountId, apiVersion } = fields;
		const headers: IDataObject = { ...requestOptions.headers, Authorization: `Bearer ${secretKey}` };
		const has = (name: string) => Object.keys(headers).some((key) => key.toLowerCase() === name.toLowerCase());
		if (accountId && !has('Stripe-Account')) headers['Stripe-Account'] = accountId;
		if (apiVersion && !has('Stripe-Version')) headers['Stripe-Version'] = apiVersion;
		requestOptions.headers = headers;
		return requestOptions;
	}

	// Listing webhook endpoints works with a restricted key limited to webhook endpoints.
	// n8n's tester shows only a fixed text for a failed request ("Authorization failed - please
	// check your credentials" for a 401, whatever rules say: the error it inspects carries no
	// response), and a test function would need the deprecated this.helpers.request. So the test
	// takes every answer as it comes and these rules, which n8n checks against the answer's body in
	// order, name what Stripe's error says (its `code`, else its `type`;
	// https://docs.stripe.com/error-codes and https://docs.stripe.com/api/errors). Stripe's own
	// message cannot be passed on. The last rule catches a Base URL that answers without being
	// Stripe (every Stripe answer is an object or an error), which would otherwise pass.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/webhook_endpoints',
			qs: { limit: 1 },
			ignoreHttpStatusErrors: true,
		},
		rules: [
			failWhenAnswer(
				'error.code',
				'api_key_expired',
				'Stripe: this API key has expired (api_key_expired). Roll or create a key under Developers → API keys in the Stripe Dashboard and paste it here.',
			),
			failWhenAnswer(
				'error.code',
				'account_invalid',
				'Stripe: this key cannot act on the Default Connected Account (account_invalid). Check the acct_… ID and that the account is connected to your platform, or leave the field empty.',
			),
			failWhenAnswer(
				'error.code',
				'rate_limit',
				'Stripe is rate limiting requests with this key (rate_limit): the key works; test again in a moment.',
			),
			failWhenAnswer(
				'error.type',
				'invalid_request_error',
				'Stripe refused the key (invalid_request_error): the key is mistyped, rolled or deleted, or it is a restricted key without read access to Webhook Endpoints, which this test lists. Copy a current key from Developers → API keys in the Stripe Dashboard. (An API Base URL ending in a path such as /v1 is refused the same way.)',
			),
			failWhenAnswer(
				'error.type',
				'api_error',
				'Stripe could not answer just now (api_error): the key was not checked. Test again in a moment; https://status.stripe.com tells of incidents.',
			),
			failWhenAnswer(
				'object',
				undefined,
				'The API Base URL answered, but not as Stripe does (no Stripe object or error in the answer). Keep https://api.stripe.com, or point it at a Stripe emulator.',
			),
		],
	};
}

/** A credential-test rule: the test fails with `message` when the answer's `key` is `value`. */
function failWhenAnswer(key: string, value: string | undefined, message: string): IAuthenticateRuleResponseSuccessBody {
	return { type: 'responseSuccessBody', properties: { key, value, message } };
}
