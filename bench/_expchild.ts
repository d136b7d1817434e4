import { sleep } from 'n8n-workflow';
import { RequestRateGate } from '../nodes/shared/rateGate';
import { bulkCreateChild } from './bulkCreate';
const mode = process.env.GATE_MODE ?? 'current';
const proto = RequestRateGate.prototype as any;
if (mode === 'spaced95') {
	// the gate before b2da6e6 (even spacing), with 5 % headroom
	proto.waitForSlot = async function (this: any) {
		this.interval ??= (1000 * this.windowMs) / 1.02 / 1000 / this.limit / 0.95;
		this.next ??= 0;
		const now = Date.now();
		const slot = Math.max(now, this.next, this.heldUntil);
		this.next = slot + this.interval;
		if (slot > now) await sleep(slot - now);
	};
}
if (mode === 'windowSpaced') {
	// b2da6e6's rolling window plus a minimum spacing of window/limit between starts
	proto.waitForSlot = async function (this: any) {
		const now = Date.now();
		const spacing = this.windowMs / this.limit;
		const last = this.starts.length ? this.starts[this.starts.length - 1] + spacing : 0;
		const windowOpensAt = this.starts.length < this.limit ? 0 : this.starts[0] + this.windowMs;
		const startAt = Math.max(now, windowOpensAt, this.heldUntil, last);
		this.starts.push(startAt);
		if (this.starts.length > this.limit) this.starts.shift();
		if (startAt > now) await sleep(startAt - now);
	};
}
bulkCreateChild(JSON.parse(process.argv[2])).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
