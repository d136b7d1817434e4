#!/usr/bin/env node
'use strict';
/**
 * End-to-end suite against a real n8n (scripts/n8n/install.js: n8n 2.8.4 in .n8n-runtime/) and the
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
 *   events       Event resource workflow (`n8n execute`); Stripe Events Polling Trigger published:
 *                activation poll, "Fetch Test Event" (manual run), restart catch-up (scripts/e2e/events.js)
 *
 *   node scripts/e2e.js [--keep] [--no-build]
 *     --keep      keep the n8n home (.e2e/home) after a passing run (it is always kept on failure)
 *     --no-build  pack the checkout as it is (its dist/) instead of building a snapshot of it
 *
 * One line per check (✓/✗ with figures), timings per phase, and `N passed, N failed` last; exit 1
 * when anything failed. Every process it starts (emulator, n8n) is stopped, also on failure or Ctrl-C.
 */
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./n8n/instance.js');
const runtime = require('./n8n/install.js');
const { Report, check } = require('./lib/report');
const { startEmulator } = require('./lib/emulator');
const pkgTools = require('./lib/package');
const wf = require('./e2e/workflows.js');
const { CASES, runActionCases, runExamples } = require('./e2e/actions.js');
const trigger = require('./e2e/trigger.js');
const events = require('./e2e/events.js');
const { testListener } = require('./e2e/testListener.js');

const REPO = path.resolve(__dirname, '..');
const WORK = path.join(REPO, '.e2e');
const ARGS = process.argv.slice(2);
const KEEP = ARGS.includes('--keep');
const NO_BUILD = ARGS.includes('--no-build');
/** Hard limit for the whole run: nothing may hang CI. */
const WATCHDOG_MS = 10 * 60 * 1000;

if (ARGS.includes('--help') || ARGS.includes('-h')) {
	process.stdout.write(fs.readFileSync(__filename, 'utf8').split('*/')[0].replace(/^#!.*\n'use strict';\n\/\*\*\n/, '').replace(/^ \* ?/gm, ''));
	process.exit(0);
}

const report = new Report();
const ctx = { events: [], inst: null, emu: null, home: null, workflowId: wf.IDS.trigger };
let cleaning = null;

/** Stop n8n and the emulator (idempotent). */
function cleanup() {
	if (!cleaning) {
		cleaning = (async () => {
			if (ctx.inst) {
				const inst = ctx.inst;
				ctx.inst = null;
				await inst.stop({ timeoutMs: 15000 }).catch(() => {});
			}
			if (ctx.emu) {
				const emu = ctx.emu;
				ctx.emu = null;
				await emu.stop().catch(() => {});
			}
		})();
	}
	return cleaning;
}

// Our own Ctrl-C handling: stop n8n gracefully, then the emulator (instance.js would SIGKILL).
n8n.handleSignals(false);
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		process.stdout.write(`\n${sig}: stopping n8n and the emulator…\n`);
		const hard = setTimeout(() => process.exit(130), 20000);
		hard.unref();
		cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
	});
}

/** After a failed check: the n8n log lines not shown yet (at most 40). */
let logShown = 0;
report.onFailure = async () => {
	const inst = ctx.inst;
	if (!inst) return;
	const lines = inst.log().split('\n');
	if (lines.length <= logShown && inst.process.pid === ctx.logPid) return;
	if (inst.process.pid !== ctx.logPid) {
		ctx.logPid = inst.process.pid;
		logShown = 0;
	}
	const fresh = lines.slice(Math.max(logShown, lines.length - 40));
	logShown = lines.length;
	report.line(`    ┌─ n8n log (${inst.logFile}), last ${fresh.length} new line(s)`);
	report.indent(fresh.join('\n'), '    │ ');
	report.line('    └─');
};

