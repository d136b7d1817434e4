import { CREATED_PERIODS, createdPeriodRange, createdWindow, isoInZone } from '../../nodes/shared/period';
import { createdRangeFields } from '../../nodes/shared/fields';

const at = (iso: string) => Date.parse(iso);
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
/** The range as [first second, last second] in UTC, for reading the expectations. */
const utc = (range: { gte: number; lte: number }) => [iso(range.gte), iso(range.lte)];

describe('Created Period: ranges on the workflow timezone calendar', () => {
	test.each([
		// Tuesday 2026-03-31, 12:00 in Berlin (summer time since Sunday 29 March, 02:00 → 03:00)
		['previousWeek', '2026-03-31T10:00:00Z', 'Europe/Berlin', ['2026-03-22T23:00:00.000Z', '2026-03-29T21:59:59.000Z']],
		['currentWeek', '2026-03-31T10:00:00Z', 'Europe/Berlin', ['2026-03-29T22:00:00.000Z', '2026-04-05T21:59:59.000Z']],
		['today', '2026-03-29T10:00:00Z', 'Europe/Berlin', ['2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.000Z']],
		['yesterday', '2026-10-26T10:00:00Z', 'Europe/Berlin', ['2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.000Z']],
		['last7Days', '2026-03-31T10:00:00Z', 'Europe/Berlin', ['2026-03-24T11:00:00.000Z', '2026-03-31T10:00:00.000Z']],
		// New York: summer time from Sunday 8 March 2026, 02:00 → 03:00; back on 1 November
		['yesterday', '2026-03-09T12:00:00Z', 'America/New_York', ['2026-03-08T05:00:00.000Z', '2026-03-09T03:59:59.000Z']],
		['previousWeek', '2026-11-04T15:00:00Z', 'America/New_York', ['2026-10-26T04:00:00.000Z', '2026-11-02T04:59:59.000Z']],
		['previousMonth', '2026-03-15T12:00:00Z', 'America/New_York', ['2026-02-01T05:00:00.000Z', '2026-03-01T04:59:59.000Z']],
		['currentMonth', '2026-03-15T12:00:00Z', 'America/New_York', ['2026-03-01T05:00:00.000Z', '2026-04-01T03:59:59.000Z']],
		// months and weeks across a year
		['previousMonth', '2026-01-15T12:00:00Z', 'UTC', ['2025-12-01T00:00:00.000Z', '2025-12-31T23:59:59.000Z']],
		['previousWeek', '2026-01-01T12:00:00Z', 'UTC', ['2025-12-22T00:00:00.000Z', '2025-12-28T23:59:59.000Z']],
		// ISO weeks start on Monday: a Sunday is the last day of its week
		['currentWeek', '2026-03-08T12:00:00Z', 'UTC', ['2026-03-02T00:00:00.000Z', '2026-03-08T23:59:59.000Z']],
		['currentWeek', '2026-03-09T00:00:00Z', 'UTC', ['2026-03-09T00:00:00.000Z', '2026-03-15T23:59:59.000Z']],
		// the calendar is the workflow's: 23:30 UTC on 1 March is 2 March in Tokyo
		['today', '2026-03-01T23:30:00Z', 'Asia/Tokyo', ['2026-03-01T15:00:00.000Z', '2026-03-02T14:59:59.000Z']],
		['today', '2026-03-01T23:30:00Z', 'UTC', ['2026-03-01T00:00:00.000Z', '2026-03-01T23:59:59.000Z']],
		['last24Hours', '2026-03-29T12:00:00Z', 'Europe/Berlin', ['2026-03-28T12:00:00.000Z', '2026-03-29T12:00:00.000Z']],
		['last30Days', '2026-03-31T10:00:00Z', 'Europe/Berlin', ['2026-03-01T11:00:00.000Z', '2026-03-31T10:00:00.000Z']],
	] as const)('%s at %s in %s', (period, now, timeZone, expected) => {
		expect(utc(createdPeriodRange(period, at(now), timeZone))).toEqual(expected);
	});

	test('a day across a daylight-saving change lasts 23 or 25 hours; a week 167 or 169', () => {
		const hours = (range: { gte: number; lte: number }) => (range.lte + 1 - range.gte) / 3600;
		expect(hours(createdPeriodRange('today', at('2026-03-29T10:00:00Z'), 'Europe/Berlin'))).toBe(23);
		expect(hours(createdPeriodRange('today', at('2026-10-25T10:00:00Z'), 'Europe/Berlin'))).toBe(25);
		expect(hours(createdPeriodRange('today', at('2026-03-08T18:00:00Z'), 'America/New_York'))).toBe(23);
		expect(hours(createdPeriodRange('previousWeek', at('2026-03-31T10:00:00Z'), 'Europe/Berlin'))).toBe(167);
		expect(hours(createdPeriodRange('previousWeek', at('2026-11-04T15:00:00Z'), 'America/New_York'))).toBe(169);
	});

	test('consecutive periods meet without a gap or an overlap', () => {
		const now = at('2026-03-31T10:00:00Z');
		for (const timeZone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata']) {
			expect(createdPeriodRange('yesterday', now, timeZone).lte + 1).toBe(createdPeriodRange('today', now, timeZone).gte);
			expect(createdPeriodRange('previousWeek', now, timeZone).lte + 1).toBe(createdPeriodRange('currentWeek', now, timeZone).gte);
			expect(createdPeriodRange('previousMonth', now, timeZone).lte + 1).toBe(createdPeriodRange('currentMonth', now, timeZone).gte);
		}
	});

	test('the editor offers exactly the periods the node computes', () => {
		const field = createdRangeFields.find((candidate) => candidate.name === 'createdPeriod');
		expect((field?.options as Array<{ value: string }>).map((option) => option.value).sort()).toEqual([...CREATED_PERIODS].sort());
	});
});

describe('createdWindow: a newest-first list filtered where Stripe cannot', () => {
	const window = createdWindow({ gte: 1000, lte: 2000 }, { newestFirst: true });

	test('keeps objects inside the range, ends included', () => {
		expect([999, 1000, 1500, 2000, 2001].map((created) => window.keep({ created }))).toEqual([false, true, true, true, false]);
	});

	test('the list has passed the range at the first object created before it', () => {
		expect([2500, 2000, 1000, 999].map((created) => window.passed({ created }))).toEqual([false, false, false, true]);
		expect(createdWindow({ lte: 2000 }, { newestFirst: true }).passed({ created: 0 })).toBe(false);
		// a list whose order Stripe does not document is read to its end
		expect(createdWindow({ gte: 1000, lte: 2000 }, { newestFirst: false }).passed({ created: 999 })).toBe(false);
	});
});

describe('isoInZone: times as the workflow timezone shows them', () => {
	test.each([
		[1772438400, 'Europe/Berlin', '2026-03-02T09:00:00+01:00'],
		[1774746000, 'Europe/Berlin', '2026-03-29T03:00:00+02:00'],
		[1772438400, 'America/New_York', '2026-03-02T03:00:00-05:00'],
		[1772438400, 'Asia/Kolkata', '2026-03-02T13:30:00+05:30'],
		[1772438400, 'UTC', '2026-03-02T08:00:00+00:00'],
		[1772438400.25, 'UTC', '2026-03-02T08:00:00.250+00:00'],
	])('%s in %s is %s', (seconds, timeZone, expected) => {
		expect(isoInZone(seconds, timeZone)).toBe(expected);
		expect(Date.parse(expected)).toBe(Math.round(seconds * 1000));
	});
});
