/**
 * The report templates and the checkout automation in a real n8n (test/n8n/install.ts), against the
 * local Stripe emulator seeded with known data, on loopback ports only:
 *
 *   setup       build + `npm pack` the package, start two emulators (the seeded account and a quiet
 *               one), install the tarball into an isolated N8N_USER_FOLDER, import a credential for each
 *   seed        climate orders, onramp sessions and webhook endpoints over several weeks, on the
 *               edges of the previous week in each report's timezone; the events they cause, some
 *               never delivered; the quiet account: nothing in those weeks, everything delivered
 *               (test/reports/seed.ts)
 *   reports     each report template run by `n8n execute` in a timezone far from UTC, on each account;
 *               every item and every figure of its HTML equal to the suite's own, and on the quiet
 *               account a report that says there was nothing (test/reports/reports.ts, expected.ts)
 *   automation  the checkout template published, `n8n start`, signed deliveries from the emulator:
 *               one order per paid session, none for unpaid ones or redeliveries (automation.ts)
 *
 *   tsx test/reports/run.ts [--keep] [--no-build]     (npm run test:reports: oldest and newest n8n)
 *     --keep      keep the n8n home (.reports/<version>/home) after a passing run (kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *
 * One line per check (✓/✗ with figures), `N passed, N failed` last; exit 1 when anything failed.
 * Every process it starts (emulator, n8n) is stopped, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { flag, helpFromHeader } from '../../scripts/lib/cli';
import { REPO } from '../../scripts/lib/repo';
import { Teardown } from '../../scripts/lib/teardown';
import { CREDENTIAL, emulatorCredential } from '../support/credential';
import type { Emulator } from '../support/emulator';
import { check, Report } from '../support/report';
import { emulatorStep, n8nRuntimeStep, packageStep } from '../support/setup';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';
import type { N8nInstance } from '../n8n/instance';
import { AUTOMATION_FILE, runAutomation } from './automation';
import { QUIET_CREDENTIAL, readTemplate, runnable, runReports, TEMPLATES } from './reports';
import { seed, seedQuiet, type Seeded } from './seed';

helpFromHeader(__filename);

/** Its work folder: `.reports/<n8n version>`, or REPORTS_WORK_DIR. */
const WORK = path.resolve(process.env.REPORTS_WORK_DIR || path.join(REPO, '.reports', runtime.n8nVersion()));
const KEEP = flag('keep');
const NO_BUILD = flag('no-build');
/** Hard limit for the whole run: nothing may hang CI (a run took 6.6 minutes on a busy 2-core machine). */
const WATCHDOG_MS = 12 * 60 * 1000;

const report = new Report();
const teardown = new Teardown();
const state: { home?: string; emu?: Emulator; quietEmu?: Emulator; inst?: N8nInstance; seeded?: Seeded; quiet?: Seeded } = {};

n8n.handleSignals(false);
teardown.onSignals({ message: 'stopping n8n and the emulator…', hardLimitMs: 20000 });
report.onFailure = () => {
	if (!state.inst) return;
	report.line(`    ┌─ n8n log (${state.inst.logFile}), last lines`);
	report.indent(state.inst.logTail(30), '    │ ');
	report.line('    └─');
};

async function setup(): Promise<boolean> {
	await n8nRuntimeStep(report);
	const packed = await packageStep(report, WORK, NO_BUILD);
	const emu = await emulatorStep(report, teardown);
	const quietEmu = await emulatorStep(report, teardown, { title: 'second Stripe emulator started (the quiet account)', label: 'the quiet Stripe emulator' });
	await report.step(
		'package installed into an isolated n8n home, credential and templates imported',
		async () => {
			check(packed && emu && quietEmu, 'nothing to install');
			const home = (state.home = path.join(WORK, 'home'));
			fs.rmSync(home, { recursive: true, force: true });
			n8n.createHome(home);
			const r = await n8n.installPackage(home, packed.tgz);
			await n8n.importCredentials(home, [emulatorCredential(emu), { ...emulatorCredential(quietEmu), ...QUIET_CREDENTIAL }]);
			// in one import: the reports runnable on each account (reports.ts), the automation as it is
			await n8n.importWorkflow(home, [
				...TEMPLATES.map((t) => runnable(readTemplate(t.file), t.zone)),
				...TEMPLATES.map((t) => runnable(readTemplate(t.file), t.zone, 'quiet')),
				{ ...readTemplate(AUTOMATION_FILE), active: false },
			]);
			return `${r.name}@${r.version} in ${path.relative(REPO, home)}, ${r.durationMs} ms; "${CREDENTIAL.name}" → ${emu.url}, "${QUIET_CREDENTIAL.name}" → ${quietEmu.url}; ${TEMPLATES.length + 1} templates imported, the reports twice`;
		},
		{ critical: true },
	);
	state.emu = emu;
	state.quietEmu = quietEmu;
	return Boolean(emu && quietEmu && state.home);
}

