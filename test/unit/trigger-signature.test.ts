import Stripe from 'stripe';

import { verifyStripeSignature } from '../../nodes/StripeEventsTrigger/signature';

const stripe = new Stripe('sk_test_x');
const SECRET = 'whsec_currentSigningSecret123';
const OLD_SECRET = 'whsec_previousSigningSecret456';
const NOW = 1_800_000_000;
const TOLERANCE = 300;
// Pretty-printed and non-ASCII like Stripe's payloads: the bytes signed are the bytes verified.
const PAYLOAD = JSON.stringify(
	{
		id: 'evt_1',
		object: 'event',
		type: 'climate.order.created',
		livemode: false,
		created: NOW,
		data: { object: { id: 'climorder_1', object: 'climate.order', beneficiary: { public_name: 'Café ☕ Zürich' } } },
	},
	null,
	2,
);

const header = (secret: string, timestamp = NOW, payload = PAYLOAD) =>
	stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
const signatureOf = (secret: string, timestamp = NOW, payload = PAYLOAD) => header(secret, timestamp, payload).split(',v1=')[1];

function stripeAccepts(payload: string, signature: string | undefined, secret: string): boolean {
	try {
		stripe.webhooks.constructEvent(payload, signature as string, secret, TOLERANCE, undefined, NOW * 1000);
		return true;
	} catch {
		return false;
	}
}

const WRONG = 'f'.repeat(64);

const cases: Array<{ name: string; payload?: string; header: string | undefined; secret: string; status?: 400 | 401 }> = [
	{ name: 'a valid signature', header: header(SECRET), secret: SECRET },
	{ name: 'a wrong v1 before the right one', header: `t=${NOW},v1=${WRONG},v1=${signatureOf(SECRET)}`, secret: SECRET },
	{ name: 'the right v1 before a wrong one', header: `t=${NOW},v1=${signatureOf(SECRET)},v1=${WRONG}`, secret: SECRET },
	{ name: 'a v0 next to the right v1', header: `t=${NOW},v0=${WRONG},v1=${signatureOf(SECRET)}`, secret: SECRET },
	{
		name: 'a rolled secret: old and new signatures, checked with the new secret',
		header: `t=${NOW},v1=${signatureOf(OLD_SECRET)},v1=${signatureOf(SECRET)}`,
		secret: SECRET,
	},
	{
		name: 'a rolled secret: old and new signatures, checked with the old secret',
		header: `t=${NOW},v1=${signatureOf(OLD_SECRET)},v1=${signatureOf(SECRET)}`,
		secret: OLD_SECRET,
	},
	{ name: 'only the old secret’s signature after the roll', header: header(OLD_SECRET), secret: SECRET, status: 401 },
	{ name: 'a timestamp exactly the tolerance old', header: header(SECRET, NOW - TOLERANCE), secret: SECRET },
	{ name: 'a stale timestamp', header: header(SECRET, NOW - TOLERANCE - 1), secret: SECRET, status: 401 },
	{ name: 'a tampered body', payload: PAYLOAD.replace('climorder_1', 'climorder_2'), header: header(SECRET), secret: SECRET, status: 401 },
	{ name: 'a timestamp changed after signing', header: header(SECRET).replace(`t=${NOW}`, `t=${NOW + 1}`), secret: SECRET, status: 401 },
	{ name: 'a missing header', header: undefined, secret: SECRET, status: 400 },
	{ name: 'an empty header', header: '', secret: SECRET, status: 400 },
	{ name: 'a header that is not key=value pairs', header: 'garbage', secret: SECRET, status: 400 },
	{ name: 'a header without a timestamp', header: `v1=${signatureOf(SECRET)}`, secret: SECRET, status: 400 },
	{ name: 'a header with a non-numeric timestamp', header: `t=soon,v1=${signatureOf(SECRET)}`, secret: SECRET, status: 400 },
	{ name: 'a header without v1', header: `t=${NOW},v0=${signatureOf(SECRET)}`, secret: SECRET, status: 400 },
	{ name: 'a signature of the wrong length', header: `t=${NOW},v1=${signatureOf(SECRET).slice(1)}`, secret: SECRET, status: 401 },
	{ name: 'no stored secret', header: header(SECRET), secret: '', status: 401 },
	{
		name: 'a correctly signed body that is not JSON',
		payload: 'not json',
		header: header(SECRET, NOW, 'not json'),
		secret: SECRET,
		status: 400,
	},
];

describe('verifyStripeSignature', () => {
	it.each(cases)('agrees with stripe.webhooks.constructEvent on $name', ({ payload = PAYLOAD, header, secret, status }) => {
		const result = verifyStripeSignature(Buffer.from(payload), header, secret || undefined, TOLERANCE, NOW);
		expect(result.ok).toBe(stripeAccepts(payload, header, secret));
		if (status) expect(result).toMatchObject({ ok: false, status });
		else expect(result).toMatchObject({ ok: true, event: JSON.parse(payload) });
	});

	it('accepts the body as a string too', () => {
		expect(verifyStripeSignature(PAYLOAD, header(SECRET), SECRET, TOLERANCE, NOW).ok).toBe(true);
	});

	it('refuses a signed JSON body that is not an event', () => {
		const body = JSON.stringify({ hello: 'world' });
		expect(verifyStripeSignature(Buffer.from(body), header(SECRET, NOW, body), SECRET, TOLERANCE, NOW)).toEqual({
			ok: false,
			status: 400,
			reason: 'Body is not a Stripe event',
		});
	});

	it('refuses repeated Stripe-Signature headers and an empty body', () => {
		expect(verifyStripeSignature(Buffer.from(PAYLOAD), [header(SECRET), header(SECRET)], SECRET, TOLERANCE, NOW)).toMatchObject({ status: 400 });
		expect(verifyStripeSignature(Buffer.alloc(0), header(SECRET, NOW, ''), SECRET, TOLERANCE, NOW)).toMatchObject({ status: 400 });
	});

	it('honours the tolerance it is given', () => {
		const tenMinutesOld = header(SECRET, NOW - 600);
		expect(verifyStripeSignature(PAYLOAD, tenMinutesOld, SECRET, 600, NOW).ok).toBe(true);
		expect(verifyStripeSignature(PAYLOAD, tenMinutesOld, SECRET, 599, NOW).ok).toBe(false);
	});

	it('unlike stripe-node, refuses a timestamp further in the future than the tolerance', () => {
		const future = header(SECRET, NOW + TOLERANCE + 1);
		expect(stripeAccepts(PAYLOAD, future, SECRET)).toBe(true);
		expect(verifyStripeSignature(PAYLOAD, future, SECRET, TOLERANCE, NOW)).toMatchObject({ ok: false, status: 401 });
		expect(verifyStripeSignature(PAYLOAD, header(SECRET, NOW + TOLERANCE), SECRET, TOLERANCE, NOW).ok).toBe(true);
	});

	it('never puts the secret or a signature in its reasons', () => {
		for (const { payload = PAYLOAD, header, secret } of cases) {
			const result = verifyStripeSignature(payload, header, secret, TOLERANCE, NOW);
			if (!result.ok) expect(result.reason).not.toMatch(/whsec_|[0-9a-f]{64}/);
		}
	});
});
