import { epochMillis, zoneOffsetMillis } from './time';

/**
 * Relative periods of the Get Many filters, computed on the workflow's timezone wall clock: a day
 * starts at that zone's midnight, so a day across a daylight-saving change lasts 23 or 25 hours.
 * Weeks are ISO weeks (Monday first).
 */
export const CREATED_PERIODS = [
	'today',
	'yesterday',
	'last24Hours',
	'last7Days',
	'last30Days',
	'currentWeek',
	'previousWeek',
	'currentMonth',
	'previousMonth',
] as const;

export type CreatedPeriod = (typeof CREATED_PERIODS)[number];

export function isCreatedPeriod(value: string): value is CreatedPeriod {
	return (CREATED_PERIODS as readonly string[]).includes(value);
}

/** A `created` range in Unix seconds, both ends included, as Stripe's created[gte] and created[lte]. */
// a type, not an interface, so that it is a Stripe parameter value (which needs an index signature)
export type CreatedRange = { gte?: number; lte?: number };

/** A calendar date on the zone's wall clock. */
interface WallDate {
	year: number;
	month: number;
	day: number;
}

/** The wall-clock date and time of `instant` (milliseconds) in `timeZone`. */
export function wallClock(instant: number, timeZone: string): WallDate & { hour: number; minute: number; second: number; offsetMillis: number } {
	const offsetMillis = zoneOffsetMillis(instant, timeZone);
	const wall = new Date(instant + offsetMillis);
	return {
		year: wall.getUTCFullYear(),
		month: wall.getUTCMonth() + 1,
		day: wall.getUTCDate(),
		hour: wall.getUTCHours(),
		minute: wall.getUTCMinutes(),
		second: wall.getUTCSeconds(),
		offsetMillis,
	};
}

/** The date `days` later (or earlier) on the calendar; months and years roll over. */
function addDays(date: WallDate, days: number): WallDate {
	const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function addMonths(date: WallDate, months: number): WallDate {
	const moved = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
	return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: 1 };
}

/** The instant (milliseconds) the zone's wall clock shows `date` at the given time. */
function atWallTime(date: WallDate, timeZone: string, hour = 0, minute = 0, second = 0): number {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return epochMillis(`${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}T${pad(hour)}:${pad(minute)}:${pad(second)}`, timeZone);
}

/** [start, end) in milliseconds → Stripe's inclusive range in seconds. */
function secondsRange(startMillis: number, endMillis: number): Required<CreatedRange> {
	return { gte: Math.ceil(startMillis / 1000), lte: Math.ceil(endMillis / 1000) - 1 };
}

/**
 * The `created` range of a relative period at `now` (milliseconds) in `timeZone`. Calendar periods
 * (today, weeks, months) end where they end, even in the future; rolling ones (last 24 hours,
 * last 7 and 30 days) end now. Last 7 and 30 days start at this wall-clock time 7 or 30 days ago.
 */
export function createdPeriodRange(period: CreatedPeriod, now: number, timeZone: string): Required<CreatedRange> {
	const clock = wallClock(now, timeZone);
	const today: WallDate = { year: clock.year, month: clock.month, day: clock.day };
	const day = (date: WallDate) => atWallTime(date, timeZone);
	const sinceDaysAgo = (days: number) =>
		secondsRange(atWallTime(addDays(today, -days), timeZone, clock.hour, clock.minute, clock.second), now + 1);
	// ISO weekday: Monday 1 … Sunday 7
	const weekday = ((new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7) + 1;
	const monday = addDays(today, 1 - weekday);
	const firstOfMonth: WallDate = { ...today, day: 1 };
	switch (period) {
		case 'today':
			return secondsRange(day(today), day(addDays(today, 1)));
		case 'yesterday':
			return secondsRange(day(addDays(today, -1)), day(today));
		case 'last24Hours':
			return secondsRange(now - 24 * 3600 * 1000, now + 1);
		case 'last7Days':
			return sinceDaysAgo(7);
		case 'last30Days':
			return sinceDaysAgo(30);
		case 'currentWeek':
			return secondsRange(day(monday), day(addDays(monday, 7)));
		case 'previousWeek':
			return secondsRange(day(addDays(monday, -7)), day(monday));
		case 'currentMonth':
			return secondsRange(day(firstOfMonth), day(addMonths(firstOfMonth, 1)));
		case 'previousMonth':
			return secondsRange(day(addMonths(firstOfMonth, -1)), day(firstOfMonth));
	}
}

/**
 * For a list Stripe cannot filter by `created`: which listed objects to keep, and when the
 * newest-first list has passed the range (an object created before its start), so paging stops.
 */
export interface ListWindow {
	keep(object: { created?: unknown }): boolean;
	passed(object: { created?: unknown }): boolean;
}

/**
 * `newestFirst`: Stripe documents the list as sorted newest first, so the first object older than
 * the range ends it. Without that promise every page is read and filtered.
 */
export function createdWindow(range: CreatedRange, { newestFirst }: { newestFirst: boolean }): ListWindow {
	const created = (object: { created?: unknown }) => Number(object.created);
	return {
		keep: (object) => (range.gte === undefined || created(object) >= range.gte) && (range.lte === undefined || created(object) <= range.lte),
		passed: (object) => newestFirst && range.gte !== undefined && created(object) < range.gte,
	};
}

/** Unix seconds (a fraction gives milliseconds) as ISO 8601 on the zone's wall clock, with its offset: 2026-03-29T03:00:00+02:00. */
export function isoInZone(seconds: number, timeZone: string): string {
	const instant = Math.round(seconds * 1000);
	const clock = wallClock(instant, timeZone);
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	const millis = ((instant % 1000) + 1000) % 1000;
	const offsetMinutes = Math.round(clock.offsetMillis / 60000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
	return (
		`${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}` +
		`${millis ? `.${pad(millis, 3)}` : ''}${offset}`
	);
}
