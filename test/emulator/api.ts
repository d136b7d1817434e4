/**
 * The /v1 request pipeline, in Stripe's order of concerns:
 * fault injection -> authentication -> Stripe-Version / Stripe-Account -> rate limit -> routing ->
 * idempotency lookup -> parameter validation (never saved) -> idempotency reservation ->
 * execution (its outcome, errors included, is saved) -> expansion -> latency -> response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, checkAccount, checkApiVersion, checkPermission } from './auth';
import type { EmulatorClock } from './clock';
import { ApiError, invalidRequest, rateLimited, requestLogUrl } from './errors';
import type { Expander } from './expand';
import { type FaultInjector, matches } from './faults';
import { parseForm } from './form';
import { IdempotencyStore, type SavedResponse, requestFingerprint } from './idempotency';
import { newRequestId } from './ids';
import { checkListParams } from './pagination';
import type { SlidingWindowLimiter } from './rate-limiter';
import type { Route, Router } from './router';
import { type Store, scopeKey } from './store';
import type { TimerRegistry } from './timers';
import type { Fault, FaultMatch, KeyMode, RecordedRequest, Scope } from './types';
import type { ParamValidator, Params } from './validator';
import type { EventService } from './webhooks/events';

/** Settings the emulator can change while running. */
export interface ApiSettings {
	latencyMs: number;
	limiter: SlidingWindowLimiter | null;
	/** Operations this account does not have: their paths answer like unknown URLs. */
	unservedOperations: Set<string>;
	/** Bodies that replace successful answers to matching requests (`overrideResponses`), newest first: the first match wins. */
	responseOverrides: Array<{ match: FaultMatch; body: unknown }>;
}

export interface ApiDependencies {
	router: Router;
	validator: ParamValidator;
	expander: Expander;
	store: Store;
	idempotency: IdempotencyStore;
	faults: FaultInjector;
	timers: TimerRegistry;
	clock: EmulatorClock;
	events: EventService;
	settings: ApiSettings;
	log: RecordedRequest[];
	defaultApiVersion: string;
}

interface Outcome {
	status: number;
	body: unknown;
	headers: Record<string, string>;
}

interface RequestInput {
	method: string;
	path: string;
	rawQuery: string;
	rawBody: string;
	headers: Record<string, string | undefined>;
	requestId: string;
	hangMs: number;
}

/** What is known about the caller when an error is built (for `request_log_url`). */
interface CallerContext {
	mode: KeyMode;
	account: string | null;
}

export class ApiHandler {
	constructor(private readonly deps: ApiDependencies) {}

	async handle(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const input: RequestInput = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: url.pathname,
			rawQuery: url.search.slice(1),
			rawBody,
			headers: flattenHeaders(req.headers),
			requestId: newRequestId(),
			hangMs: 0,
		};
		const record: RecordedRequest = {
			method: input.method,
			path: input.path,
			query: parseLeniently(input.rawQuery),
			body: parseLeniently(rawBody),
			rawQuery: input.rawQuery,
			rawBody,
			headers: input.headers,
			status: 0,
			requestId: input.requestId,
			at: Date.now(),
		};
		this.deps.log.push(record);

		const fault = this.deps.faults.take(input.method, input.path);
		if (fault?.kind === 'resetBeforeCommit') return void req.socket.destroy();
		if (fault?.kind === 'hang') input.hangMs = fault.ms;
		const outcome = fault?.kind === 'status' ? this.faultOutcome(fault, input) : await this.process(input);
		const override = this.deps.settings.responseOverrides.find(({ match }) => matches(match, input.method, input.path));
		if (override && outcome.status === 200) outcome.body = override.body;
		if (fault?.kind === 'resetAfterCommit') return void req.socket.destroy();

