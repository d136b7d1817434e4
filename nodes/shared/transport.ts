import { createHash, randomUUID } from 'node:crypto';

import { NodeOperationError, sleep } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE, STRIPE_API_BASE_URL } from './constants';
import { credentialFieldProblem, readCredentialFields } from './credentialFields';
import { encodeStripeParams, fillPath, type StripeParams } from './encode';
import { stripeApiError, stripeNetworkError, stripeRequestError } from './errors';
import type { HttpMethod } from './operation';
import type { ListWindow } from './period';
import type { RequestRateGate } from './rateGate';
import { INITIAL_RETRY_DELAY_MS, retryDelayMs, shouldRetry } from './retry';

export type StripeContext = IExecuteFunctions | IHookFunctions | ILoadOptionsFunctions | IPollFunctions | IWebhookFunctions;

export interface StripeRequest {
	method: HttpMethod;
	/** Path below the base URL, starting with /v1/; may hold `{name}` placeholders for `pathParams`. */
	path: string;
	/** Values of the path's placeholders, percent-encoded here (fillPath) and nowhere else. */
	pathParams?: Record<string, string>;
	/** Query string for GET and DELETE, form body for POST. */
	params?: StripeParams;
	/** POST only. Generated when absent; every retry of this request reuses it. */
	idempotencyKey?: string;
	/** Stripe-Account for this request; falls back to the credential's default connected account. */
	account?: string;
	/** Stripe-Version for this request; falls back to the credential's pin, then the account default. */
	apiVersion?: string;
	/** The input item the request serves, for error messages. */
	itemIndex?: number;
}

export interface ListRequest<T extends IDataObject = IDataObject> extends Omit<StripeRequest, 'method' | 'idempotencyKey'> {
	returnAll: boolean;
	/** Ignored when returnAll is set. */
	limit?: number;
	/** Filters a newest-first list by `created` here, and stops at the first object older than the range. */
	window?: ListWindow;
	/** Seen with each page as it arrives; when it returns false, the walk ends there (Stripe's has_more notwithstanding). */
	readNextPage?: (page: T[], hasMore: boolean) => boolean;
}

export interface TransportSettings {
	maxRetries: number;
	timeoutMs: number;
	initialRetryDelayMs: number;
	/** Shared by all workers of a bulk run, so together they stay under the rate limit. */
	rateGate?: RequestRateGate;
}

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	maxRetries: 2,
	timeoutMs: 80000, // stripe-node's DEFAULT_TIMEOUT
	initialRetryDelayMs: INITIAL_RETRY_DELAY_MS,
};

export const MAX_PAGE_SIZE = 100;

interface StripeCredentialDefaults {
	baseUrl: string;
	accountId?: string;
	apiVersion?: string;
	/** n8n's id of the credential (not its data), when the node has a saved one. */
	credentialId?: string;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode: number;
}

/**
 * The one way this package talks to Stripe: every node, the trigger's lifecycle and the list
 * searches go through `request`. It encodes like stripe-node, sets Stripe-Version,
 * Stripe-Account and Idempotency-Key, retries with backoff, and turns failures into NodeApiErrors.
 * Authentication is the credential's job (httpRequestWithAuthentication); the key never passes here.
 */
export class StripeClient {
	constructor(
		private readonly context: StripeContext,
		private readonly defaults: StripeCredentialDefaults,
		private readonly settings: TransportSettings,
	) {}

	/** The Stripe-Version a request with this per-item version sends, if any. */
	stripeVersion(apiVersion?: string): string | undefined {
		return apiVersion || this.defaults.apiVersion;
	}

	/**
	 * Names who is calling (credential, base URL, account) as a hash, so that process memory can be
	 * kept per caller without holding anything a secret could be read from.
	 */
	callerKey(account?: string): string {
		const parts = [this.defaults.credentialId ?? '', this.defaults.baseUrl, account || this.defaults.accountId || ''];
		return createHash('sha256').update(parts.join('\n')).digest('hex');
	}

	async request<T extends IDataObject = IDataObject>(request: StripeRequest): Promise<T> {
		return (await this.requestWithHeaders<T>(request)).body;
	}

	/** As `request`, with the answer's headers (for `Idempotent-Replayed`, `Request-Id`). */
	async requestWithHeaders<T extends IDataObject = IDataObject>(
		request: StripeRequest,
	): Promise<{ body: T; headers: Record<string, unknown> }> {
		const encoded = encodeStripeParams(request.params);
		const isPost = request.method === 'POST';
		const headers: Record<string, string> = { Accept: 'application/json' };
		const apiVersion = this.stripeVersion(request.apiVersion);
		const account = request.account || this.defaults.accountId;
		if (apiVersion) headers['Stripe-Version'] = apiVersion;
		if (account) headers['Stripe-Account'] = account;
		if (isPost) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			headers['Idempotency-Key'] = request.idempotencyKey || newIdempotencyKey();
		}
		const options: IHttpRequestOptions = {
			method: request.method as IHttpRequestMethods,
			url: `${this.defaults.baseUrl}${fillPath(request.path, request.pathParams)}${!isPost && encoded ? `?${encoded}` : ''}`,
			headers,
			body: isPost ? encoded : undefined,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};

