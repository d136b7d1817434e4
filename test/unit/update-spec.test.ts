import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { renderSpecConstants } from '../../scripts/generate-spec-constants';
import { buildSubset, type JsonObject, type Overlay } from '../../scripts/spec/buildSubset';

const REPO = join(__dirname, '../..');
const FIXTURES = join(REPO, 'test/fixtures/openapi');
const FORM = 'application/x-www-form-urlencoded';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const readJson = (file: string): any => JSON.parse(readFileSync(file, 'utf8'));

/** `npm run update:spec` as a user runs it, on the fixture files, writing into `dir`. */
function runUpdateSpec(dir: string, overrides: Record<string, string> = {}) {
	const args = {
		ga: join(FIXTURES, 'spec3.json'),
		'ga-commit': 'aaaa111',
		preview: join(FIXTURES, 'spec3.private_preview.sdk.json'),
		'preview-commit': 'bbbb222',
		overlay: join(FIXTURES, 'overlay.json'),
		out: join(dir, 'subset.json'),
		'constants-out': join(dir, 'stripeSpec.ts'),
		...overrides,
	};
	return spawnSync(join(REPO, 'node_modules/.bin/tsx'), [join(REPO, 'scripts/update-spec.ts'), ...Object.entries(args).flatMap(([name, value]) => [`--${name}`, value])], {
		encoding: 'utf8',
	});
}

