/**
 * Drive a real, isolated n8n (installed by test/n8n/install.ts into <repo>/.n8n-runtime).
 * Node 20 built-ins only (run through tsx), so it runs before (and without) the package's build.
 *
 * A "home" is a folder used as N8N_USER_FOLDER: n8n keeps its sqlite DB, config and
 * community packages (`.n8n/nodes`) in `<home>/.n8n`. Every instance is bound to 127.0.0.1,
 * has its own encryption key, port and task-runner broker port, and all the telemetry,
 * version-check, template and licence calls are switched off.
 *
 *   import * as n8n from './test/n8n/instance';
 *   const home = n8n.createHome();                       // temp folder
 *   await n8n.installPackage(home, 'n8n-nodes-x-0.1.0.tgz');
 *   const id = await n8n.importWorkflow(home, workflowJson);
 *   const run = await n8n.execute(home, id);             // parsed `n8n execute --rawOutput` JSON
 *   n8n.nodeOutput(run, 'My Node');                      // [{...json}, ...]
 *   const inst = await n8n.start(home); await inst.waitReady(); ... await inst.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { groupAlive, killGroup } from '../../scripts/lib/processGroups';
import { tail } from '../../scripts/lib/package';
import * as runtime from './install';

export { n8nBin, n8nVersion, runtimeDir } from './install';
/** Install n8n unless a working install is there (install.ts `install()`). */
export const ensureRuntime = runtime.install;

// ---------------------------------------------------------------------------------------------
// types: what the functions below take and return

// n8n's run data, node descriptions and REST/public-API answers have many shapes: read loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type N8nJson = any;

/** Extra environment variables for an n8n process; null or undefined removes a variable. */
export type ExtraEnv = Record<string, string | number | boolean | null | undefined>;

/** Options of every CLI wrapper (`cli`, `cliOk`, `importWorkflow`, `execute`, …). */
export interface CliOptions {
	/** Extra variables (see ExtraEnv). */
	env?: ExtraEnv;
	/** N8N_PORT; default the port of the home's last `start()`, else 5678. */
	port?: number;
	brokerPort?: number;
	/** Default 180 s; the process group is SIGKILLed after it. */
	timeoutMs?: number;
}

/** How `n8n <args>` ended, with its whole output. */
export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/** An error of a CLI wrapper: the command's result when it ran. */
export interface CliError extends Error {
	result?: CliResult;
}

/** An error of `rest()` / `api()`: the status and the parsed body (else the text). */
export interface HttpError extends Error {
	status: number;
	body: N8nJson;
}

export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** A credential for `importCredentials`: `data` holds the plain fields, the CLI encrypts them. */
export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	data: object;
}

/** A workflow for `importWorkflow` (n8n's workflow JSON); `id` is generated when missing. */
export interface WorkflowInput {
	id?: string;
	name: string;
	nodes: object[];
	connections: object;
	active?: boolean;
	settings?: object;
	[key: string]: unknown;
}

export interface InstalledPackage {
	name: string;
	version: string;
	/** <home>/.n8n/nodes/node_modules/<name> */
	dir: string;
	durationMs: number;
}

/** One item of a node's output in the run JSON. */
export interface RunItem {
	json: N8nJson;
	pairedItem?: unknown;
	binary?: unknown;
	[key: string]: unknown;
}

/** One run of one node (n8n's ITaskData as `--rawOutput` prints it). */
export interface TaskData {
	startTime: number;
	executionTime: number;
	executionStatus?: string;
	data?: { main?: Array<RunItem[] | null> };
	error?: RunError;
	[key: string]: unknown;
}

/** A run's or a node's error: {message, description, node: {name}, …}. */
export interface RunError {
	message: string;
	description?: string | null;
	node?: { name: string; [key: string]: unknown };
	[key: string]: unknown;
}

/** The run JSON `n8n execute --rawOutput` prints (n8n's IRun). */
export interface N8nRun {
	data: {
		resultData: { runData: Record<string, TaskData[]>; error?: RunError; lastNodeExecuted?: string };
		executionData?: unknown;
	};
	status: string;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	storedAt?: string;
	finished?: boolean;
}

