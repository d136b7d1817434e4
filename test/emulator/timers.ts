/**
 * Timers the emulator owns (latency, hangs, delivery back-off). `cancelAll` on close/reset stops
 * them so nothing keeps the process (or a Jest worker) alive; cancelled sleeps never resolve.
 */
export class TimerRegistry {
	private readonly pending = new Set<NodeJS.Timeout>();

	sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.pending.delete(timer);
				resolve();
			}, ms);
			this.pending.add(timer);
		});
	}

	cancelAll(): void {
		for (const timer of this.pending) clearTimeout(timer);
		this.pending.clear();
	}
}
