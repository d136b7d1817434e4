'use strict';
/**
 * n8n in queue mode on loopback: one main (`n8n start`, activation and the API, production webhooks
 * off), two `n8n webhook` processes and one `n8n worker`, all on the same Postgres database, Redis
 * and encryption key, each with its own home (N8N_USER_FOLDER holding the installed package), port
 * and task-runner broker port. WEBHOOK_URL is the front (scripts/queue/front.js) for every process,
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
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../n8n/instance.js');

const ROLES = ['main', 'webhook-1', 'webhook-2', 'worker'];
/** A webhook process may wait for executions it saw at SIGTERM; n8n's own limit is 30 s. */
const GRACEFUL_SHUTDOWN_S = 5;

function createCluster({ dir, pg, redis, front }) {
	const homes = Object.fromEntries(ROLES.map((r) => [r, path.join(dir, 'homes', r)]));
	const ports = {};
	const cluster = {
		homes,
		ports,
		main: null,
		webhooks: [null, null],
		worker: null,
		/** Every n8n process running now (for cleanup and failure logs). */
		running() {
			return [cluster.main, ...cluster.webhooks, cluster.worker].filter((p) => p && !p.exitInfo);
		},
	};

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

	const roleEnv = {
		main: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		'webhook-1': {},
		'webhook-2': {},
		worker: {},
	};
	const command = { main: 'start', 'webhook-1': 'webhook', 'webhook-2': 'webhook', worker: 'worker' };

	/** Installs the tarball into main's home and copies its .n8n/nodes to the other homes. */
	cluster.prepareHomes = async (tarball) => {
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
		front.backends = [ports['webhook-1'], ports['webhook-2']];
		return installed;
	};

	/** Options for instance.js's CLI helpers: main's home and port, the shared database. */
	cluster.cliOpts = () => ({ port: ports.main, env: sharedEnv() });

	const startRole = async (role) => {
		const inst = await n8n.start(homes[role], { command: command[role], port: ports[role], env: { ...sharedEnv(), ...roleEnv[role] } });
		inst.role = role;
		inst.exitInfo = null;
		inst.exited.then((x) => (inst.exitInfo = x));
		if (role === 'main') cluster.main = inst;
		else if (role === 'worker') cluster.worker = inst;
		else cluster.webhooks[role === 'webhook-1' ? 0 : 1] = inst;
		const readyMs = await inst.waitReady({ timeoutMs: 120000 });
		return { role, readyMs, port: inst.port, pid: inst.pid };
	};

	const rolesOf = (which) =>
		({ main: ['main'], webhooks: ['webhook-1', 'webhook-2'], worker: ['worker'], all: ROLES, others: ['webhook-1', 'webhook-2', 'worker'] })[which];

	/** Main first: it runs the database migrations, which the others must not race. */
	cluster.startAll = async () => {
		const started = [await startRole('main')];
		started.push(...(await Promise.all(rolesOf('others').map(startRole))));
		return started;
	};
	cluster.start = (which) => Promise.all(rolesOf(which).map(startRole));

	const instOf = (role) =>
		role === 'main' ? cluster.main : role === 'worker' ? cluster.worker : cluster.webhooks[role === 'webhook-1' ? 0 : 1];

	/** SIGTERM, the process group SIGKILLed after n8n's shutdown limit plus a margin. */
	cluster.stop = async (which) =>
		Promise.all(
			rolesOf(which).map(async (role) => {
				const inst = instOf(role);
				if (!inst) return { role, stopMs: 0 };
				const r = await inst.stop({ timeoutMs: (GRACEFUL_SHUTDOWN_S + 5) * 1000 });
				return { role, ...r };
			}),
		);

	cluster.restart = async (which) => {
		const stopped = await cluster.stop(which);
		const started = await cluster.start(which);
		return { stopped, started };
	};

	cluster.stopAll = async () => {
		// workers and webhook processes first, so nothing is left waiting for main
		const a = await cluster.stop('others');
		const b = await cluster.stop('main');
		return [...a, ...b];
	};

	return cluster;
}

// ---------------------------------------------------------------------------------------------
// resident memory from /proc

function rssKb(pid) {
	try {
		const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) : 0;
	} catch {
		return 0;
	}
}

/** Child processes of `pid` (one level), from /proc/<pid>/task/<tid>/children. */
function childPids(pid) {
	const out = [];
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

function commandLine(pid) {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
	} catch {
		return '';
	}
}

/** {mb, children: [{pid, mb, what}]} for one n8n process (its task runner is a child). */
function memoryOf(pid) {
	const children = childPids(pid).map((c) => ({
		pid: c,
		mb: Math.round(rssKb(c) / 1024),
		what: /task-runner|runners/.test(commandLine(c)) ? 'task runner' : commandLine(c).split(' ').slice(0, 2).join(' ').slice(0, 60),
	}));
	return { mb: Math.round(rssKb(pid) / 1024), children };
}

module.exports = { createCluster, memoryOf, ROLES, GRACEFUL_SHUTDOWN_S };
