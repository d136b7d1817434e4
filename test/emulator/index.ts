/**
 * Local Stripe emulator for the Crypto Onramp, Climate, Forwarding, Webhook Endpoint and Events APIs.
 * `startEmulator()` wires the spec-driven API pipeline, the admin API and webhook delivery together
 * and returns the `StripeEmulator` handle tests use.
 */
import type * as http from 'node:http';
import { createAdminHandler } from './admin';
import { ApiHandler, type ApiSettings } from './api';
import { modeOfKey } from './auth';
import { EmulatorClock } from './clock';
import { Expander } from './expand';
import { FaultInjector } from './faults';
import { IdempotencyStore } from './idempotency';
import { SlidingWindowLimiter } from './rate-limiter';
import { seedClimateCatalog, seedClimateProducts } from './resources/climate-catalog';
import { seedClimateOrders, setClimateOrderStatus } from './resources/climate';
import { expanders, handlers } from './resources/index';
import { checkEventObject, checkEventType } from './webhooks/trigger';
import { acceptPerNetworkWalletAddresses, advanceOnrampSession, seedOnrampSessions } from './resources/onramp';
import { unservedQuotesOperations } from './resources/onramp-quotes';
import { copy } from './resources/shared';
import { Router } from './router';
import { closeServer, createServer, listen } from './server';
import { ApiSpec, type Operation } from './spec';
import { type CollectionName, Store } from './store';
import { TimerRegistry } from './timers';
import type {
	ClimateOrderStatus,
	ClockState,
	DeliveryRecord,
	EmulatorOptions,
	Fault,
	FaultMatch,
	ObjectKind,
	OnrampQuotesPaths,
	RecordedRequest,
	Scope,
	ScopeSelector,
	StripeEmulator,
} from './types';
import { ParamValidator } from './validator';
import { DeliveryLog, WebhookSender } from './webhooks/delivery';
import { EventService } from './webhooks/events';

export type {
	ClimateOrderStatus,
	ClockState,
	DeliveryRecord,
	EmulatorOptions,
	Fault,
	FaultMatch,
	KeyMode,
	ObjectKind,
	OnrampQuotesPaths,
	RecordedRequest,
	Scope,
	ScopeSelector,
	StripeEmulator,
} from './types';

const DEFAULT_RETRY_DELAYS_MS = [200, 1000, 3000];
const DEFAULT_WAIT_MS = 5000;
const CLIMATE_ORDER_STATUSES: ClimateOrderStatus[] = ['open', 'confirmed', 'delivered', 'canceled', 'awaiting_funds'];

class Emulator implements StripeEmulator {
	readonly requests: RecordedRequest[] = [];
	url = '';
	port = 0;

	private readonly store = new Store(seedClimateCatalog);
	private readonly idempotency = new IdempotencyStore();
	private readonly faults = new FaultInjector();
	private readonly timers = new TimerRegistry();
	private readonly eventClock = new EmulatorClock();
	private readonly deliveryLog = new DeliveryLog();
	private readonly sender: WebhookSender;
	private readonly events: EventService;
	private readonly settings: ApiSettings;
	readonly server: http.Server;

	constructor(private readonly options: EmulatorOptions) {
		const spec = ApiSpec.load();
		acceptPerNetworkWalletAddresses(spec);
		const isList = (op: Operation) => Boolean(op.response && spec.resolve(op.response).properties?.object?.enum?.includes('list'));
		this.settings = initialSettings(options);
		this.sender = new WebhookSender(options.deliveryRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS, this.timers, this.deliveryLog);
		this.events = new EventService(this.store, this.sender, spec.apiVersion, this.eventClock);
		const api = new ApiHandler({
			router: new Router(spec.operations, handlers, isList),
			validator: new ParamValidator(spec),
			expander: new Expander(spec, expanders),
			store: this.store,
			idempotency: this.idempotency,
			faults: this.faults,
			timers: this.timers,
			clock: this.eventClock,
			events: this.events,
			settings: this.settings,
			log: this.requests,
			defaultApiVersion: spec.apiVersion,
		});
		this.server = createServer((req, res, body) => api.handle(req, res, body), createAdminHandler(this));
	}

	get deliveries(): DeliveryRecord[] {
		return this.deliveryLog.records;
	}

	clearLog(): void {
		this.requests.length = 0;
		this.deliveryLog.clear();
	}

	reset(): void {
		this.sender.cancelAll();
		this.store.clear();
		this.idempotency.clear();
		this.faults.clear();
		this.eventClock.reset();
		this.events.listingLagSeconds = 0;
		this.clearLog();
		Object.assign(this.settings, initialSettings(this.options));
	}

	injectFaults(count: number, fault: Fault, match?: FaultMatch): void {
		this.faults.inject(count, fault, match);
	}

	injectFaultRate(rate: number, faults: Fault[], match?: FaultMatch, seed?: number): void {
		this.faults.injectRate(rate, faults, match, seed);
	}

