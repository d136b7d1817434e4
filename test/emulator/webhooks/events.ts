/**
 * Event objects and their routing to webhook endpoints.
 *
 * Routing follows Stripe: an endpoint receives events of its own mode whose type is in
 * `enabled_events` (or `*`); `connect: false` endpoints receive their own account's events,
 * `connect: true` endpoints of the platform receive its connected accounts' events (which carry a
 * top-level `account`). Payloads use the endpoint's `api_version`, else the default version.
 * `pending_webhooks` counts the endpoints that have not answered an attempt with a 2xx yet
 * (docs.stripe.com/api/events/object: "Number of webhooks that haven't been successfully
 * delivered"); `GET /v1/events?delivery_success=false` lists the events where it is above 0.
 */
import type { EmulatorClock } from '../clock';
import { newId } from '../ids';
import type { ScopeState, Store, StoredObject, StoredWebhookEndpoint } from '../store';
import type { DeliveryRun, WebhookSender } from './delivery';

export interface EventRequest {
	id: string | null;
	idempotency_key: string | null;
}

export interface StoredEvent extends StoredObject {
	object: 'event';
	account?: string;
	api_version: string;
	data: { object: unknown; previous_attributes?: Record<string, unknown> };
	livemode: boolean;
	pending_webhooks: number;
	request: EventRequest;
	type: string;
}

/**
 * When Stripe lists an event, for events listed later than their `created` second (the Events API
 * promises no moment: an event is written by the system that caused it and can show up in the list
 * seconds after events created later). Events without an entry are listed at once.
 */
export const listedFrom = new WeakMap<StoredEvent, number>();

/** What resource code calls to publish a change. */
export type EmitEvent = (type: string, object: unknown, previousAttributes?: Record<string, unknown>) => void;

export class EventService {
	/** Per event, the endpoints still waiting for a successful delivery. */
	private readonly undelivered = new WeakMap<StoredEvent, Set<string>>();
	/** Seconds after its `created` that an event created from now on is listed (`listedFrom`); 0 lists at once. */
	listingLagSeconds = 0;

	constructor(
		private readonly store: Store,
		private readonly sender: WebhookSender,
		private readonly defaultApiVersion: string,
		private readonly clock: EmulatorClock,
	) {}

	/** An `emit` bound to a scope and the API request (if any) that caused the change. */
	emitterFor(state: ScopeState, request: EventRequest): EmitEvent {
		return (type, object, previousAttributes) => this.emit(state, type, object, previousAttributes, request);
	}

	emit(
		state: ScopeState,
		type: string,
		object: unknown,
		previousAttributes: Record<string, unknown> | undefined,
		request: EventRequest,
	): StoredEvent {
		const targets = this.targets(state, type);
		const event: StoredEvent = {
			id: newId('evt_'),
			object: 'event',
			...(state.scope.account ? { account: state.scope.account } : {}),
			api_version: this.defaultApiVersion,
			created: this.clock.now(),
			data: {
				object: JSON.parse(JSON.stringify(object)), // a snapshot, later changes must not leak in
				...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
			},
			livemode: state.livemode,
			pending_webhooks: targets.length,
			request,
			type,
		};
		state.collection<StoredEvent>('event').insert(event);
		if (this.listingLagSeconds > 0) listedFrom.set(event, event.created + this.listingLagSeconds);
		this.undelivered.set(event, new Set(targets.map((endpoint) => endpoint.id)));
		// Delivery never holds up the API response that caused the event.
		setImmediate(() => this.send(event, targets));
		return event;
	}

	/** Sends a stored event again (same id, fresh signature) to the endpoints that take it now. */
	/** Sends a stored event again to every endpoint listening for it, or to `endpointId` only. */
	async redeliver(eventId: string, endpointId?: string): Promise<void> {
		for (const state of this.store.all()) {
			const event = state.collection<StoredEvent>('event').get(eventId);
			if (!event) continue;
			const targets = this.targets(state, event.type).filter((e) => endpointId === undefined || e.id === endpointId);
			const runs = this.send(event, targets);
			await Promise.all(runs.map((r) => r.firstAttempt));
			return;
		}
		throw new Error(`No such event: '${eventId}'`);
	}

	private send(event: StoredEvent, endpoints: StoredWebhookEndpoint[]): DeliveryRun[] {
		return endpoints.map((endpoint) => {
			const payload = JSON.stringify({ ...event, api_version: endpoint.api_version ?? this.defaultApiVersion }, null, 2);
			const run = this.sender.deliver(
				{
					endpointId: endpoint.id,
					url: endpoint.url,
					secret: endpoint.secret,
					isActive: () => endpoint.status === 'enabled' && this.endpointExists(endpoint),
				},
				event,
				payload,
			);
			void run.finished.then((delivered) => {
				const waiting = this.undelivered.get(event);
				if (!delivered || !waiting) return;
				waiting.delete(endpoint.id);
				event.pending_webhooks = waiting.size;
			});
			return run;
		});
	}

	private endpointExists(endpoint: StoredWebhookEndpoint): boolean {
		return this.store.all().some((s) => s.collection('webhook_endpoint').get(endpoint.id) === endpoint);
	}

	private targets(state: ScopeState, type: string): StoredWebhookEndpoint[] {
		const { mode, account } = state.scope;
		const listening = (connect: boolean) => (e: StoredWebhookEndpoint) =>
			e.status === 'enabled' && e.connect === connect && (e.enabled_events.includes('*') || e.enabled_events.includes(type));
		const own = state.collection<StoredWebhookEndpoint>('webhook_endpoint').newestFirst().filter(listening(false));
		if (!account) return own;
		const platform = this.store.find({ mode, account: null });
		const connectEndpoints = platform
			? platform.collection<StoredWebhookEndpoint>('webhook_endpoint').newestFirst().filter(listening(true))
			: [];
		return [...own, ...connectEndpoints];
	}
}
