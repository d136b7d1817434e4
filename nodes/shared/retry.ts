import { headerValue } from './headers';

/**
 * When and how long to retry. The base is stripe-node's RequestSender (`_shouldRetry`,
 * `_getSleepTimeInMS`, stripe-node 22): 409 and 5xx are retried, a `Stripe-Should-Retry` header
 * overrides the status either way, a closed keep-alive socket is retried once even with retries
 * off, and the wait is 0.5 s to 5 s with jitter. This package differs on purpose where a workflow
 * is better served:
 * - 429 is retried too (stripe-node retries it only when Stripe-Should-Retry says true): Stripe's
 *   rate-limit guide advises retrying with exponential backoff, and the rate gate holds every
 *   parallel request during the wait, so a bulk run slows down instead of failing items.
 * - Only network failures where the request may have reached Stripe are retried (the list below);
 *   stripe-node retries every connection error, also a host name that does not resolve.
 * - The wait doubles from the first retry (initial × 2^n, n = retries done), where stripe-node
 *   grows it as initial × 2^(n-1), so its first two retries both wait the initial delay; here the
 *   second retry already spreads out.
 * - A Retry-After header of up to 60 s is honoured (stripe-node 22 ignores it).
 */

/** Errors where the request may or may not have reached Stripe: safe to retry with the same idempotency key. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** stripe-node retries a closed keep-alive socket once even with retries turned off (stripe-node#1040). */
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

export const INITIAL_RETRY_DELAY_MS = 500;
export const MAX_RETRY_DELAY_MS = 5000;
/** A Retry-After longer than this is ignored (the usual backoff applies) so a run never stalls for minutes. */
const MAX_RETRY_AFTER_MS = 60000;

export interface AttemptOutcome {
	/** HTTP status, absent when no response arrived. */
	status?: number;
	/** Response headers, lower-cased names. */
	headers?: Record<string, unknown>;
	/** Node's error code when no response arrived (ECONNRESET, ETIMEDOUT, …). */
	networkErrorCode?: string;
}

export function isRetryableNetworkError(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/** `retriesDone` counts the retries already made for this request (0 after the first attempt). */
export function shouldRetry(outcome: AttemptOutcome, retriesDone: number, maxRetries: number): boolean {
	if (outcome.status === undefined) {
		if (!isRetryableNetworkError(outcome.networkErrorCode)) return false;
		if (retriesDone === 0 && STALE_SOCKET_CODES.has(outcome.networkErrorCode as string)) return true;
		return retriesDone < maxRetries;
	}
	if (retriesDone >= maxRetries) return false;
	const shouldRetryHeader = headerValue(outcome.headers, 'stripe-should-retry');
	if (shouldRetryHeader === 'false') return false;
	if (shouldRetryHeader === 'true') return true;
	return outcome.status === 409 || outcome.status === 429 || outcome.status >= 500;
}

/**
 * Exponential backoff with jitter: the base is `initialDelayMs` × 2^retriesDone up to 5 s, scaled
 * by a random factor in [0.5, 1) and never below the initial delay. A Retry-After header (seconds)
 * from Stripe of up to 60 s raises the wait to at least that long.
 */
export function retryDelayMs(
	retriesDone: number,
	headers: Record<string, unknown> | undefined,
	initialDelayMs = INITIAL_RETRY_DELAY_MS,
	random: () => number = Math.random,
): number {
	const base = Math.min(initialDelayMs * 2 ** retriesDone, MAX_RETRY_DELAY_MS);
	const jittered = Math.max(initialDelayMs, base * 0.5 * (1 + random()));
	const retryAfterSeconds = Number(headerValue(headers, 'retry-after'));
	if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) {
		const retryAfterMs = retryAfterSeconds * 1000;
		if (retryAfterMs <= MAX_RETRY_AFTER_MS) return Math.max(jittered, retryAfterMs);
	}
	return Math.round(jittered);
}