	clearFaults(): void {
		this.faults.clear();
	}

	overrideResponses(match: FaultMatch, body: unknown): void {
		// the newest override comes first: it wins over older ones for the same requests
		this.settings.responseOverrides.unshift({ match, body: JSON.parse(JSON.stringify(body)) });
	}

	setLatency(ms: number): void {
		this.settings.latencyMs = Math.max(0, ms);
	}

	setRateLimit(perSecond: number | null): void {
		this.settings.limiter = perSecond ? new SlidingWindowLimiter(perSecond) : null;
	}

	setOnrampQuotesPaths(paths: OnrampQuotesPaths): void {
		this.settings.unservedOperations = new Set(unservedQuotesOperations(paths));
	}

	async advanceOnrampSession(id: string, status: string, selector?: ScopeSelector): Promise<object> {
		const state = this.store.scope(toScope(selector));
		return copy(advanceOnrampSession(state, id, status, this.events.emitterFor(state, NO_REQUEST)));
	}

	async setClimateOrderStatus(id: string, status: ClimateOrderStatus, selector?: ScopeSelector): Promise<object> {
		if (!CLIMATE_ORDER_STATUSES.includes(status)) throw new Error(`Unknown climate order status '${status}'`);
		const state = this.store.scope(toScope(selector));
		return copy(setClimateOrderStatus(state, id, status, this.events.emitterFor(state, NO_REQUEST)));
	}

	seedClimateOrders(n: number, selector?: ScopeSelector, created?: number[]): void {
		seedClimateOrders(this.store.scope(toScope(selector)), checkCount(n, created), created);
	}

	seedClimateProducts(n: number, selector?: ScopeSelector): void {
		seedClimateProducts(this.store.scope(toScope(selector)), checkCount(n));
	}

	seedOnrampSessions(n: number, selector?: ScopeSelector, created?: number[]): void {
		seedOnrampSessions(this.store.scope(toScope(selector)), checkCount(n, created), created);
	}

	listObjects(kind: ObjectKind, selector?: ScopeSelector): any[] {
		const kinds: ObjectKind[] = ['climate.order', 'crypto.onramp_session', 'forwarding.request', 'webhook_endpoint', 'event'];
		if (!kinds.includes(kind)) throw new Error(`listObjects: kind must be one of ${kinds.join(', ')}`);
		return copy(this.store.scope(toScope(selector)).collection(kind as CollectionName).newestFirst());
	}

	setClock(change: { advanceSeconds?: number; hold?: boolean }): ClockState {
		if (change.advanceSeconds !== undefined) this.eventClock.advance(change.advanceSeconds);
		if (change.hold === true) this.eventClock.hold();
		if (change.hold === false) this.eventClock.release();
		return this.clock;
	}

	get clock(): ClockState {
		return { now: this.eventClock.now(), held: this.eventClock.held };
	}

	setEventListingLag(seconds: number): void {
		if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`event listing lag: seconds must be a whole number ≥ 0, got ${seconds}`);
		this.events.listingLagSeconds = seconds;
	}

	triggerEvent(type: string, object: unknown, selector?: ScopeSelector): object {
		const state = this.store.scope(toScope(selector));
		return copy(this.events.emit(state, checkEventType(type), checkEventObject(object), undefined, NO_REQUEST));
	}

	redeliverEvent(eventId: string, endpointId?: string): Promise<void> {
		return this.events.redeliver(eventId, endpointId);
	}

	waitForDeliveries(predicate: (d: DeliveryRecord[]) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
		return this.deliveryLog.waitFor(predicate, timeoutMs);
	}

	async close(): Promise<void> {
		this.sender.cancelAll();
		this.timers.cancelAll();
		await closeServer(this.server);
	}
}

/** Changes made through helpers were not caused by an API request. */
const NO_REQUEST = { id: null, idempotency_key: null };

function initialSettings(options: EmulatorOptions): ApiSettings {
	return {
		latencyMs: options.latencyMs ?? 0,
		limiter: options.rateLimitPerSecond ? new SlidingWindowLimiter(options.rateLimitPerSecond) : null,
		unservedOperations: new Set(unservedQuotesOperations(options.onrampQuotesPaths ?? 'both')),
		responseOverrides: [],
	};
}

function toScope(selector: ScopeSelector | undefined): Scope {
	return { mode: modeOfKey(selector?.key), account: selector?.account ?? null };
}

function checkCount(n: number, created?: number[]): number {
	if (!Number.isInteger(n) || n < 0) throw new Error(`seed count must be a non-negative integer, got ${n}`);
	if (created && (created.length !== n || !created.every((time) => Number.isInteger(time) && time > 0))) {
		throw new Error(`seed: created must list ${n} whole Unix seconds, one per object`);
	}
	return n;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<StripeEmulator> {
	const emulator = new Emulator(options);
	emulator.port = await listen(emulator.server, options.port ?? 0);
	emulator.url = `http://127.0.0.1:${emulator.port}`;
	return emulator;
}
