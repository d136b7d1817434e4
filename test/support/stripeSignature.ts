import * as crypto from 'node:crypto';

/**
 * A `Stripe-Signature` header as Stripe builds it: `t=<unix seconds>,v1=<HMAC-SHA256 of "t.body">`
 * (https://docs.stripe.com/webhooks#verify-manually). Written here rather than imported from the
 * trigger, so the suites check the trigger against an independent signer.
 */
export function sign(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
	return `t=${t},v1=${crypto.createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}
