import type { IDataObject } from 'n8n-workflow';

/** "List events, going back up to 30 days" (docs.stripe.com/api/events/list). */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/**
 * A poll later than this after the last one may find events gone. The hour of headroom covers
 * clock differences between n8n and Stripe, so a gap is reported rather than missed.
 */
export const GAP_REPORT_AFTER_SECONDS = EVENT_RETENTION_SECONDS - 60 * 60;

/**
 * How late Stripe may list an event (after its `created` second) and still have it emitted, by
 * default. Stripe makes no promise that an event is listed the moment it is created: events come
 * from many systems whose queues differ, and the only propagation figure Stripe publishes is for
 * Search ("under normal operating conditions, data is searchable in less than a minute",
 * docs.stripe.com/search). A late listing seen in practice is seconds late, so a minute covers it
 * with room to spare while a poll re-reads only the last minute's events (one request up to 100
 * of them) and remembers only their ids.
 */
export const DEFAULT_LATE_WINDOW_SECONDS = 60;
/** The longest window the option takes: the hour Stripe gives for Search propagation "during outages" (same page). */
export const MAX_LATE_WINDOW_SECONDS = 60 * 60;
/**
 * How often a poll reads the whole window when it holds more than one page (100 events): a quarter
 * of the window, so a busy window costs its pages once every 15 s by default, and the polls in
 * between read the newest page only (one request when nothing is new). A late event deeper than the
 * newest page comes out at the next whole read, so the ids are kept this much longer than the window
 * for that read to still see an event listed at the window's very end.
 */
export function wholeReadInterval(windowSeconds: number): number {
	return Math.ceil(windowSeconds / 4);
}

/**
 * Added to the window: Stripe's clock is estimated from whole seconds (`created`, and this
 * machine's clock rounded down), so the estimate may be a second or two ahead.
 */
const CLOCK_MARGIN_SECONDS = 2;

/** What a place was made for: the same place on other settings would skip or repeat events. */
export interface PollScope {
	/** n8n's id of the credential (an id, never its data). */
	credential: string;
	baseUrl: string;
	/** The connected account polled (node option or the credential's default), or '' for the own account. */
	account: string;
	/** The key's mode: a key lists the events of its own mode only. */
	keyMode: 'live' | 'test';
	/** The `types` filter, sorted; ['*'] for every type. */
	types: string[];
}

/**
 * Stripe's clock as seen: at this machine's second `local`, Stripe had listed an event created at
 * `stripe`. Only the difference of two local readings is used, so a clock of n8n running ahead of
 * or behind Stripe's does not move the window.
 */
export interface StripeClock {
	stripe: number;
	local: number;
}

/**
 * Where the trigger is. Every event created before `from` is handled. Of those created since,
 * the ones in `seen` are handled (emitted, or not chosen by Event Mode): each poll lists everything
 * created since `from` and passes on the rest. `from` follows Stripe's clock less the late-event
 * window, so the ids kept are those of the window only.
 */
export interface PollPlace {
	version: 2;
	scope: PollScope;
	from: number;
	/** Handled ids by `created` second (as a string key, as JSON keeps it). */
	seen: Record<string, string[]>;
	clock?: StripeClock;
	/** This machine's Unix seconds at the last poll. */
	polledAt?: number;
	/** This machine's Unix seconds at the last poll that read every page down to `from`. */
	readAllAt?: number;
}

export interface ListedEvent extends IDataObject {
	id: string;
	created: number;
	type: string;
	livemode: boolean;
}

/** The key of a node's place in the workflow's global static data (n8n keeps node data per name, this survives a rename). */
export const placeKey = (nodeId: string): string => `stripeEventsPollingTrigger:${nodeId}`;

/**
 * The events of a listing that the place has not handled, oldest first: by `created`, then in the
 * reverse of the listing's order within a second (Stripe lists newest first, "in reverse
 * chronological order", docs.stripe.com/api/pagination; the sort keeps that from being assumed).
 */
export function unhandledEvents(place: Pick<PollPlace, 'from' | 'seen'>, newestFirst: ListedEvent[]): ListedEvent[] {
	return newestFirst
		.filter((event) => event.created >= place.from && !(place.seen[String(event.created)] ?? []).includes(event.id))
		.reverse()
		.sort((a, b) => a.created - b.created);
}

/** Whether a poll at local second `now` reads every page down to `from` (otherwise it reads on only while pages hold new events). */
export function wholeReadDue(place: Pick<PollPlace, 'readAllAt'>, now: number, windowSeconds: number): boolean {
	return place.readAllAt === undefined || now - place.readAllAt >= wholeReadInterval(windowSeconds);
}

/**
 * Whether a poll reads the page after `page`: always on a whole read; otherwise only while a
 * page holds an event not handled yet (new events come first in a newest-first list).
 */
export function readsNextPage(place: Pick<PollPlace, 'from' | 'seen'>, page: ListedEvent[], wholeRead: boolean): boolean {
	return wholeRead || unhandledEvents(place, page).length > 0;
}

/**
 * The place after a poll that started at local second `startedAt`, finished at `finishedAt` and
 * listed `newestFirst` (every page down to `from` when `readAll`), of which every event is now
 * handled: the ids added, Stripe's clock moved on, `from` moved to Stripe's time at the listing
 * less the window and the whole-read interval, and the ids older than `from` forgotten.
 */
