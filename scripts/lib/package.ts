/**
 * Build and pack the package the way a user (or `npm publish`) does: `npm run build`, then
 * `npm pack`. The suites do it in a snapshot of the working tree (the files git does not ignore,
 * plus a link to node_modules), so they neither race with a build running in the checkout nor leave
 * a tarball there; `npm run dev` builds in the checkout itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO } from './repo';

export interface RunResult {
	code: number | string;
	out: string;
	ms: number;
}

/** Runs a command; resolves {code, out (stdout and stderr), ms}. */
export function run(
	cmd: string,
	args: string[],
	{ cwd, timeoutMs = 600000, env }: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env },
		});
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(new Error(`could not run ${cmd}: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? signal ?? 'unknown', out, ms: Date.now() - t0 });
		});
	});
}

/** The last `n` lines of `text`. */
export function tail(text: string, n = 30): string {
	return String(text).trim().split('\n').slice(-n).join('\n');
}

/** `npm run build` in `dir`; throws with the output's tail on failure. */
export async function build(dir = REPO): Promise<RunResult> {
	const r = await run('npm', ['run', 'build', '--silent'], { cwd: dir });
	if (r.code !== 0) throw new Error(`npm run build failed (exit ${r.code})\n${tail(r.out, 40)}`);
	return r;
}

export interface Packed {
	tgz: string;
	/** The tarball's files, relative to the package root. */
	files: string[];
	size: number;
	ms: number;
}

/** `npm pack` of `dir` into `dest`. */
export async function pack(dir: string, dest: string): Promise<Packed> {
	fs.mkdirSync(dest, { recursive: true });
	const r = await run('npm', ['pack', '--json', '--pack-destination', dest, '--loglevel=error'], { cwd: dir });
	if (r.code !== 0) throw new Error(`npm pack failed (exit ${r.code})\n${tail(r.out)}`);
	const info = JSON.parse(r.out.slice(r.out.indexOf('[')))[0] as { filename: string; files: Array<{ path: string }>; size: number };
	return { tgz: path.join(dest, info.filename), files: info.files.map((f) => f.path), size: info.size, ms: r.ms };
}

/** The files of the working tree git does not ignore (tracked or not), relative paths. */
function workingTreeFiles(repo = REPO): string[] {
	const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' });
	if (r.status === 0 && r.stdout) {
		// regular files only (a symlinked folder, such as a linked .n8n-runtime, is not the package's)
		return r.stdout.split('\0').filter((f) => f && fs.statSync(path.join(repo, f), { throwIfNoEntry: false })?.isFile());
	}
	// not a git checkout: what the build and the tarball need
	const out: string[] = [];
	const walk = (rel: string) => {
		const abs = path.join(repo, rel);
		if (!fs.existsSync(abs)) return;
		if (fs.statSync(abs).isDirectory()) for (const e of fs.readdirSync(abs)) walk(path.join(rel, e));
		else out.push(rel);
	};
	for (const f of fs.readdirSync(repo)) {
		if (/^(package\.json|README.*|LICEN[CS]E.*|index\.js|tsconfig.*\.json|gulpfile\.js)$/i.test(f)) out.push(f);
	}
	walk('nodes');
	walk('credentials');
	return out;
}

export interface PackageManifest {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export interface PackedPackage extends Packed {
	/** The folder that was packed (the snapshot, or the checkout itself). */
	dir: string;
	pkg: PackageManifest;
	snapshotMs: number;
	buildMs: number;
	packMs: number;
}

/** Snapshots the working tree into `<work>/src` (node_modules linked), builds and packs it into `<work>`. */
export async function buildAndPackSnapshot(work: string, repo = REPO): Promise<PackedPackage> {
	const t0 = Date.now();
	const src = path.join(work, 'src');
	fs.rmSync(src, { recursive: true, force: true });
	for (const rel of workingTreeFiles(repo)) {
		const to = path.join(src, rel);
		fs.mkdirSync(path.dirname(to), { recursive: true });
		fs.copyFileSync(path.join(repo, rel), to);
	}
	fs.symlinkSync(path.join(repo, 'node_modules'), path.join(src, 'node_modules'), 'dir');
	const snapshotMs = Date.now() - t0;
	const b = await build(src);
	for (const f of fs.readdirSync(work)) if (f.endsWith('.tgz')) fs.rmSync(path.join(work, f));
	const p = await pack(src, work);
	return { ...p, snapshotMs, buildMs: b.ms, packMs: p.ms, pkg: readManifest(src), dir: src };
}

/**
 * The tarball the suites install: a build of a snapshot of the working tree, or with `noBuild` the
 * checkout packed as it is (its dist/), into `work`.
 */
export async function packForSuite(work: string, { noBuild = false, repo = REPO } = {}): Promise<PackedPackage> {
	fs.mkdirSync(work, { recursive: true });
	if (!noBuild) return buildAndPackSnapshot(work, repo);
	const p = await pack(repo, work);
	return { ...p, dir: repo, pkg: readManifest(repo), snapshotMs: 0, buildMs: 0, packMs: p.ms };
}

export function readManifest(dir: string): PackageManifest {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

export interface ExpectedTypes {
	nodes: Array<{ file: string; type: string; displayName: string }>;
	credentials: Array<{ file: string; name: string; displayName: string }>;
	/** Files package.json names that the build did not produce. */
	missing: string[];
}

/**
 * The node type names n8n should list for a package: `<package>.<description.name>` of every file in
 * package.json's `n8n.nodes`, read from the built files in `dir` (needs n8n-workflow resolvable).
 */
export function expectedTypes(dir: string): ExpectedTypes {
	const pkg = readManifest(dir);
	const out: ExpectedTypes = { nodes: [], credentials: [], missing: [] };
	const load = (rel: string): Array<Record<string, any>> => {
		const abs = path.join(dir, rel);
		if (!fs.existsSync(abs)) {
			out.missing.push(rel);
			return [];
		}
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(abs) as Record<string, unknown>;
		return Object.values(mod)
			.filter((v): v is new () => Record<string, any> => typeof v === 'function')
			.map((Cls) => {
				try {
					return new Cls();
				} catch {
					return null;
				}
			})
			.filter((x): x is Record<string, any> => x !== null);
	};
	for (const rel of pkg.n8n?.nodes ?? []) {
		for (const inst of load(rel)) {
			const d = inst.description || inst.baseDescription;
			if (d?.name) out.nodes.push({ file: rel, type: `${pkg.name}.${d.name}`, displayName: d.displayName });
		}
	}
	for (const rel of pkg.n8n?.credentials ?? []) {
		for (const inst of load(rel)) {
			if (inst.name) out.credentials.push({ file: rel, name: inst.name, displayName: inst.displayName });
		}
	}
	return out;
}
