import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

/** Stripe redelivers for up to three days; the last 1,000 ids cover that for all but very busy accounts. */
export const SEEN_EVENTS_CAPACITY = 1000;

/**
 * Event ids this n8n process has accepted, per trigger node. n8n loads a workflow's static data
 * before each delivery and saves it whole afterwards, so deliveries in flight at the same time
 * each see only their own copy, and the last save drops the ids the others added. This memory is
 * shared by all deliveries of the process: checking and recording an id is one synchronous step,
 * and every save writes the union, so concurrent deliveries cannot both start an execution for
 * one event nor lose each other's ids.
 */
const acceptedByTrigger = new Map<string, string[]>();

/**
 * Records `eventId` as accepted for the trigger `triggerKey` and tells whether it is new. The
 * ids are also kept in `memory.seenEventIds` (the node's static data, oldest first, trimmed to
 * `capacity`) so they survive restarts; a new array is assigned rather than pushed to, so n8n's
 * change tracking sees the write and saves it.
 */
export function rememberEvent(
	memory: IDataObject,
	eventId: string,
	triggerKey: string,
	capacity = SEEN_EVENTS_CAPACITY,
): boolean {
	const stored = Array.isArray(memory.seenEventIds) ? (memory.seenEventIds as string[]) : [];
	const accepted = acceptedByTrigger.get(triggerKey) ?? [];
	if (stored.includes(eventId) || accepted.includes(eventId)) return false;
	const updated = [...accepted, eventId].slice(-capacity);
	acceptedByTrigger.set(triggerKey, updated);
	memory.seenEventIds = [...new Set([...stored, ...updated])].slice(-capacity);
	return true;
}

/** Names one trigger node of one workflow, for the process memory. */
export function triggerKey(context: IHookFunctions | IWebhookFunctions): string {
	return `${context.getWorkflow().id ?? ''}/${context.getNode().id}`;
}

/** Forgets the process memory of a trigger whose endpoint is gone (deactivation). */
export function forgetTrigger(key: string): void {
	acceptedByTrigger.delete(key);
}