		await this.deps.timers.sleep(this.deps.settings.latencyMs);
		record.status = outcome.status;
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'Request-Id': input.requestId,
			...outcome.headers,
		};
		if (input.method === 'POST' && input.headers['idempotency-key'] !== undefined) {
			headers['Idempotency-Key'] = input.headers['idempotency-key'];
		}
		res.writeHead(outcome.status, headers);
		res.end(`${JSON.stringify(outcome.body, null, 2)}\n`);
	}

	private async process(input: RequestInput): Promise<Outcome> {
		const { deps } = this;
		const caller: CallerContext = { mode: 'test', account: null };
		let version = deps.defaultApiVersion;
		try {
			const credentials = authenticate(input.headers.authorization);
			caller.mode = credentials.mode;
			version = checkApiVersion(input.headers['stripe-version']) ?? version;
			caller.account = checkAccount(input.headers['stripe-account'], credentials.key);
			const scope = { mode: caller.mode, account: caller.account };
			const scopeId = scopeKey(scope); // rate limits and idempotency keys are per (mode, account)
			// Stripe's rate-limit answer carries no Stripe-Should-Retry header.
			if (deps.settings.limiter && !deps.settings.limiter.admit(scopeId)) throw rateLimited({ 'Retry-After': '1' });

			const matched = deps.router.match(input.method, input.path);
			if (!matched || deps.settings.unservedOperations.has(matched.route.operation.operationId)) {
				throw invalidRequest(`Unrecognized request URL (${input.method}: ${input.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`, {}, 404);
			}
			const { route, pathParams } = matched;
			checkPermission(credentials.key, `rak_${input.path.split('/')[2]}_${input.method === 'GET' ? 'read' : 'write'}`);
			route.handler.route?.({ stripeVersion: input.headers['stripe-version'] });
			// POST parameters come from the body; query-string parameters are honoured too.
			const raw = input.method === 'POST' ? { ...parseForm(input.rawQuery), ...parseForm(input.rawBody) } : parseForm(input.rawQuery);

			const idempotencyKey = input.method === 'POST' ? input.headers['idempotency-key'] : undefined;
			const fingerprint = requestFingerprint(input.method, input.path, raw);
			if (idempotencyKey !== undefined) {
				IdempotencyStore.checkKey(idempotencyKey);
				const saved = deps.idempotency.lookup(scopeId, idempotencyKey, fingerprint);
				if (saved) return replay(saved, version);
			}

			const params = deps.validator.validate(route.operation.params, raw);
			if (route.isList) checkListParams(params);
			route.handler.validate?.(params);
			const expand: string[] = params.expand ?? [];
			deps.expander.check(expand, route.operation.response);

			if (idempotencyKey !== undefined) deps.idempotency.begin(scopeId, idempotencyKey, fingerprint);
			await deps.timers.sleep(input.hangMs); // a hung request holds its idempotency key, as a slow one would
			const outcome = this.execute(route, { params, pathParams, expand }, scope, input.requestId, idempotencyKey, caller);
			outcome.headers['Stripe-Version'] = version;
			if (idempotencyKey !== undefined) {
				deps.idempotency.save(scopeId, idempotencyKey, { status: outcome.status, body: outcome.body, requestId: input.requestId });
			}
			return outcome;
		} catch (error) {
			const outcome = errorOutcome(error, input.requestId, caller);
			outcome.headers['Stripe-Version'] = version;
			return outcome;
		}
	}

	/** Runs the operation; errors it raises are part of its outcome (and saved for idempotency). */
	private execute(
		route: Route,
		call: { params: Params; pathParams: Record<string, string>; expand: string[] },
		scope: Scope,
		requestId: string,
		idempotencyKey: string | undefined,
		caller: CallerContext,
	): Outcome {
		const state = this.deps.store.scope(scope);
		const emit = this.deps.events.emitterFor(state, { id: requestId, idempotency_key: idempotencyKey ?? null });
		try {
			const body = route.handler.execute({ state, params: call.params, pathParams: call.pathParams, emit, clock: this.deps.clock });
			// a copy: the saved idempotent response must not follow later changes to the stored object
			const snapshot = JSON.parse(JSON.stringify(body));
			return { status: 200, body: this.deps.expander.apply(snapshot, call.expand, state), headers: {} };
		} catch (error) {
			return errorOutcome(error, requestId, caller);
		}
	}

	private faultOutcome(fault: Extract<Fault, { kind: 'status' }>, input: RequestInput): Outcome {
		let caller: CallerContext = { mode: 'test', account: null };
		try {
			caller = { mode: authenticate(input.headers.authorization).mode, account: null };
		} catch {
			// unauthenticated: the log URL defaults to test mode
		}
		const outcome = errorOutcome(injectedError(fault.status), input.requestId, caller);
		if (fault.shouldRetry !== undefined) outcome.headers['Stripe-Should-Retry'] = String(fault.shouldRetry);
		if (fault.retryAfterSeconds !== undefined) outcome.headers['Retry-After'] = String(fault.retryAfterSeconds);
		return outcome;
	}
}

/** The errors Stripe answers with these statuses (409 is its `lock_timeout`). */
function injectedError(status: 500 | 503 | 429 | 409): ApiError {
	switch (status) {
		case 500:
			return new ApiError(500, { type: 'api_error', message: 'An unknown error occurred (injected fault).' });
		case 503:
			return new ApiError(503, { type: 'api_error', message: 'Stripe is temporarily unavailable (injected fault). Please try again later.' });
		case 429:
			return rateLimited();
		case 409:
			return new ApiError(409, {
				type: 'invalid_request_error',
				code: 'lock_timeout',
				message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it (injected fault).',
			});
	}
}

function replay(saved: SavedResponse, version: string): Outcome {
	return {
		status: saved.status,
		body: saved.body,
		headers: { 'Idempotent-Replayed': 'true', 'Original-Request': saved.requestId, 'Stripe-Version': version },
	};
}

function errorOutcome(error: unknown, requestId: string, caller: CallerContext): Outcome {
	const apiError =
		error instanceof ApiError
			? error
			: new ApiError(500, { type: 'api_error', message: `The emulator failed: ${error instanceof Error ? error.message : String(error)}` });
	return {
		status: apiError.status,
		body: apiError.toBody(requestLogUrl(requestId, caller.mode, caller.account)),
		headers: { ...apiError.headers },
	};
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string | undefined> {
	const flat: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	return flat;
}

/** The request log keeps whatever parses; errors are reported by the pipeline, not here. */
function parseLeniently(raw: string): Record<string, unknown> {
	try {
		return parseForm(raw);
	} catch {
		return {};
	}
}
