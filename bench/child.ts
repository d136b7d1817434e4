/**
 * Entry of a benchmark child process: `node --import tsx bench/child.ts <task> <json>`.
 * Runs one measured task and prints its result line (see lib.ts reportFromChild).
 */
import type { BulkTask } from './bulkCreate';
import type { ListTask } from './listPeers';

async function main(): Promise<void> {
	const [task, json] = process.argv.slice(2);
	const args = JSON.parse(json ?? '{}');
	switch (task) {
		case 'list':
			// loaded on demand: each peer's child holds only the modules that peer needs
			return (await import('./listPeers')).listChild(args as ListTask);
		case 'bulkCreate':
			return (await import('./bulkCreate')).bulkCreateChild(args as BulkTask);
		case 'idle':
			// reference: what a child costs before any peer loads anything (node + tsx)
			return (await import('./lib')).reportFromChild(async () => ({}));
		default:
			throw new Error(`unknown bench task "${task}"`);
	}
}

main().then(
	// n8n-core leaves module-level timers running: leave once the result is out
	() => process.exit(0),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);
