import type { IDataObject } from 'n8n-workflow';

import { stripeErrorOf } from '../../../shared/errors';
import type { CallerInfo } from '../../../shared/operation';

/**
 * Stripe serves onramp quotes at two paths. Its quotes guide (docs.stripe.com/crypto/quotes-api)
 * and onramp upgrade guide (docs.stripe.com/crypto/onramp/upgrade-onramp-integration: "Changed the
 * onramp quotes path from /v1/crypto/onramp/quotes to /v1/crypto/onramp_quotes") use the first;
 * the API reference (docs.stripe.com/api/crypto/onramp_quotes) still shows the second, and an
 * account may answer only one of them.
 */
export const QUOTES_PATH = '/v1/crypto/onramp_quotes';
export const BETA_QUOTES_PATH = '/v1/crypto/onramp/quotes';

/** The path that last answered, per caller (a hash of credential, base URL and account); this process only. */
const answeringPath = new Map<string, string>();
const MAX_CALLERS_REMEMBERED = 1000;

/**
 * Sends to the path that answered this caller before (the current one at first) and, only when
 * Stripe says that path is not there, to the other one; whichever answers is remembered, so the
 * next run sends one request.
 */
export async function fetchQuotes(fetchAt: (path: string) => Promise<IDataObject>, caller: CallerInfo): Promise<IDataObject> {
	const first = answeringPath.get(caller.key) ?? QUOTES_PATH;
	const other = first === QUOTES_PATH ? BETA_QUOTES_PATH : QUOTES_PATH;
	// Errors reaching here are the transport's NodeApiErrors; only a wrong path is swallowed.
	const answered = await fetchAt(first).then(
		(quotes) => ({ path: first, quotes }),
		(error: unknown) => (isWrongPath(error, first, caller.stripeVersion) ? undefined : Promise.reject(error)),
	);
	const { path, quotes } = answered ?? { path: other, quotes: await fetchAt(other) };
	remember(caller.key, path);
	return quotes;
}

/**
 * Stripe's answer for a path an account does not have: 404, invalid_request_error, "Unrecognized
 * request URL (GET: /v1/...)". The beta path also answers 400 to the v2 onramp API
 * (`Stripe-Version: ...;crypto_onramp_beta=v2`), which moved quotes to the current path; that
 * answer names no parameter. Any other error (a bad amount, a refused key) is the user's to see.
 */
function isWrongPath(error: unknown, path: string, stripeVersion: string | undefined): boolean {
	const answer = stripeErrorOf(error);
	if (answer?.type !== 'invalid_request_error') return false;
	if (answer.status === 404) return answer.message?.startsWith('Unrecognized request URL') === true;
	return (
		answer.status === 400 &&
		answer.param === undefined &&
		path === BETA_QUOTES_PATH &&
		/;\s*crypto_onramp_beta=v2\b/.test(stripeVersion ?? '')
	);
}

function remember(callerKey: string, path: string): void {
	answeringPath.delete(callerKey); // re-inserted last: the oldest caller is forgotten first
	answeringPath.set(callerKey, path);
	if (answeringPath.size > MAX_CALLERS_REMEMBERED) answeringPath.delete(answeringPath.keys().next().value as string);
}
