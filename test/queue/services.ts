/**
 * Postgres and Redis for n8n's queue mode, private to one suite run: a fresh Postgres cluster
 * (initdb into a folder of ours, listening on 127.0.0.1 only, on a free port) and a redis-server
 * (127.0.0.1, free port, no persistence). Both run as our children in their own process groups,
 * so they are stopped by pid, never by name. Missing binaries are installed from Debian packages.
 *
 *   await ensureServerPackages(log);                       // apt-get only when a binary is missing
 *   const pg = await startPostgres(dir);                   // {host, port, database, user, password, stop()}
 *   const redis = await startRedis(dir);                   // {host, port, stop()}
 */
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import * as n8n from '../n8n/instance';
import { run, tail } from '../../scripts/lib/package';
import { groupAlive, killGroup } from '../../scripts/lib/processGroups';

const PG_USER = 'postgres'; // initdb and postgres refuse to run as root: they run as this system user
const DATABASE = 'n8n';
const ROLE = 'n8n';

/** A service stopped: how long it took until its whole process group was gone. */
export interface ServiceStopped {
	stopMs: number;
}

/** The suite's private Postgres: where to connect, and a superuser's psql on the n8n database. */
export interface PostgresService {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	pid: number;
	/** `show server_version`. */
	version: string;
	logFile: string;
	startMs: number;
	/** Runs SQL as the superuser on the n8n database: rows as arrays of strings (psql -At). */
	query(sql: string): Promise<string[][]>;
	stop(): Promise<ServiceStopped>;
}

/** The suite's private redis-server. */
export interface RedisService {
	host: string;
	port: number;
	pid: number;
	logFile: string;
	startMs: number;
	stop(): Promise<ServiceStopped>;
}

export interface ServerPackages {
	/** The Debian packages apt-get installed now (none when all were there). */
	installed: string[];
	/** `postgres --version`. */
	postgres: string;
	/** e.g. 'Redis 7.0.15'. */
	redis: string;
}

/** The newest /usr/lib/postgresql/<major>/bin that has postgres and initdb, or null. */
export function postgresBinDir(): string | null {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const majors = fs
		.readdirSync(root)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a));
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb'))) return dir;
	}
	return null;
}

function which(cmd: string): string | null {
	const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : null;
}

export function redisBin(): string | null {
	return which('redis-server') || (fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
}

/**
 * Installs postgresql and redis-server from Debian packages when their binaries are missing
 * (`apt-get update` once, then `apt-get install -y`; needs root). Resolves what was found or installed.
 */
export async function ensureServerPackages(log: (message: string) => void = () => {}): Promise<ServerPackages> {
	const missing: string[] = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisBin()) missing.push('redis-server');
	if (missing.length) {
		if (process.getuid && process.getuid() !== 0) {
			throw new Error(`${missing.join(' and ')} missing: run \`apt-get install -y ${missing.join(' ')}\` as root`);
		}
		const t0 = Date.now();
		log(`installing ${missing.join(', ')} (apt-get)`);
		for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
			const r = await run('apt-get', args, { env: { DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 600000 });
			if (r.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.code})\n${tail(r.out, 20)}`);
		}
		if (!postgresBinDir() || !redisBin()) throw new Error(`apt-get installed ${missing.join(', ')} but the binaries are still missing`);
		log(`installed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
	}
	const pgVersion = spawnSync(path.join(postgresBinDir() as string, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim();
	const redisVersion = spawnSync(redisBin() as string, ['--version'], { encoding: 'utf8' }).stdout.trim();
	return { installed: missing, postgres: pgVersion, redis: redisVersion.replace(/^Redis server v=(\S+).*$/, 'Redis $1') };
}

// ---------------------------------------------------------------------------------------------
// long-running children (postgres, redis-server): own process group, killed when we exit

const children = new Set<number>();
process.on('exit', () => {
	for (const pid of children) killGroup(pid, 'SIGKILL');
});

interface ServiceExit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

interface ServiceProcess {
	pid: number;
	exited: Promise<ServiceExit>;
	readonly exitInfo: ServiceExit | null;
	stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ServiceStopped>;
}

/** Spawns a daemon-like child in its own group; its output goes to `logFile`. */
function spawnService(cmd: string, args: string[], logFile: string): ServiceProcess {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd] });
	fs.closeSync(fd);
	const pid = child.pid as number;
	children.add(pid);
	let exitInfo: ServiceExit | null = null;
	const exited = new Promise<ServiceExit>((resolve) => child.on('exit', (code, signal) => resolve((exitInfo = { code, signal }))));
	child.on('error', () => {});
	return {
		pid,
		exited,
		get exitInfo() {
			return exitInfo;
		},
		/** `signal` to the group, wait until the whole group is gone, SIGKILL after `timeoutMs`. */
		async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15000) {
			const t0 = Date.now();
			killGroup(pid, signal);
			while (groupAlive(pid)) {
				if (Date.now() - t0 > timeoutMs) killGroup(pid, 'SIGKILL');
				await n8n.sleep(100);
			}
			children.delete(pid);
			return { stopMs: Date.now() - t0 };
		},
	};
}

