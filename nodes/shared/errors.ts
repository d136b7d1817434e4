import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { headerValue } from './headers';

/** Masks anything that looks like a Stripe secret (API keys, webhook signing secrets). */
export function redactSecrets(text: string): string {
	return text
		.replace(/\b(sk|rk)_(test|live)_[A-Za-z0-9_]+/g, (key) => `${key.slice(0, 8)}****${key.slice(-4)}`)
		.replace(/\bwhsec_[A-Za-z0-9_]+/g, 'whsec_****');
}

interface StripeErrorBody {
	type?: string;
	code?: string;
	param?: string;
	decline_code?: string;
	doc_url?: string;
	message?: string;
}

/** What Stripe answered, for code that decides on it (a fallback path); the error object shows none of it twice. */
export interface StripeErrorAnswer {
	status: number;
	type?: string;
	code?: string;
	param?: string;
	message?: string;
	/** Stripe's Request-Id header, which Stripe support asks for. */
	requestId?: string;
}

const answers = new WeakMap<NodeApiError, StripeErrorAnswer>();

/** Stripe's answer behind an error made by stripeApiError, if it is one. */
export function stripeErrorOf(error: unknown): StripeErrorAnswer | undefined {
	return error instanceof NodeApiError ? answers.get(error) : undefined;
}

/** Turns Stripe's `{ error: {…} }` answer into a NodeApiError that carries every field a user needs to act. */
export function stripeApiError(
	node: INode,
	status: number,
	body: unknown,
	headers: Record<string, unknown> | undefined,
	itemIndex: number | undefined,
	idempotencyKey?: string,
): NodeApiError {
	const stripeError: StripeErrorBody =
		typeof body === 'object' && body !== null && typeof (body as JsonObject).error === 'object'
			? ((body as JsonObject).error as StripeErrorBody)
			: {};
	const requestId = headerValue(headers, 'request-id');
	const message = redactSecrets(stripeError.message ?? `Stripe answered with HTTP ${status}`);
	const details: Array<[string, string | undefined]> = [
		['Type', stripeError.type],
		['Code', stripeError.code],
		['Parameter', stripeError.param],
		['Decline code', stripeError.decline_code],
		['Documentation', stripeError.doc_url],
		['Request-Id', requestId],
		['Idempotency-Key', idempotencyKey],
	];
	const description = details
		.filter(([, value]) => value)
		.map(([label, value]) => `${label}: ${value}`)
		.join(' · ');
	const errorResponse: JsonObject = { message, httpCode: String(status) };
	for (const [field, value] of Object.entries({ ...stripeError, request_id: requestId })) {
		if (typeof value === 'string' && field !== 'message') errorResponse[field] = redactSecrets(value);
	}
	const error = new NodeApiError(node, errorResponse, {
		message: `Stripe: ${message}`,
		description,
		httpCode: String(status),
		itemIndex,
	});
	answers.set(error, { status, type: stripeError.type, code: stripeError.code, param: stripeError.param, message, requestId });
	return error;
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	EPIPE: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ECONNABORTED: 'the request timed out',
	ETIMEDOUT: 'the request timed out',
	ESOCKETTIMEDOUT: 'the request timed out',
	EAI_AGAIN: 'the host name could not be resolved',
	ENOTFOUND: 'the host name could not be resolved',
};

/**
 * A request that never got an answer (connection refused or reset, timeout) after all retries.
 * The message names no error code: n8n would replace a message containing one with its own text.
 */
export function stripeNetworkError(
	node: INode,
	code: string,
	attempts: number,
	itemIndex: number | undefined,
	idempotencyKey?: string,
): NodeApiError {
	const reason = NETWORK_FAILURES[code] ?? 'the connection failed';
	const message = `No answer from Stripe: ${reason} (${attempts} attempt${attempts === 1 ? '' : 's'})`;
	const retryAdvice = idempotencyKey
		? ` Sending it again with Idempotency-Key ${idempotencyKey} is safe: Stripe replays the first result instead of acting twice.`
		: '';
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: `Network error ${code}. The request may or may not have reached Stripe.${retryAdvice}`,
		itemIndex,
	});
}

/** A request that failed before reaching the network (a bad base URL, a TLS problem): its own message says why. */
export function stripeRequestError(node: INode, error: unknown, itemIndex: number | undefined): NodeApiError {
	const message = redactSecrets(error instanceof Error ? error.message : String(error));
	return new NodeApiError(node, { message } as JsonObject, {
		message: `Request to Stripe failed: ${message}`,
		description: 'Check the API Base URL of the Stripe credential.',
		itemIndex,
	});
}
