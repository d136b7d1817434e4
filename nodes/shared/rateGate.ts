import { sleep } from 'n8n-workflow';

/** Starts are spread at 95 % of the limit: the headroom absorbs the jitter between start and arrival. */
const HEADROOM = 0.95;

/**
 * Keeps the requests of one node run under a requests-per-second limit, shared by all its
 * parallel workers. Stripe counts requests as they arrive in a rolling second, and arrivals stray
 * from start times by up to a few tens of milliseconds (connection set-up, event-loop delays), so
 * starts are spread evenly, never in bursts. Each caller reserves the next free start time before
 * waiting, so concurrent workers cannot take the same one; a 429 pushes every later start back.
 */
export class RequestRateGate {
	private nextStartAt = 0;

	private readonly intervalMs: number;

	constructor(
		requestsPerSecond: number,
		/** The clock and the wait; tests pass a simulated clock so that the schedule itself is asserted. */
		private readonly clock: GateClock = SYSTEM_CLOCK,
	) {
		this.intervalMs = requestsPerSecond > 0 ? 1000 / (requestsPerSecond * HEADROOM) : 0;
	}

	async waitForSlot(): Promise<void> {
		const now = this.clock.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + this.intervalMs;
		if (startAt > now) await this.clock.sleep(startAt - now);
	}

	/** Called on a rate-limit answer: nobody starts again before `delayMs` from now. */
	holdAll(delayMs: number): void {
		this.nextStartAt = Math.max(this.nextStartAt, this.clock.now() + delayMs);
	}
}

export interface GateClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

const SYSTEM_CLOCK: GateClock = { now: () => Date.now(), sleep };
