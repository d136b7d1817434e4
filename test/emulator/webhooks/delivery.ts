/**
 * Sends events to webhook endpoints the way Stripe does: POST of the JSON event, signed per attempt,
 * retried after non-2xx answers and connection errors (docs.stripe.com/webhooks: "Any non-2xx /
 * timeout counts as failure"). Each attempt is recorded. The emulator only contacts loopback hosts,
 * so a test can never reach the internet through a registered endpoint URL.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { TimerRegistry } from '../timers';
import type { DeliveryRecord } from '../types';
import { signatureHeader } from './signing';

const ATTEMPT_TIMEOUT_MS = 10_000;
const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';

export interface DeliveryTarget {
	endpointId: string;
	url: string;
	secret: string;
	/** Checked before every retry: a deleted or disabled endpoint gets no more attempts. */
	isActive(): boolean;
}

export interface DeliveryRun {
	/** Resolves once the first attempt is recorded. */
	firstAttempt: Promise<void>;
	/** Resolves after the last attempt: true once an attempt got a 2xx answer, false when retries ran out or stopped. */
	finished: Promise<boolean>;
}

/** Deliveries in arrival order, with waiters notified on each new record. */
export class DeliveryLog {
	readonly records: DeliveryRecord[] = [];
	private waiters = new Set<() => void>();

	add(record: DeliveryRecord): void {
		this.records.push(record);
		for (const wake of [...this.waiters]) wake();
	}

	clear(): void {
		this.records.length = 0; // keep the array other code may hold
	}

	waitFor(predicate: (records: DeliveryRecord[]) => boolean, timeoutMs: number): Promise<void> {
		if (predicate(this.records)) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const check = () => {
				if (!predicate(this.records)) return;
				finish();
				resolve();
			};
			const timer = setTimeout(() => {
				finish();
				const seen = this.records.map((r) => `${r.type}#${r.attempt}->${r.status ?? r.error}`).join(', ');
				reject(new Error(`waitForDeliveries timed out after ${timeoutMs} ms; deliveries: [${seen}]`));
			}, timeoutMs);
			const finish = () => {
				clearTimeout(timer);
				this.waiters.delete(check);
			};
			this.waiters.add(check);
		});
	}
}

export class WebhookSender {
	private generation = 0;
	private readonly inFlight = new Set<http.ClientRequest>();

	constructor(
		private readonly retryDelaysMs: number[],
		private readonly timers: TimerRegistry,
		private readonly log: DeliveryLog,
	) {}

	deliver(target: DeliveryTarget, event: { id: string; type: string }, payload: string): DeliveryRun {
		let firstAttemptDone!: () => void;
		const firstAttempt = new Promise<void>((resolve) => (firstAttemptDone = resolve));
		const finished = this.run(target, event, payload, this.generation, firstAttemptDone);
		return { firstAttempt, finished };
	}

	/** Stops every pending retry and open request (reset/close). */
	cancelAll(): void {
		this.generation += 1;
		for (const request of this.inFlight) request.destroy();
		this.inFlight.clear();
	}

	private async run(
		target: DeliveryTarget,
		event: { id: string; type: string },
		payload: string,
		generation: number,
		onFirstAttempt: () => void,
	): Promise<boolean> {
		const attempts = this.retryDelaysMs.length + 1;
		try {
			for (let attempt = 1; attempt <= attempts; attempt++) {
				if (generation !== this.generation || !target.isActive()) return false;
				const outcome = await this.attempt(target, payload);
				if (generation !== this.generation) return false;
				this.log.add({ endpointId: target.endpointId, url: target.url, eventId: event.id, type: event.type, attempt, ...outcome, at: Date.now() });
				if (attempt === 1) onFirstAttempt();
				const succeeded = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
				if (succeeded) return true;
				if (outcome.final) return false;
				if (attempt < attempts) await this.timers.sleep(this.retryDelaysMs[attempt - 1]);
			}
			return false;
		} finally {
			onFirstAttempt(); // also when cancelled or inactive before the first attempt
		}
	}

	private attempt(target: DeliveryTarget, payload: string): Promise<{ status: number | null; error?: string; final?: boolean }> {
		let url: URL;
		try {
			url = new URL(target.url);
		} catch {
			return Promise.resolve({ status: null, error: 'invalid endpoint URL', final: true });
		}
		if (!isLoopback(url.hostname)) {
			return Promise.resolve({ status: null, error: `not delivered: the emulator only contacts loopback hosts (${url.hostname})`, final: true });
		}
		const transport = url.protocol === 'https:' ? https : http;
		return new Promise((resolve) => {
			const request = transport.request(
				url,
				{
					method: 'POST',
					timeout: ATTEMPT_TIMEOUT_MS,
					rejectUnauthorized: false, // loopback test receivers use self-signed certificates
					headers: {
						'Content-Type': 'application/json; charset=utf-8',
						'Content-Length': Buffer.byteLength(payload),
						'User-Agent': USER_AGENT,
						'Stripe-Signature': signatureHeader(payload, target.secret),
						Accept: '*/*; q=0.5, application/xml',
						'Cache-Control': 'no-cache',
					},
				},
				(response) => {
					response.resume();
					response.on('end', () => done({ status: response.statusCode ?? null }));
					response.on('error', (error) => done({ status: response.statusCode ?? null, error: error.message }));
				},
			);
			const done = (outcome: { status: number | null; error?: string }) => {
				this.inFlight.delete(request);
				resolve(outcome);
			};
			request.on('timeout', () => request.destroy(new Error(`timed out after ${ATTEMPT_TIMEOUT_MS} ms`)));
			request.on('error', (error) => done({ status: null, error: error.message }));
			this.inFlight.add(request);
			request.end(payload);
		});
	}
}

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
