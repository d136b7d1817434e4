import { inspect } from 'node:util';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { LoggerProxy, NodeApiError } from 'n8n-workflow';

import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { PACKAGE, stripeApi, TEST_SECRET_KEY } from '../harness/stripe';
import { type RawAnswer, type RawRequest, sendRaw, TriggerHarness } from '../harness/webhook';
import { badRows, DEFAULT_PARAMETERS, hmacHex, type Rig, runRow, startRig, validRows } from './deliveries.test';

/**
 * Issue #8, part 4 (trigger side): with the harness's recognisable API key and the endpoint's real
 * whsec_ secrets (read from static data after each activation), runs every delivery of
 * deliveries.test.ts, real deliveries from the emulator, activation, deactivation and failing
 * lifecycle calls, and scans every response (status, headers, body), every emitted item, every
 * thrown error (message, description, stack, every field) and everything logged (n8n-workflow's
 * LoggerProxy, n8n-core's Logger from the DI container, console): none holds the API key, a
 * signing secret or a signature.
 */

/** The emulator refuses keys starting sk_test_revoked, as Stripe refuses a rolled key. */
const REVOKED_KEY = 'sk_test_revokedTriggerRecognisable4321';
const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';

// --- capture ---------------------------------------------------------------------------------

const logged: string[] = [];
const recorder = (level: string) => (message: string, metadata?: unknown) =>
	logged.push(`${level}: ${message} ${inspect(metadata, { depth: 20 })}`);
const recordingLogger = {
	error: recorder('error'),
	warn: recorder('warn'),
	info: recorder('info'),
	debug: recorder('debug'),
	scoped: () => recordingLogger,
};
const consoleRecorder = (...args: unknown[]) => logged.push(`console: ${args.map((arg) => inspect(arg, { depth: 20 })).join(' ')}`);

// --- what the scan looks at ------------------------------------------------------------------

/** Every text someone could see: answers, items, errors, logs (logs are read at the end). */
const seen: Array<{ label: string; text: string }> = [];
const secrets = new Set<string>([TEST_SECRET_KEY, TEST_SECRET_KEY.slice('sk_test_'.length), REVOKED_KEY, REVOKED_KEY.slice('sk_test_'.length)]);
const signatures = new Set<string>();

function rememberSecret(secret: unknown): void {
	expect(secret).toMatch(/^whsec_[A-Za-z0-9]{16,}$/);
	secrets.add(secret as string);
	secrets.add((secret as string).slice('whsec_'.length));
}

/** The signatures in a request's header, and the ones the trigger computed for it with each secret it may hold. */
function rememberSignatures(request: RawRequest): void {
	const header = request.headers?.['Stripe-Signature'];
	const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
	const body = request.body ?? '';
	for (const item of values.join(',').split(',')) {
		const [key, value = ''] = item.trim().split('=');
		if (/^v\d$/.test(key) && value.length >= 32) signatures.add(value.toLowerCase());
		if (key === 't') {
			for (const secret of secrets) if (secret.startsWith('whsec_')) signatures.add(hmacHex(secret, value, body));
		}
	}
}

const see = (label: string, text: string) => seen.push({ label, text });
const seeAnswer = (label: string, answer: RawAnswer) => see(label, `${answer.status} ${JSON.stringify(answer.headers)} ${answer.text}`);

/** Everything an error carries: message, description, stack, cause and every other field. */
function seeError(label: string, error: unknown): void {
	const { message, description, stack } = error as { message?: string; description?: string; stack?: string };
	see(label, [message, description, stack, JSON.stringify(error), inspect(error, { depth: 20, showHidden: true })].join('\n'));
}

async function failure(label: string, action: () => Promise<unknown>): Promise<unknown> {
	const error = await action().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeDefined();
	seeError(label, error);
	return error;
}

/** A SHA-256 in hex: what a v1 signature (or any HMAC of the secret) looks like. */
const HEX_SIGNATURE = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/i;

