'use strict';
/**
 * The queue-mode suite itself (scripts/queue.js is its command line). Runs in the Node that the
 * installed n8n needs; everything it starts is stopped in `cleanup()`, also on failure, Ctrl-C and
 * the watchdog.
 */
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../n8n/instance.js');
const runtime = require('../n8n/install.js');
const { Report } = require('../lib/report');
const { startEmulator } = require('../lib/emulator');
const pkgTools = require('../lib/package');
const services = require('./services.js');
const { startFront } = require('./front.js');
const { createCluster } = require('./cluster.js');
const wf = require('./workflows.js');
const trigger = require('./trigger.js');
const load = require('./load.js');

const REPO = path.resolve(__dirname, '..', '..');
/** Hard limit for the whole run: nothing may hang CI. */
const WATCHDOG_MS = 20 * 60 * 1000;
/** Bulk mode: each run stays under its own limit; together they exceed the emulator's, so some requests get 429. */
const BULK = { items: 500, parallel: 8, perSecond: 60, limit: 100, maxRetries: 10 };

async function main({ keep = false, noBuild = false, jsonFile = null } = {}) {
	const version = runtime.n8nVersion();
	const work = path.join(REPO, '.queue', version);
	const report = new Report();
	const ctx = { figures: {}, triggers: {}, cluster: null, emu: null, pg: null, redis: null, front: null };
	const t0 = Date.now();

	let cleaning = null;
	const cleanup = () => {
		if (!cleaning) {
			cleaning = (async () => {
				const stops = [];
				if (ctx.cluster) stops.push(...(await ctx.cluster.stopAll().catch(() => [])));
				if (ctx.front) await ctx.front.close().catch(() => {});
				if (ctx.emu) await ctx.emu.stop().catch(() => {});
				if (ctx.redis) await ctx.redis.stop().catch(() => {});
				if (ctx.pg) await ctx.pg.stop().catch(() => {});
				return stops;
			})();
		}
		return cleaning;
	};
	n8n.handleSignals(false);
	const onSignal = (sig) => {
		process.stdout.write(`\n${sig}: stopping every process of the suite…\n`);
		setTimeout(() => process.exit(130), 30000).unref();
		cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	// after a failed check: the newest lines of every n8n process's log
	report.onFailure = async () => {
		for (const inst of ctx.cluster ? ctx.cluster.running() : []) {
			report.line(`    ┌─ ${inst.role} (${path.relative(REPO, inst.logFile)}), last 8 lines`);
			report.indent(inst.logTail(8), '    │ ');
		}
	};

	const watchdog = setTimeout(() => {
		report.line(`\n✗ the suite did not finish within ${WATCHDOG_MS / 60000} minutes: stopping everything`);
		cleanup().finally(() => {
			report.line(`${report.passed} passed, ${report.failed + 1} failed`);
			process.exit(1);
		});
	}, WATCHDOG_MS);
	watchdog.unref();

	report.line(`n8n-nodes-stripe-platform in n8n's queue mode: n8n ${version} (${path.relative(REPO, runtime.runtimeDir()) || runtime.runtimeDir()}), Node ${process.version}, loopback only`);
	let ok = false;
	try {
		const s = await report.phase('setup: Postgres, Redis, n8n main + 2 webhook processes + worker', () => setup(report, ctx, { work, noBuild }));
		if (!s.aborted) {
			const a = await report.phase('activation on main', () => trigger.activation(report, ctx));
			if (!a.aborted) {
				await report.phase('idle memory', () => load.idleMemory(report, ctx));
				await report.phase('deliveries through the webhook processes, run by the worker', async () => {
					await trigger.deliveries(report, ctx);
					await trigger.unclaimedBurst(report, ctx);
				});
				await report.phase('webhook processes restarted', async () => {
					await trigger.restartWebhooks(report, ctx);
					await trigger.unclaimedSimultaneous(report, ctx);
				});
				await report.phase('main restarted', () => trigger.restartMain(report, ctx));
				await report.phase('throughput', async () => {
					await load.throughput(report, ctx, 'claimed');
					await load.throughput(report, ctx, 'unclaimed');
				});
				await report.phase('deactivation', () => trigger.deactivation(report, ctx));
				await report.phase('bulk mode on the worker', () => load.bulk(report, ctx, BULK));
			}
		}
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		const stops = await report.phase('stop everything', async () => {
			await report.step('every process stopped (n8n × 4, emulator, front, Redis, Postgres)', async () => {
				const r = await cleanup();
				return r.map((x) => `${x.role} ${x.stopMs} ms`).join(', ') || 'nothing was running';
			});
		});
		ok = ok && !stops.failed;
		clearTimeout(watchdog);
	}

	const results = {
		version,
		node: process.version,
		passed: report.passed,
		failed: report.failed,
		totalMs: Date.now() - t0,
		figures: ctx.figures,
	};
	fs.mkdirSync(work, { recursive: true });
	fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify(results, null, 2) + '\n');
	if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
	if (ok && !keep) for (const dir of ['homes', 'pg', 'redis']) fs.rmSync(path.join(work, dir), { recursive: true, force: true });
	else report.line(`\nkept for inspection: ${path.relative(REPO, work)}/ (homes/<role>/n8n-<command>.log, pg/, postgres.log, redis.log)`);
	report.summary({ totalMs: Date.now() - t0 });
	process.off('SIGINT', onSignal);
	process.off('SIGTERM', onSignal);
	return ok ? 0 : 1;
}

