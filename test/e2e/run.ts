/**
 * End-to-end suite against a real n8n (test/n8n/install.ts: n8n 2.8.4 in .n8n-runtime/) and the
 * local Stripe emulator (test/emulator), on loopback ports only:
 *
 *   setup        build + `npm pack` the package, start the emulator, install the tarball into an
 *                isolated N8N_USER_FOLDER's .n8n/nodes, check n8n lists every node
 *   action nodes import a credential (base URL → emulator) and one workflow per action node,
 *                `n8n execute` each, check the output and the requests the emulator received;
 *                import examples/*.json and run the manual ones
 *   trigger      publish the Stripe Events Trigger workflow, `n8n start`, one endpoint registered;
 *                the editor's test listener beside it (REST), one event to both endpoints;
 *                signed deliveries → one execution each; redelivery, unsigned and tampered
 *                requests → no execution; restart; deactivation through the public API deletes it
 *   credentials  the credential dialog's test (REST) for a working, revoked, expired and restricted
 *                key and a Base URL that is not Stripe: what n8n shows (test/e2e/credentialTest.ts)
 *   events       Event resource workflow (`n8n execute`); Stripe Events Polling Trigger published:
 *                activation poll, "Fetch Test Event" (manual run), restart catch-up (test/e2e/events.ts)
 *   polling      the polling trigger every second: events listed late, idle polls after a busy
 *                second, a rename and a Connected Account change through the public API (test/e2e/polling.ts)
 *
 * The phases are in test/e2e/ and share one context, E2eContext (test/e2e/context.ts).
 *
 *   tsx test/e2e/run.ts [--keep] [--no-build]     (npm run test:e2e: on each n8n version)
 *     --keep      keep the n8n home (.e2e/<version>/home) after a passing run (it is always kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *
 * One line per check (✓/✗ with figures), timings per phase, and `N passed, N failed` last; exit 1
 * when anything failed. Every process it starts (emulator, n8n) is stopped, also on failure or Ctrl-C.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { CASES, runActionCases, runExamples } from './actions';
import { credentialDialog } from './credentialTest';
import { stopN8n, type E2eContext } from './context';
import * as events from './events';
import * as polling from './polling';
import { testListener } from './testListener';
import * as trigger from './trigger';
import * as wf from './workflows';
import { flag, helpFromHeader } from '../../scripts/lib/cli';
import { CREDENTIAL, emulatorCredential } from '../support/credential';
import { PKG, REPO } from '../../scripts/lib/repo';
import { check, Report } from '../support/report';
import { emulatorStep, n8nRuntimeStep, packageStep } from '../support/setup';
import { Teardown } from '../../scripts/lib/teardown';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';

helpFromHeader(__filename);

/** Its work folder: `.e2e/<n8n version>`, or E2E_WORK_DIR (two runs at once need two folders). */
const WORK = path.resolve(process.env.E2E_WORK_DIR || path.join(REPO, '.e2e', runtime.n8nVersion()));
const KEEP = flag('keep');
const NO_BUILD = flag('no-build');
/**
 * Hard limit for the suite once n8n is installed: nothing may hang CI (every wait and command has a
 * limit of its own; this is the backstop). The suite takes 4 to 5 minutes on 2 idle cores and 13 on
 * busy ones; E2E_WATCHDOG_MINUTES sets it. The install is not counted: a first install takes 5 to 6
 * minutes on CI's 2 cores (21 beside other installs), which left the suite too little of the time.
 */
const WATCHDOG_MS = Number(process.env.E2E_WATCHDOG_MINUTES || 20) * 60 * 1000;
/** The n8n install's own limit (the same watchdog, armed before it, re-armed with WATCHDOG_MS after it). */
const INSTALL_WATCHDOG_MS = 40 * 60 * 1000;

const report = new Report();
const teardown = new Teardown();
/** What setup found; `ctx` (the phases' context) once all of setup passed. */
const found: { home?: string; installDone?: number; ctx?: E2eContext } = {};

// Our own Ctrl-C handling: stop n8n gracefully, then the emulator (instance.ts would SIGKILL).
n8n.handleSignals(false);
teardown.onSignals({ message: 'stopping n8n and the emulator…', hardLimitMs: 20000 });

