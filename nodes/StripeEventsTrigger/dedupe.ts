import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Stripe redelivers for up to three days; the last 1,000 ids cover that for all but very busy accounts. */
export const SEEN_EVENTS_CAPACITY = 1000;

/**
 * Event ids this n8n process has accepted, per webhook endpoint (oldest first). n8n loads a
 * workflow's static data before each delivery and saves it whole afterwards, last writer wins, so
 * deliveries in flight at the same time each see only their own copy. This memory is shared by all
 * deliveries of the process: checking and recording an id is one synchronous step, and every
 * delivery writes the union of what it loaded and everything the process accepted, so whichever
 * save lands last still holds every id.
 *
 * It is keyed by endpoint, not by workflow: the editor's test listener registers a second endpoint
 * for the same node, and Stripe sends each event to both; each must start its own execution.
 */
const acceptedByEndpoint = new Map<string, AcceptedIds>();

/** The ids in acceptance order (oldest first), and the same ids as a set for the per-delivery check. */
interface AcceptedIds {
	order: string[];
	known: Set<string>;
}

/** Names one webhook endpoint of one trigger node, for the process memory. */
export function endpointKey(context: IHookFunctions | IWebhookFunctions, endpointId: string): string {
	return `${context.getWorkflow().id ?? ''}/${context.getNode().id}/${endpointId}`;
}

/**
 * Records `eventId` as accepted for the endpoint `key` and tells whether it is new. The ids are
 * also written to `memory.seenEventIds` (the node's static data, oldest first, trimmed to
 * `capacity`) so they survive restarts; the array is assigned, not pushed to, so n8n's change
 * tracking marks the static data as changed and saves it.
 */
export function rememberEvent(memory: IDataObject, eventId: string, key: string, capacity = SEEN_EVENTS_CAPACITY): boolean {
	const stored = Array.isArray(memory.seenEventIds) ? (memory.seenEventIds as string[]) : [];
	let accepted = acceptedByEndpoint.get(key);
	if (accepted?.known.has(eventId) || stored.includes(eventId)) return false;
	if (!accepted) acceptedByEndpoint.set(key, (accepted = { order: [], known: new Set() }));
	accepted.order.push(eventId);
	accepted.known.add(eventId);
	for (const dropped of accepted.order.splice(0, Math.max(0, accepted.order.length - capacity))) accepted.known.delete(dropped);
	const known = accepted.known;
	memory.seenEventIds = stored.filter((id) => !known.has(id)).concat(accepted.order).slice(-capacity);
	return true;
}

/**
 * Takes back an accepted id whose execution was not started (its claim at Stripe failed), so that
 * Stripe's retry of the delivery is accepted.
 */
export function forgetEvent(memory: IDataObject, eventId: string, key: string): void {
	const accepted = acceptedByEndpoint.get(key);
	if (accepted?.known.delete(eventId)) accepted.order.splice(accepted.order.indexOf(eventId), 1);
	if (Array.isArray(memory.seenEventIds)) {
		memory.seenEventIds = (memory.seenEventIds as string[]).filter((id) => id !== eventId);
	}
}

/** Forgets the process memory of an endpoint that is gone (deactivation, test listener stopped). */
export function forgetEndpoint(key: string): void {
	acceptedByEndpoint.delete(key);
}
