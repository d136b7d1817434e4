/**
 * The setup steps every real-n8n suite begins with: n8n installed for this process's version, and the
 * package built and packed the way users get it. Each is a critical step of the suite's report.
 */
import * as path from 'node:path';

import { expectedTypes, packForSuite, type ExpectedTypes } from '../../scripts/lib/package';
import type { Teardown } from '../../scripts/lib/teardown';
import * as runtime from '../n8n/install';
import { startEmulator, type Emulator } from './emulator';
import { check, type Report } from './report';

/** The n8n version this process runs for (N8N_VERSION), installed or reused. */
export async function n8nRuntimeStep(report: Report): Promise<void> {
	await report.step(
		'n8n runtime installed (test/n8n/install.ts)',
		async () => {
			const r = await runtime.install();
			return `n8n ${r.version}${r.reused ? ' (reused)' : ` installed in ${r.seconds.toFixed(0)} s`}, Node ${process.version}`;
		},
		{ critical: true },
	);
}

/** The tarball a suite installs, and the node and credential files its package.json names. */
export interface PackedForSuite {
	tgz: string;
	expected: ExpectedTypes;
}

/**
 * Builds a snapshot of the working tree and packs it into `<work>/build` (with `noBuild`, packs the
 * checkout as it is), then checks that every node and credential package.json names is built and in
 * the tarball.
 */
export async function packageStep(report: Report, work: string, noBuild: boolean): Promise<PackedForSuite | undefined> {
	return await report.step(
		noBuild ? 'npm pack of the checkout (--no-build)' : 'npm run build + npm pack (snapshot of the working tree)',
		async () => {
			const r = await packForSuite(path.join(work, 'build'), { noBuild });
			const expected = expectedTypes(r.dir);
			check(expected.missing.length === 0, `package.json names files the build did not produce: ${expected.missing.join(', ')}`);
			check(expected.credentials.length > 0, 'package.json names no credential');
			const inTarball = [...(r.pkg.n8n?.nodes || []), ...(r.pkg.n8n?.credentials || [])].filter((f) => !r.files.includes(f));
			check(inTarball.length === 0, `not in the tarball: ${inTarball.join(', ')}`);
			const timing = noBuild ? `pack ${r.ms} ms` : `build ${r.buildMs} ms, pack ${r.packMs} ms`;
			return {
				detail: `${path.basename(r.tgz)}: ${r.files.length} files, ${(r.size / 1024).toFixed(0)} kB, ${expected.nodes.length} nodes + ${expected.credentials.length} credential; ${timing}`,
				value: { tgz: r.tgz, expected },
			};
		},
		{ critical: true },
	);
}

/** A Stripe emulator on a free loopback port, stopped by `teardown`; `title` and `label` tell a second one apart. */
export async function emulatorStep(
	report: Report,
	teardown: Teardown,
	{ title = 'Stripe emulator started', label = 'the Stripe emulator' }: { title?: string; label?: string } = {},
): Promise<Emulator | undefined> {
	return report.step(
		title,
		async () => {
			const started = teardown.add(label, await startEmulator({ port: 0 }), (e) => e.stop());
			return { detail: `${started.url}, started in ${started.startMs} ms`, value: started };
		},
		{ critical: true },
	);
}
