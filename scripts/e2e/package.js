'use strict';
/**
 * Build and pack the package the way a user (or `npm publish`) does: `npm run build`, then
 * `npm pack`. The suite does it in a snapshot of the working tree (the files git does not ignore,
 * plus a link to node_modules) under `.e2e/`, so it neither races with a build running in the
 * checkout nor leaves a tarball there; `dev` builds in the checkout itself.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..', '..');

/** Run a command; resolves {code, out, ms}. */
function run(cmd, args, { cwd, timeoutMs = 600000, env } = {}) {
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...env },
		});
		let out = '';
		child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
		child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(new Error(`could not run ${cmd}: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? signal, out, ms: Date.now() - t0 });
		});
	});
}

function tail(text, n = 30) {
	return String(text).trim().split('\n').slice(-n).join('\n');
}

/** `npm run build` in `dir`; throws with the output's tail on failure. */
async function build(dir = REPO) {
	const r = await run('npm', ['run', 'build', '--silent'], { cwd: dir });
	if (r.code !== 0) throw new Error(`npm run build failed (exit ${r.code})\n${tail(r.out, 40)}`);
	return r;
}

/** `npm pack` of `dir` into `dest`; resolves {tgz, files, size, ms}. */
async function pack(dir, dest) {
	fs.mkdirSync(dest, { recursive: true });
	const r = await run('npm', ['pack', '--json', '--pack-destination', dest, '--loglevel=error'], { cwd: dir });
	if (r.code !== 0) throw new Error(`npm pack failed (exit ${r.code})\n${tail(r.out)}`);
	const start = r.out.indexOf('[');
	const info = JSON.parse(r.out.slice(start))[0];
	return { tgz: path.join(dest, info.filename), files: info.files.map((f) => f.path), size: info.size, ms: r.ms };
}

/** The files of the working tree git does not ignore (tracked or not), relative paths. */
function workingTreeFiles(repo = REPO) {
	const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' });
	if (r.status === 0 && r.stdout) {
		// regular files only (a symlinked folder, such as a linked .n8n-runtime, is not the package's)
		return r.stdout.split('\0').filter((f) => f && fs.statSync(path.join(repo, f), { throwIfNoEntry: false })?.isFile());
	}
	// not a git checkout: what the build and the tarball need
	const out = [];
	const walk = (rel) => {
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

/**
 * Snapshot the working tree into `<work>/src` (node_modules linked), build and pack it into `<work>`.
 * Resolves {tgz, files, size, snapshotMs, buildMs, packMs, pkg}.
 */
async function buildAndPackSnapshot(work, repo = REPO) {
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
	const pkg = JSON.parse(fs.readFileSync(path.join(src, 'package.json'), 'utf8'));
	return { ...p, snapshotMs, buildMs: b.ms, packMs: p.ms, pkg, dir: src };
}

/**
 * The node type names n8n should list for a package: `<package>.<description.name>` of every file in
 * package.json's `n8n.nodes`, read from the built files in `dir` (needs n8n-workflow resolvable).
 * Returns {nodes: [{file, type, displayName}], credentials: [{file, name, displayName}], missing: [file]}.
 */
function expectedTypes(dir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	const out = { nodes: [], credentials: [], missing: [] };
	const load = (rel) => {
		const abs = path.join(dir, rel);
		if (!fs.existsSync(abs)) {
			out.missing.push(rel);
			return [];
		}
		const mod = require(abs);
		return Object.values(mod)
			.filter((v) => typeof v === 'function')
			.map((Cls) => {
				try {
					return new Cls();
				} catch {
					return null;
				}
			})
			.filter(Boolean);
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

module.exports = { REPO, run, build, pack, buildAndPackSnapshot, workingTreeFiles, expectedTypes, tail };