async function main(): Promise<void> {
	const t0 = Date.now();
	teardown.watchdog(WATCHDOG_MS, () => {
		report.line(`\n✗ the suite did not finish within ${WATCHDOG_MS / 60000} minutes: stopping everything`);
		report.line(`${report.passed} passed, ${report.failed + 1} failed`);
	});
	report.line(`n8n-nodes-stripe-platform report templates: real n8n ${runtime.n8nVersion()}, Node ${process.version}, loopback only`);
	let ok = false;
	let setupDone = 0;
	try {
		const s = await report.phase('setup: build, pack, install into n8n', async () => {
			await setup();
			setupDone = Date.now();
		});
		const home = state.home;
		const emu = state.emu;
		const quietEmu = state.quietEmu;
		if (!s.aborted && home && emu && quietEmu) {
			await report.phase('seed: orders, sessions, endpoints and events over several weeks', async () => {
				await report.step(
					'seeded through the Stripe API and admin routes, every delivery settled',
					async () => {
						const seeded = (state.seeded = await seed(emu));
						teardown.add('the webhook receivers', seeded, (x) => x.close());
						const failing = seeded.endpoints.filter((e) => e.failing).length;
						return `${seeded.orders.length} climate orders, ${seeded.sessions.length} onramp sessions, ${seeded.endpoints.length} endpoints (${failing} never answering 2xx), ${seeded.events.length} events`;
					},
					{ critical: true },
				);
				await report.step(
					'the quiet account seeded: nothing in the reported weeks, every event delivered',
					async () => {
						const quiet = (state.quiet = await seedQuiet(quietEmu));
						teardown.add('the quiet webhook receiver', quiet, (x) => x.close());
						return `${quiet.orders.length} climate orders, ${quiet.sessions.length} onramp sessions (all outside the weeks), ${quiet.endpoints.length} endpoints (${quiet.endpoints.filter((e) => !e.enabled).length} disabled), ${quiet.events.length} events`;
					},
					{ critical: true },
				);
			});
			const seeded = state.seeded;
			const quiet = state.quiet;
			if (seeded && quiet) {
				await report.phase('reports: n8n execute, every figure checked', () => runReports(report, { home, seeded }));
				await report.phase('reports of a quiet period: n8n execute, nothing to report said plainly', () => runReports(report, { home, seeded: quiet, account: 'quiet' }));
				await report.phase('checkout automation: n8n start, signed deliveries', () =>
					runAutomation(report, {
						home,
						emu,
						start: async () => {
							const inst = teardown.add('n8n', await n8n.start(home), (i) => i.stop({ timeoutMs: 15000 }));
							state.inst = inst;
							await inst.waitReady();
							return inst;
						},
					}),
				);
			}
		}
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		await teardown.run();
	}
	if (state.home) {
		if (ok && !KEEP) fs.rmSync(state.home, { recursive: true, force: true });
		else report.line(`\nn8n home kept for inspection: ${state.home}`);
	}
	report.summary({ totalMs: Date.now() - t0, extra: setupDone ? [['after setup', Date.now() - setupDone]] : [] });
	process.exitCode = ok ? 0 : 1;
}

main().catch(async (e) => {
	process.stderr.write(`reports crashed: ${e.stack || e}\n`);
	await teardown.run();
	process.stdout.write(`${report.passed} passed, ${report.failed + 1} failed\n`);
	process.exit(1);
});