		for (let retriesDone = 0; ; retriesDone++) {
			await this.settings.rateGate?.waitForSlot();
			let response: FullResponse;
			try {
				response = (await this.context.helpers.httpRequestWithAuthentication.call(
					this.context,
					CREDENTIAL_TYPE,
					options,
				)) as FullResponse;
			} catch (error) {
				const networkErrorCode = findNetworkErrorCode(error);
				if (networkErrorCode === undefined) throw stripeRequestError(this.context.getNode(), error, request.itemIndex);
				if (!shouldRetry({ networkErrorCode }, retriesDone, this.settings.maxRetries)) {
					throw stripeNetworkError(this.context.getNode(), networkErrorCode, retriesDone + 1, request.itemIndex, headers['Idempotency-Key']);
				}
				await sleep(retryDelayMs(retriesDone, undefined, this.settings.initialRetryDelayMs));
				continue;
			}
			const { statusCode: status, headers: responseHeaders, body } = response;
			if (status >= 200 && status < 300) return { body: body as T, headers: responseHeaders };
			if (!shouldRetry({ status, headers: responseHeaders }, retriesDone, this.settings.maxRetries)) {
				throw stripeApiError(this.context.getNode(), status, body, responseHeaders, request.itemIndex, headers['Idempotency-Key']);
			}
			const delay = retryDelayMs(retriesDone, responseHeaders, this.settings.initialRetryDelayMs);
			if (status === 429) this.settings.rateGate?.holdAll(delay);
			await sleep(delay);
		}
	}

	/**
	 * Walks a list with `starting_after`. Return All asks for full pages of 100; a limit asks
	 * only for what is still missing, so Limit 5 is one request for 5 objects. With a window,
	 * pages are full (objects outside it do not count) and the walk ends at the first object
	 * older than the window, as every later one is older still.
	 */
	async list<T extends IDataObject = IDataObject>({ returnAll, limit, window, readNextPage, ...list }: ListRequest<T>): Promise<T[]> {
		const wanted = returnAll ? Infinity : Math.max(0, limit ?? 0);
		const objects: T[] = [];
		let startingAfter: string | undefined;
		while (objects.length < wanted) {
			const page = await this.request<IDataObject>({
				...list,
				method: 'GET',
				params: {
					...list.params,
					limit: window ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, wanted - objects.length),
					starting_after: startingAfter,
				},
			});
			const data = (page.data ?? []) as T[];
			const passedAt = window ? data.findIndex((object) => window.passed(object)) : -1;
			const inPage = passedAt === -1 ? data : data.slice(0, passedAt);
			objects.push(...(window ? inPage.filter((object) => window.keep(object)) : inPage).slice(0, wanted - objects.length));
			const goOn = readNextPage ? readNextPage(data, page.has_more === true) : true;
			if (!goOn || passedAt !== -1 || page.has_more !== true || data.length === 0) break;
			startingAfter = data[data.length - 1].id as string;
		}
		return objects;
	}
}

/** Reads the credential once and returns a client for this run. */
export async function createStripeClient(
	context: StripeContext,
	settings: Partial<TransportSettings> = {},
): Promise<StripeClient> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const fields = readCredentialFields(credentials);
	const problem = credentialFieldProblem(fields);
	if (problem) {
		const message = problem.field === 'Secret Key' ? 'The Stripe credential holds no valid secret key' : `The Stripe credential's ${problem.field} is not valid`;
		throw new NodeOperationError(context.getNode(), message, { description: problem.message });
	}
	const baseUrl = String(credentials.baseUrl || STRIPE_API_BASE_URL).replace(/\/+$/, '');
	return new StripeClient(
		context,
		{
			baseUrl,
			accountId: fields.accountId || undefined,
			apiVersion: fields.apiVersion || undefined,
			credentialId: context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? undefined,
		},
		{ ...DEFAULT_TRANSPORT_SETTINGS, ...settings },
	);
}

/** Unique per request; stripe-node uses the same shape (a prefix and a v4 UUID). */
export function newIdempotencyKey(): string {
	return `n8n-${randomUUID()}`;
}

/**
 * httpRequestWithAuthentication wraps network failures in a NodeApiError that keeps Node's
 * error code (ECONNRESET, ECONNABORTED for a timeout, …) as its httpCode.
 */
function findNetworkErrorCode(error: unknown): string | undefined {
	const { httpCode, code } = (error ?? {}) as { httpCode?: unknown; code?: unknown };
	for (const candidate of [code, httpCode]) {
		if (typeof candidate === 'string' && /^E[A-Z_]+$/.test(candidate)) return candidate;
	}
	return undefined;
}