export function advancePlace(
	place: PollPlace,
	newestFirst: ListedEvent[],
	startedAt: number,
	windowSeconds: number,
	finishedAt = startedAt,
	readAll = true,
): PollPlace {
	const seen: Record<string, string[]> = {};
	for (const [second, ids] of Object.entries(place.seen)) seen[second] = [...ids];
	for (const event of newestFirst) {
		const ids = (seen[String(event.created)] ??= []);
		if (!ids.includes(event.id)) ids.push(event.id);
	}
	const newest = newestFirst.length ? Math.max(...newestFirst.map((event) => event.created)) : undefined;
	// Stripe's time when it answered, at least: its newest event, or the clock seen before run on.
	const candidates = [newest, place.clock && stripeNow(place.clock, startedAt)].filter((n): n is number => n !== undefined);
	const listedAt = candidates.length ? Math.max(...candidates) : undefined;
	// The listing happened before `finishedAt`, so from then on Stripe's time is at least `newest`.
	const clock = newest !== undefined && (!place.clock || newest > stripeNow(place.clock, finishedAt)) ? { stripe: newest, local: finishedAt } : place.clock;
	// An event not listed by now and created before this is more than the window late.
	const span = windowSeconds + wholeReadInterval(windowSeconds) + CLOCK_MARGIN_SECONDS;
	const from = listedAt === undefined ? place.from : Math.max(place.from, listedAt - span);
	for (const second of Object.keys(seen)) if (Number(second) < from) delete seen[second];
	return { ...place, from, seen, clock, polledAt: startedAt, readAllAt: readAll ? startedAt : place.readAllAt };
}

/** Stripe's time (at least) at local second `local`. */
export function stripeNow(clock: StripeClock, local: number): number {
	return clock.stripe + Math.max(0, local - clock.local);
}

/** How many ids a place holds (its memory). */
export const seenCount = (place: Pick<PollPlace, 'seen'>): number => Object.values(place.seen).reduce((sum, ids) => sum + ids.length, 0);

/** The span of events that may be gone because the last poll is older than Stripe keeps events. */
export function possiblyMissed(polledAt: number | undefined, now: number): { from: number; until: number } | undefined {
	if (polledAt === undefined || now - polledAt <= GAP_REPORT_AFTER_SECONDS) return undefined;
	return { from: polledAt, until: now - GAP_REPORT_AFTER_SECONDS };
}

/** A place read back from static data, or undefined when there is none or it is damaged. */
export function readPlace(value: unknown): PollPlace | undefined {
	const place = value as Partial<PollPlace> | undefined;
	if (!place || place.version !== 2 || typeof place.from !== 'number' || !place.scope || typeof place.seen !== 'object' || place.seen === null) return undefined;
	const seen: Record<string, string[]> = {};
	for (const [second, ids] of Object.entries(place.seen)) if (Array.isArray(ids)) seen[second] = ids.filter((id): id is string => typeof id === 'string');
	const clock = place.clock && typeof place.clock.stripe === 'number' && typeof place.clock.local === 'number' ? { stripe: place.clock.stripe, local: place.clock.local } : undefined;
	return {
		version: 2,
		scope: { ...place.scope, types: [...(place.scope.types ?? [])] },
		from: place.from,
		seen,
		clock,
		polledAt: typeof place.polledAt === 'number' ? place.polledAt : undefined,
		readAllAt: typeof place.readAllAt === 'number' ? place.readAllAt : undefined,
	};
}

/**
 * The place kept by the versions before this one, in the node's own static data (`node:<name>`):
 * `cursor` (the newest second handled and its ids) and `polledAt`. Read once on upgrade, for the
 * settings of now (those versions did not record theirs).
 */
export function migrateLegacyPlace(nodeData: IDataObject, scope: PollScope): PollPlace | undefined {
	const cursor = nodeData.cursor as { created?: unknown; ids?: unknown } | undefined;
	if (!cursor || typeof cursor.created !== 'number' || !Array.isArray(cursor.ids)) return undefined;
	const ids = cursor.ids.filter((id): id is string => typeof id === 'string');
	return {
		version: 2,
		scope,
		from: cursor.created,
		seen: ids.length ? { [String(cursor.created)]: ids } : {},
		polledAt: typeof nodeData.polledAt === 'number' ? nodeData.polledAt : undefined,
	};
}

/** What changed between the scope a place was made for and the settings of now, in the field names the user sees; empty when the place still holds. */
export function scopeChanges(before: PollScope, now: PollScope): string[] {
	const changes: string[] = [];
	if (before.credential !== now.credential || before.baseUrl !== now.baseUrl) changes.push('the credential');
	else if (before.keyMode !== now.keyMode) changes.push(`the credential's key (${before.keyMode} mode before, ${now.keyMode} mode now)`);
	if (before.account !== now.account) changes.push(`the connected account (${before.account || 'your own account'} before, ${now.account || 'your own account'} now)`);
	if (!typesCovered(before.types, now.types)) {
		const added = now.types.filter((type) => !before.types.includes(type));
		changes.push(`Events (added ${added.join(', ')})`);
	}
	return changes;
}

/** Whether a listing of `before` held every event of `now`: the same or fewer types, or before was every type. */
export function typesCovered(before: string[], now: string[]): boolean {
	return before.includes('*') || (!now.includes('*') && now.every((type) => before.includes(type)));
}
