/**
 * Installs a real n8n (default 2.8.4) into <repo>/.n8n-runtime/, outside the package's own
 * dependencies. Node built-ins only.
 *
 *   npm run n8n:install                    # install, or reuse a working install
 *   npm run n8n:install -- --force         # wipe node_modules and install from scratch
 *   npm run n8n:install -- --check         # exit 0 if installed and working, 1 otherwise
 *
 * Environment: N8N_VERSION (default 2.8.4), N8N_RUNTIME_DIR (default <repo>/.n8n-runtime, or
 * <repo>/.n8n-runtime-<version> for another version). n8n 2.10–2.35 needs Node 22 and n8n ≥ 2.36
 * Node 24: run directly, this re-runs itself under that Node (scripts/lib/node.ts installs it), as
 * test/n8n/each-version.ts does for the suites.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO } from '../../scripts/lib/repo';
import { reexecUnderNodeFor } from './each-version';

export const DEFAULT_VERSION = '2.8.4';
const XLSX_OVERRIDE = 'npm:@e965/xlsx@0.20.2';
// Native packages that n8n may carry; those present are rebuilt after --ignore-scripts.
const NATIVE = ['sqlite3', 'isolated-vm', 'ssh2', 'cpu-features', 'msgpackr-extract', 'protobufjs'];
const MARKER = '.n8n-installed.json';

/** What a finished install records in <runtime>/.n8n-installed.json. */
interface InstallMarker {
	version: string;
	/** process.versions.modules (the Node ABI) the native packages were built for. */
	node: string;
	nodeVersion: string;
	rebuilt: string[];
	installedAt: string;
}

export interface CheckResult {
	ok: boolean;
	reason: string;
}

export interface InstallResult {
	dir: string;
	version: string;
	/** A working install was there already. */
	reused: boolean;
	seconds: number;
}

/** One folder per n8n version: `.n8n-runtime` for the default, `.n8n-runtime-<version>` for others. */
export function runtimeDir(version = n8nVersion()): string {
	const folder = version === DEFAULT_VERSION ? '.n8n-runtime' : `.n8n-runtime-${version}`;
	return path.resolve(process.env.N8N_RUNTIME_DIR || path.join(REPO, folder));
}
export function n8nVersion(): string {
	return process.env.N8N_VERSION || DEFAULT_VERSION;
}
export function n8nBin(dir = runtimeDir()): string {
	return path.join(dir, 'node_modules', '.bin', 'n8n');
}

function log(msg: string): void {
	process.stdout.write(`[n8n-install] ${msg}\n`);
}
function secs(t0: number): string {
	return ((Date.now() - t0) / 1000).toFixed(1) + ' s';
}

function readMarker(dir: string): InstallMarker | null {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as InstallMarker;
	} catch {
		return null;
	}
}

function installedN8nVersion(dir: string): string | null {
	try {
		return (JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string })
			.version;
	} catch {
		return null;
	}
}

/** Loads sqlite3 from the runtime folder in a child Node; returns null when fine, else the error text. */
function sqliteError(dir: string): string | null {
	const r = spawnSync(process.execPath, ['-e', "require('sqlite3')"], {
		cwd: dir,
		encoding: 'utf8',
	});
	return r.status === 0 ? null : (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 6).join('\n');
}

/** Is there a working install of the wanted version? Returns {ok, reason}. */
export function check(dir = runtimeDir(), version = n8nVersion()): CheckResult {
	const marker = readMarker(dir);
	if (!marker) return { ok: false, reason: 'no marker file' };
	if (marker.version !== version) return { ok: false, reason: `marker says n8n ${marker.version}` };
	if (marker.node !== process.versions.modules)
		return { ok: false, reason: `built for Node ABI ${marker.node}, this Node is ${process.versions.modules}` };
	if (installedN8nVersion(dir) !== version) return { ok: false, reason: 'node_modules/n8n missing or other version' };
	if (!fs.existsSync(n8nBin(dir))) return { ok: false, reason: 'node_modules/.bin/n8n missing' };
	const err = sqliteError(dir);
	if (err) return { ok: false, reason: `sqlite3 does not load: ${err}` };
	return { ok: true, reason: 'ok' };
}

