import { readableClimateOrder } from '../../nodes/StripeClimate/resources/order/readable';
import { readableTime } from '../../nodes/shared/readable';

/** Values Stripe's spec allows that the emulator never sends (test/workflows/spec-sparse.test.ts finds them). */
describe('readable times at the edges of what the spec allows', () => {
	const kolkata = { timeZone: 'Asia/Kolkata' };
	const honolulu = { timeZone: 'Pacific/Honolulu' };
	const kiritimati = { timeZone: 'Pacific/Kiritimati' };

	test('a time beyond the years 100 to 9999 reads as null, not as "NaN-NaN-NaN…" or a wrong date', () => {
		// the spec's unix-time is an integer without a maximum: the largest one JSON carries exactly
		expect(readableTime(Number.MAX_SAFE_INTEGER, kolkata)).toBeNull();
		expect(readableTime(-Number.MAX_SAFE_INTEGER, kolkata)).toBeNull();
		expect(readableTime(Number.MAX_VALUE, kolkata)).toBeNull();
		expect(readableTime(8.64e12 - 86400, kolkata)).toBeNull(); // year 275760: a Date holds it, "275760-09-12" no parser reads
		expect(readableTime(253402300800, kolkata)).toBeNull(); // 10000-01-01T00:00:00Z
		expect(readableTime(-62135596800, kolkata)).toBeNull(); // 0001-01-01T00:00:00Z: Date.UTC would read it as 1901
		expect(readableTime(-59011459200, honolulu)).toBeNull(); // 0100-01-01T00:00:00Z, year 99 in Honolulu
	});

	test('the first and last readable times read in every timezone, as dates a parser reads back', () => {
		for (const zone of [kolkata, honolulu, kiritimati]) {
			for (const seconds of [253402214400, -59011372800, -1, 0, 1772438400]) {
				const text = readableTime(seconds, zone);
				expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
				// before time zones were standard, a zone's offset had seconds (Kolkata +05:53:28), which ISO 8601 has no place for
				if (seconds >= -1) expect(new Date(text!).getTime()).toBe(seconds * 1000);
			}
		}
	});

	test('a climate order with every time at the spec-valid maximum keeps its other fields and reads its times as null', () => {
		const huge = Number.MAX_SAFE_INTEGER;
		const order = readableClimateOrder(
			{ id: 'climorder_1', created: huge, confirmed_at: huge, delivered_at: null, currency: 'usd', amount_total: 2500, delivery_details: [{ delivered_at: huge, metric_tons: '1', supplier: 'climsup_1' }] },
			kolkata,
		);
		expect(order).toMatchObject({ id: 'climorder_1', created: null, confirmedAt: null, deliveredAt: null, amountTotal: 25 });
		expect((order.deliveries as Array<{ deliveredAt: unknown }>)[0].deliveredAt).toBeNull();
	});
});
