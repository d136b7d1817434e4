/**
 * `npm run lint`: n8n's own `n8n-node lint` (from @n8n/node-cli), the check n8n asks of verified
 * community nodes. In strict mode (package.json `n8n.strict: true`) it first requires
 * eslint.config.mjs to be n8n's default, then runs ESLint with that config.
 *
 * @n8n/node-cli is not one of the package's devDependencies: it pulls n8n-workflow 2.39 (isolated-vm 7,
 * Node 24 only) and eslint-plugin-n8n-nodes-base ≥ 1.16 (whose preinstall insists on pnpm), which
 * would break `npm ci` on Node 20. It lives in tools/n8n-node-cli/ (package.json + lock file),
 * installed with --ignore-scripts into .tools/n8n-node-cli/ and run under Node 24 (scripts/lib/node.ts).
 *
 * The default config lints every .ts file under the folder it runs in, and tests and tooling use
 * Node freely (process, node:fs, fixed test secrets), which rules for nodes forbid. So it runs on a
 * copy of what the package is made of: package.json, eslint.config.mjs, tsconfig.json, nodes/ and
 * credentials/, with the project's node_modules linked in. Reported paths are the project's own.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';

import { ensureNode, nodeEnv } from './lib/node';
import { REPO } from './lib/repo';

const TOOL_SRC = path.join(REPO, 'tools', 'n8n-node-cli');
const TOOL_DIR = path.join(REPO, '.tools', 'n8n-node-cli');
const STAGE = path.join(TOOL_DIR, 'package');
const CLI = path.join(TOOL_DIR, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
const MARKER = path.join(TOOL_DIR, '.installed-lock.json');
const PACKAGE_FILES = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials'];

function log(msg: string): void {
	process.stderr.write(`[n8n-node-lint] ${msg}\n`);
}

function read(file: string): string | null {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

/** Installs tools/n8n-node-cli's lock file into .tools/n8n-node-cli/ unless that is done already. */
function ensureCli(env: NodeJS.ProcessEnv): void {
	const lock = read(path.join(TOOL_SRC, 'package-lock.json'));
	if (read(MARKER) === lock && fs.existsSync(CLI)) return;
	log(`installing @n8n/node-cli from tools/n8n-node-cli/package-lock.json into ${path.relative(REPO, TOOL_DIR)}/`);
	const t0 = Date.now();
	fs.mkdirSync(TOOL_DIR, { recursive: true });
	fs.rmSync(MARKER, { force: true });
	for (const file of ['package.json', 'package-lock.json'])
		fs.copyFileSync(path.join(TOOL_SRC, file), path.join(TOOL_DIR, file));
	// --ignore-scripts: eslint-plugin-n8n-nodes-base's preinstall (`npx only-allow pnpm`) and
	// isolated-vm's native build; linting needs neither.
	const r = spawnSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: TOOL_DIR,
		stdio: ['ignore', 2, 2],
		env,
	});
	if (r.error) throw new Error(`could not run npm: ${r.error.message}`);
	if (r.status !== 0) throw new Error(`npm ci in ${TOOL_DIR} exited with ${r.status ?? r.signal}`);
	if (!fs.existsSync(CLI)) throw new Error(`npm ci finished but ${CLI} is missing`);
	fs.writeFileSync(MARKER, lock ?? '');
	log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** A fresh copy of the package's own files, with the project's node_modules linked in. */
function stagePackage(): void {
	fs.rmSync(STAGE, { recursive: true, force: true });
	fs.mkdirSync(STAGE, { recursive: true });
	for (const name of PACKAGE_FILES) fs.cpSync(path.join(REPO, name), path.join(STAGE, name), { recursive: true });
	fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(STAGE, 'node_modules'), 'dir');
}

/** Copies the child's output to ours line by line, naming the project's files instead of the copies. */
function relay(from: Readable, to: Writable): void {
	let pending = '';
	const write = (text: string) => to.write(text.split(STAGE + path.sep).join(REPO + path.sep));
	from.setEncoding('utf8');
	from.on('data', (chunk: string) => {
		const lines = (pending + chunk).split('\n');
		pending = lines.pop() ?? '';
		if (lines.length) write(lines.join('\n') + '\n');
	});
	from.on('end', () => pending && write(pending));
}

function main(): void {
	const node24 = ensureNode(24);
	const env = { ...nodeEnv(node24), npm_config_update_notifier: 'false' };
	ensureCli(env);
	stagePackage();
	const child = spawn(node24.bin, [CLI, 'lint'], {
		cwd: STAGE,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	relay(child.stdout, process.stdout);
	relay(child.stderr, process.stderr);
	child.on('error', (e) => {
		log(`could not start n8n-node: ${e.message}`);
		process.exitCode = 1;
	});
	child.on('close', (code, signal) => {
		if (code === 0) log(`n8n-node lint passed (strict mode) on ${PACKAGE_FILES.join(', ')}`);
		else log(`n8n-node lint failed (${code ?? signal})`);
		process.exitCode = code ?? 1;
	});
}

try {
	main();
} catch (e) {
	log(`FAILED: ${(e as Error).message}`);
	process.exit(1);
}
