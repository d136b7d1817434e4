import type { IDataObject } from 'n8n-workflow';

/** Stripe redelivers for up to three days; the last 1,000 ids cover that for all but very busy accounts. */
export const SEEN_EVENTS_CAPACITY = 1000;

/**
 * Records `eventId` in `memory.seenEventIds` (oldest first, trimmed to `capacity`) and tells whether
 * it is new. `memory` is the node's static data: a new array is assigned rather than pushed to, so
 * n8n's change tracking sees the write and saves it.
 */
export function rememberEvent(memory: IDataObject, eventId: string, capacity = SEEN_EVENTS_CAPACITY): boolean {
	const seen = Array.isArray(memory.seenEventIds) ? (memory.seenEventIds as string[]) : [];
	if (seen.includes(eventId)) return false;
	memory.seenEventIds = [...seen, eventId].slice(-capacity);
	return true;
}
