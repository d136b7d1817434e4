/**
 * The queue-mode suite itself (test/queue/run.ts is its command line). Runs in the Node that the
 * installed n8n needs; everything it starts is registered with a Teardown and stopped at the end,
 * also on failure, Ctrl-C and the watchdog.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { emulatorCredential } from '../support/credential';
import { startEmulator } from '../support/emulator';
import { packForSuite } from '../../scripts/lib/package';
import { REPO } from '../../scripts/lib/repo';
import { Report, type StepResult, type StepValue } from '../support/report';
import { Teardown } from '../../scripts/lib/teardown';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';
import { assertStarted, createCluster, type Cluster, type RoleStopped } from './cluster';
import type { QueueContext, SuiteTrigger } from './context';
import type { Figures } from './figures';
import { startFront } from './front';
import * as load from './load';
import * as services from './services';
import * as trigger from './trigger';
import * as wf from './workflows';

/** Hard limit for the whole run: nothing may hang CI. */
const WATCHDOG_MS = 20 * 60 * 1000;
/** Bulk mode: each run stays under its own limit; together they exceed the emulator's, so some requests get 429. */
export const BULK: load.BulkOptions = { items: 500, parallel: 8, perSecond: 60, limit: 100, maxRetries: 10 };

export interface SuiteOptions {
	keep?: boolean;
	noBuild?: boolean;
	/** Also write the results there. */
	jsonFile?: string | null;
}

/** What results.json holds. */
export interface QueueResults {
	version: string;
	node: string;
	passed: number;
	failed: number;
	totalMs: number;
	figures: Figures;
}

/** The cluster once setup created it (its logs are shown after a failed check), and how it stopped. */
interface Started {
	cluster?: Cluster;
	clusterStops: RoleStopped[];
}

/** Runs the suite; resolves the exit code (0 when every check passed). */
export async function main({ keep = false, noBuild = false, jsonFile = null }: SuiteOptions = {}): Promise<number> {
	const version = runtime.n8nVersion();
	const work = path.join(REPO, '.queue', version);
	const report = new Report();
	const figures: Figures = {};
	const teardown = new Teardown();
	const started: Started = { clusterStops: [] };
	const t0 = Date.now();

	n8n.handleSignals(false);
	teardown.onSignals({ message: 'stopping every process of the suite…' });

	// after a failed check: the newest lines of every n8n process's log
	report.onFailure = async () => {
		for (const inst of started.cluster ? started.cluster.running() : []) {
			report.line(`    ┌─ ${inst.role} (${path.relative(REPO, inst.logFile)}), last 8 lines`);
			report.indent(inst.logTail(8), '    │ ');
		}
	};

	teardown.watchdog(WATCHDOG_MS, () => {
		report.line(`\n✗ the suite did not finish within ${WATCHDOG_MS / 60000} minutes: stopping everything`);
		report.line(`${report.passed} passed, ${report.failed + 1} failed`);
	});

	report.line(`n8n-nodes-stripe-platform in n8n's queue mode: n8n ${version} (${path.relative(REPO, runtime.runtimeDir()) || runtime.runtimeDir()}), Node ${process.version}, loopback only`);
	let ok = false;
	try {
		let ctx: QueueContext | undefined;
		const s = await report.phase('setup: Postgres, Redis, n8n main + 2 webhook processes + worker', async () => {
			ctx = await setup(report, teardown, started, { work, noBuild, figures });
		});
		if (!s.aborted && ctx) {
			const c: QueueContext = ctx;
			const a = await report.phase('activation on main', () => trigger.activation(report, c));
			if (!a.aborted) {
				await report.phase('idle memory', () => load.idleMemory(report, c));
				await report.phase('deliveries through the webhook processes, run by the worker', async () => {
					await trigger.deliveries(report, c);
					await trigger.unclaimedBurst(report, c);
				});
				await report.phase('webhook processes restarted', async () => {
					await trigger.restartWebhooks(report, c);
					await trigger.unclaimedSimultaneous(report, c);
				});
				await report.phase('main restarted', () => trigger.restartMain(report, c));
				await report.phase('throughput', async () => {
					await load.throughput(report, c, 'claimed');
					await load.throughput(report, c, 'unclaimed');
				});
				await report.phase('deactivation', () => trigger.deactivation(report, c));
				await report.phase('bulk mode on the worker', () => load.bulk(report, c, BULK));
			}
		}
		ok = report.failed === 0;
	} catch (e) {
		report.fail('suite', e.stack || e.message);
	} finally {
		const stops = await report.phase('stop everything', async () => {
			await report.step('every process stopped (n8n × 4, emulator, front, Redis, Postgres)', async () => {
				await teardown.run();
				return started.clusterStops.map((x) => `${x.role} ${x.stopMs} ms`).join(', ') || 'nothing was running';
			});
		});
		ok = ok && !stops.failed;
	}

	const results: QueueResults = {
		version,
		node: process.version,
		passed: report.passed,
		failed: report.failed,
		totalMs: Date.now() - t0,
		figures,
	};
	fs.mkdirSync(work, { recursive: true });
	fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify(results, null, 2) + '\n');
	if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
	if (ok && !keep) for (const dir of ['homes', 'pg', 'redis']) fs.rmSync(path.join(work, dir), { recursive: true, force: true });
	else report.line(`\nkept for inspection: ${path.relative(REPO, work)}/ (homes/<role>/n8n-<command>.log, pg/, postgres.log, redis.log)`);
	report.summary({ totalMs: Date.now() - t0 });
	return ok ? 0 : 1;
}
/** A critical step's value: a critical step that failed has ended the phase, so it passed. */
async function must<R extends StepResult>(report: Report, name: string, fn: () => Promise<R>): Promise<StepValue<R>> {
	return (await report.step(name, fn, { critical: true })) as StepValue<R>;
}

