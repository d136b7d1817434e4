import type { StripeResource } from '../../nodes/shared/operation';
import { climateResources } from '../../nodes/StripeClimate/StripeClimate.node';
import { cryptoOnrampResources } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { forwardingResources } from '../../nodes/StripeForwarding/StripeForwarding.node';
import { webhookEndpointResources } from '../../nodes/StripeWebhookEndpoint/StripeWebhookEndpoint.node';
import type { ActionNodeName } from '../harness/stripe';
import { stripeSpec } from './constants';

/** Every action node's resources, for the tests that walk all operations. */
export const nodeResources: Record<ActionNodeName, StripeResource[]> = {
	stripeCryptoOnramp: cryptoOnrampResources,
	stripeClimate: climateResources,
	stripeForwarding: forwardingResources,
	stripeWebhookEndpoint: webhookEndpointResources,
};

/**
 * GET /v1/crypto/onramp/quotes is in no spec file; its parameters come from Stripe's API
 * reference (docs.stripe.com/api/crypto/onramp_quotes, spec/endpoints.md §3).
 */
const DOCUMENTED_ONLY: Record<string, string[]> = {
	'GET /v1/crypto/onramp/quotes': ['destination_amount', 'destination_currencies', 'destination_networks', 'source_amount', 'source_currency'],
};

/** The request parameters Stripe takes for a route ("POST /v1/climate/orders"): query or form body, not path. */
export function specRequestParams(route: string): string[] {
	if (DOCUMENTED_ONLY[route]) return DOCUMENTED_ONLY[route];
	const [method, path] = route.split(' ');
	const operation = stripeSpec.paths[path]?.[method.toLowerCase()];
	if (!operation) throw new Error(`${route} is not in the spec subset`);
	const query = (operation.parameters ?? [])
		.filter((parameter: { in: string }) => parameter.in === 'query')
		.map((parameter: { name: string }) => parameter.name);
	const form = operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema?.properties ?? {};
	return [...query, ...Object.keys(form)];
}

/** Turns "/v1/climate/orders/{order}" into a matcher for recorded request paths. */
export function routeMatcher(route: string): { method: string; path: RegExp } {
	const [method, path] = route.split(' ');
	return { method, path: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`) };
}
