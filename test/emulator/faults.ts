/**
 * Fault injection for /v1 requests: a fixed number of upcoming matching requests (`inject`) or a
 * probability per matching request (`injectRate`, reproducible with a seed). Counted faults win.
 */
import type { Fault, FaultMatch } from './types';

interface CountedFault {
	remaining: number;
	fault: Fault;
	match: FaultMatch;
}

interface RateRule {
	rate: number;
	faults: Fault[];
	match: FaultMatch;
	random: () => number;
}

export class FaultInjector {
	private counted: CountedFault[] = [];
	private rules: RateRule[] = [];

	inject(count: number, fault: Fault, match: FaultMatch = {}): void {
		if (!Number.isInteger(count) || count < 1) throw new Error('injectFaults: count must be a positive integer');
		checkFault(fault);
		this.counted.push({ remaining: count, fault, match });
	}

	injectRate(rate: number, faults: Fault[], match: FaultMatch = {}, seed?: number): void {
		if (!(rate >= 0 && rate <= 1)) throw new Error('injectFaultRate: rate must be within 0..1');
		if (faults.length === 0) throw new Error('injectFaultRate: faults must not be empty');
		faults.forEach(checkFault);
		const random = mulberry32(seed ?? Math.floor(Math.random() * 2 ** 32));
		this.rules.push({ rate, faults, match, random });
	}

	/** The fault for this request, if any (consumes one counted fault). */
	take(method: string, path: string): Fault | undefined {
		const counted = this.counted.find((c) => matches(c.match, method, path));
		if (counted) {
			counted.remaining -= 1;
			if (counted.remaining === 0) this.counted = this.counted.filter((c) => c !== counted);
			return counted.fault;
		}
		for (const rule of this.rules) {
			if (!matches(rule.match, method, path)) continue;
			if (rule.random() < rule.rate) return rule.faults[Math.floor(rule.random() * rule.faults.length)];
		}
		return undefined;
	}

	clear(): void {
		this.counted = [];
		this.rules = [];
	}
}

/** Whether a request is one a fault (or a response override) is for. */
export function matches(match: FaultMatch, method: string, path: string): boolean {
	return (
		(!match.method || match.method.toUpperCase() === method) &&
		(!match.pathPrefix || path.startsWith(match.pathPrefix))
	);
}

function checkFault(fault: Fault): void {
	const kinds = ['status', 'resetBeforeCommit', 'resetAfterCommit', 'hang'];
	if (!fault || !kinds.includes(fault.kind)) throw new Error(`Unknown fault ${JSON.stringify(fault)}`);
	if (fault.kind === 'status' && ![500, 503, 429, 409].includes(fault.status)) {
		throw new Error(`Unsupported fault status ${fault.status}`);
	}
	if (fault.kind === 'hang' && !(fault.ms >= 0)) throw new Error('hang fault needs ms >= 0');
}

/** Small seeded PRNG so fault sequences can be replayed. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