/** After a failed check: the n8n log lines not shown yet (at most 40). */
let logShown = 0;
let logPid: number | undefined;
function showN8nLog(): void {
	const inst = found.ctx?.inst;
	if (!inst) return;
	const lines = inst.log().split('\n');
	if (lines.length <= logShown && inst.pid === logPid) return;
	if (inst.pid !== logPid) {
		logPid = inst.pid;
		logShown = 0;
	}
	const fresh = lines.slice(Math.max(logShown, lines.length - 40));
	logShown = lines.length;
	report.line(`    ┌─ n8n log (${inst.logFile}), last ${fresh.length} new line(s)`);
	report.indent(fresh.join('\n'), '    │ ');
	report.line('    └─');
}
report.onFailure = showN8nLog;

/** After `ms` without being re-armed: say what did not finish, stop everything, exit 1. */
let watchdogTimer: NodeJS.Timeout | undefined;
function armWatchdog(ms: number, what: string): void {
	clearTimeout(watchdogTimer);
	watchdogTimer = setTimeout(() => {
		report.line(`\n✗ ${what} did not finish within ${ms / 60000} minutes: stopping everything`);
		showN8nLog();
		report.line(`${report.passed} passed, ${report.failed + 1} failed`);
		void teardown.run().finally(() => process.exit(1));
	}, ms);
	watchdogTimer.unref();
}

/** Resolves the phases' context (n8n and the emulator registered with the teardown). */
async function setup(): Promise<E2eContext | undefined> {
	await n8nRuntimeStep(report);
	found.installDone = Date.now();
	armWatchdog(WATCHDOG_MS, 'the suite (after the n8n install)');

	const packed = await packageStep(report, WORK, NO_BUILD);

	const emu = await emulatorStep(report, teardown, { title: 'Stripe emulator started (node --import tsx test/emulator/cli.ts)' });

	await report.step(
		'package installed into an isolated <home>/.n8n/nodes (npm install <tgz> --omit=dev --omit=peer)',
		async () => {
			check(packed, 'nothing was packed');
			const home = (found.home = path.join(WORK, 'home'));
			fs.rmSync(home, { recursive: true, force: true });
			n8n.createHome(home);
			const r = await n8n.installPackage(home, packed.tgz);
			const peer = path.join(home, '.n8n', 'nodes', 'node_modules', 'n8n-workflow');
			check(!fs.existsSync(peer), 'n8n-workflow was installed beside the package (it must come from n8n)');
			return `${r.name}@${r.version} in ${path.relative(REPO, home)}/.n8n/nodes, ${r.durationMs} ms`;
		},
		{ critical: true },
	);

	const nodeTypes = await report.step(
		'n8n lists every node of the package (n8n export:nodes)',
		async () => {
			check(packed && found.home, 'nothing was installed');
			const t0 = Date.now();
			const types = await n8n.listNodeTypes(found.home);
			const want = packed.expected.nodes.map((x) => x.type);
			const missing = want.filter((t) => !types.includes(t));
			check(missing.length === 0, `n8n does not list ${missing.join(', ')} (it lists ${types.filter((t) => t.startsWith(`${PKG}.`)).join(', ') || 'none of ours'})`);
			const ours = types.filter((t) => t.startsWith(`${PKG}.`));
			return {
				detail: `${want.map((t) => t.slice(PKG.length + 1)).join(', ')} (${ours.length} types of ours incl. AI-tool variants, ${types.length} in all), ${Date.now() - t0} ms`,
				value: types,
			};
		},
		{ critical: true },
	);

	// every step above is critical: here each of them passed
	if (!packed || !emu || !found.home || !nodeTypes) return undefined;
	return teardown.add('n8n', newContext({ home: found.home, emu, expected: packed.expected, nodeTypes }), stopN8n);
}

/** The context the phases after setup share (test/e2e/context.ts); the rest is filled in as they go. */
function newContext({ home, emu, expected, nodeTypes }: Pick<E2eContext, 'home' | 'emu' | 'expected' | 'nodeTypes'>): E2eContext {
	return {
		home,
		emu,
		expected,
		expectedCredentials: expected.credentials.map((c) => c.name),
		nodeTypes,
		workflowId: wf.IDS.trigger,
		inst: null,
		webhookUrl: '',
		cookie: '',
		apiKey: '',
		endpointId: '',
		endpointSecret: '',
		product: '',
		events: [],
	};
}

