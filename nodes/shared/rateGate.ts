import { sleep } from 'n8n-workflow';

/**
 * Spaces requests evenly to stay under a requests-per-second limit, shared by every worker
 * of one node run. Each caller reserves the next free slot, so concurrent workers never
 * burst past the rate; a 429 from Stripe pushes every future slot back at once.
 */
export class RequestRateGate {
	private nextSlotAt = 0;

	private readonly intervalMs: number;

	constructor(requestsPerSecond: number) {
		this.intervalMs = requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0;
	}

	async waitForSlot(): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlotAt);
		this.nextSlotAt = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}

	/** Called on a rate-limit answer: nobody sends again before `delayMs` from now. */
	holdAll(delayMs: number): void {
		this.nextSlotAt = Math.max(this.nextSlotAt, Date.now() + delayMs);
	}
}
