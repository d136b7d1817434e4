import { sleep } from 'n8n-workflow';

/**
 * Keeps the requests of one node run under a requests-per-second limit, shared by all its
 * parallel workers. Stripe counts requests in a rolling window, so the gate does the same: a
 * request may start only when the request `limit` places before it started at least one window
 * earlier. Each caller reserves its start time before waiting, so concurrent workers never burst
 * past the limit. The window is 2 % longer than the limit says, which absorbs the jitter between
 * sending a request and Stripe receiving it. A 429 holds every future start back at once.
 */
export class RequestRateGate {
	/** Start times, reserved ones included, oldest first; at most `limit` of them. */
	private readonly starts: number[] = [];

	private heldUntil = 0;

	private readonly limit: number;

	private readonly windowMs: number;

	constructor(requestsPerSecond: number) {
		this.limit = Math.max(1, Math.floor(requestsPerSecond));
		this.windowMs = ((1000 * this.limit) / requestsPerSecond) * 1.02;
	}

	async waitForSlot(): Promise<void> {
		const now = Date.now();
		const windowOpensAt = this.starts.length < this.limit ? 0 : this.starts[0] + this.windowMs;
		const startAt = Math.max(now, windowOpensAt, this.heldUntil);
		this.starts.push(startAt);
		if (this.starts.length > this.limit) this.starts.shift();
		if (startAt > now) await sleep(startAt - now);
	}

	/** Called on a rate-limit answer: nobody starts again before `delayMs` from now. */
	holdAll(delayMs: number): void {
		this.heldUntil = Math.max(this.heldUntil, Date.now() + delayMs);
	}
}