describe('npm run update:spec on small fixture spec files', () => {
	let dir: string;
	beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'update-spec-'))));
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	test('selects the overlay paths and every schema they reference, applies the documented edits and writes the constants', () => {
		const run = runUpdateSpec(dir);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		const subset = readJson(join(dir, 'subset.json'));

		// GA and private-preview paths sorted, then the hand-written ones; nothing unselected
		expect(Object.keys(subset.paths)).toEqual(['/v1/crypto/onramp_sessions', '/v1/crypto/onramp_sessions/{id}/checkout', '/v1/forwarding/requests', '/v1/webhook_endpoints', '/v1/crypto/onramp_quotes']);
		expect(subset.paths['/v1/crypto/onramp_sessions']['x-source']).toBe('openapi/spec3.private_preview.sdk.json@bbbb222');
		expect(Object.keys(subset.paths['/v1/crypto/onramp_sessions'])[0]).toBe('x-source');
		expect(subset.paths['/v1/webhook_endpoints']['x-source']).toBeUndefined();

		// every referenced schema, GA first; api_errors' references stubbed unless needed in full
		expect(Object.keys(subset.components.schemas)).toEqual(['api_errors', 'card', 'crypto.onramp.quotes', 'crypto.onramp_session', 'error', 'event', 'forwarding.request', 'notification_event_data', 'webhook_endpoint']);
		expect(subset.components.schemas.error.description).toBeUndefined();
		expect(subset.components.schemas.card).toEqual({
			description: expect.stringMatching(/^STUB: referenced only via error\.error \(api_errors\.card\)/),
			type: 'object',
			additionalProperties: true,
			'x-stub': true,
		});
		expect(subset.components.schemas.webhook_endpoint.properties.url).toEqual({ type: 'string' });
		expect(subset.components.schemas['crypto.onramp_session']['x-source']).toBe('openapi/spec3.private_preview.sdk.json@bbbb222');
		expect(JSON.stringify(subset)).not.toMatch(/x-stripeMostCommon|x-stripeLessCommon|x-copyOf/);

		// edits: enum values added once and sorted, open enum, copy with its own description
		const webhook = subset.paths['/v1/webhook_endpoints'].post.requestBody.content[FORM].schema.properties;
		expect(webhook.api_version.enum).toEqual(['2026-07-29.dahlia', '2026-09-30.endive', '2026-10-28.endive']);
		expect(webhook.enabled_events.items.enum).toEqual(['*', 'apps.install.created', 'charge.succeeded', 'climate.order.created']);
		const checkout = subset.paths['/v1/crypto/onramp_sessions/{id}/checkout'].post.requestBody.content[FORM].schema.properties;
		expect(checkout.mandate_data.properties.customer_acceptance.properties.type['x-stripeBypassValidation']).toBe(true);
		expect(subset.paths['/v1/crypto/onramp_quotes'].get.parameters[0].schema).toEqual({
			description: 'networks to quote',
			items: { enum: ['base', 'base_network', 'ethereum', 'solana'], type: 'string', 'x-stripeBypassValidation': true },
			type: 'array',
		});

		expect(subset.info['x-subset']).toMatchObject({
			ga_source: 'openapi/spec3.json@aaaa111',
			ga_spec_version: '2026-09-30.endive',
			private_preview_items: ['/v1/crypto/onramp_sessions', '/v1/crypto/onramp_sessions/{id}/checkout', 'crypto.onramp_session'],
			stubbed_schemas: ['card'],
		});

		const constants = readFileSync(join(dir, 'stripeSpec.ts'), 'utf8');
		expect(constants).toContain("export const API_VERSIONS = [\n\t'2026-07-29.dahlia',\n\t'2026-09-30.endive',\n\t'2026-10-28.endive'\n] as const;");
		expect(constants).toContain("\t'apps.install.created',\n");
		expect(constants).toContain("export const ONRAMP_DESTINATION_NETWORKS = [\n\t'base',\n\t'ethereum',\n\t'solana'\n] as const;");
	});

	test('an edit whose target Stripe moved fails the run, naming the edit, and writes nothing', () => {
		const overlay = readJson(join(FIXTURES, 'overlay.json'));
		overlay.edits[0].at[1] = '/v1/webhook_endpoints_renamed';
		const overlayFile = join(dir, 'overlay.json');
		writeFileSync(overlayFile, JSON.stringify(overlay));
		const run = runUpdateSpec(dir, { overlay: overlayFile });
		expect(run.status).toBe(1);
		expect(run.stderr).toMatch(/^update:spec failed: Overlay edit addEnum at \["paths","\/v1\/webhook_endpoints_renamed",.*target not found/);
		expect(existsSync(join(dir, 'subset.json'))).toBe(false);
		expect(existsSync(join(dir, 'stripeSpec.ts'))).toBe(false);
	});

	test('a selected path missing from its spec file fails the run', () => {
		const overlay = readJson(join(FIXTURES, 'overlay.json'));
		overlay.ga.paths.push('/v1/climate/orders');
		const overlayFile = join(dir, 'overlay.json');
		writeFileSync(overlayFile, JSON.stringify(overlay));
		const run = runUpdateSpec(dir, { overlay: overlayFile });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('openapi/spec3.json has no path /v1/climate/orders');
	});
});

describe('the committed spec subset is what update:spec makes of its sources', () => {
	/**
	 * Stripe's spec files are too large to commit, so the committed subset stands in for both: every
	 * item it holds is as the sources had it, and running the build again must change nothing. A
	 * hand edit outside the overlay, or an overlay edit not yet applied, fails here.
	 */
	test('rebuilding from the committed subset and overlay reproduces both files byte for byte', () => {
		const committedText = readFileSync(join(REPO, 'spec/stripe-openapi-subset.json'), 'utf8');
		const committed = JSON.parse(committedText) as JsonObject;
		const sources = (committed.info as JsonObject)['x-subset'] as JsonObject;
		const commit = (source: unknown) => String(source).split('@')[1];
		const overlay = readJson(join(REPO, 'spec/stripe-openapi-overlay.json')) as Overlay;
		const rebuilt = buildSubset({ document: committed, commit: commit(sources.ga_source) }, { document: committed, commit: commit(sources.private_preview_source) }, overlay);
		expect(`${JSON.stringify(rebuilt, null, 2)}\n`).toBe(committedText);
		expect(renderSpecConstants(rebuilt)).toBe(readFileSync(join(REPO, 'nodes/shared/stripeSpec.ts'), 'utf8'));
	});
});
