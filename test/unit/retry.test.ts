import { retryDelayMs, shouldRetry } from '../../nodes/shared/retry';

describe("shouldRetry (stripe-node's RequestSender rules, and 429 retried on purpose)", () => {
	test.each([
		[500, undefined, true],
		[503, undefined, true],
		[409, undefined, true],
		[429, undefined, true],
		[429, 'false', false],
		[400, undefined, false],
		[400, 'true', true],
		[404, undefined, false],
		[500, 'false', false],
	])('status %s with Stripe-Should-Retry %s → %s', (status, header, expected) => {
		expect(shouldRetry({ status, headers: header ? { 'stripe-should-retry': header } : {} }, 0, 2)).toBe(expected);
	});

	test('stops after the configured number of retries', () => {
		expect(shouldRetry({ status: 500 }, 1, 2)).toBe(true);
		expect(shouldRetry({ status: 500 }, 2, 2)).toBe(false);
		expect(shouldRetry({ status: 500, headers: { 'stripe-should-retry': 'true' } }, 2, 2)).toBe(false);
	});

	test('network failures are retried; a stale keep-alive socket once even with retries off', () => {
		expect(shouldRetry({ networkErrorCode: 'ETIMEDOUT' }, 0, 2)).toBe(true);
		expect(shouldRetry({ networkErrorCode: 'ETIMEDOUT' }, 0, 0)).toBe(false);
		expect(shouldRetry({ networkErrorCode: 'ECONNRESET' }, 0, 0)).toBe(true);
		expect(shouldRetry({ networkErrorCode: 'ECONNRESET' }, 1, 0)).toBe(false);
		expect(shouldRetry({ networkErrorCode: 'ENOTFOUND' }, 0, 2)).toBe(false);
	});
});

describe('retryDelayMs', () => {
	test('doubles from 0.5 s with jitter in [0.5, 1) of the base, never below 0.5 s, capped at 5 s', () => {
		expect(retryDelayMs(0, undefined, 500, () => 0)).toBe(500);
		expect(retryDelayMs(1, undefined, 500, () => 0)).toBe(500);
		expect(retryDelayMs(1, undefined, 500, () => 0.999)).toBe(1000);
		expect(retryDelayMs(2, undefined, 500, () => 0.5)).toBe(1500);
		expect(retryDelayMs(10, undefined, 500, () => 0.999)).toBe(4998);
		expect(retryDelayMs(10, undefined, 500, () => 0)).toBe(2500);
	});

	test('a Retry-After header raises the wait, unless it is absurdly long', () => {
		expect(retryDelayMs(0, { 'retry-after': '3' }, 500, () => 0)).toBe(3000);
		expect(retryDelayMs(0, { 'retry-after': '3600' }, 500, () => 0)).toBe(500);
	});
});
