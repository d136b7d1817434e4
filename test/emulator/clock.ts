/**
 * The emulator's clock for events, in Unix seconds: the wall clock moved by an offset, or held
 * still. Tests age events past Stripe's 30-day retention by moving it, and hold it still to give
 * many events the same `created` second, as a busy Stripe account does.
 */
export class EmulatorClock {
	private offsetSeconds = 0;
	private heldAt: number | null = null;

	now(): number {
		return this.heldAt ?? wallSeconds() + this.offsetSeconds;
	}

	get held(): boolean {
		return this.heldAt !== null;
	}

	/** Moves the clock forward (or back, with a negative number). */
	advance(seconds: number): void {
		if (!Number.isInteger(seconds)) throw new Error(`clock: seconds must be a whole number, got ${seconds}`);
		if (this.heldAt !== null) this.heldAt += seconds;
		else this.offsetSeconds += seconds;
	}

	/** Stops the clock at the current second until `release`. */
	hold(): void {
		this.heldAt ??= this.now();
	}

	/** Lets the clock run again from where it was held (never back to an earlier second). */
	release(): void {
		if (this.heldAt === null) return;
		this.offsetSeconds = Math.max(this.offsetSeconds, this.heldAt - wallSeconds());
		this.heldAt = null;
	}

	reset(): void {
		this.offsetSeconds = 0;
		this.heldAt = null;
	}
}

function wallSeconds(): number {
	return Math.floor(Date.now() / 1000);
}
