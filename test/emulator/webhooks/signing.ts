/**
 * Stripe webhook signatures (stripe-node src/Webhooks.ts): header `t=<unix>,v1=<hex>` where v1 is
 * HMAC-SHA256 of `${t}.${rawBody}` keyed with the endpoint's `whsec_...` secret used as-is.
 */
import { createHmac } from 'node:crypto';

export function signPayload(payload: string, secret: string, timestamp: number): string {
	return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
	return `t=${timestamp},v1=${signPayload(payload, secret, timestamp)}`;
}
