/**
 * Calendar arithmetic for the reports suite, written apart from the package's own period code
 * (nodes/shared/period.ts) so that the suite checks it instead of repeating it: wall-clock dates in
 * a timezone from Intl, and the instant a zone's clock shows midnight found by correcting a guess.
 */

/** The wall clock of `instantMs` in `timeZone`. */
export function wallOf(instantMs: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
		weekday: 'short',
	}).formatToParts(new Date(instantMs));
	const get = (type: string) => parts.find((p) => p.type === type)!.value;
	const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
	return { year: +get('year'), month: +get('month'), day: +get('day'), hour: +get('hour'), minute: +get('minute'), second: +get('second'), weekday };
}

/** The zone's offset from UTC at `instantMs`, in minutes. */
export function offsetMinutes(instantMs: number, timeZone: string): number {
	const w = wallOf(instantMs, timeZone);
	return Math.round((Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instantMs / 1000) * 1000) / 60000);
}

/** The instant (ms) the zone's clock shows midnight starting `date` (year, month 1-12, day; day may overflow). */
export function midnight(year: number, month: number, day: number, timeZone: string): number {
	const wall = Date.UTC(year, month - 1, day);
	let guess = wall - offsetMinutes(wall, timeZone) * 60000;
	guess = wall - offsetMinutes(guess, timeZone) * 60000;
	return guess;
}

/** Monday 00:00 of the week before the one `nowMs` is in, and of that week, in the zone (ms). */
export function previousWeek(nowMs: number, timeZone: string): { start: number; end: number } {
	const w = wallOf(nowMs, timeZone);
	const monday = new Date(Date.UTC(w.year, w.month - 1, w.day - (w.weekday - 1)));
	const end = midnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
	const start = midnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate() - 7, timeZone);
	return { start, end };
}

/** YYYY-MM-DD on the zone's calendar. */
export function isoDate(instantMs: number, timeZone: string): string {
	const w = wallOf(instantMs, timeZone);
	return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Unix seconds as the zone's wall clock with its offset: 2026-11-23T00:00:00+14:00. */
export function isoSeconds(seconds: number, timeZone: string): string {
	const ms = seconds * 1000;
	const w = wallOf(ms, timeZone);
	const off = offsetMinutes(ms, timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	const sign = off < 0 ? '-' : '+';
	return `${isoDate(ms, timeZone)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}
