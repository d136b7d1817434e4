/**
 * Dates from n8n's date picker carry no offset (`2026-01-01T00:00:00`): n8n means them in the
 * workflow's timezone (Workflow Settings → Timezone, else the instance's GENERIC_TIMEZONE), as its
 * own nodes read them. JavaScript's Date would read them in the server's timezone instead.
 */

/** A date, or a date and time, with no offset after it. */
const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/;

/**
 * Milliseconds since the epoch for an ISO date or date-time: one with an offset (or `Z`) as it says,
 * one without in `timeZone`. NaN when it is no date.
 */
export function epochMillis(text: string, timeZone: string): number {
	const trimmed = text.trim();
	const wall = WALL_TIME.exec(trimmed);
	if (!wall) return new Date(trimmed).getTime();
	const [year, month, day, hour, minute, second, millis] = wall.slice(1).map((part) => Number(part ?? 0));
	const asIfUtc = Date.UTC(year, month - 1, day, hour, minute, second, Number(String(millis).padEnd(3, '0')));
	// The zone's offset at the instant sought: first at the wall time read as UTC, then at the
	// result, which settles it where a daylight-saving change lies between the two.
	const first = asIfUtc - zoneOffsetMillis(asIfUtc, timeZone);
	return asIfUtc - zoneOffsetMillis(first, timeZone);
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant` (0 for an unknown zone). */
export function zoneOffsetMillis(instant: number, timeZone: string): number {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		}).formatToParts(new Date(instant));
	} catch {
		return 0;
	}
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
	const wallAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wallAsUtc - (instant - (((instant % 1000) + 1000) % 1000));
}
