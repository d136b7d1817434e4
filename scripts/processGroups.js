'use strict';
/**
 * The scripts start every child (n8n, the emulator) in its own process group, so that a stuck
 * child can be ended together with whatever it started (n8n's task runner).
 */

/** Sends `signal` to the whole process group led by `pid`; a group already gone is fine. */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

module.exports = { killGroup, groupAlive };
