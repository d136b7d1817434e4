/**
 * The polling trigger's every-second phase (test/e2e/polling.ts) on its own, for work on the
 * trigger: build + pack, the emulator, a fresh n8n home with the package and the emulator
 * credential, `n8n start`, the owner and a public-API key, then the phase. The full suite
 * (test/e2e/run.ts) runs the same phase after its others.
 *
 *   tsx test/e2e/polling-run.ts [--no-build]   (N8N_VERSION=2.41.1 tsx test/n8n/each-version.ts test/e2e/polling-run.ts)
 *
 * Work folder: `.e2e/polling-<n8n version>`, or E2E_WORK_DIR. Exit 1 when a check failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { flag, helpFromHeader } from '../../scripts/lib/cli';
import { expectedTypes, packForSuite } from '../../scripts/lib/package';
import { REPO } from '../../scripts/lib/repo';
import { Teardown } from '../../scripts/lib/teardown';
import { emulatorCredential } from '../support/credential';
import { startEmulator } from '../support/emulator';
import { check, Report } from '../support/report';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';
import { startN8n, stopN8n, type E2eContext } from './context';
import * as polling from './polling';

helpFromHeader(__filename);

const WORK = path.resolve(process.env.E2E_WORK_DIR || path.join(REPO, '.e2e', `polling-${runtime.n8nVersion()}`));
const WATCHDOG_MS = 6 * 60 * 1000;

async function main(): Promise<void> {
	const report = new Report();
	const teardown = new Teardown();
	n8n.handleSignals(false);
	teardown.onSignals({ message: 'stopping n8n and the emulator…', hardLimitMs: 20000 });
	teardown.watchdog(WATCHDOG_MS, () => report.line(`\n✗ did not finish within ${WATCHDOG_MS / 60000} minutes`));
	const t0 = Date.now();
	let ctx: E2eContext | undefined;
	try {
		await report.phase(`setup: n8n ${runtime.n8nVersion()}, the package, the emulator, n8n started`, async () => {
			const packed = await report.step(
				'build + pack',
				async () => {
					const r = await packForSuite(path.join(WORK, 'build'), { noBuild: flag('no-build') });
					return { detail: path.basename(r.tgz), value: r };
				},
				{ critical: true },
			);
			const emu = teardown.add('the Stripe emulator', await startEmulator({ port: 0 }), (e) => e.stop());
			const home = path.join(WORK, 'home');
			fs.rmSync(home, { recursive: true, force: true });
			n8n.createHome(home);
			await report.step('install the package, import the credential', async () => {
				check(packed, 'nothing packed');
				await n8n.installPackage(home, packed!.tgz);
				await n8n.importCredentials(home, [emulatorCredential(emu)]);
			}, { critical: true });
			ctx = teardown.add('n8n', {
				home, emu, expected: expectedTypes(packed!.dir), expectedCredentials: [], nodeTypes: [], workflowId: '', inst: null, webhookUrl: '',
				cookie: '', apiKey: '', endpointId: '', endpointSecret: '', product: '', events: [],
			} as E2eContext, stopN8n);
			await report.step('n8n start, owner and public-API key', async () => {
				const { inst, readyMs } = await startN8n(ctx!);
				ctx!.cookie = await n8n.setupOwner(inst.baseUrl);
				ctx!.apiKey = await n8n.createApiKey(inst.baseUrl, ctx!.cookie);
				return `ready in ${readyMs} ms`;
			}, { critical: true });
		});
		if (ctx?.apiKey) await report.phase('polling trigger every second', () => polling.run(report, ctx!));
	} catch (e) {
		report.fail('suite', (e as Error).stack || String(e));
	} finally {
		await teardown.run();
	}
	report.summary({ totalMs: Date.now() - t0 });
	process.exit(report.failed === 0 && report.passed > 0 ? 0 : 1);
}

void main();
