/**
 * Rebuilds spec/stripe-openapi-subset.json from Stripe's published OpenAPI files (github.com/stripe/openapi,
 * given as local paths: nothing is downloaded) and regenerates nodes/shared/stripeSpec.ts:
 *
 *   npm run update:spec -- \
 *     --ga <checkout>/openapi/spec3.json --ga-commit <sha> \
 *     --preview <checkout>/openapi/spec3.private_preview.sdk.json --preview-commit <sha>
 *
 * What it selects and every edit it makes come from spec/stripe-openapi-overlay.json
 * (scripts/spec/buildSubset.ts; spec/SOURCE.txt explains them). --overlay, --out and
 * --constants-out default to the repository's files. Then review `git diff spec nodes/shared`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderSpecConstants, SPEC_CONSTANTS_FILE } from './generate-spec-constants';
import { buildSubset, type JsonObject, type Overlay } from './spec/buildSubset';

const REPO = join(__dirname, '..');

function readJson<T = JsonObject>(file: string): T {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as T;
	} catch (error) {
		throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
	}
}

function parseArgs(argv: string[]): Record<string, string> {
	const args: Record<string, string> = {};
	for (let i = 0; i < argv.length; i += 2) {
		const name = argv[i];
		if (!name.startsWith('--') || argv[i + 1] === undefined) throw new Error(`Expected --name value pairs, got "${name}"`);
		args[name.slice(2)] = argv[i + 1];
	}
	return args;
}

export function updateSpec(argv: string[]): { subsetFile: string; constantsFile: string } {
	const args = parseArgs(argv);
	for (const required of ['ga', 'ga-commit', 'preview', 'preview-commit']) {
		if (!args[required]) throw new Error(`--${required} is required (see the comment at the top of scripts/update-spec.ts)`);
	}
	const overlay = readJson<Overlay>(args.overlay ?? join(REPO, 'spec/stripe-openapi-overlay.json'));
	const subset = buildSubset(
		{ document: readJson(args.ga), commit: args['ga-commit'] },
		{ document: readJson(args.preview), commit: args['preview-commit'] },
		overlay,
	);
	const constants = renderSpecConstants(subset); // before writing anything: a spec the nodes cannot use fails here
	const subsetFile = args.out ?? join(REPO, 'spec/stripe-openapi-subset.json');
	const constantsFile = args['constants-out'] ?? SPEC_CONSTANTS_FILE;
	writeFileSync(subsetFile, `${JSON.stringify(subset, null, 2)}\n`);
	writeFileSync(constantsFile, constants);
	return { subsetFile, constantsFile };
}

if (require.main === module) {
	try {
		const written = updateSpec(process.argv.slice(2));
		process.stdout.write(`Wrote ${written.subsetFile} and ${written.constantsFile}\n`);
	} catch (error) {
		process.stderr.write(`update:spec failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	}
}
