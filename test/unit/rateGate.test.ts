import { type GateClock, RequestRateGate } from '../../nodes/shared/rateGate';

/** The most start times that fall inside any window of `windowMs`. */
function busiestWindow(starts: number[], windowMs: number): number {
	let most = 0;
	for (let first = 0, last = 0; last < starts.length; last++) {
		while (starts[last] - starts[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/**
 * A simulated clock: `sleep` resolves when the simulation reaches its wake-up time, so every start
 * time is exactly what the gate scheduled, whatever else the machine is doing.
 */
class SimulatedClock implements GateClock {
	time = 1_000_000;

	private sleepers: Array<{ at: number; wake: () => void }> = [];

	now(): number {
		return this.time;
	}

	sleep(ms: number): Promise<void> {
		return new Promise((wake) => this.sleepers.push({ at: this.time + ms, wake }));
	}

	/** Runs until no one sleeps: lets the awake callers run, then jumps to the next wake-up. */
	async runUntilIdle(): Promise<void> {
		for (;;) {
			for (let i = 0; i < 20; i++) await Promise.resolve();
			if (this.sleepers.length === 0) return;
			this.sleepers.sort((a, b) => a.at - b.at);
			const next = this.sleepers.shift()!;
			this.time = Math.max(this.time, next.at);
			next.wake();
		}
	}
}

describe('RequestRateGate', () => {
	test('parallel workers together start evenly at 95 % of the limit: never more than the limit in any rolling second, never in bursts', async () => {
		const clock = new SimulatedClock();
		const gate = new RequestRateGate(150, clock);
		const starts: number[] = [];
		const worker = async (count: number) => {
			for (let index = 0; index < count; index++) {
				await gate.waitForSlot();
				starts.push(clock.now());
			}
		};
		const workers = Promise.all(Array.from({ length: 8 }, () => worker(40)));
		await clock.runUntilIdle();
		await workers;

		starts.sort((a, b) => a - b);
		expect(starts).toHaveLength(320);
		const interval = 1000 / (150 * 0.95);
		starts.forEach((start, index) => expect(start - starts[0]).toBeCloseTo(index * interval, 6));
		expect(busiestWindow(starts, 1000)).toBeLessThanOrEqual(143);
		expect(busiestWindow(starts, 100)).toBeLessThanOrEqual(15);
	});

	test('a fractional rate is honoured: 6.67 per second starts 7 requests in no less than 0.9 s', async () => {
		const clock = new SimulatedClock();
		const gate = new RequestRateGate(20 / 3, clock);
		const starts: number[] = [];
		const run = (async () => {
			for (let index = 0; index < 8; index++) {
				await gate.waitForSlot();
				starts.push(clock.now());
			}
		})();
		await clock.runUntilIdle();
		await run;
		expect(starts[6] - starts[0]).toBeGreaterThanOrEqual(900);
		expect(starts[6] - starts[0]).toBeCloseTo(6 * (1000 / ((20 / 3) * 0.95)), 6);
	});

	test('holdAll pauses every start until the hold ends', async () => {
		const clock = new SimulatedClock();
		const gate = new RequestRateGate(1000, clock);
		await gate.waitForSlot();
		const heldFrom = clock.now();
		gate.holdAll(300);
		const starts: number[] = [];
		const waiting = Promise.all([gate.waitForSlot(), gate.waitForSlot()].map((slot) => slot.then(() => starts.push(clock.now()))));
		await clock.runUntilIdle();
		await waiting;
		expect(Math.min(...starts) - heldFrom).toBeGreaterThanOrEqual(300);
	});

	test('the real clock paces real time too', async () => {
		const gate = new RequestRateGate(20);
		const started = Date.now();
		for (let index = 0; index < 4; index++) await gate.waitForSlot();
		// Three intervals of 1000 / 19 ms at least: a wait never ends early.
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
	});
});