async function setup(report, ctx, { work, noBuild }) {
	await report.step(
		'n8n runtime installed (scripts/n8n/install.js)',
		async () => {
			const r = await runtime.install();
			return `n8n ${r.version}${r.reused ? ' (reused)' : ` installed in ${r.seconds.toFixed(0)} s`}`;
		},
		{ critical: true },
	);
	await report.step(
		'Postgres and Redis installed (Debian packages, only when missing)',
		async () => {
			const r = await services.ensureServerPackages((m) => report.line(`    ${m}`));
			return `${r.postgres}, ${r.redis}${r.installed.length ? ` (installed ${r.installed.join(', ')})` : ' (present)'}`;
		},
		{ critical: true },
	);
	const packed = await report.step(
		noBuild ? 'npm pack of the checkout (--no-build)' : 'npm run build + npm pack (snapshot of the working tree)',
		async () => {
			fs.mkdirSync(work, { recursive: true });
			const r = noBuild ? await pkgTools.pack(REPO, path.join(work, 'build')) : await pkgTools.buildAndPackSnapshot(path.join(work, 'build'));
			return { detail: `${path.basename(r.tgz)}, ${r.files.length} files${r.buildMs ? `, build ${r.buildMs} ms` : ''}`, value: r };
		},
		{ critical: true },
	);
	await report.step(
		'Postgres cluster, Redis, the Stripe emulator and the front started on loopback',
		async () => {
			[ctx.pg, ctx.redis, ctx.emu, ctx.front] = await Promise.all([
				services.startPostgres(work),
				services.startRedis(work),
				startEmulator({ port: 0 }),
				startFront(),
			]);
			return `Postgres ${ctx.pg.version} on :${ctx.pg.port} (initdb + start ${ctx.pg.startMs} ms), Redis on :${ctx.redis.port}, emulator ${ctx.emu.url}, front ${ctx.front.url}`;
		},
		{ critical: true },
	);
	ctx.cluster = createCluster({ dir: work, pg: ctx.pg, redis: ctx.redis, front: ctx.front });
	await report.step(
		'package installed into the four homes (main, webhook-1, webhook-2, worker)',
		async () => {
			const r = await ctx.cluster.prepareHomes(packed.tgz);
			return `${r.name}@${r.version}, npm install ${r.durationMs} ms, copied to the other homes`;
		},
		{ critical: true },
	);
	await report.step(
		'credential and workflows imported into Postgres',
		async () => {
			const t0 = Date.now();
			const opts = ctx.cluster.cliOpts();
			await n8n.importCredentials(
				ctx.cluster.homes.main,
				[{ ...wf.CREDENTIAL, type: 'stripePlatformApi', data: { secretKey: ctx.emu.testKey, accountId: '', apiVersion: '', baseUrl: ctx.emu.url } }],
				opts,
			);
			const workflows = [wf.triggerWorkflow(wf.TRIGGERS.claimed), wf.triggerWorkflow(wf.TRIGGERS.unclaimed), wf.bulkWorkflow(BULK)];
			await n8n.importWorkflow(ctx.cluster.homes.main, workflows, opts);
			ctx.bulkWorkflowId = wf.BULK.id;
			for (const key of ['claimed', 'unclaimed']) {
				const t = wf.TRIGGERS[key];
				ctx.triggers[key] = { ...t, url: `${ctx.front.url}/webhook/${t.webhookId}/${wf.TRIGGER_PATH}`, sent: [] };
			}
			return `${workflows.map((w) => w.id).join(', ')} in ${Date.now() - t0} ms`;
		},
		{ critical: true },
	);
	await report.step(
		'main, then webhook-1, webhook-2 and the worker started and ready',
		async () => {
			const started = await ctx.cluster.startAll();
			return started.map((s) => `${s.role} :${s.port} ready ${s.readyMs} ms`).join(', ');
		},
		{ critical: true },
	);
	await report.step(
		"owner set up on main and a public-API key created",
		async () => {
			const cookie = await n8n.setupOwner(ctx.cluster.main.baseUrl);
			ctx.apiKey = await n8n.createApiKey(ctx.cluster.main.baseUrl, cookie);
			return `API key ${ctx.apiKey.slice(0, 10)}…`;
		},
		{ critical: true },
	);
}

module.exports = { main, setup, BULK };
