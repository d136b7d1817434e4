/**
 * Everything a script starts (n8n processes, the emulator, Postgres, Redis, servers) is registered
 * here and stopped in reverse order: at the end, on failure, on Ctrl-C or SIGTERM, and by a
 * watchdog, so that nothing outlives the script and nothing hangs CI.
 *
 *   const teardown = new Teardown();
 *   const emu = teardown.add('the Stripe emulator', await startEmulator(), (e) => e.stop());
 *   teardown.onSignals();             // Ctrl-C: stop everything, exit 130
 *   ...
 *   await teardown.run();             // idempotent
 */

export interface Stopped {
	label: string;
	ms: number;
	error?: string;
}

interface Entry {
	label: string;
	stop: () => Promise<unknown>;
}

export class Teardown {
	private entries: Entry[] = [];
	private running: Promise<Stopped[]> | null = null;

	/** Registers `thing` with the function that stops it; returns `thing`. */
	add<T>(label: string, thing: T, stop: (thing: T) => Promise<unknown> | unknown): T {
		this.entries.push({ label, stop: async () => stop(thing) });
		return thing;
	}

	/** Forgets `label` without stopping it (it ended by itself). */
	forget(label: string): void {
		this.entries = this.entries.filter((e) => e.label !== label);
	}

	/** Stops everything registered, newest first; each failure is reported, none stops the rest. */
	run(): Promise<Stopped[]> {
		if (!this.running) {
			this.running = (async () => {
				const done: Stopped[] = [];
				while (this.entries.length) done.push(await stopEntry(this.entries.pop() as Entry));
				return done;
			})();
		}
		return this.running;
	}

	/**
	 * On SIGINT/SIGTERM: says `message`, stops everything and exits (130 / 143). A second signal
	 * while stopping is ignored; after `hardLimitMs` the process exits anyway.
	 */
	onSignals({ message = 'stopping everything this script started…', hardLimitMs = 30000, exitCode }: { message?: string; hardLimitMs?: number; exitCode?: number } = {}): void {
		let stopping = false;
		for (const sig of ['SIGINT', 'SIGTERM'] as const) {
			process.on(sig, () => {
				if (stopping) return;
				stopping = true;
				process.stdout.write(`\n${sig === 'SIGINT' ? 'Ctrl-C' : sig}: ${message}\n`);
				setTimeout(() => process.exit(130), hardLimitMs).unref();
				void this.run().finally(() => process.exit(exitCode ?? (sig === 'SIGINT' ? 130 : 143)));
			});
		}
	}

	/** After `ms`: `onExpiry()` (say what hung), stop everything, exit 1. The timer does not keep the process alive. */
	watchdog(ms: number, onExpiry: () => void): void {
		setTimeout(() => {
			onExpiry();
			void this.run().finally(() => process.exit(1));
		}, ms).unref();
	}
}

async function stopEntry(entry: Entry): Promise<Stopped> {
	const t0 = Date.now();
	try {
		await entry.stop();
		return { label: entry.label, ms: Date.now() - t0 };
	} catch (e) {
		return { label: entry.label, ms: Date.now() - t0, error: (e as Error).message.split('\n')[0] };
	}
}
