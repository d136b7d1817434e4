/**
 * n8n in queue mode on loopback: one main (`n8n start`, activation and the API, production webhooks
 * off), two `n8n webhook` processes and one `n8n worker`, all on the same Postgres database, Redis
 * and encryption key, each with its own home (N8N_USER_FOLDER holding the installed package), port
 * and task-runner broker port. WEBHOOK_URL is the front (test/queue/front.ts) for every process,
 * so the URL a trigger registers at Stripe leads to the webhook processes.
 *
 *   const cluster = createCluster({ dir, pg, redis, front });
 *   await cluster.prepareHomes(tarball);          // package into main's home, copied to the others
 *   await n8n.importWorkflow(cluster.homes.main, wf, cluster.cliOpts());   // CLI on the shared database
 *   await cluster.startAll();                     // main first (it migrates the database), then the rest
 *   cluster.main / cluster.webhooks[0..1] / cluster.worker
 *   await cluster.restart('webhooks');            // same ports
 *   await cluster.stopAll();
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import * as n8n from '../n8n/instance';
import type { CliOptions, ExitInfo, InstalledPackage, N8nInstance, StopInfo } from '../n8n/instance';
import type { Front } from './front';
import type { PostgresService, RedisService } from './services';

export const ROLES = ['main', 'webhook-1', 'webhook-2', 'worker'] as const;
export type Role = (typeof ROLES)[number];
/** Which processes cluster.start/stop/restart act on. */
export type RoleGroup = 'main' | 'webhooks' | 'worker' | 'all' | 'others';
/** A webhook process may wait for executions it saw at SIGTERM; n8n's own limit is 30 s. */
export const GRACEFUL_SHUTDOWN_S = 5;

/** One n8n process of the cluster: its role, and how it ended once it has. */
export interface ClusterProcess extends N8nInstance {
	role: Role;
	exitInfo: ExitInfo | null;
}

export interface RoleStarted {
	role: Role;
	readyMs: number;
	port: number;
	pid: number | undefined;
}

/** A process stopped: what instance's stop() resolves, with its role (only stopMs when it was never started). */
export type RoleStopped = { role: Role; stopMs: number } & Partial<StopInfo>;

export interface Cluster {
	homes: Record<Role, string>;
	ports: Partial<Record<Role, number>>;
	main: ClusterProcess | null;
	webhooks: [ClusterProcess | null, ClusterProcess | null];
	worker: ClusterProcess | null;
	/** Every n8n process running now (for cleanup and failure logs). */
	running(): ClusterProcess[];
	/** Installs the tarball into main's home and copies its .n8n/nodes to the other homes. */
	prepareHomes(tarball: string): Promise<InstalledPackage>;
	/** Options for instance's CLI helpers: main's home and port, the shared database. */
	cliOpts(): CliOptions;
	/** Main first, then the others. */
	startAll(): Promise<RoleStarted[]>;
	start(which: RoleGroup): Promise<RoleStarted[]>;
	stop(which: RoleGroup): Promise<RoleStopped[]>;
	restart(which: RoleGroup): Promise<{ stopped: RoleStopped[]; started: RoleStarted[] }>;
	stopAll(): Promise<RoleStopped[]>;
}

/** A cluster once started: main, both webhook processes and the worker are there. */
export interface StartedCluster extends Cluster {
	main: ClusterProcess;
	webhooks: [ClusterProcess, ClusterProcess];
	worker: ClusterProcess;
}

/** Narrows the cluster once startAll() resolved: throws when one of the four processes was never started. */
export function assertStarted(cluster: Cluster): asserts cluster is StartedCluster {
	const missing = ROLES.filter((_, i) => ![cluster.main, ...cluster.webhooks, cluster.worker][i]);
	if (missing.length) throw new Error(`not started: ${missing.join(', ')}`);
}