/**
 * Installs and starts everything (each process registered with `teardown` as it starts) and
 * resolves the context of the later phases.
 */
export async function setup(
	report: Report,
	teardown: Teardown,
	started: Started,
	{ work, noBuild, figures }: { work: string; noBuild: boolean; figures: Figures },
): Promise<QueueContext> {
	await must(report, 'n8n runtime installed (test/n8n/install.ts)', async () => {
		const r = await runtime.install();
		return `n8n ${r.version}${r.reused ? ' (reused)' : ` installed in ${r.seconds.toFixed(0)} s`}`;
	});
	await must(report, 'Postgres and Redis installed (Debian packages, only when missing)', async () => {
		const r = await services.ensureServerPackages((m) => report.line(`    ${m}`));
		return `${r.postgres}, ${r.redis}${r.installed.length ? ` (installed ${r.installed.join(', ')})` : ' (present)'}`;
	});
	const packed = await must(report, noBuild ? 'npm pack of the checkout (--no-build)' : 'npm run build + npm pack (snapshot of the working tree)', async () => {
		const r = await packForSuite(path.join(work, 'build'), { noBuild });
		return { detail: `${path.basename(r.tgz)}, ${r.files.length} files${r.buildMs ? `, build ${r.buildMs} ms` : ''}`, value: r };
	});
	const [pg, redis, emu, front] = await must(report, 'Postgres cluster, Redis, the Stripe emulator and the front started on loopback', async () => {
		const value = await Promise.all([
			services.startPostgres(work).then((x) => teardown.add('Postgres', x, (pg) => pg.stop())),
			services.startRedis(work).then((x) => teardown.add('Redis', x, (redis) => redis.stop())),
			startEmulator({ port: 0 }).then((x) => teardown.add('the Stripe emulator', x, (emu) => emu.stop())),
			startFront().then((x) => teardown.add('the front', x, (front) => front.close())),
		]);
		const [pg, redis, emu, front] = value;
		return {
			detail: `Postgres ${pg.version} on :${pg.port} (initdb + start ${pg.startMs} ms), Redis on :${redis.port}, emulator ${emu.url}, front ${front.url}`,
			value,
		};
	});
	const cluster = createCluster({ dir: work, pg, redis, front });
	started.cluster = cluster;
	teardown.add('n8n', cluster, async (c) => {
		started.clusterStops = await c.stopAll();
	});
	await must(report, 'package installed into the four homes (main, webhook-1, webhook-2, worker)', async () => {
		const r = await cluster.prepareHomes(packed.tgz);
		return `${r.name}@${r.version}, npm install ${r.durationMs} ms, copied to the other homes`;
	});
	const triggers = {} as Record<wf.TriggerKey, SuiteTrigger>;
	await must(report, 'credential and workflows imported into Postgres', async () => {
		const t0 = Date.now();
		const opts = cluster.cliOpts();
		await n8n.importCredentials(cluster.homes.main, [emulatorCredential(emu)], opts);
		const workflows = [wf.triggerWorkflow(wf.TRIGGERS.claimed), wf.triggerWorkflow(wf.TRIGGERS.unclaimed), wf.bulkWorkflow(BULK)];
		await n8n.importWorkflow(cluster.homes.main, workflows, opts);
		for (const key of ['claimed', 'unclaimed'] as const) {
			const t = wf.TRIGGERS[key];
			triggers[key] = { ...t, url: `${front.url}/webhook/${t.webhookId}/${wf.TRIGGER_PATH}`, sent: [], endpointId: '', secret: '' };
		}
		return `${workflows.map((w) => w.id).join(', ')} in ${Date.now() - t0} ms`;
	});
	await must(report, 'main, then webhook-1, webhook-2 and the worker started and ready', async () => {
		const list = await cluster.startAll();
		return list.map((x) => `${x.role} :${x.port} ready ${x.readyMs} ms`).join(', ');
	});
	assertStarted(cluster);
	const apiKey = await must(report, "owner set up on main and a public-API key created", async () => {
		const cookie = await n8n.setupOwner(cluster.main.baseUrl);
		const key = await n8n.createApiKey(cluster.main.baseUrl, cookie);
		return { detail: `API key ${key.slice(0, 10)}…`, value: key };
	});
	return { emu, pg, redis, front, cluster, apiKey, bulkWorkflowId: wf.BULK.id, triggers, figures };
}
