import type { INodeProperties } from 'n8n-workflow';

import { LATEST_API_VERSION } from './constants';

/**
 * Options every action operation shows. Request options apply per item; run options
 * (parallelism, rate, retries, timeout) are read once per run from the first item.
 */
export function sharedOptions(isPost: boolean): INodeProperties {
	const requestOptions: INodeProperties[] = [
		{
			displayName: 'Connected Account',
			name: 'connectedAccount',
			type: 'string',
			default: '',
			placeholder: 'acct_...',
			description:
				"Act on behalf of this connected account (Stripe-Account header). Overrides the credential's default connected account.",
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: LATEST_API_VERSION,
			description: "Stripe-Version for this request. Empty: the credential's API Version, else your account's default version.",
		},
		{
			displayName: 'Expand',
			name: 'expand',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Field to Expand' },
			default: [],
			placeholder: 'field name (on lists: data.field name)',
			description: 'Related objects to include in full instead of as IDs, by the name of the field holding the ID (for example product on a climate order). On lists, prefix with data. (data.product).',
		},
	];
	if (isPost) {
		requestOptions.push({
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			placeholder: 'order-{{ $json.orderReference }}',
			description:
				'Stripe acts at most once per key: a repeated request with the same key returns the first result. Switch the field to Expression and build the key from your input (such as an order reference) so that re-running the workflow cannot repeat the action. Empty: a key is generated for each item and reused by its retries.',
		});
	}
	const runOptions: INodeProperties[] = [
		{
			displayName: 'Requests in Parallel',
			name: 'requestsInParallel',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 1,
			description:
				'How many items are sent to Stripe at the same time. Output keeps the input order. Raise it for large batches; the rate limit below still holds. Applies to the whole run (read from the first item).',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 25,
			description:
				"Stripe's limit is 25 per second in test mode and 100 in live mode. A 429 answer pauses every parallel request. Applies to the whole run.",
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 2,
			description:
				"Retries after a network failure, a conflict (409), a rate limit (429) or a Stripe server error (5xx), with the same idempotency key. Applies to the whole run. n8n's Retry On Fail setting runs the node again with the same keys too.",
		},
		{
			displayName: 'Initial Retry Delay (Milliseconds)',
			name: 'retryDelayMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'Wait before the first retry; it doubles for each further retry (up to 5 seconds), with jitter',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 80,
			description: 'Give up on an answer after this long and retry',
		},
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...requestOptions, ...runOptions],
	};
}
