/**
 * Shape checks on user input: each tells whether a value is acceptable, and the caller
 * (OperationItem's typed reads, the trigger's activation) refuses a bad one with a message that
 * names the field, before any request, so Stripe never sees it.
 */

const DECIMAL_AMOUNT = /^\d+(\.\d+)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const CURRENCY_CODE = /^[a-z]{3}$/;

export function isDecimalAmount(value: string): boolean {
	return DECIMAL_AMOUNT.test(value) && Number(value) > 0;
}

/** IPv4 dotted quads, and IPv6 in full, compressed (::) or IPv4-suffixed form. */
export function isIpAddress(value: string): boolean {
	if (IPV4.test(value)) return true;
	if (!value.includes(':')) return false;
	let address = value;
	let groupsForIpv4 = 0;
	const lastColon = address.lastIndexOf(':');
	const tail = address.slice(lastColon + 1);
	if (tail.includes('.')) {
		if (!IPV4.test(tail)) return false;
		address = `${address.slice(0, lastColon + 1)}0`;
		groupsForIpv4 = 1;
	}
	const halves = address.split('::');
	if (halves.length > 2) return false;
	const groups = (half: string) => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	if (![...head, ...rest].every((group) => IPV6_GROUP.test(group))) return false;
	const count = head.length + rest.length + groupsForIpv4;
	return halves.length === 2 ? count <= 7 : count === 8;
}

export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** A three-letter ISO 4217 code, lower-cased as Stripe writes it. */
export function isCurrencyCode(value: string): boolean {
	return CURRENCY_CODE.test(value);
}

export function isConnectedAccountId(value: string): boolean {
	return /^acct_[A-Za-z0-9]+$/.test(value);
}

/** Stripe API versions are dated, with a release name since 2024-09-30.acacia. */
export function isApiVersion(value: string): boolean {
	return /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(value);
}

/**
 * What the Stripe-Version header of a request may hold: an API version, optionally followed by
 * beta flags, as in `2026-08-26.dahlia;crypto_onramp_beta=v2` (docs.stripe.com/crypto/onramp/upgrade-onramp-integration).
 */
export function isStripeVersionHeader(value: string): boolean {
	const [version, ...flags] = value.split(';').map((part) => part.trim());
	return isApiVersion(version) && flags.every((flag) => /^[a-z][a-z0-9_]*=v\d+$/.test(flag));
}
