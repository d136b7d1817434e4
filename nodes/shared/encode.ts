/**
 * Form encoding for Stripe's v1 API, byte for byte the way stripe-node does it
 * (`stringifyRequestData` in stripe-node's src/utils.ts): nested objects as `key[sub]`,
 * arrays as indexed `key[0]`, `undefined` skipped, `null` sent as an empty value (which
 * unsets the field), dates as unix seconds, and brackets left readable.
 */

export type StripeParamValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| Date
	| StripeParamValue[]
	| { [key: string]: StripeParamValue };

export type StripeParams = { [key: string]: StripeParamValue };

/** Percent-encodes like the `qs` library, which Stripe's parser expects; brackets stay literal. */
function encodeComponent(value: string): string {
	return encodeURIComponent(value)
		.replace(/[!'()*]/g, (char) => '%' + char.charCodeAt(0).toString(16).toUpperCase())
		.replace(/%5B/g, '[')
		.replace(/%5D/g, ']');
}

function scalarToString(value: string | number | boolean | null | Date): string {
	if (value === null) return '';
	if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
	return String(value);
}

export function encodeStripeParams(params: StripeParams | undefined): string {
	if (!params) return '';
	const pairs: string[] = [];
	const encode = (key: string, value: StripeParamValue): void => {
		if (value === undefined) return;
		if (value === null || typeof value !== 'object' || value instanceof Date) {
			pairs.push(`${encodeComponent(key)}=${encodeComponent(scalarToString(value))}`);
			return;
		}
		if (Array.isArray(value)) {
			value.forEach((entry, index) => encode(`${key}[${index}]`, entry));
			return;
		}
		for (const childKey of Object.keys(value)) encode(`${key}[${childKey}]`, value[childKey]);
	};
	for (const key of Object.keys(params)) encode(key, params[key]);
	return pairs.join('&');
}
