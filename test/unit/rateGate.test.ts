import { RequestRateGate } from '../../nodes/shared/rateGate';

/** The most start times that fall inside any window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
	let most = 0;
	for (let first = 0, last = 0; last < starts.length; last++) {
		while (starts[last] - starts[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

describe('RequestRateGate', () => {
	test('parallel workers together never start more than the limit in any rolling second, and never in bursts', async () => {
		const gate = new RequestRateGate(150);
		const starts: number[] = [];
		const worker = async (count: number) => {
			for (let index = 0; index < count; index++) {
				await gate.waitForSlot();
				starts.push(Date.now());
			}
		};
		await Promise.all(Array.from({ length: 8 }, () => worker(40)));
		starts.sort((a, b) => a - b);
		expect(starts).toHaveLength(320);
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(150);
		expect(busiestWindow(starts, 100)).toBeLessThanOrEqual(16);
		// 320 starts at 150 per window need more than two windows.
		expect(starts[starts.length - 1] - starts[0]).toBeGreaterThanOrEqual(2000);
	});

	test('a fractional rate is honoured: 6.67 per second starts 7 requests in no less than 0.9 s', async () => {
		const gate = new RequestRateGate(20 / 3);
		const starts: number[] = [];
		for (let index = 0; index < 8; index++) {
			await gate.waitForSlot();
			starts.push(Date.now());
		}
		expect(starts[6] - starts[0]).toBeGreaterThanOrEqual(900);
	});

	test('holdAll pauses every start', async () => {
		const gate = new RequestRateGate(1000);
		await gate.waitForSlot();
		gate.holdAll(300);
		const before = Date.now();
		await Promise.all([gate.waitForSlot(), gate.waitForSlot()]);
		expect(Date.now() - before).toBeGreaterThanOrEqual(290);
	});
});
