/**
 * Authentication and the per-request headers that choose where a request lands:
 * the API key (Bearer or Basic, docs.stripe.com/api/authentication), `Stripe-Version` and `Stripe-Account`.
 */
import { ApiError, invalidRequest } from './errors';
import type { KeyMode } from './types';

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_]+$/;
/** The emulator accepts every well-formed key except these, which stand for a rolled or deleted key, */
const REVOKED_KEY = /^(sk|rk)_(test|live)_revoked/;
/** an expired one, */
const EXPIRED_KEY = /^(sk|rk)_(test|live)_expired/;
/** and a restricted key whose permissions cover no endpoint. */
const DENIED_KEY = /^rk_(test|live)_denied/;
const VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/;
const ACCOUNT_PATTERN = /^acct_[A-Za-z0-9]+$/;

export interface Credentials {
	key: string;
	mode: KeyMode;
}

/** Stripe answers 401 with `WWW-Authenticate: Basic realm="Stripe"`. */
function unauthorized(message: string, code?: string): ApiError {
	return new ApiError(401, { type: 'invalid_request_error', message, ...(code ? { code } : {}) }, { 'WWW-Authenticate': 'Basic realm="Stripe"' });
}

export function authenticate(authorization: string | undefined): Credentials {
	const key = extractKey(authorization);
	if (!key) {
		throw unauthorized(
			"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
		);
	}
	const match = KEY_PATTERN.exec(key);
	if (!match || REVOKED_KEY.test(key)) throw unauthorized(`Invalid API Key provided: ${maskKey(key)}`);
	// https://docs.stripe.com/error-codes#api-key-expired
	if (EXPIRED_KEY.test(key)) throw unauthorized(`Expired API Key provided: ${maskKey(key)}`, 'api_key_expired');
	return { key, mode: match[2] as KeyMode };
}

/**
 * A restricted key without the permission an endpoint needs: 403, `invalid_request_error` and no
 * code, with the message naming the permission (stripe-node raises it as StripePermissionError).
 */
export function checkPermission(key: string, permission: string): void {
	if (!DENIED_KEY.test(key)) return;
	throw new ApiError(403, {
		type: 'invalid_request_error',
		message: `The provided key '${maskKey(key)}' does not have the required permissions for this endpoint on account 'acct_emulator'. Having the '${permission}' permission would allow this request to continue.`,
	});
}

function extractKey(authorization: string | undefined): string | undefined {
	if (!authorization) return undefined;
	const [scheme, ...rest] = authorization.trim().split(/\s+/);
	const credentials = rest.join(' ');
	if (/^bearer$/i.test(scheme)) return credentials || undefined;
	if (/^basic$/i.test(scheme)) {
		// Basic base64("<key>:"), the password is empty
		const decoded = Buffer.from(credentials, 'base64').toString('utf8');
		return decoded.split(':')[0] || undefined;
	}
	return undefined;
}

/**
 * Masks a key as Stripe does in error messages (`sk_test_****abcd`): the mode prefix and the last
 * four characters stay; a key too short to keep four characters hidden is masked entirely.
 */
function maskKey(key: string): string {
	const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? '';
	const secret = key.slice(prefix.length);
	if (secret.length <= 8) return `${prefix}${'*'.repeat(Math.max(secret.length, 4))}`;
	return `${prefix}${'*'.repeat(secret.length - 4)}${secret.slice(-4)}`;
}

/** A beta flag after the version, as in `2026-08-26.dahlia;crypto_onramp_beta=v2`. */
const BETA_FLAG_PATTERN = /^[a-z][a-z0-9_]*=v\d+$/;

/**
 * Any well-formed `YYYY-MM-DD` or `YYYY-MM-DD.name` is accepted (SDKs newer than the spec send newer
 * ones), optionally followed by `;beta=vN` flags: Stripe selects betas in this header (the onramp
 * upgrade guide, docs.stripe.com/crypto/onramp/upgrade-onramp-integration, sends
 * `Stripe-Version: 2026-08-26.dahlia;crypto_onramp_beta=v2`).
 */
export function checkApiVersion(header: string | undefined): string | undefined {
	if (header === undefined) return undefined;
	const [version, ...flags] = header.split(';').map((part) => part.trim());
	if (!VERSION_PATTERN.test(version) || !flags.every((flag) => BETA_FLAG_PATTERN.test(flag))) {
		throw invalidRequest(`Invalid Stripe API version: ${header}`, { param: 'Stripe-Version' });
	}
	return header;
}

/** The beta flags of a Stripe-Version header, e.g. `{crypto_onramp_beta: 'v2'}`. */
export function betaFlags(header: string | undefined): Record<string, string> {
	return Object.fromEntries(
		(header ?? '')
			.split(';')
			.slice(1)
			.map((flag) => flag.trim().split('=') as [string, string]),
	);
}

export function isWellFormedApiVersion(version: string): boolean {
	return VERSION_PATTERN.test(version);
}

/** Connected accounts the emulator treats as not connected to the platform (any other well-formed ID is). */
const UNCONNECTED_ACCOUNT = /^acct_unconnected/;

/**
 * A malformed `Stripe-Account`, or an account not connected to the platform, is answered 403
 * `account_invalid` (https://docs.stripe.com/error-codes#account-invalid).
 */
export function checkAccount(header: string | undefined, key: string): string | null {
	if (header === undefined || header === '') return null;
	if (!ACCOUNT_PATTERN.test(header) || UNCONNECTED_ACCOUNT.test(header)) {
		throw new ApiError(403, {
			type: 'invalid_request_error',
			code: 'account_invalid',
			message: `The provided key '${maskKey(key)}' does not have access to account '${header}' (or that account does not exist). Application access may have been revoked.`,
		});
	}
	return header;
}

/** Helpers name a scope by key; test mode unless the key says live. */
export function modeOfKey(key: string | undefined): KeyMode {
	return key && /^(sk|rk)_live_/.test(key) ? 'live' : 'test';
}