export interface ExecuteResult {
	/** 0 for a successful run, 1 for a failed one; null when a signal ended it (`signal`). */
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	run: N8nRun;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export interface NodeOutputOptions {
	runIndex?: number;
	output?: number;
	/** Whole items ({json, pairedItem, …}) instead of their `json`. */
	full?: boolean;
}

/** The n8n commands `start()` can run: the main instance, or queue mode's webhook and worker processes. */
export type N8nCommand = 'start' | 'webhook' | 'worker';

export interface StartOptions {
	/** Default: a free port. */
	port?: number;
	brokerPort?: number;
	env?: ExtraEnv;
	/** Default <home>/n8n-<command>.log (appended to). */
	logFile?: string;
	/** Print n8n's output as it comes. */
	echo?: boolean;
	command?: N8nCommand;
	/** More CLI arguments. */
	args?: string[];
}

/** How a started n8n ended. */
export interface ExitInfo {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** ms since spawn. */
	afterMs: number;
}

export interface StopInfo extends ExitInfo {
	stopMs: number;
}

/** What `start()` resolves: a handle on a spawned `n8n start` (or webhook/worker). */
export interface N8nInstance {
	home: string;
	command: N8nCommand;
	port: number;
	brokerPort: number;
	/** http://127.0.0.1:<port> */
	baseUrl: string;
	/** WEBHOOK_URL: baseUrl with a trailing '/'. */
	webhookBase: string;
	pid: number | undefined;
	process: ChildProcess;
	logFile: string;
	exited: Promise<ExitInfo>;
	startedAt: number;
	/** Production webhook URL: webhookUrl('my-path') or webhookUrl(node.webhookId, 'path'). */
	webhookUrl(...parts: Array<string | number>): string;
	logTail(n?: number): string;
	log(): string;
	/** Poll GET /healthz/readiness until 200 (default limit 180 s). Resolves the ms since spawn. Rejects if n8n exits. */
	waitReady(opts?: { timeoutMs?: number; intervalMs?: number }): Promise<number>;
	/** SIGTERM, wait for exit (SIGKILL the process group after timeoutMs, default 45 s: n8n's own shutdown limit is 30 s). */
	stop(opts?: { timeoutMs?: number }): Promise<StopInfo>;
}

export interface HttpResult {
	status: number;
	headers: Headers;
	text: string;
	json: N8nJson;
}

/** Fixed key: credentials imported in one run can be decrypted by the next run on the same home. */
export const ENCRYPTION_KEY = 'n8n-nodes-stripe-platform-local-test-key';
export const DEFAULT_OWNER: Readonly<Owner> = Object.freeze({
	email: 'owner@example.test',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'Test-Owner-Passw0rd',
});
/** Sent with every internal-REST call so the auth cookie's browser-id check is consistent. */
const BROWSER_ID = 'n8n-nodes-stripe-platform-tests';
const HOME_CONFIG = 'n8n-instance.json';

/** Quiet/offline settings shared by every command and instance. */
export const QUIET_ENV: Readonly<Record<string, string>> = Object.freeze({
	DB_TYPE: 'sqlite',
	N8N_PROTOCOL: 'http',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_LICENSE_DETACH_FLOATING_ON_SHUTDOWN: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_SECURE_COOKIE: 'false',
	N8N_PYTHON_ENABLED: 'false',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_PUBLIC_API_DISABLED: 'false',
	N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	GENERIC_TIMEZONE: 'UTC',
});

// ---------------------------------------------------------------------------------------------
// small helpers

function bin(): string {
	const b = runtime.n8nBin();
	if (!fs.existsSync(b)) {
		throw new Error(`n8n is not installed at ${runtime.runtimeDir()}: run \`npm run n8n:install\` first`);
	}
	return b;
}

/** A free TCP port on 127.0.0.1 (asks the OS for one; `exclude` ports are skipped). */
export async function freePort(exclude: number[] = []): Promise<number> {
	for (let i = 0; i < 20; i++) {
		const port = await new Promise<number>((resolve, reject) => {
			const srv = net.createServer();
			srv.unref();
			srv.on('error', reject);
			srv.listen(0, '127.0.0.1', () => {
				const { port: p } = srv.address() as net.AddressInfo;
				srv.close(() => resolve(p));
			});
		});
		if (!exclude.includes(port)) return port;
	}
	throw new Error('could not find a free port');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

/** Poll `fn` until it returns a truthy value (returned) or the time is up (throws). */
export async function waitFor<T>(
	fn: () => T | Promise<T>,
	{ timeoutMs = 30000, intervalMs = 250, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
	const t0 = Date.now();
	let lastErr: Error | undefined;
	for (;;) {
		try {
			const v = await fn();
			if (v) return v as NonNullable<T>;
		} catch (e) {
			lastErr = e;
		}
		if (Date.now() - t0 > timeoutMs) {
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${lastErr.message}` : ''}`);
		}
		await sleep(intervalMs);
	}
}

/** 16-character alphanumeric id, like n8n's own workflow/credential ids. */
export function newId(): string {
	const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	const bytes = crypto.randomBytes(16);
	let s = '';
	for (const b of bytes) s += abc[b % abc.length];
	return s;
}

// ---------------------------------------------------------------------------------------------
// home folder and environment

/** Create (or reuse) an n8n user folder. Without `dir`, a new temp folder. Returns its absolute path. */
export function createHome(dir?: string): string {
	const home = dir ? path.resolve(dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-home-'));
	const nodesDir = path.join(home, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkg = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkg)) {
		fs.writeFileSync(pkg, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2) + '\n');
	}
	return home;
}

/** What <home>/n8n-instance.json remembers. */
interface HomeConfig {
	port?: number;
}

function readHomeConfig(home: string): HomeConfig {
	try {
		return JSON.parse(fs.readFileSync(path.join(home, HOME_CONFIG), 'utf8')) as HomeConfig;
	} catch {
		return {};
	}
}
function writeHomeConfig(home: string, patch: HomeConfig): HomeConfig {
	const cfg = { ...readHomeConfig(home), ...patch };
	fs.writeFileSync(path.join(home, HOME_CONFIG), JSON.stringify(cfg, null, 2) + '\n');
	return cfg;
}

/** Default port for a home: the one its last `start()` used (so WEBHOOK_URL stays the same), else 5678. */
function homePort(home: string): number {
	return readHomeConfig(home).port || 5678;
}

/**
 * Settings that depend on the installed n8n, read from its files (not from a version table):
 * newer n8n reads N8N_WEBHOOK_URL and contacts an MCP registry unless the `mcp-registry`
 * module is disabled, a module name that 2.8.4 rejects.
 */
let versionEnvCache: Record<string, string> | null = null;
function versionEnv(): Record<string, string> {
	if (versionEnvCache) return versionEnvCache;
	const env: Record<string, string> = {};
	try {
		const modules = fs.readFileSync(
			path.join(runtime.runtimeDir(), 'node_modules', '@n8n', 'backend-common', 'dist', 'modules', 'modules.config.js'),
			'utf8',
		);
		if (modules.includes("'mcp-registry'")) env.N8N_DISABLED_MODULES = 'mcp-registry';
	} catch {
		/* not installed yet: nothing version-specific */
	}
	versionEnvCache = env;
	return env;
}

/**
 * For `n8n execute`: n8n 2.35 and 2.41 evaluate expressions in isolated-vm isolates, whose threads
 * are still running when the command exits (it does not dispose of them, `n8n start` does), and
 * the process then dies of SIGSEGV after printing a successful run: isolated-vm 6.2 (n8n 2.35)
 * about 2 runs in 3 on Node 22.22 and 22.23 alike; isolated-vm 7.0.2 (n8n 2.41, Node 24) 10 of 10
 * runs of a Set node with an expression on a busy machine (6 of 6 exited 0 with the legacy engine),
 * and 1 of the 9 `n8n execute` runs of the e2e suite there. The legacy engine starts no isolate, so
 * `n8n execute` gets it wherever isolated-vm is installed; `n8n start` keeps the default engine, so
 * the triggers and the credential dialog run as users run them. n8n 2.8 has no isolated-vm.
 */
function executeEnv(args: string[]): Record<string, string> {
	if (args[0] !== 'execute') return {};
	return fs.existsSync(path.join(runtime.runtimeDir(), 'node_modules', 'isolated-vm', 'package.json')) ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
}

/**
 * The environment for an n8n process on `home`. Inherited N8N_*, DB_*, QUEUE_*, EXECUTIONS_*
 * and WEBHOOK_URL variables are dropped (except N8N_LOG_LEVEL), so the caller's shell cannot
 * leak into the instance; `extra` is applied last.
 */
export function isolationEnv(
	home: string,
	{ port, brokerPort, extra = {} }: { port?: number; brokerPort?: number; extra?: ExtraEnv } = {},
): NodeJS.ProcessEnv {
	if (!port || !brokerPort) throw new Error('isolationEnv needs port and brokerPort');
	if (port === brokerPort) throw new Error(`N8N_RUNNERS_BROKER_PORT must differ from N8N_PORT (${port})`);
	const env: NodeJS.ProcessEnv = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (k === 'N8N_LOG_LEVEL') env[k] = v;
		else if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_)/.test(k) || k === 'WEBHOOK_URL') continue;
		else env[k] = v;
	}
	const base = `http://127.0.0.1:${port}/`;
	const noProxy = ['127.0.0.1', 'localhost', '::1', env.NO_PROXY || env.no_proxy].filter(Boolean).join(',');
	Object.assign(env, QUIET_ENV, versionEnv(), {
		N8N_USER_FOLDER: home,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		WEBHOOK_URL: base, // read by 2.8.4
		N8N_WEBHOOK_URL: base, // read by newer n8n (WEBHOOK_URL deprecated there)
		N8N_EDITOR_BASE_URL: base,
		NO_PROXY: noProxy,
		no_proxy: noProxy,
	});
	for (const [k, v] of Object.entries(extra)) {
		if (v === undefined || v === null) delete env[k];
		else env[k] = String(v);
	}
	return env;
}