/** Run npm asynchronously, output inherited, with a heartbeat line every 30 s. */
function npm(args: string[], cwd: string): Promise<void> {
	log(`$ npm ${args.join(' ')}`);
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, {
			cwd,
			stdio: 'inherit',
			env: { ...process.env, npm_config_update_notifier: 'false' },
		});
		const beat = setInterval(() => log(`  … npm ${args[0]} still running (${secs(t0)})`), 30000);
		child.on('error', (e) => {
			clearInterval(beat);
			reject(new Error(`could not run npm: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			clearInterval(beat);
			if (code !== 0) reject(new Error(`npm ${args[0]} exited with ${code ?? signal} (after ${secs(t0)})`));
			else {
				log(`  done in ${secs(t0)}`);
				resolve();
			}
		});
	});
}

/**
 * A lock folder beside the runtime so two processes (parallel test workers, two terminals)
 * do not install into the same folder at once. A lock whose owner process is gone is taken over.
 */
async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	const lock = `${dir}.lock`;
	const t0 = Date.now();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let pid = NaN;
			try {
				pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
			} catch {
				/* being written, or left empty */
			}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			const stat = fs.statSync(lock, { throwIfNoEntry: false });
			const young = stat && Date.now() - stat.mtimeMs < 5000;
			if (!alive && !young) {
				log(`removing stale lock ${lock} (pid ${pid || '?'})`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`another install is running (pid ${pid || '?'}); waiting for ${lock}`);
				announced = true;
			}
			if (Date.now() - t0 > 20 * 60 * 1000) throw new Error(`waited 20 minutes for ${lock}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Install (or reuse) n8n in runtimeDir(). Resolves {dir, version, reused, seconds}; rejects with
 * a readable message on failure.
 */
export async function install({ force = false } = {}): Promise<InstallResult> {
	const dir = runtimeDir();
	const version = n8nVersion();
	const t0 = Date.now();
	if (!force) {
		const c = check(dir, version);
		if (c.ok) {
			log(`n8n ${version} already installed and working in ${dir} (checked in ${secs(t0)})`);
			return { dir, version, reused: true, seconds: (Date.now() - t0) / 1000 };
		}
	}
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	return await withLock(dir, () => installLocked({ dir, version, force, t0 }));
}

async function installLocked({ dir, version, force, t0 }: { dir: string; version: string; force: boolean; t0: number }): Promise<InstallResult> {
	const c = check(dir, version);
	if (!force && c.ok) {
		log(`n8n ${version} already installed and working in ${dir} (checked in ${secs(t0)})`);
		return { dir, version, reused: true, seconds: (Date.now() - t0) / 1000 };
	}
	const marker = readMarker(dir);
	// A finished install of the same n8n whose native modules no longer load (another Node
	// version): rebuilding them is enough.
	const rebuildOnly =
		!force && marker && marker.version === version && installedN8nVersion(dir) === version && fs.existsSync(n8nBin(dir));
	if (!force && fs.existsSync(dir)) log(`existing install not usable (${c.reason})`);
	fs.mkdirSync(dir, { recursive: true });
	fs.rmSync(path.join(dir, MARKER), { force: true });

	if (rebuildOnly) {
		log(`n8n ${version} files are present: rebuilding the native packages for Node ${process.version}`);
	} else {
		// Always from scratch: `npm install` over an earlier tree with its lockfile prunes
		// packages (e.g. @sentry/node) that a fresh install has, so the result would differ.
		log(`installing n8n ${version} into ${dir} (Node ${process.version}); this takes a few minutes`);
		fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
		fs.rmSync(path.join(dir, 'package-lock.json'), { force: true });
		const pkg = {
			name: 'n8n-runtime',
			private: true,
			description: 'A real n8n for local tests of this package (made by test/n8n/install.ts; not committed)',
			dependencies: {},
			// n8n-nodes-base <= 2.8 points xlsx at a CDN tarball that cannot be reached; same build on npm.
			overrides: { xlsx: XLSX_OVERRIDE },
		};
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
		// --ignore-scripts: several optional native packages try to download prebuilt binaries
		// (unreachable here); the ones n8n needs are rebuilt from source below.
		await npm(
			['install', `n8n@${version}`, '--save-exact', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			dir,
		);
	}

	const present = NATIVE.filter((name) => fs.existsSync(path.join(dir, 'node_modules', name, 'package.json')));
	if (present.length) {
		log(`rebuilding native packages: ${present.join(', ')}`);
		await npm(['rebuild', ...present, '--loglevel=error'], dir);
	}

	const err = sqliteError(dir);
	if (err) throw new Error(`sqlite3 still does not load after rebuild (needs python3, make, g++ and Node headers):\n${err}`);

	const r = spawnSync(n8nBin(dir), ['--version'], { cwd: dir, encoding: 'utf8', timeout: 120000 });
	const reported = (r.stdout || '').trim().split('\n').pop();
	if (r.status !== 0 || reported !== version)
		throw new Error(`n8n --version failed (status ${r.status}): ${(r.stderr || r.stdout || '').slice(-2000)}`);
	log(`n8n --version → ${reported}`);

	const installed: InstallMarker = {
		version,
		node: process.versions.modules,
		nodeVersion: process.version,
		rebuilt: present,
		installedAt: new Date().toISOString(),
	};
	fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(installed, null, 2) + '\n');
	log(`n8n ${version} ${rebuildOnly ? 'rebuilt' : 'installed'} in ${secs(t0)}`);
	return { dir, version, reused: false, seconds: (Date.now() - t0) / 1000 };
}

if (require.main === module) void (reexecUnderNodeFor() ?? installMain());

function installMain(): void {
	const args = process.argv.slice(2);
	try {
		if (args.includes('--check')) {
			const c = check();
			log(c.ok ? `n8n ${n8nVersion()} is installed and working in ${runtimeDir()}` : `not installed: ${c.reason}`);
			process.exit(c.ok ? 0 : 1);
		}
	} catch (e) {
		process.stderr.write(`[n8n-install] FAILED: ${(e as Error).message}\n`);
		process.exit(1);
	}
	install({ force: args.includes('--force') }).catch((e: Error) => {
		process.stderr.write(`[n8n-install] FAILED: ${(e as Error).message}\n`);
		process.exit(1);
	});
}
