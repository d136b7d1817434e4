import { createHmac, timingSafeEqual } from 'node:crypto';
import { jsonParse } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

export interface StripeEvent extends IDataObject {
	id: string;
	type: string;
	livemode: boolean;
	data: { object: IDataObject; previous_attributes?: IDataObject };
}

export type SignatureCheck = { ok: true; event: StripeEvent } | { ok: false; status: 400 | 401; reason: string };

const reject = (status: 400 | 401, reason: string): SignatureCheck => ({ ok: false, status, reason });

/**
 * Stripe's scheme (stripe-node Webhooks.ts): `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`,
 * each v1 an HMAC-SHA256 of `<t>.<raw body>` keyed with the endpoint's whsec_ secret. Any v1 may
 * match (several are sent while a secret is being rolled). Unlike stripe-node, a timestamp more than
 * the tolerance in the future fails too: Stripe signs at send time, so such a header means a wrong
 * clock or a header not made for this delivery, and accepting it would keep it replayable for
 * longer than the tolerance. Malformed requests get 400, authentication failures 401.
 */
export function verifyStripeSignature(
	rawBody: Buffer | string | undefined,
	header: string | string[] | undefined,
	secret: string | undefined,
	toleranceSeconds: number,
	nowSeconds: number,
): SignatureCheck {
	if (!secret) return reject(401, 'No signing secret is stored for this trigger; reactivate the workflow');
	if (Array.isArray(header)) return reject(400, 'More than one Stripe-Signature header');
	if (!header) return reject(400, 'Missing Stripe-Signature header');
	if (!rawBody?.length) return reject(400, 'Empty body');
	const { timestamp, signatures } = parseHeader(header);
	if (timestamp === undefined || signatures.length === 0) return reject(400, 'Malformed Stripe-Signature header');

	const expected = Buffer.from(createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex'));
	const matches = (signature: Buffer) => signature.length === expected.length && timingSafeEqual(signature, expected);
	if (!signatures.map((signature) => Buffer.from(signature)).some(matches)) {
		return reject(401, 'No signature matches the body');
	}
	// Written so that a tolerance that is not a number (an expression gone wrong) refuses instead of accepting any age.
	if (!(Math.abs(nowSeconds - timestamp) <= toleranceSeconds)) return reject(401, 'Signature timestamp outside the tolerance');

	const event = parseEvent(rawBody.toString());
	return event ? { ok: true, event } : reject(400, 'Body is not a Stripe event');
}

/** Like stripe-node's parseHeader: comma-separated `key=value` pairs, the last `t`, every `v1`. */
function parseHeader(header: string): { timestamp?: number; signatures: string[] } {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const item of header.split(',')) {
		const [key, value = ''] = item.split('=');
		if (key === 't') timestamp = /^\d+$/.test(value) ? Number(value) : undefined;
		if (key === 'v1' && value) signatures.push(value);
	}
	return { timestamp, signatures };
}

function parseEvent(body: string): StripeEvent | undefined {
	const candidate = jsonParse<Partial<StripeEvent> | null>(body, { fallbackValue: null });
	const isEvent =
		typeof candidate?.id === 'string' &&
		typeof candidate.type === 'string' &&
		typeof candidate.data?.object === 'object' &&
		candidate.data.object !== null;
	return isEvent ? (candidate as StripeEvent) : undefined;
}