async function setup() {
	await report.step(
		'n8n runtime installed (scripts/n8n/install.js)',
		async () => {
			const r = await runtime.install();
			return `n8n ${r.version}${r.reused ? ' (reused)' : ` installed in ${r.seconds.toFixed(0)} s`}, Node ${process.version}`;
		},
		{ critical: true },
	);
	ctx.installDone = Date.now();

	const packed = await report.step(
		NO_BUILD ? 'npm pack of the checkout (--no-build)' : 'npm run build + npm pack (snapshot of the working tree)',
		async () => {
			fs.mkdirSync(WORK, { recursive: true });
			let r;
			if (NO_BUILD) {
				r = { ...(await pkgTools.pack(REPO, path.join(WORK, 'build'))), dir: REPO };
				r.pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
			} else {
				r = await pkgTools.buildAndPackSnapshot(path.join(WORK, 'build'));
			}
			const expected = pkgTools.expectedTypes(r.dir);
			check(expected.missing.length === 0, `package.json names files the build did not produce: ${expected.missing.join(', ')}`);
			check(expected.credentials.length > 0, 'package.json names no credential');
			const inTarball = [...(r.pkg.n8n.nodes || []), ...(r.pkg.n8n.credentials || [])].filter((f) => !r.files.includes(f));
			check(inTarball.length === 0, `not in the tarball: ${inTarball.join(', ')}`);
			ctx.expected = expected;
			ctx.expectedCredentials = expected.credentials.map((c) => c.name);
			const timing = NO_BUILD ? `pack ${r.ms} ms` : `build ${r.buildMs} ms, pack ${r.packMs} ms`;
			return {
				detail: `${path.basename(r.tgz)}: ${r.files.length} files, ${(r.size / 1024).toFixed(0)} kB, ${expected.nodes.length} nodes + ${expected.credentials.length} credential; ${timing}`,
				value: r,
			};
		},
		{ critical: true },
	);

	await report.step(
		'Stripe emulator started (node --import tsx test/emulator/cli.ts)',
		async () => {
			ctx.emu = await startEmulator({ port: 0 });
			return `${ctx.emu.url}, started in ${ctx.emu.startMs} ms`;
		},
		{ critical: true },
	);

	await report.step(
		'package installed into an isolated <home>/.n8n/nodes (npm install <tgz> --omit=dev --omit=peer)',
		async () => {
			ctx.home = path.join(WORK, 'home');
			fs.rmSync(ctx.home, { recursive: true, force: true });
			n8n.createHome(ctx.home);
			const r = await n8n.installPackage(ctx.home, packed.tgz);
			const peer = path.join(ctx.home, '.n8n', 'nodes', 'node_modules', 'n8n-workflow');
			check(!fs.existsSync(peer), 'n8n-workflow was installed beside the package (it must come from n8n)');
			return `${r.name}@${r.version} in ${path.relative(REPO, ctx.home)}/.n8n/nodes, ${r.durationMs} ms`;
		},
		{ critical: true },
	);

	await report.step(
		'n8n lists every node of the package (n8n export:nodes)',
		async () => {
			const t0 = Date.now();
			const types = await n8n.listNodeTypes(ctx.home);
			ctx.nodeTypes = types;
			const want = ctx.expected.nodes.map((x) => x.type);
			const missing = want.filter((t) => !types.includes(t));
			check(missing.length === 0, `n8n does not list ${missing.join(', ')} (it lists ${types.filter((t) => t.startsWith(`${wf.PKG}.`)).join(', ') || 'none of ours'})`);
			const ours = types.filter((t) => t.startsWith(`${wf.PKG}.`));
			return `${want.map((t) => t.slice(wf.PKG.length + 1)).join(', ')} (${ours.length} types of ours incl. AI-tool variants, ${types.length} in all), ${Date.now() - t0} ms`;
		},
		{ critical: true },
	);
}

async function actions() {
	await report.step(
		'import the credential (base URL → emulator, test key)',
		async () => {
			const t0 = Date.now();
			await n8n.importCredentials(ctx.home, [
				{
					...wf.CREDENTIAL,
					type: 'stripePlatformApi',
					data: { secretKey: ctx.emu.testKey, accountId: '', apiVersion: '', baseUrl: ctx.emu.url },
				},
			]);
			return `"${wf.CREDENTIAL.name}" (${wf.CREDENTIAL.id}) → ${ctx.emu.url}, ${Date.now() - t0} ms`;
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
		.map((x) => x.type.slice(wf.PKG.length + 1))
		.filter((t) => !covered.includes(t) && !t.endsWith('Trigger'));
	if (uncovered.length) report.fail('every action node has a workflow', `no case for ${uncovered.join(', ')}`);
	await runActionCases(report, { home: ctx.home, emu: ctx.emu });
	await runExamples(report, { home: ctx.home, emu: ctx.emu, knownTypes: ctx.nodeTypes });
}

async function main() {
	const t0 = Date.now();
	const watchdog = setTimeout(() => {
		report.line(`\n✗ the suite did not finish within ${WATCHDOG_MS / 60000} minutes: stopping everything`);
		report.onFailure().finally(() => cleanup().finally(() => {
			report.line(`${report.passed} passed, ${report.failed + 1} failed`);
			process.exit(1);
		}));
	}, WATCHDOG_MS);
	watchdog.unref();

	report.line(`n8n-nodes-stripe-platform end-to-end: real n8n ${runtime.n8nVersion()} (${path.relative(REPO, runtime.runtimeDir())}), Node ${process.version}, loopback only`);
	let ok = false;
	try {
		const s = await report.phase('setup: build, pack, install into n8n', setup);
		if (!s.aborted) {
			const a = await report.phase('action nodes and examples: n8n execute against the emulator', actions);
			if (!a.aborted) {
				const t = await report.phase('events trigger: activation and deliveries (n8n start)', async () => {
					await trigger.activation(report, ctx);
					await trigger.deliveries(report, ctx);
					await trigger.concurrentDeliveries(report, ctx);
					await trigger.savedIdsCoverExecutions(report, ctx);
					await testListener(report, ctx);
				});
				if (ctx.inst && !ctx.inst.exitInfo) {
					await report.phase('events trigger: restart (stop + start)', () => trigger.restart(report, ctx));
				}
				if (ctx.inst && !ctx.inst.exitInfo) {
					await report.phase('events trigger: deactivation through the public API', () => trigger.deactivate(report, ctx));
				} else if (!t.aborted) {
					report.fail('deactivation through the public API', 'not run: n8n is not running');
				}
				await report.phase('events: Event resource (n8n execute) and the polling trigger (n8n start)', () => events.run(report, ctx));
			}
		}
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		await cleanup();
		clearTimeout(watchdog);
	}
	const totalMs = Date.now() - t0;
	const afterInstall = ctx.installDone ? Date.now() - ctx.installDone : totalMs;
	if (ctx.home) {
		if (ok && !KEEP) fs.rmSync(ctx.home, { recursive: true, force: true });
		else report.line(`\nn8n home kept for inspection: ${ctx.home} (n8n log: n8n-start.log)`);
	}
	report.summary({ totalMs, extra: [['total after the n8n install', afterInstall]] });
	process.exitCode = ok ? 0 : 1;
}

main().catch(async (e) => {
	process.stderr.write(`e2e crashed: ${e.stack || e}\n`);
	await cleanup();
	process.stdout.write(`${report.passed} passed, ${report.failed + 1} failed\n`);
	process.exit(1);
});
