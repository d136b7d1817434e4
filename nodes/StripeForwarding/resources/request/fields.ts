import { idField, options } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';
import { FORWARDING_REPLACEMENTS } from '../../../shared/stripeSpec';

export const REQUEST_ID_PREFIX = 'fwdreq_';
export const PAYMENT_METHOD_ID_PREFIX = 'pm_';

/** `request.body` of a forwarding request: "maxLength 5000" in the spec. */
export const MAX_BODY_LENGTH = 5000;

export const requestIdField = idField('Forwarding Request ID', 'requestId', REQUEST_ID_PREFIX, 'The forwarding request, starting with fwdreq_');

export const replacementOptions = options(FORWARDING_REPLACEMENTS);

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The Request Headers rows as Stripe takes them: a list of `{name, value}`, order kept. */
export function readHeaders(item: OperationItem): Array<{ name: string; value: string }> | undefined {
	const holder = item.raw<{ header?: unknown } | undefined>('requestHeaders', {});
	const rows = (holder?.header ?? []) as Array<{ name?: unknown; value?: unknown }>;
	if (!Array.isArray(rows) || rows.length === 0) return undefined;
	return rows.map((row) => {
		const name = String(row.name ?? '').trim();
		if (name === '') item.fail('requestHeaders', 'has a header without a name');
		if (!HEADER_NAME.test(name)) item.fail('requestHeaders', `has an invalid header name "${name}"`);
		if (typeof row.value === 'object' && row.value !== null) item.fail('requestHeaders', `header "${name}" must have a text value`);
		return { name, value: row.value === undefined || row.value === null ? '' : String(row.value) };
	});
}

/** The body to forward, as written (not trimmed); an expression giving an object is sent as JSON. */
export function readBody(item: OperationItem): string | undefined {
	const raw = item.raw<unknown>('requestBody', '');
	if (raw === undefined || raw === null || raw === '') return undefined;
	const body = typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
	if (body.length > MAX_BODY_LENGTH) item.fail('requestBody', `must be at most ${MAX_BODY_LENGTH} characters, got ${body.length}`);
	return body;
}