function leaksIn(text: string): string[] {
	const context = (at: number) => text.slice(Math.max(0, at - 80), at).replace(/\s+/g, ' ');
	const found = [...secrets, ...signatures]
		.filter((needle) => text.includes(needle))
		.map((needle) => `${needle.slice(0, 12)}… after “${context(text.indexOf(needle))}”`);
	const hex = HEX_SIGNATURE.exec(text);
	if (hex) found.push(`a 64-digit hex value ${hex[0].slice(0, 8)}… after “${context(hex.index)}”`);
	return found;
}

// --- the run ---------------------------------------------------------------------------------

let rig: Rig;

beforeAll(() => {
	LoggerProxy.init(recordingLogger);
	Container.set(Logger, recordingLogger as unknown as Logger);
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) jest.spyOn(console, method).mockImplementation(consoleRecorder);
});

afterAll(async () => {
	jest.restoreAllMocks();
	await rig?.close();
});

describe('Stripe Events Trigger: no API key, signing secret or signature in answers, items, errors or logs', () => {
	it('activation (and replacing the endpoint) keeps the secrets in static data only', async () => {
		rig = await startRig(); // activate, deactivate, activate
		rememberSecret(rig.oldSecret);
		rememberSecret(rig.secret);
		expect(rig.secret).not.toBe(rig.oldSecret);
	});

	it.each([...badRows, ...validRows])('delivery: $name', async (row) => {
		const outcome = await runRow(rig, row);
		for (const request of outcome.requests) rememberSignatures(request);
		outcome.answers.forEach((answer, index) => seeAnswer(`answer to “${row.name}” #${index}`, answer));
		expect(outcome.rowAnswers.map((answer) => answer.status)).toEqual(outcome.rowAnswers.map(() => row.status));
		expect(outcome.started).toHaveLength(row.executions);
		see(`items of “${row.name}”`, JSON.stringify(outcome.started));
	});

	it('real deliveries from the emulator and a redelivery', async () => {
		rig.emulator.clearLog();
		const before = rig.harness.executions.length;
		const order = await stripeApi(rig.emulator, 'POST', '/v1/climate/orders', { product: PRODUCT, metric_tons: '0.5' });
		await rig.emulator.waitForDeliveries((records) => records.length === 1);
		const event = rig.emulator.listObjects('event').find((e) => e.data.object.id === order.id);
		await rig.emulator.redeliverEvent(event.id);
		expect(rig.emulator.deliveries.map((d) => d.status)).toEqual([200, 200]);
		expect(rig.harness.executions.length - before).toBe(1);
		see('items of the emulator deliveries', JSON.stringify(rig.harness.executions.slice(before)));
	});

	it('deactivation, deliveries with no secret stored, and reactivation', async () => {
		await rig.harness.deactivate();
		expect(rig.harness.memory).toEqual({});
		const body = JSON.stringify({ id: 'evt_afterDeactivation', object: 'event', type: 'climate.order.created', livemode: false, data: { object: { id: 'climorder_1' } } });
		for (const secret of [rig.secret, '']) {
			const t = Math.floor(Date.now() / 1000);
			const request: RawRequest = { headers: { 'Content-Type': 'application/json', 'Stripe-Signature': `t=${t},v1=${hmacHex(secret, t, body)}` }, body };
			rememberSignatures(request);
			const answer = await sendRaw(rig.harness.webhookUrl, request);
			expect(answer.status).toBe(401);
			seeAnswer('answer with no secret stored', answer);
		}

		await rig.harness.activate();
		rememberSecret(rig.harness.memory.secret);
		rig.secret = rig.harness.memory.secret as string;
		const outcome = await runRow(rig, validRows[0]);
		outcome.requests.forEach(rememberSignatures);
		outcome.answers.forEach((answer) => seeAnswer('answer after reactivation', answer));
		expect(outcome.started).toHaveLength(1);
	});

	it('a failing delete (Stripe 500, then no answer at all) raises errors that hold no secret, and keeps the endpoint', async () => {
		const endpointId = rig.harness.memory.endpointId;
		rig.emulator.injectFaults(1, { kind: 'status', status: 500, shouldRetry: false }, { method: 'DELETE', pathPrefix: '/v1/webhook_endpoints' });
		const serverError = await failure('delete answered 500', () => rig.harness.deactivate());
		expect(serverError).toBeInstanceOf(NodeApiError);
		expect((serverError as NodeApiError).httpCode).toBe('500');

		rig.emulator.injectFaults(3, { kind: 'resetBeforeCommit' }, { method: 'DELETE', pathPrefix: '/v1/webhook_endpoints' });
		const noAnswer = await failure('delete without an answer', () => rig.harness.deactivate());
		expect((noAnswer as Error).message).toMatch(/^No answer from Stripe/);
		expect(rig.harness.memory.endpointId).toBe(endpointId);
		expect(rig.harness.memory.secret).toBe(rig.secret);

		// The endpoint deleted behind the trigger's back: the delete's 404 is fine.
		await stripeApi(rig.emulator, 'DELETE', `/v1/webhook_endpoints/${String(endpointId)}`);
		await rig.harness.deactivate();
		expect(rig.harness.memory).toEqual({});
	});

	it('failing activations (list, create, a revoked key, a malformed API version) raise errors that hold no secret', async () => {
		rig.emulator.injectFaults(1, { kind: 'status', status: 500, shouldRetry: false }, { method: 'GET', pathPrefix: '/v1/webhook_endpoints' });
		await failure('checkExists answered 500', () => rig.harness.activate());
		rig.emulator.injectFaults(1, { kind: 'status', status: 500, shouldRetry: false }, { method: 'POST', pathPrefix: '/v1/webhook_endpoints' });
		await failure('create answered 500', () => rig.harness.activate());
		rig.harness.parameters = { ...DEFAULT_PARAMETERS, apiVersion: 'latest' };
		await failure('malformed API version', () => rig.harness.activate());
		rig.harness.parameters = DEFAULT_PARAMETERS;

		const revoked = await TriggerHarness.start({
			nodeType: new StripeEventsTrigger(),
			typeName: `${PACKAGE}.stripeEventsTrigger`,
			parameters: DEFAULT_PARAMETERS,
			credentials: { stripePlatformApi: { secretKey: REVOKED_KEY, baseUrl: rig.emulator.url, apiVersion: '', accountId: '' } },
		});
		try {
			const error = await failure('activation with a revoked key', () => revoked.activate());
			expect((error as Error).message).toMatch(/^Stripe: Invalid API Key provided/);
		} finally {
			await revoked.close();
		}

		// Nothing was left behind by the failed activations, and the next one works.
		await rig.harness.activate();
		rememberSecret(rig.harness.memory.secret);
		expect(rig.emulator.listObjects('webhook_endpoint')).toHaveLength(1);
	});

	it('the scan: every answer, item, error and log line is free of the key, the secrets and the signatures', () => {
		// The capture was live for the whole run.
		LoggerProxy.info('capture probe');
		Container.get(Logger).info('container capture probe');
		expect(logged.filter((line) => line.includes('capture probe'))).toHaveLength(2);

		const whsecs = [...secrets].filter((secret) => secret.startsWith('whsec_'));
		expect(whsecs.length).toBeGreaterThanOrEqual(3); // old, current, after reactivation (and the last activation's)
		expect(signatures.size).toBeGreaterThan(100);
		expect(seen.length).toBeGreaterThan(badRows.length + validRows.length);

		const findings = [...seen, ...logged.map((text, index) => ({ label: `log line ${index}`, text }))].flatMap(({ label, text }) =>
			leaksIn(text).map((leak) => `${label}: ${leak}`),
		);
		expect(findings).toEqual([]);
	});
});