function tailFile(file: string, n = 20): string {
	try {
		return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

/** Resolves once a TCP connection to 127.0.0.1:port succeeds. */
function canConnect(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

// ---------------------------------------------------------------------------------------------
// Postgres

/**
 * A new cluster in `<dir>/pg` (removed first), owned by the postgres system user, listening on
 * 127.0.0.1:<free port> with its socket in the same folder; a role and database `n8n` with a
 * random password. Resolves {host, port, database, user, password, pid, version, startMs, stop()}.
 */
export async function startPostgres(dir: string): Promise<PostgresService> {
	const t0 = Date.now();
	const bin = postgresBinDir();
	if (!bin) throw new Error('Postgres is not installed (ensureServerPackages first)');
	const dataDir = path.join(dir, 'pg');
	fs.rmSync(dataDir, { recursive: true, force: true });
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const asPostgres = process.getuid && process.getuid() === 0;
	if (asPostgres) {
		const { uid, gid } = userIds(PG_USER);
		fs.chownSync(dataDir, uid, gid);
	}
	const as = (cmd: string, args: string[]): [string, string[]] => (asPostgres ? ['runuser', ['-u', PG_USER, '--', cmd, ...args]] : [cmd, args]);

	const init = await run(...as(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-instructions']), { timeoutMs: 120000 });
	if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code})\n${tail(init.out, 15)}`);

	const port = await n8n.freePort();
	const logFile = path.join(dir, 'postgres.log');
	const service = spawnService(
		...as(path.join(bin, 'postgres'), [
			'-D', dataDir,
			'-p', String(port),
			'-k', dataDir,
			'-c', 'listen_addresses=127.0.0.1',
			'-c', 'max_connections=100',
			'-c', 'fsync=off', // a throwaway cluster: durability across power loss is not what is tested
			'-c', 'shared_buffers=32MB',
		]),
		logFile,
	);
	const psql = (sql: string, db = 'postgres') =>
		run(...as(path.join(bin, 'psql'), ['-h', dataDir, '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-Atc', sql]), { timeoutMs: 120000 });
	await n8n.waitFor(
		async () => {
			const exit = service.exitInfo;
			if (exit) throw Object.assign(new Error(`postgres exited (code ${exit.code})\n${tailFile(logFile)}`), { fatal: true });
			return (await canConnect(port)) && (await psql('select 1')).code === 0;
		},
		{ timeoutMs: 30000, intervalMs: 200, what: `postgres on 127.0.0.1:${port}` },
	).catch(async (e: unknown) => {
		await service.stop('SIGINT');
		throw e;
	});
	const password = crypto.randomBytes(12).toString('hex');
	for (const sql of [`CREATE ROLE ${ROLE} LOGIN PASSWORD '${password}'`, `CREATE DATABASE ${DATABASE} OWNER ${ROLE}`]) {
		const r = await psql(sql);
		if (r.code !== 0) {
			await service.stop('SIGINT');
			throw new Error(`${sql.split(' PASSWORD')[0]} failed: ${r.out.trim()}`);
		}
	}
	const version = (await psql('show server_version')).out.trim();
	return {
		host: '127.0.0.1',
		port,
		database: DATABASE,
		user: ROLE,
		password,
		pid: service.pid,
		version,
		logFile,
		startMs: Date.now() - t0,
		/** Runs SQL as the superuser on the n8n database: rows as arrays of strings (psql -At). */
		async query(sql) {
			const r = await psql(sql, DATABASE);
			if (r.code !== 0) throw new Error(`psql: ${r.out.trim()}`);
			return r.out.trim() ? r.out.trim().split('\n').map((l) => l.split('|')) : [];
		},
		/** SIGINT = Postgres's fast shutdown. */
		stop: () => service.stop('SIGINT'),
	};
}

function userIds(name: string): { uid: number; gid: number } {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith(`${name}:`));
	if (!line) throw new Error(`no system user ${name} (the postgresql package creates it)`);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

// ---------------------------------------------------------------------------------------------
// Redis

/** Sends PING, resolves true on +PONG. */
function redisPing(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let data = '';
		const done = (v: boolean) => {
			socket.destroy();
			resolve(v);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d: Buffer) => {
			data += d;
			if (data.includes('\r\n')) done(data.startsWith('+PONG'));
		});
		socket.once('error', () => done(false));
	});
}

/** redis-server on 127.0.0.1:<free port>, no RDB snapshots and no AOF. Resolves {host, port, pid, stop()}. */
export async function startRedis(dir: string): Promise<RedisService> {
	const t0 = Date.now();
	const bin = redisBin();
	if (!bin) throw new Error('redis-server is not installed (ensureServerPackages first)');
	const port = await n8n.freePort();
	const redisDir = path.join(dir, 'redis');
	fs.mkdirSync(redisDir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const service = spawnService(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', redisDir, '--protected-mode', 'yes'],
		logFile,
	);
	await n8n.waitFor(
		async () => {
			const exit = service.exitInfo;
			if (exit) throw new Error(`redis-server exited (code ${exit.code})\n${tailFile(logFile)}`);
			return redisPing(port);
		},
		{ timeoutMs: 15000, intervalMs: 100, what: `redis on 127.0.0.1:${port}` },
	).catch(async (e: unknown) => {
		await service.stop();
		throw e;
	});
	return { host: '127.0.0.1', port, pid: service.pid, logFile, startMs: Date.now() - t0, stop: () => service.stop() };
}
