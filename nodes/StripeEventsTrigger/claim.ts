import { randomBytes } from 'node:crypto';
import { NodeApiError } from 'n8n-workflow';
import type { IWebhookFunctions, JsonObject } from 'n8n-workflow';

import { stripeErrorOf } from '../shared/errors';
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
 * has one: idempotency keys (docs.stripe.com/api/idempotent_requests). The claim is a POST to the
 * trigger's own endpoint under a key made of the endpoint and event ids, whose only parameter
 * unsets a metadata key named after this claim, which changes nothing. Stripe saves the first
 * request per key for at least 24 hours:
 * - the same parameters again (this claim's own retry, after its answer was lost) get the saved
 *   answer replayed: the claim is still this one's;
 * - other parameters (another process's claim) get a 400 `idempotency_error`: claimed elsewhere;
 * - a request while the first is in flight gets a 409, which the transport retries until one of
 *   the two answers above.
 *
 * Resolves true for the first claimant only. Rejects when Stripe cannot be asked; the caller then
 * answers with an error so that Stripe delivers the event again later.
 */
export async function claimEvent(context: IWebhookFunctions, endpointId: string, eventId: string): Promise<boolean> {
	const client = await createStripeClient(context, { timeoutMs: CLAIM_TIMEOUT_MS });
	const claimant = randomBytes(8).toString('hex');
	try {
		await client.request({
			method: 'POST',
			path: '/v1/webhook_endpoints/{id}',
			pathParams: { id: endpointId },
			params: { metadata: { [`n8n_claim_${claimant}`]: '' } },
			idempotencyKey: `n8n-event-claim-${endpointId}-${eventId}`,
		});
		return true;
	} catch (error) {
		const answer = stripeErrorOf(error);
		if (answer?.status === 400 && answer.type === 'idempotency_error') return false;
		throw error instanceof NodeApiError ? error : new NodeApiError(context.getNode(), error as JsonObject);
	}
}