export function createCluster({ dir, pg, redis, front }: { dir: string; pg: PostgresService; redis: RedisService; front: Front }): Cluster {
	const homes = Object.fromEntries(ROLES.map((r) => [r, path.join(dir, 'homes', r)])) as Record<Role, string>;
	const ports: Partial<Record<Role, number>> = {};
	const portOf = (role: Role): number => ports[role] as number;

	/** What every process (and CLI command) of the cluster shares. */
	const sharedEnv = () => ({
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: pg.port,
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: redis.port,
		// manual runs go to the workers too: in this set-up only workers execute
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		WEBHOOK_URL: `${front.url}/`,
		N8N_WEBHOOK_URL: `${front.url}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: GRACEFUL_SHUTDOWN_S,
	});

	const roleEnv: Record<Role, Record<string, string>> = {
		main: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		'webhook-1': {},
		'webhook-2': {},
		worker: {},
	};
	const command: Record<Role, 'start' | 'webhook' | 'worker'> = { main: 'start', 'webhook-1': 'webhook', 'webhook-2': 'webhook', worker: 'worker' };

	const prepareHomes: Cluster['prepareHomes'] = async (tarball) => {
		fs.rmSync(path.join(dir, 'homes'), { recursive: true, force: true });
		for (const home of Object.values(homes)) n8n.createHome(home);
		const installed = await n8n.installPackage(homes.main, tarball);
		const nodes = path.join(homes.main, '.n8n', 'nodes');
		for (const role of ROLES.filter((r) => r !== 'main')) {
			const to = path.join(homes[role], '.n8n', 'nodes');
			fs.rmSync(to, { recursive: true, force: true });
			fs.cpSync(nodes, to, { recursive: true, verbatimSymlinks: true });
		}
		for (const role of ROLES) ports[role] = await n8n.freePort(Object.values(ports));
		front.backends = [portOf('webhook-1'), portOf('webhook-2')];
		return installed;
	};

	const cliOpts: Cluster['cliOpts'] = () => ({ port: portOf('main'), env: sharedEnv() });

	const startRole = async (role: Role): Promise<RoleStarted> => {
		const started = await n8n.start(homes[role], { command: command[role], port: portOf(role), env: { ...sharedEnv(), ...roleEnv[role] } });
		const inst: ClusterProcess = Object.assign(started, { role, exitInfo: null });
		void inst.exited.then((x: ExitInfo) => (inst.exitInfo = x));
		if (role === 'main') cluster.main = inst;
		else if (role === 'worker') cluster.worker = inst;
		else cluster.webhooks[role === 'webhook-1' ? 0 : 1] = inst;
		const readyMs = await inst.waitReady({ timeoutMs: 120000 });
		return { role, readyMs, port: inst.port, pid: inst.pid };
	};

	const groups: Record<RoleGroup, readonly Role[]> = { main: ['main'], webhooks: ['webhook-1', 'webhook-2'], worker: ['worker'], all: ROLES, others: ['webhook-1', 'webhook-2', 'worker'] };
	const rolesOf = (which: RoleGroup): readonly Role[] => groups[which];

	/** Main first: it runs the database migrations, which the others must not race. */
	const startAll: Cluster['startAll'] = async () => {
		const started = [await startRole('main')];
		started.push(...(await Promise.all(rolesOf('others').map(startRole))));
		return started;
	};
	const start: Cluster['start'] = (which) => Promise.all(rolesOf(which).map(startRole));

	const instOf = (role: Role): ClusterProcess | null =>
		role === 'main' ? cluster.main : role === 'worker' ? cluster.worker : cluster.webhooks[role === 'webhook-1' ? 0 : 1];

	/** SIGTERM, the process group SIGKILLed after n8n's shutdown limit plus a margin. */
	const stop: Cluster['stop'] = async (which) =>
		Promise.all(
			rolesOf(which).map(async (role): Promise<RoleStopped> => {
				const inst = instOf(role);
				if (!inst) return { role, stopMs: 0 };
				const r = await inst.stop({ timeoutMs: (GRACEFUL_SHUTDOWN_S + 5) * 1000 });
				return { role, ...r };
			}),
		);

	const restart: Cluster['restart'] = async (which) => {
		const stopped = await stop(which);
		const started = await start(which);
		return { stopped, started };
	};

	const stopAll: Cluster['stopAll'] = async () => {
		// workers and webhook processes first, so nothing is left waiting for main
		const a = await stop('others');
		const b = await stop('main');
		return [...a, ...b];
	};

	const cluster: Cluster = {
		homes,
		ports,
		main: null,
		webhooks: [null, null],
		worker: null,
		running() {
			return [cluster.main, ...cluster.webhooks, cluster.worker].filter((p): p is ClusterProcess => !!p && !p.exitInfo);
		},
		prepareHomes,
		cliOpts,
		startAll,
		start,
		stop,
		restart,
		stopAll,
	};
	return cluster;
}

// ---------------------------------------------------------------------------------------------
// resident memory from /proc

function rssKb(pid: number): number {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

/** Child processes of `pid` (one level), from /proc/<pid>/task/<tid>/children. */
function childPids(pid: number): number[] {
	const out: number[] = [];
	try {
		for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
			const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
			if (text) out.push(...text.split(/\s+/).map(Number));
		}
	} catch {
		/* gone */
	}
	return out;
}

function commandLine(pid: number): string {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return '';
	}
}

export interface ProcessMemory {
	mb: number;
	children: Array<{ pid: number; mb: number; what: string }>;
}

/** {mb, children: [{pid, mb, what}]} for one n8n process (its task runner is a child). */
export function memoryOf(pid: number | undefined): ProcessMemory {
	if (pid === undefined) return { mb: 0, children: [] }; // never spawned
	const children = childPids(pid).map((c) => ({
		pid: c,
		mb: Math.round(rssKb(c) / 1024),
		what: /task-runner|runners/.test(commandLine(c)) ? 'task runner' : commandLine(c).split(' ').slice(0, 2).join(' ').slice(0, 60),
	}));
	return { mb: Math.round(rssKb(pid) / 1024), children };
}
