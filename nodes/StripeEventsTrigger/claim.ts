import type { IWebhookFunctions } from 'n8n-workflow';

import { headerValue } from '../shared/headers';
import { createStripeClient } from '../shared/transport';

/**
 * A claim must answer well within Stripe's delivery timeout, so that a failed claim can still be
 * answered with an error that makes Stripe retry.
 */
const CLAIM_TIMEOUT_MS = 8000;

/**
 * Claims an event at Stripe so that, of several n8n processes receiving it at once (queue mode
 * with several webhook processes), exactly one starts the workflow. n8n gives nodes no shared
 * store with an atomic write (static data is loaded and saved whole, last writer wins), but Stripe
 * has one: idempotency keys. The claim is a POST to the trigger's own endpoint without parameters,
 * which changes nothing, under a key made of the endpoint and event ids. Stripe saves the first
 * answer per key for at least 24 hours and replays it to every later request with
 * `Idempotent-Replayed: true`; a request while the first is in flight gets a 409, which the
 * transport retries until it gets the replay (docs.stripe.com/api/idempotent_requests).
 *
 * Resolves true for the first claimant only. Rejects when Stripe cannot be asked; the caller then
 * answers with an error so that Stripe delivers the event again later.
 */
export async function claimEvent(context: IWebhookFunctions, endpointId: string, eventId: string): Promise<boolean> {
	const client = await createStripeClient(context, { timeoutMs: CLAIM_TIMEOUT_MS });
	const { headers } = await client.requestWithHeaders({
		method: 'POST',
		path: '/v1/webhook_endpoints/{id}',
		pathParams: { id: endpointId },
		idempotencyKey: `n8n-event-claim-${endpointId}-${eventId}`,
	});
	return headerValue(headers, 'idempotent-replayed') !== 'true';
}
