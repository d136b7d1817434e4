import type { IDataObject } from 'n8n-workflow';

/** "List events, going back up to 30 days" (docs.stripe.com/api/events/list). */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * A poll later than this after the last one may find events gone. The hour of headroom covers
 * clock differences between n8n and Stripe, so a gap is reported rather than missed.
 */
export const GAP_REPORT_AFTER_SECONDS = EVENT_RETENTION_SECONDS - 60 * 60;

/**
 * Where the trigger is: every event created before `created` is handled, and of the events created
 * in that second, those in `ids`. Stripe's `created` is in whole seconds and a busy account has
 * many events in one second, so the second alone cannot tell the handled ones from new ones.
 */
export interface EventCursor {
	created: number;
	ids: string[];
}

/** The trigger's static data. */
export interface PollMemory extends IDataObject {
	cursor?: EventCursor;
	/** Unix seconds of the last poll: every event created before it was listed then. */
	polledAt?: number;
}

export interface ListedEvent extends IDataObject {
	id: string;
	created: number;
	type: string;
	livemode: boolean;
}

/**
 * The events of a newest-first list (`created[gte]` = the cursor's second) that the cursor has not
 * handled yet, oldest first.
 */
export function unhandledEvents(cursor: EventCursor, newestFirst: ListedEvent[]): ListedEvent[] {
	const handled = new Set(cursor.ids);
	return newestFirst
		.filter((event) => event.created > cursor.created || (event.created === cursor.created && !handled.has(event.id)))
		.reverse();
}

/** The cursor after handling `oldestFirst`: their newest second, with every id handled in it. */
export function advanceCursor(cursor: EventCursor, oldestFirst: ListedEvent[]): EventCursor {
	if (oldestFirst.length === 0) return cursor;
	const created = oldestFirst[oldestFirst.length - 1].created;
	const inSecond = oldestFirst.filter((event) => event.created === created).map((event) => event.id);
	const ids = created === cursor.created ? [...cursor.ids, ...inSecond] : inSecond;
	return { created, ids: [...new Set(ids)] };
}

/** The span of events that may be gone because the last poll is older than Stripe keeps events. */
export function possiblyMissed(polledAt: number | undefined, now: number): { from: number; until: number } | undefined {
	if (polledAt === undefined || now - polledAt <= GAP_REPORT_AFTER_SECONDS) return undefined;
	return { from: polledAt, until: now - GAP_REPORT_AFTER_SECONDS };
}

/** A cursor read back from static data, or undefined when there is none (first activation) or it is damaged. */
export function readCursor(memory: PollMemory): EventCursor | undefined {
	const cursor = memory.cursor;
	if (!cursor || typeof cursor.created !== 'number' || !Array.isArray(cursor.ids)) return undefined;
	return { created: cursor.created, ids: cursor.ids.filter((id): id is string => typeof id === 'string') };
}
