import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Stripe redelivers for up to three days; the last 1,000 ids cover that for all but very busy accounts. */
export const SEEN_EVENTS_CAPACITY = 1000;

/**
 * Event ids this n8n process has accepted, per webhook endpoint (oldest first). n8n loads a
 * workflow's static data before each delivery and saves it whole afterwards, last writer wins, so
 * deliveries in flight at the same time each see only their own copy. This memory is shared by all
 * deliveries of the process: checking and recording an id is one synchronous step, and every
 * delivery's copy of the ids is read when n8n saves it, as the union of what that delivery loaded and
 * everything the process has accepted by then. A save that lands after a later delivery's therefore
 * still holds that delivery's id, and a delivery that finds an id of this process missing from its
 * copy (another process's save overtook it) writes the union again.
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
 * tracking marks the static data as changed and saves it. A known id writes nothing unless the
 * loaded copy lacks ids this process accepted, so a plain redelivery costs n8n no save.
 */
export function rememberEvent(memory: IDataObject, eventId: string, key: string, capacity = SEEN_EVENTS_CAPACITY): boolean {
	const stored = Array.isArray(memory.seenEventIds) ? (memory.seenEventIds as string[]) : [];
	let accepted = acceptedByEndpoint.get(key);
	if (accepted?.known.has(eventId) || stored.includes(eventId)) {
		if (accepted && lacksAcceptedIds(stored, accepted)) memory.seenEventIds = idsToSave(stored, accepted, capacity);
		return false;
	}
	if (!accepted) acceptedByEndpoint.set(key, (accepted = { order: [], known: new Set() }));
	accepted.order.push(eventId);
	accepted.known.add(eventId);
	for (const dropped of accepted.order.splice(0, Math.max(0, accepted.order.length - capacity))) accepted.known.delete(dropped);
	memory.seenEventIds = idsToSave(stored, accepted, capacity);
	return true;
}

function lacksAcceptedIds(stored: string[], accepted: AcceptedIds): boolean {
	const saved = new Set(stored);
	return accepted.order.some((id) => !saved.has(id));
}

/**
 * The ids a delivery leaves in its static data: what it loaded, then what the process accepted.
 * The array holds them as of now; its `toJSON`, which the database layer calls when n8n saves
 * (`JSON.stringify`, n8n-workflow's `deepCopy` too), reads the process memory again, so an
 * earlier delivery whose save lands late cannot drop the ids of the deliveries that ran after it.
 */
function idsToSave(loaded: string[], accepted: AcceptedIds, capacity: number): string[] {
	const union = () =>
		loaded
			.filter((id) => !accepted.known.has(id))
			.concat(accepted.order)
			.slice(-capacity);
	return Object.defineProperty(union(), 'toJSON', { value: union });
}

/**
 * Takes back an accepted id whose execution was not started (its claim at Stripe failed), so that
 * Stripe's retry of the delivery is accepted.
 */
export function forgetEvent(memory: IDataObject, eventId: string, key: string): void {
	const accepted = acceptedByEndpoint.get(key);
	if (accepted?.known.delete(eventId)) accepted.order.splice(accepted.order.indexOf(eventId), 1);
	if (!Array.isArray(memory.seenEventIds)) return;
	const kept = (memory.seenEventIds as string[]).filter((id) => id !== eventId);
	memory.seenEventIds = accepted ? idsToSave(kept, accepted, SEEN_EVENTS_CAPACITY) : kept;
}

/** Forgets the process memory of an endpoint that is gone (deactivation, test listener stopped). */
export function forgetEndpoint(key: string): void {
	acceptedByEndpoint.delete(key);
}
