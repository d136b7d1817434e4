/**
 * Stripe-shaped API errors: `{"error": {code, doc_url, message, param, request_log_url, type}}`
 * (spec `components.schemas.error` / `api_errors`).
 */

export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/**
 * Codes listed on Stripe's error-code page (docs.stripe.com/error-codes); only these get a `doc_url`.
 * The emulator also uses a few `parameter_invalid_*` codes of its own for type/enum errors, where
 * Stripe answers with a message but no documented code.
 */
const DOCUMENTED_CODES = new Set([
	'account_invalid',
	'idempotency_key_in_use',
	'lock_timeout',
	'parameter_invalid_empty',
	'parameter_invalid_integer',
	'parameter_missing',
	'parameter_unknown',
	'parameters_exclusive',
	'rate_limit',
	'resource_missing',
]);

export interface ErrorFields {
	type: ErrorType;
	message: string;
	code?: string;
	param?: string;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly fields: ErrorFields,
		readonly headers: Record<string, string> = {},
	) {
		super(fields.message);
	}

	/** Error body with keys in Stripe's (alphabetical) order. */
	toBody(requestLogUrl: string): { error: Record<string, string> } {
		const { code, message, param, type } = this.fields;
		const error: Record<string, string> = {};
		if (code) error.code = code;
		if (code && DOCUMENTED_CODES.has(code)) {
			error.doc_url = `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`;
		}
		error.message = message;
		if (param) error.param = param;
		error.request_log_url = requestLogUrl;
		error.type = type;
		return { error };
	}
}

export function invalidRequest(message: string, extra: { code?: string; param?: string } = {}, status = 400) {
	return new ApiError(status, { type: 'invalid_request_error', message, ...extra });
}

export function unknownParameter(param: string) {
	return invalidRequest(`Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });
}

export function missingParameter(param: string, message = `Missing required param: ${param}.`) {
	return invalidRequest(message, { code: 'parameter_missing', param });
}

export function exclusiveParameters(params: string[]) {
	return invalidRequest(`You may only specify one of these parameters: ${params.join(', ')}.`, {
		code: 'parameters_exclusive',
		param: params[0],
	});
}

/** Path ids answer 404 with `param: "id"`; ids passed as parameters answer 400 naming the parameter. */
export function resourceMissing(noun: string, id: string, param = 'id', status = 404) {
	return invalidRequest(`No such ${noun}: '${id}'`, { code: 'resource_missing', param }, status);
}

/** Body of Stripe's rate limiter answer (docs.stripe.com/rate-limits; error code `rate_limit`). */
export function rateLimited(headers: Record<string, string> = {}) {
	return new ApiError(
		429,
		{
			type: 'invalid_request_error',
			code: 'rate_limit',
			message:
				'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
		},
		headers,
	);
}

/** `request_log_url` as Stripe builds it: dashboard logs page of the mode (and connected account). */
export function requestLogUrl(requestId: string, mode: 'test' | 'live', account: string | null): string {
	const accountPart = account ? `${account}/` : '';
	const modePart = mode === 'test' ? 'test/' : '';
	return `https://dashboard.stripe.com/${accountPart}${modePart}logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`;
}
