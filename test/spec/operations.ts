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

/** The request parameters Stripe takes for a route ("POST /v1/climate/orders"): query or form body, not path. */
export function specRequestParams(route: string): string[] {
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