// ---------------------------------------------------------------------------------------------
// processes: everything we spawn runs in its own process group, killed on our exit

const running = new Set<ChildProcess>();
export function killAllRunning(): void {
	for (const child of running) killGroup(child.pid, 'SIGKILL');
}
process.on('exit', killAllRunning);
// Children run in their own process group (so a stuck one can be killed with its task runner),
// which means Ctrl-C does not reach them: while any is running, end them on SIGINT/SIGTERM too.
const onSignal = (signal: NodeJS.Signals) => {
	killAllRunning();
	process.exit(signal === 'SIGINT' ? 130 : 143);
};
let signalHandling = true;
/**
 * `handleSignals(false)`: the caller handles SIGINT/SIGTERM itself (for example to stop n8n
 * gracefully with `stop()`); the children are still SIGKILLed when this process exits.
 */
export function handleSignals(on: boolean): void {
	signalHandling = Boolean(on);
	if (!signalHandling) {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	} else if (running.size > 0 && !process.listeners('SIGINT').includes(onSignal)) {
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	}
}
function track(child: ChildProcess): void {
	if (running.size === 0 && signalHandling) {
		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	}
	running.add(child);
}
function untrack(child: ChildProcess): void {
	running.delete(child);
	if (running.size === 0) {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

/** An Error carrying the command's result (for the callers that look at its output). */
function cliError(message: string, result: CliResult): CliError {
	return Object.assign(new Error(message), { result });
}

/**
 * Run `n8n <args>` on `home`. Resolves {code, signal, stdout, stderr, durationMs} whatever the
 * exit code (check it yourself, or use the wrappers below, which throw).
 * opts: {env (extra variables), port, brokerPort, timeoutMs (default 180 s)}.
 */
export async function cli(home: string, args: string[], options: CliOptions | ExtraEnv = {}): Promise<CliResult> {
	let opts: CliOptions = Array.isArray(options) || typeof options !== 'object' || options === null ? {} : options;
	// `cli(home, args, {SOME_VAR: 'x'})` (a bare env object) is accepted too.
	const known = ['env', 'port', 'brokerPort', 'timeoutMs'];
	if (Object.keys(opts).length && !Object.keys(opts).some((k) => known.includes(k))) opts = { env: opts as ExtraEnv };
	const port = opts.port || homePort(home);
	const brokerPort = opts.brokerPort || (await freePort([port]));
	const env = isolationEnv(home, { port, brokerPort, extra: { ...executeEnv(args), ...opts.env } });
	const timeoutMs = opts.timeoutMs || 180000;
	const t0 = Date.now();
	return await new Promise<CliResult>((resolve, reject) => {
		const child = spawn(bin(), args, { cwd: home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		track(child);
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			untrack(child);
			reject(e);
		});
		// n8n normally stops its task runner itself; if anything of its group is left it would
		// hold the pipes open, so end it once n8n has exited ('close' waits for the pipes).
		child.on('exit', () => {
			if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			untrack(child);
			const result: CliResult = { code, signal, stdout, stderr, durationMs: Date.now() - t0 };
			if (timedOut) reject(cliError(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(stdout + stderr, 30)}`, result));
			else resolve(result);
		});
	});
}

/** `cli` that throws (with the output's tail) unless the command exits 0. */
export async function cliOk(home: string, args: string[], opts?: CliOptions | ExtraEnv): Promise<CliResult> {
	const r = await cli(home, args, opts);
	if (r.code !== 0) throw cliError(`n8n ${args.join(' ')} exited with ${r.code ?? r.signal}\n${tail(r.stdout + '\n' + r.stderr, 40)}`, r);
	return r;
}

function writeTemp(home: string, prefix: string, data: unknown): string {
	const dir = path.join(home, 'tmp');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${prefix}-${Date.now()}-${newId()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

// ---------------------------------------------------------------------------------------------
// packages, credentials, workflows

/**
 * Install a packed community package (`npm pack` tarball) the way users do: into
 * `<home>/.n8n/nodes` with `--omit=dev --omit=peer` (n8n-workflow comes from n8n itself).
 * Returns the installed package's name and version.
 */
export async function installPackage(home: string, tarballPath: string, { timeoutMs = 300000 } = {}): Promise<InstalledPackage> {
	createHome(home);
	const tgz = path.resolve(tarballPath);
	if (!fs.existsSync(tgz)) throw new Error(`tarball not found: ${tgz}`);
	const nodesDir = path.join(home, '.n8n', 'nodes');
	const t0 = Date.now();
	const r = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
		const child = spawn(
			'npm',
			['install', tgz, '--omit=dev', '--omit=peer', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'],
			{ cwd: nodesDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } },
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d));
		child.stderr.on('data', (d: Buffer) => (out += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, out });
		});
	});
	if (r.code !== 0) throw new Error(`npm install ${tgz} failed (exit ${r.code}):\n${tail(r.out, 30)}`);
	// Which package did the tarball hold? npm records it in package.json dependencies as file:…
	const deps: Record<string, string> = JSON.parse(fs.readFileSync(path.join(nodesDir, 'package.json'), 'utf8')).dependencies || {};
	const name = Object.keys(deps).find((n) => String(deps[n]).includes(path.basename(tgz)));
	if (!name) throw new Error(`installed ${tgz} but cannot find it in ${nodesDir}/package.json`);
	const pkg = JSON.parse(fs.readFileSync(path.join(nodesDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
	return { name, version: pkg.version, dir: path.join(nodesDir, 'node_modules', name), durationMs: Date.now() - t0 };
}

/**
 * Import credentials: a list of {id?, name, type, data: {plain fields}}; the CLI encrypts `data`
 * with the instance's key. Missing ids are generated. Returns the ids in order.
 */
export async function importCredentials(
	home: string,
	list: CredentialInput | CredentialInput[],
	opts?: CliOptions | ExtraEnv,
): Promise<string[]> {
	const creds = (Array.isArray(list) ? list : [list]).map((c) => ({ id: newId(), ...c }));
	const file = writeTemp(home, 'credentials', creds);
	await cliOk(home, ['import:credentials', `--input=${file}`], opts);
	return creds.map((c) => c.id);
}

/**
 * Import one workflow (object) or several (array). Missing ids are generated; import leaves
 * workflows unpublished. Returns the id (or the array of ids).
 */
export async function importWorkflow(home: string, wf: WorkflowInput, opts?: CliOptions | ExtraEnv): Promise<string>;
export async function importWorkflow(home: string, wf: WorkflowInput[], opts?: CliOptions | ExtraEnv): Promise<string[]>;
export async function importWorkflow(
	home: string,
	wf: WorkflowInput | WorkflowInput[],
	opts?: CliOptions | ExtraEnv,
): Promise<string | string[]> {
	const many = Array.isArray(wf);
	const wfs = (many ? wf : [wf]).map((w) => ({ active: false, settings: {}, ...w, id: w.id || newId() }));
	const file = writeTemp(home, 'workflow', wfs);
	await cliOk(home, ['import:workflow', `--input=${file}`], opts);
	return many ? wfs.map((w) => w.id) : wfs[0].id;
}

/** Publish (2.x's "activate") a workflow; takes effect at the next `n8n start`. */
export async function publish(home: string, workflowId: string, opts?: CliOptions | ExtraEnv): Promise<CliResult> {
	const r = await cliOk(home, ['publish:workflow', `--id=${workflowId}`], opts);
	if (/Error updating database|GOT ERROR/.test(r.stdout + r.stderr)) {
		throw new Error(`publish:workflow --id=${workflowId} failed:\n${tail(r.stdout + r.stderr, 20)}`);
	}
	return r;
}

/** Unpublish a workflow (with n8n stopped). */
export async function unpublish(home: string, workflowId: string, opts?: CliOptions | ExtraEnv): Promise<CliResult> {
	return await cliOk(home, ['unpublish:workflow', `--id=${workflowId}`], opts);
}

/**
 * Find the run JSON in `n8n execute --rawOutput` output: n8n prints log lines before it (and,
 * on failure, error lines after it); the JSON is pretty-printed, starting with a line "{"
 * and ending with a line "}".
 */
export function parseRunJson(stdout: string): N8nRun | null {
	const lines = String(stdout).split('\n');
	const starts: number[] = [];
	const ends: number[] = [];
	lines.forEach((l, i) => {
		if (l === '{') starts.push(i);
		if (l === '}') ends.push(i);
	});
	for (const s of starts) {
		for (let k = ends.length - 1; k >= 0 && ends[k] > s; k--) {
			try {
				const v = JSON.parse(lines.slice(s, ends[k] + 1).join('\n'));
				if (v && typeof v === 'object' && v.data && 'status' in v) return v as N8nRun;
			} catch {
				/* try a shorter span */
			}
		}
	}
	return null;
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves {exitCode, run, stdout, stderr, durationMs};
 * `run` is the parsed run JSON ({data: {resultData: {runData, error?, lastNodeExecuted}}, status,
 * mode: 'cli', startedAt, stoppedAt, finished?}). A failed run exits 1 and still has `run`.
 * Throws only when no run JSON was printed at all.
 */
export async function executeDetailed(home: string, workflowId: string, opts?: CliOptions | ExtraEnv): Promise<ExecuteResult> {
	const r = await cli(home, ['execute', `--id=${workflowId}`, '--rawOutput'], opts);
	const run = parseRunJson(r.stdout);
	if (!run) {
		throw cliError(
			`n8n execute --id=${workflowId} printed no run JSON (exit ${r.code ?? r.signal})\n${tail(r.stdout + '\n' + r.stderr, 40)}`,
			r,
		);
	}
	return { exitCode: r.code, signal: r.signal, run, stdout: r.stdout, stderr: r.stderr, durationMs: r.durationMs };
}

/** Execute a workflow from the CLI and return the parsed run JSON (see executeDetailed). */
export async function execute(home: string, workflowId: string, opts?: CliOptions | ExtraEnv): Promise<N8nRun> {
	return (await executeDetailed(home, workflowId, opts)).run;
}

/** Items' `json` of a node's output in a run (`runIndex`, `output` default 0). [] if it produced none. */
export function nodeOutput(run: N8nRun, nodeName: string, opts: NodeOutputOptions & { full: true }): RunItem[];
export function nodeOutput(run: N8nRun, nodeName: string, opts?: NodeOutputOptions): N8nJson[];
export function nodeOutput(run: N8nRun, nodeName: string, { runIndex = 0, output = 0, full = false }: NodeOutputOptions = {}): N8nJson[] {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run (ran: ${Object.keys(run?.data?.resultData?.runData || {}).join(', ')})`);
	const items = runs[runIndex]?.data?.main?.[output] || [];
	return full ? items : items.map((i) => i.json);
}

/** The run's error ({message, description, node: {name}, …}) or null. */
export function runError(run: N8nRun): RunError | null {
	return run?.data?.resultData?.error || null;
}

/**
 * Node types n8n loads on this home, via `n8n export:nodes` (exists on 2.8.4). Community
 * packages in `<home>/.n8n/nodes` appear as `<package-name>.<nodeName>`.
 * Returns sorted unique names, or the full descriptions with {descriptions: true}.
 */
export async function listNodeTypes(home: string, opts: CliOptions & { descriptions: true }): Promise<N8nJson[]>;
export async function listNodeTypes(home: string, opts?: CliOptions & { descriptions?: false }): Promise<string[]>;
export async function listNodeTypes(home: string, opts: CliOptions & { descriptions?: boolean } = {}): Promise<N8nJson[] | string[]> {
	const { descriptions: wantDescriptions, ...cliOpts } = opts;
	const file = path.join(home, 'tmp', `nodes-${Date.now()}-${newId()}.json`);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await cliOk(home, ['export:nodes', `--output=${file}`], cliOpts);
	// the command does not wait for its write stream; give the file a moment if needed
	const descriptions = await waitFor(
		(): Array<{ name: string }> | null => {
			try {
				return JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ name: string }>;
			} catch {
				return null;
			}
		},
		{ timeoutMs: 5000, intervalMs: 100, what: `${file} to hold JSON` },
	);
	fs.rmSync(file, { force: true });
	if (wantDescriptions) return descriptions;
	return [...new Set(descriptions.map((d) => d.name))].sort();
}

// ---------------------------------------------------------------------------------------------
// a running instance

/**
 * Spawn `n8n start` on `home`. Returns a handle at once (call `await handle.waitReady()`):
 *   {home, port, brokerPort, baseUrl ('http://127.0.0.1:<port>'), webhookBase (WEBHOOK_URL, ends
 *    with '/'), pid, process, logFile, exited (promise of {code, signal}),
 *    waitReady({timeoutMs}), stop({timeoutMs}), webhookUrl(...parts), logTail(n), log()}
 * opts: {port, brokerPort, env, logFile (default <home>/n8n-<command>.log), echo (print the log),
 *        command ('start' (default), or queue mode's 'webhook' or 'worker'), args (more CLI arguments)}.
 * A worker serves no webhooks: its health server (/healthz/readiness) listens on `port`, so
 * waitReady() works for it too. The port is remembered in <home>/n8n-instance.json so later CLI
 * commands use the same WEBHOOK_URL.
 */
export async function start(home: string, opts: StartOptions = {}): Promise<N8nInstance> {
	createHome(home);
	const command = opts.command || 'start';
	if (!['start', 'webhook', 'worker'].includes(command)) throw new Error(`start: unknown n8n command ${command}`);
	const port = opts.port || (await freePort());
	const brokerPort = opts.brokerPort || (await freePort([port]));
	writeHomeConfig(home, { port });
	const workerEnv =
		command === 'worker'
			? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' }
			: {};
	const env = isolationEnv(home, { port, brokerPort, extra: { ...workerEnv, ...opts.env } });
	const logFile = opts.logFile || path.join(home, `n8n-${command}.log`);
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	const t0 = Date.now();
	const child = spawn(bin(), [command, ...(opts.args || [])], { cwd: home, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	track(child);

	const lines: string[] = [];
	const MAX_LINES = 5000;
	const partial = { out: '', err: '' };
	const onData = (key: keyof typeof partial) => (chunk: string) => {
		logStream.write(chunk);
		if (opts.echo) process.stdout.write(chunk);
		const text = partial[key] + chunk;
		const parts = text.split('\n');
		partial[key] = parts.pop() ?? '';
		for (const l of parts) {
			lines.push(l);
			if (lines.length > MAX_LINES) lines.shift();
		}
	};
	child.stdout.setEncoding('utf8').on('data', onData('out'));
	child.stderr.setEncoding('utf8').on('data', onData('err'));

	let exitInfo: ExitInfo | null = null;
	child.on('exit', () => {
		// leftovers of the group (the task runner) would hold the pipes open: give them a moment
		setTimeout(() => {
			if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
		}, 2000).unref();
	});
	const exited = new Promise<ExitInfo>((resolve) => {
		child.on('close', (code, signal) => {
			const info: ExitInfo = { code, signal, afterMs: Date.now() - t0 };
			exitInfo = info;
			untrack(child);
			for (const k of ['out', 'err'] as const) if (partial[k]) lines.push(partial[k]);
			logStream.end();
			resolve(info);
		});
	});
	child.on('error', (e) => {
		lines.push(`[spawn error] ${e.message}`);
	});

	const baseUrl = `http://127.0.0.1:${port}`;
	const handle: N8nInstance = {
		home,
		command,
		port,
		brokerPort,
		baseUrl,
		webhookBase: `${baseUrl}/`,
		pid: child.pid,
		process: child,
		logFile,
		exited,
		startedAt: t0,
		webhookUrl(...parts) {
			return `${baseUrl}/webhook/${parts.map((p) => String(p).replace(/^\/+|\/+$/g, '')).join('/')}`;
		},
		logTail(n = 50) {
			return lines.slice(-n).join('\n');
		},
		log() {
			return lines.join('\n');
		},
		// 2.35 is ready about 20 s after spawn on 2 idle cores, 50 s on busy ones: the limit is for a hang
		async waitReady({ timeoutMs = 180000, intervalMs = 200 } = {}) {
			for (;;) {
				const info = exitInfo as ExitInfo | null;
				if (info) {
					throw new Error(`n8n exited (code ${info.code}, signal ${info.signal}) before it was ready\n${handle.logTail(40)}`);
				}
				try {
					const res = await fetch(`${baseUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
					await res.arrayBuffer();
					if (res.status === 200) return Date.now() - t0;
				} catch {
					/* not listening yet */
				}
				if (Date.now() - t0 > timeoutMs) {
					throw new Error(`n8n not ready after ${timeoutMs} ms\n${handle.logTail(40)}`);
				}
				await sleep(intervalMs);
			}
		},
		async stop({ timeoutMs = 45000 } = {}) {
			const s0 = Date.now();
			if (!exitInfo) {
				try {
					process.kill(child.pid as number, 'SIGTERM');
				} catch {
					/* gone */
				}
				const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
				await exited;
				clearTimeout(timer);
			}
			// the JS task runner is n8n's child in the same group: make sure nothing is left
			if (groupAlive(child.pid)) {
				killGroup(child.pid, 'SIGTERM');
				await sleep(500);
				if (groupAlive(child.pid)) killGroup(child.pid, 'SIGKILL');
			}
			return { ...(await exited), stopMs: Date.now() - s0 };
		},
	};
	return handle;
}

// ---------------------------------------------------------------------------------------------
// HTTP: internal REST (cookie) and public API (API key)

async function http(
	method: string,
	url: string,
	{ headers = {}, body, timeoutMs = 30000 }: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
	const init: RequestInit & { headers: Record<string, string> } = {
		method,
		headers: { accept: 'application/json', ...headers },
		signal: AbortSignal.timeout(timeoutMs),
	};
	if (body !== undefined) {
		init.headers['content-type'] = 'application/json';
		init.body = typeof body === 'string' ? body : JSON.stringify(body);
	}
	const res = await fetch(url, init);
	const text = await res.text();
	let json: N8nJson;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

function httpError(method: string, url: string, r: HttpResult): HttpError {
	return Object.assign(new Error(`${method} ${url} → ${r.status}: ${r.text.slice(0, 500)}`), { status: r.status, body: r.json ?? r.text });
}

function cookieFrom(res: HttpResult): string | null {
	const set = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
	const auth = set
		.filter((c): c is string => Boolean(c))
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

/** Internal REST call with the owner's cookie: returns the body's `data` (throws on ≥ 400). */
export async function rest(baseUrl: string, cookie: string, method: string, pathname: string, body?: unknown): Promise<N8nJson> {
	const url = `${baseUrl}/rest${pathname.startsWith('/') ? pathname : `/${pathname}`}`;
	const r = await http(method, url, { headers: { cookie, 'browser-id': BROWSER_ID }, body });
	if (r.status >= 400) throw httpError(method, url, r);
	return r.json && 'data' in r.json ? r.json.data : r.json;
}

/**
 * Set up the instance owner (first call on a fresh home) or log in as it (later calls).
 * Returns the auth cookie string ("n8n-auth=…") for `rest()` / `createApiKey()`.
 */
export async function setupOwner(baseUrl: string, owner: Partial<Owner> = DEFAULT_OWNER): Promise<string> {
	const o: Owner = { ...DEFAULT_OWNER, ...owner };
	const headers = { 'browser-id': BROWSER_ID };
	// Right after /healthz/readiness turns 200 the REST routes may not be mounted yet (the editor's
	// HTML answers 404 for them for a moment): retry a 404 for up to 60 s (a limit for a busy machine).
	let setup: HttpResult;
	for (const t0 = Date.now(); ; await sleep(250)) {
		setup = await http('POST', `${baseUrl}/rest/owner/setup`, {
			headers,
			body: { email: o.email, firstName: o.firstName, lastName: o.lastName, password: o.password },
		});
		if (setup.status !== 404 || Date.now() - t0 > 60000) break;
	}
	if (setup.status < 300) {
		const c = cookieFrom(setup);
		if (!c) throw new Error(`owner setup answered ${setup.status} without an n8n-auth cookie`);
		return c;
	}
	// already set up: log in instead
	const login = await http('POST', `${baseUrl}/rest/login`, {
		headers,
		body: { emailOrLdapLoginId: o.email, email: o.email, password: o.password },
	});
	if (login.status >= 300) {
		throw new Error(`owner setup failed (${setup.status}: ${setup.text.slice(0, 300)}) and login failed (${login.status}: ${login.text.slice(0, 300)})`);
	}
	const c = cookieFrom(login);
	if (!c) throw new Error('login answered without an n8n-auth cookie');
	return c;
}

/**
 * Create a public-API key with every scope the instance offers (GET /rest/api-keys/scopes).
 * Returns the raw key (send it as X-N8N-API-KEY).
 */
export async function createApiKey(
	baseUrl: string,
	cookie: string,
	{ label = `tests-${newId()}`, scopes }: { label?: string; scopes?: string[] } = {},
): Promise<string> {
	const all: string[] = scopes || (await rest(baseUrl, cookie, 'GET', '/api-keys/scopes'));
	const created = await rest(baseUrl, cookie, 'POST', '/api-keys', { label, scopes: all, expiresAt: null });
	const key: string | undefined = created?.rawApiKey;
	if (!key) throw new Error(`POST /rest/api-keys gave no rawApiKey: ${JSON.stringify(created).slice(0, 300)}`);
	return key;
}

/**
 * Public API call: `api(baseUrl, key, 'GET', '/executions?workflowId=abc')` (the /api/v1 prefix
 * is added unless the path starts with /api/). Returns the parsed body; throws on ≥ 400 with
 * err.status and err.body.
 */
export async function api(baseUrl: string, apiKey: string, method: string, pathname: string, body?: unknown): Promise<N8nJson> {
	const p = pathname.startsWith('/api/') ? pathname : `/api/v1${pathname.startsWith('/') ? '' : '/'}${pathname}`;
	const url = `${baseUrl}${p}`;
	const r = await http(method, url, { headers: { 'X-N8N-API-KEY': apiKey }, body });
	if (r.status >= 400) throw httpError(method, url, r);
	return r.json ?? r.text;
}
