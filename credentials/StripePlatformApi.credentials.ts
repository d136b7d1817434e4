import { UserError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { SECRET_KEY_HINT, SECRET_KEY_PATTERN } from '../nodes/shared/constants';

export class StripePlatformApi implements ICredentialType {
	name = 'stripePlatformApi';

	displayName = 'Stripe Platform API';

	icon: Icon = { light: 'file:stripe.svg', dark: 'file:stripe.dark.svg' };

	documentationUrl = 'https://docs.stripe.com/keys';

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
			placeholder: '2026-07-29.dahlia',
			description:
				"Pins the Stripe-Version header for every request. Leave empty to use your account's default version.",
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.stripe.com',
			description:
				'Where requests go. Keep the default for Stripe; point it at a local Stripe emulator (for example http://127.0.0.1:12111) for development and tests.',
		},
	];

	// A key that is not a Stripe key is refused here, before any request carries it, with a
	// message that says what a key looks like (the credential test shows it too).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const secretKey = String(credentials.secretKey ?? '').trim();
		if (!SECRET_KEY_PATTERN.test(secretKey)) throw new UserError(SECRET_KEY_HINT);
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${secretKey}` };
		return requestOptions;
	}

	// Listing webhook endpoints works with a restricted key limited to webhook endpoints. n8n's
	// credential test shows a rule's message for these answers (n8n 2.8 shows its own text for
	// any 401). Stripe's own message cannot be passed on: n8n hands a declarative test's answer
	// to no code of ours, and a test function would need the deprecated this.helpers.request.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/webhook_endpoints',
			qs: { limit: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Stripe refused this key (HTTP 401): it is mistyped, or it was rolled or deleted. Copy a current secret key (sk_…) or restricted key (rk_…) from Developers → API keys in the Stripe Dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Stripe refused this key access (HTTP 403): a restricted key needs at least read access to Webhook Endpoints, which this test lists.',
				},
			},
		],
	};
}
