import { epochMillis } from '../../nodes/shared/time';

describe('epochMillis: date picker values in the workflow timezone', () => {
	test.each([
		['2026-01-01T00:00:00', 'Europe/Berlin', '2025-12-31T23:00:00.000Z'],
		['2026-07-01T00:00:00', 'Europe/Berlin', '2026-06-30T22:00:00.000Z'],
		['2026-01-01T09:30', 'Asia/Kolkata', '2026-01-01T04:00:00.000Z'],
		['2026-01-01 12:00:00.5', 'UTC', '2026-01-01T12:00:00.500Z'],
		['2026-03-29T03:30:00', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'], // just after the spring change
		['2026-10-25T04:00:00', 'Europe/Berlin', '2026-10-25T03:00:00.000Z'], // just after the autumn change
		['2026-01-01', 'America/New_York', '2026-01-01T05:00:00.000Z'],
	])('%s in %s is %s', (text, timeZone, iso) => {
		expect(new Date(epochMillis(text, timeZone)).toISOString()).toBe(iso);
	});

	test.each([
		['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
		['2026-01-01T00:00:00+05:30', '2025-12-31T18:30:00.000Z'],
		['2026-01-01T00:00:00.000-0800', '2026-01-01T08:00:00.000Z'],
	])('%s keeps its own offset whatever the workflow timezone', (text, iso) => {
		expect(new Date(epochMillis(text, 'Asia/Tokyo')).toISOString()).toBe(iso);
	});

	test('an unknown timezone reads the value as UTC; text that is no date is NaN', () => {
		expect(new Date(epochMillis('2026-01-01T00:00:00', 'Mars/Olympus_Mons')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
		expect(epochMillis('next tuesday', 'UTC')).toBeNaN();
	});
});
