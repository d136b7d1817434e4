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

/**
 * Puts path parameters into a path template ("/v1/climate/orders/{order}/cancel"), each value
 * percent-encoded with encodeURIComponent as stripe-node's URL interpolator does, so an ID holding
 * `/`, `?`, `#` or `%` stays one path segment. Every request path goes through here (the transport
 * calls it). A placeholder without a value, or a value without a placeholder, is a programming
 * error and throws.
 */
export function fillPath(template: string, pathParams: Record<string, string> = {}): string {
	const used = new Set<string>();
	const path = template.replace(/\{([^}]+)\}/g, (_placeholder, name: string) => {
		const value = pathParams[name];
		if (typeof value !== 'string' || value === '') throw new Error(`No value for {${name}} in ${template}`);
		used.add(name);
		return encodeURIComponent(value);
	});
	const unused = Object.keys(pathParams).filter((name) => !used.has(name));
	if (unused.length) throw new Error(`${template} has no {${unused.join('}, {')}}`);
	return path;
}
