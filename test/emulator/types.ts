/** Public types of the Stripe emulator (re-exported by index.ts). */

export interface EmulatorOptions {
	/** 0 = any free port (default). */
	port?: number;
	/** Added to every /v1 response. */
	latencyMs?: number;
	/** If set, answer 429 like Stripe beyond N requests per rolling second per (key mode, account). */
	rateLimitPerSecond?: number;
	/** Delays between webhook delivery attempts; default [200, 1000, 3000]. */
	deliveryRetryDelaysMs?: number[];
	/**
	 * The onramp quotes paths the account answers (default both): `onramp_quotes` serves only
	 * GET /v1/crypto/onramp_quotes, `onramp/quotes` only GET /v1/crypto/onramp/quotes; the other
	 * answers Stripe's 404 "Unrecognized request URL".
	 */
	onrampQuotesPaths?: OnrampQuotesPaths;
}

export type OnrampQuotesPaths = 'both' | 'onramp_quotes' | 'onramp/quotes';

export interface RecordedRequest {
	method: string;
	/** Path without query string. */
	path: string;
	/** Parsed like Stripe (nested keys -> objects/arrays). */
	query: Record<string, unknown>;
	/** Parsed form body. */
	body: Record<string, unknown>;
	rawQuery: string;
	rawBody: string;
	/** Lower-cased names. */
	headers: Record<string, string | undefined>;
	/** 0 when the socket was reset instead of answered. */
	status: number;
	requestId: string;
	at: number;
}

export type Fault =
	| {
			kind: 'status';
			status: 500 | 503 | 429 | 409;
			/** Sets Stripe-Should-Retry true/false; undefined = no header. */
			shouldRetry?: boolean;
			retryAfterSeconds?: number;
	  }
	/** Destroy the socket before doing anything. */
	| { kind: 'resetBeforeCommit' }
	/** Perform the operation (state + idempotency record saved), then destroy the socket without a response. */
	| { kind: 'resetAfterCommit' }
	/** Hold the request without answering for `ms`, then answer normally. */
	| { kind: 'hang'; ms: number };

export interface FaultMatch {
	method?: string;
	pathPrefix?: string;
}

export interface DeliveryRecord {
	endpointId: string;
	url: string;
	eventId: string;
	type: string;
	attempt: number;
	status: number | null;
	error?: string;
	at: number;
}

export type KeyMode = 'test' | 'live';

/** Where state lives: Stripe keeps test and live data apart, and each connected account apart. */
export interface Scope {
	mode: KeyMode;
	account: string | null;
}

/** How helpers name a scope: the key decides the mode (default test); no account = the platform. */
export interface ScopeSelector {
	key?: string;
	account?: string;
}

export type ObjectKind =
	| 'climate.order'
	| 'crypto.onramp_session'
	| 'forwarding.request'
	| 'webhook_endpoint'
	| 'event';

/** The emulator's clock for events (Unix seconds) and whether it is held still. */
export interface ClockState {
	now: number;
	held: boolean;
}

export type ClimateOrderStatus = 'open' | 'confirmed' | 'delivered' | 'canceled' | 'awaiting_funds';

export interface StripeEmulator {
	url: string;
	port: number;
	/** Every /v1 request, in arrival order (faulted ones too, with status 0 for resets). */
	requests: RecordedRequest[];
	deliveries: DeliveryRecord[];
	/** Empties requests and deliveries. */
	clearLog(): void;
	/** All state, log, faults, latency and rate limit (back to the start options); reseeds products/suppliers. */
	reset(): void;
	/** The next `count` matching /v1 requests get `fault`. */
	injectFaults(count: number, fault: Fault, match?: FaultMatch): void;
	/** Each matching request is faulted with probability `rate`; the fault is picked from `faults`; deterministic with `seed`. */
	injectFaultRate(rate: number, faults: Fault[], match?: FaultMatch, seed?: number): void;
	clearFaults(): void;
	/**
	 * From now until reset(), every matching /v1 request that the emulator answers 200 is answered
	 * with `body` instead (the request is still validated and executed; a later override for the
	 * same requests wins): for feeding a node objects
	 * the emulator never makes itself, such as spec-valid ones with every optional field left out.
	 */
	overrideResponses(match: FaultMatch, body: unknown): void;
	setLatency(ms: number): void;
	setRateLimit(perSecond: number | null): void;
	/** Which onramp quotes paths answer from now on (reset() restores the start option). */
	setOnrampQuotesPaths(paths: OnrampQuotesPaths): void;
	/** Changes the status and emits crypto.onramp_session_updated. */
	advanceOnrampSession(id: string, status: string, scope?: ScopeSelector): Promise<object>;
	/** Emits climate.order.delivered / climate.order.canceled where Stripe has such an event. */
	setClimateOrderStatus(id: string, status: ClimateOrderStatus, scope?: ScopeSelector): Promise<object>;
	/**
	 * Fast bulk seeding (distinct ids; created one second apart, older than existing objects, or at
	 * the `created` times given, one per object); emits no events.
	 */
	seedClimateOrders(n: number, scope?: ScopeSelector, created?: number[]): void;
	seedOnrampSessions(n: number, scope?: ScopeSelector, created?: number[]): void;
	/** `n` more climate products beside the catalogue's four. */
	seedClimateProducts(n: number, scope?: ScopeSelector): void;
	/** Stored objects, newest first (webhook endpoints include their `secret`). */
	listObjects(kind: ObjectKind, scope?: ScopeSelector): any[];
	/** The emulator's clock, which gives events their `created` and ages them out after 30 days. */
	readonly clock: ClockState;
	/**
	 * Moves the clock by whole seconds and/or holds it still (`hold: true`, so every event until
	 * `hold: false` gets the same `created` second) or lets it run again. Reset lets it run from now.
	 */
	setClock(change: { advanceSeconds?: number; hold?: boolean }): ClockState;
	/**
	 * Events created from now on are listed (GET /v1/events, /v1/events/{id}) only `seconds` after
	 * their `created` second on the emulator's clock, as Stripe may list an event late; 0 lists new
	 * events at once again (events already waiting keep their time). Webhook delivery is not delayed.
	 */
	setEventListingLag(seconds: number): void;
	/**
	 * Emits an event of any type Stripe sends about `object` (like `stripe trigger` of the Stripe
	 * CLI), stored and delivered like the emulator's own; for objects it does not keep (Checkout Sessions).
	 */
	triggerEvent(type: string, object: unknown, scope?: ScopeSelector): object;
	/** Sends the same event (same id, fresh signature) to its endpoints again; resolves once each first attempt is recorded. */
	/** To every endpoint listening for the event's type, or to `endpointId` only. */
	redeliverEvent(eventId: string, endpointId?: string): Promise<void>;
	waitForDeliveries(predicate: (d: DeliveryRecord[]) => boolean, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}
