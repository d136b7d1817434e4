/**
 * Webhook endpoints (docs.stripe.com/api/webhook_endpoints). The `whsec_` secret is returned only
 * by create; `connect` is kept for routing but, like Stripe, not shown on the object.
 */
import { isWellFormedApiVersion } from '../auth';
import { invalidRequest } from '../errors';
import { newId, randomToken, unixNow } from '../ids';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { ScopeState, StoredWebhookEndpoint } from '../store';
import { applyMetadata, findOr404 } from './shared';

const NOUN = 'webhook endpoint';
/** "You can configure up to 16 webhook endpoints on each Stripe account" (docs.stripe.com/webhooks). */
const MAX_ENDPOINTS = 16;

const endpoints = (state: ScopeState) => state.collection<StoredWebhookEndpoint>('webhook_endpoint');

/** The API view: no secret (only create shows it) and no routing flag. */
export function presentEndpoint(endpoint: StoredWebhookEndpoint): Record<string, unknown> {
	const { secret, connect, ...visible } = endpoint;
	return visible;
}

function checkUrl(url: string): void {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
		throw invalidRequest(`Invalid URL: ${url}. URLs must begin with http:// or https://`, { param: 'url' });
	}
}

export const webhookEndpointHandlers: Record<string, OperationHandler> = {
	GetWebhookEndpoints: {
		execute: ({ state, params }) => listPage(endpoints(state), params, { url: '/v1/webhook_endpoints', noun: NOUN, present: presentEndpoint }),
	},
	PostWebhookEndpoints: {
		validate(params) {
			checkUrl(params.url);
			if (params.api_version !== undefined && !isWellFormedApiVersion(params.api_version)) {
				throw invalidRequest(`Invalid api_version: ${params.api_version}`, { param: 'api_version' });
			}
		},
		execute({ state, params }) {
			if (endpoints(state).size >= MAX_ENDPOINTS) {
				throw invalidRequest(`You have reached the maximum of ${MAX_ENDPOINTS} webhook endpoints on this account.`, { param: 'url' });
			}
			const endpoint = endpoints(state).insert({
				id: newId('we_'),
				object: 'webhook_endpoint',
				api_version: params.api_version ?? null,
				application: null,
				created: unixNow(),
				description: params.description || null,
				enabled_events: params.enabled_events,
				livemode: state.livemode,
				metadata: applyMetadata({}, params.metadata),
				status: 'enabled',
				url: params.url,
				secret: `whsec_${randomToken(32)}`,
				connect: params.connect ?? false,
			});
			return { ...presentEndpoint(endpoint), secret: endpoint.secret };
		},
	},
	GetWebhookEndpointsWebhookEndpoint: {
		execute: ({ state, pathParams }) => presentEndpoint(findOr404(endpoints(state), pathParams.webhook_endpoint, NOUN)),
	},
	PostWebhookEndpointsWebhookEndpoint: {
		validate(params) {
			if (params.url !== undefined) checkUrl(params.url);
		},
		execute({ state, params, pathParams }) {
			// updated in place: pending deliveries check the stored object itself
			const endpoint = findOr404(endpoints(state), pathParams.webhook_endpoint, NOUN);
			if (params.url !== undefined) endpoint.url = params.url;
			if (params.enabled_events !== undefined) endpoint.enabled_events = params.enabled_events;
			if (params.description !== undefined) endpoint.description = params.description || null;
			if (params.disabled !== undefined) endpoint.status = params.disabled ? 'disabled' : 'enabled';
			endpoint.metadata = applyMetadata(endpoint.metadata, params.metadata);
			return presentEndpoint(endpoint);
		},
	},
	DeleteWebhookEndpointsWebhookEndpoint: {
		execute({ state, pathParams }) {
			const endpoint = findOr404(endpoints(state), pathParams.webhook_endpoint, NOUN);
			endpoints(state).remove(endpoint.id);
			return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
		},
	},
};
