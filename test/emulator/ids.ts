/** Stripe-style identifiers: a type prefix plus random base62 characters (`climorder_1Pq...`). */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
	return out;
}

export function newId(prefix: string, length = 24): string {
	return `${prefix}${randomToken(length)}`;
}

export function newRequestId(): string {
	return newId('req_', 14);
}

export function unixNow(): number {
	return Math.floor(Date.now() / 1000);
}