async function actions(ctx: E2eContext): Promise<void> {
	await report.step(
		'import the credential (base URL → emulator, test key)',
		async () => {
			const t0 = Date.now();
			await n8n.importCredentials(ctx.home, [emulatorCredential(ctx.emu)]);
			return `"${CREDENTIAL.name}" (${CREDENTIAL.id}) → ${ctx.emu.url}, ${Date.now() - t0} ms`;
		},
		{ critical: true },
	);
	await report.step(
		'import one workflow per action node + the trigger workflow',
		async () => {
			const t0 = Date.now();
			const all = [...CASES.map((c) => c.workflow()), wf.triggerWorkflow()];
			await n8n.importWorkflow(ctx.home, all);
			return `${all.length} workflows (${all.map((w) => w.id).join(', ')}), ${Date.now() - t0} ms`;
		},
		{ critical: true },
	);
	const covered = CASES.map((c) => c.nodeType);
	const uncovered = ctx.expected.nodes
		.map((x) => x.type.slice(PKG.length + 1))
		.filter((t) => !covered.includes(t) && !t.endsWith('Trigger'));
	if (uncovered.length) report.fail('every action node has a workflow', `no case for ${uncovered.join(', ')}`);
	await runActionCases(report, { home: ctx.home, emu: ctx.emu });
	await runExamples(report, { home: ctx.home, emu: ctx.emu, knownTypes: ctx.nodeTypes });
}

/** The phases after setup, each on the n8n and emulator setup left. */
async function phases(ctx: E2eContext): Promise<void> {
	const a = await report.phase('action nodes and examples: n8n execute against the emulator', () => actions(ctx));
	if (a.aborted) return;
	const t = await report.phase('events trigger: activation and deliveries (n8n start)', async () => {
		await trigger.activation(report, ctx);
		await trigger.deliveries(report, ctx);
		await trigger.concurrentDeliveries(report, ctx);
		await trigger.savedIdsCoverExecutions(report, ctx);
		await testListener(report, ctx);
	});
	if (ctx.inst && !ctx.inst.exitInfo) {
		await report.phase('credential dialog: the test n8n runs (REST)', () => credentialDialog(report, ctx));
	}
	if (ctx.inst && !ctx.inst.exitInfo) {
		await report.phase('events trigger: restart (stop + start)', () => trigger.restart(report, ctx));
	}
	if (ctx.inst && !ctx.inst.exitInfo) {
		await report.phase('events trigger: deactivation through the public API', () => trigger.deactivate(report, ctx));
	} else if (!t.aborted) {
		report.fail('deactivation through the public API', 'not run: n8n is not running');
	}
	await report.phase('events: Event resource (n8n execute) and the polling trigger (n8n start)', () => events.run(report, ctx));
	if (ctx.inst && !ctx.inst.exitInfo && ctx.apiKey) {
		await report.phase('polling trigger every second: late events, idle polls, rename, account change (public API)', () => polling.run(report, ctx));
	}
}

async function main(): Promise<void> {
	const t0 = Date.now();
	armWatchdog(INSTALL_WATCHDOG_MS, 'the n8n install');

	report.line(`n8n-nodes-stripe-platform end-to-end: real n8n ${runtime.n8nVersion()} (${path.relative(REPO, runtime.runtimeDir())}), Node ${process.version}, loopback only`);
	let ok = false;
	try {
		const s = await report.phase('setup: build, pack, install into n8n', async () => {
			found.ctx = await setup();
		});
		if (!s.aborted && found.ctx) await phases(found.ctx);
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		await teardown.run();
	}
	const totalMs = Date.now() - t0;
	const afterInstall = found.installDone ? Date.now() - found.installDone : totalMs;
	if (found.home) {
		if (ok && !KEEP) fs.rmSync(found.home, { recursive: true, force: true });
		else report.line(`\nn8n home kept for inspection: ${found.home} (n8n log: n8n-start.log)`);
	}
	report.summary({ totalMs, extra: [['total after the n8n install', afterInstall]] });
	process.exitCode = ok ? 0 : 1;
}

main().catch(async (e) => {
	process.stderr.write(`e2e crashed: ${e.stack || e}\n`);
	await teardown.run();
	process.stdout.write(`${report.passed} passed, ${report.failed + 1} failed\n`);
	process.exit(1);
});
