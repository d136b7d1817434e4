/**
 * The scripts start every child (n8n, the emulator, Postgres, Redis) in its own process group, so
 * that a stuck child can be ended together with whatever it started (n8n's task runner).
 */

/** Sends `signal` to the whole process group led by `pid`; a group already gone is fine. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals | 0): void {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

/** Whether any process of the group led by `pid` is still running. */
export function groupAlive(pid: number | undefined): boolean {
	if (!pid) return false;
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}
