/**
 * Stripe's basic rate limiter (docs.stripe.com/rate-limits) as a sliding one-second window per key.
 * Each key keeps a ring of the last N admission times: a request is admitted when the oldest of
 * them is at least a second old, so each check is O(1) and memory is N numbers per key.
 */
const WINDOW_MS = 1000;

interface Window {
	admittedAt: Float64Array;
	next: number;
}

export class SlidingWindowLimiter {
	private readonly windows = new Map<string, Window>();

	constructor(readonly perSecond: number) {
		if (!Number.isInteger(perSecond) || perSecond < 1) throw new Error('rate limit must be a positive integer');
	}

	admit(key: string, now = Date.now()): boolean {
		let window = this.windows.get(key);
		if (!window) {
			window = { admittedAt: new Float64Array(this.perSecond).fill(-Infinity), next: 0 };
			this.windows.set(key, window);
		}
		if (now - window.admittedAt[window.next] < WINDOW_MS) return false;
		window.admittedAt[window.next] = now;
		window.next = (window.next + 1) % this.perSecond;
		return true;
	}
}
