import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bundled spec subset (spec/SOURCE.txt says where it comes from). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const stripeSpec: any = JSON.parse(readFileSync(join(__dirname, '../../spec/stripe-openapi-subset.json'), 'utf8'));

/**
 * Stripe sends this event whenever an onramp session's status changes (docs.stripe.com/crypto/onramp,
 * "Listen to webhook events"), but the GA enum does not list it; enabled_events bypasses validation.
 */
export const EXTRA_EVENT_TYPES = ['crypto.onramp_session_updated'];

/** The enums the nodes offer as options, read from a spec subset (the bundled one unless given). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function extractSpecConstants(spec: any = stripeSpec): Record<string, string[]> {
	const formSchema = (path: string) => spec.paths[path].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties;
	const queryEnum = (path: string, name: string): string[] =>
		spec.paths[path].get.parameters.find((parameter: { name: string }) => parameter.name === name).schema.enum;
	const webhookCreate = formSchema('/v1/webhook_endpoints');
	const onrampCreate = formSchema('/v1/crypto/onramp_sessions');
	const forwardingCreate = formSchema('/v1/forwarding/requests');
	const mandate = formSchema('/v1/crypto/onramp_sessions/{id}/checkout').mandate_data.properties.customer_acceptance;
	return {
		WEBHOOK_EVENT_TYPES: [...webhookCreate.enabled_events.items.enum, ...EXTRA_EVENT_TYPES],
		API_VERSIONS: webhookCreate.api_version.enum,
		ONRAMP_SOURCE_CURRENCIES: onrampCreate.source_currency.enum,
		ONRAMP_DESTINATION_CURRENCIES: onrampCreate.destination_currency.enum,
		ONRAMP_DESTINATION_NETWORKS: onrampCreate.destination_network.enum,
		ONRAMP_SETTLEMENT_SPEEDS: onrampCreate.settlement_speed.enum,
		ONRAMP_SESSION_STATUSES: queryEnum('/v1/crypto/onramp_sessions', 'status'),
		MANDATE_ACCEPTANCE_TYPES: mandate.properties.type.enum,
		FORWARDING_REPLACEMENTS: forwardingCreate.replacements.items.enum,
	};
}
