/**
 * What the rows that drive a real n8n (`n8n start`, `n8n execute`) share: the installed runtime of
 * the n8n version this process runs for (N8N_VERSION, test/n8n/install.ts), and this package
 * built and packed once per process from a snapshot of the working tree (scripts/lib/package.ts),
 * installed into each row's own n8n home the way users install it.
 */
import * as path from 'node:path';

import * as installer from '../test/n8n/install';
import * as n8n from '../test/n8n/instance';
import { buildAndPackSnapshot } from '../scripts/lib/package';
import { fmtMs, makeTempDir, progress, removeTempDir, REPO } from './lib';

// the n8n driver the e2e suite uses too (see test/n8n/README.md)
export { installer, n8n };
export { PKG } from '../scripts/lib/repo';

/** The n8n version this process drives. */
export function n8nVersion(): string {
	return installer.n8nVersion();
}

/**
 * Makes sure the n8n runtime is installed (installs it unless BENCH_N8N_INSTALL=0). Resolves
 * undefined when it is there, else the reason it is not.
 */
export async function ensureN8n(): Promise<string | undefined> {
	const check = installer.check();
	if (check.ok) return undefined;
	if (process.env.BENCH_N8N_INSTALL === '0') return `n8n ${n8nVersion()} is not installed (${check.reason}) and BENCH_N8N_INSTALL=0`;
	progress(`installing n8n ${n8nVersion()} into ${installer.runtimeDir()} (test/n8n/install.ts, a few minutes the first time)`);
	try {
		await n8n.ensureRuntime();
		return undefined;
	} catch (error) {
		return `could not install n8n ${n8nVersion()}: ${(error as Error).message.split('\n')[0]}`;
	}
}

let packed: Promise<{ tgz: string; size: number }> | undefined;
let packDir: string | undefined;

/** This package's tarball, built and packed at the first call of the process. */
export function packedPackage(): Promise<{ tgz: string; size: number }> {
	if (!packed) {
		packDir = makeTempDir('bench-pack-');
		const dir = packDir;
		packed = (async () => {
			const result = await buildAndPackSnapshot(dir, REPO);
			progress(`built and packed ${path.basename(result.tgz)} (${(result.size / 1024).toFixed(0)} KiB) in ${fmtMs(result.buildMs + result.packMs)}`);
			return { tgz: result.tgz, size: result.size };
		})();
		packed.catch(() => (packed = undefined));
	}
	return packed;
}

/** Removes the packed tarball's folder (at the end of the process's rows). */
export function removePackedPackage(): void {
	if (packDir) removeTempDir(packDir);
	packDir = undefined;
	packed = undefined;
}
