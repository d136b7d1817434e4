/**
 * Row 3 — Trigger: signed deliveries per second through the Stripe Events Trigger in a real n8n
 * (`n8n start`, installed by scripts/n8n/install.js), against n8n's plain Webhook node
 * (n8n-nodes-base.webhook, POST, respond immediately) on the same instance.
 *
 * The package is built and packed from a snapshot of the working tree (scripts/e2e/package.js),
 * installed into an isolated n8n home, and two workflows are imported and published: the trigger
 * (fixed webhookId; its activation registers a webhook endpoint in the emulator, whose signing
 * secret is read back from GET /_emulator/objects?kind=webhook_endpoint) and the plain webhook.
 * Then the same ~2 KB signed events (distinct ids, so the trigger's dedupe drops none) are POSTed
 * to each URL, one after another and 4 at a time, rounds alternating between the two URLs.
 * Afterwards every delivery must have started exactly one execution of its workflow.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import Stripe from 'stripe';
import { Agent, request } from 'undici';

import { startEmulator, type StripeEmulator } from '../test/emulator';
import { BENCH_SECRET_KEY, fmtMs, fmtRatio, median, progress, REPO } from './lib';
import { notRunSection, type Section } from './report';
import { sampleEvent } from './signature';

/* eslint-disable @typescript-eslint/no-require-imports */
// plain-JS helpers shared with the e2e suite (see scripts/n8n/README.md)
const n8n = require('../scripts/n8n/instance.js');
const installer = require('../scripts/n8n/install.js');
const packaging = require('../scripts/e2e/package.js');
/* eslint-enable @typescript-eslint/no-require-imports */

const PKG = 'n8n-nodes-stripe-platform';
const TITLE = 'Trigger: signed deliveries per second';
const CREDENTIAL = { id: 'BenchStripeCred01', name: 'Stripe (bench)' };
const TRIGGER_WORKFLOW = 'BenchTrigger0001';
const PLAIN_WORKFLOW = 'BenchWebhook0001';
const TRIGGER_WEBHOOK_ID = '6b3c0f4e-bench-4c1d-9a57-000000000001';
const PLAIN_WEBHOOK_ID = '6b3c0f4e-bench-4c1d-9a57-000000000002';
const PLAIN_PATH = 'bench-plain';

export interface TriggerOptions {
	/** Deliveries per measured batch (one URL, one concurrency). */
	events: number;
	concurrency: number;
	rounds?: number;
	/** Deliveries to each URL before anything is measured. */
	warmUp?: number;
}

type Target = 'trigger' | 'plain';

function triggerWorkflow() {
	return {
		id: TRIGGER_WORKFLOW,
		name: 'bench: Stripe Events Trigger',
		nodes: [
			{
				id: 'bench-trigger',
				name: 'Stripe Events Trigger',
				type: `${PKG}.stripeEventsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { events: ['climate.order.created'], options: {} },
				credentials: { stripePlatformApi: CREDENTIAL },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

function plainWorkflow() {
	return {
		id: PLAIN_WORKFLOW,
		name: 'bench: plain Webhook',
		nodes: [
			{
				id: 'bench-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: PLAIN_WEBHOOK_ID,
				parameters: { httpMethod: 'POST', path: PLAIN_PATH, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

interface Delivery {
	id: string;
	body: string;
	signature: string;
}

interface Batch {
	target: Target;
	concurrency: number;
	ms: number;
	sent: number;
	ok: number;
	statuses: Record<string, number>;
	latencies: number[];
	/** Event ids answered 200. */
	accepted: string[];
}

/** POSTs `deliveries` to `url`, `concurrency` at a time; resolves the batch's figures. */
async function postAll(dispatcher: Agent, url: string, target: Target, deliveries: Delivery[], concurrency: number): Promise<Batch> {
	const statuses: Record<string, number> = {};
	const latencies: number[] = [];
	const accepted: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < deliveries.length) {
			const { id, body, signature } = deliveries[next++];
			const t0 = performance.now();
			let status: string;
			try {
				const response = await request(url, {
					method: 'POST',
					dispatcher,
					headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
					body,
					headersTimeout: 30_000,
					bodyTimeout: 30_000,
				});
				await response.body.text();
				status = String(response.statusCode);
			} catch (error) {
				status = (error as { code?: string }).code ?? 'error';
			}
			latencies.push(performance.now() - t0);
			statuses[status] = (statuses[status] ?? 0) + 1;
			if (status === '200') accepted.push(id);
		}
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const ms = performance.now() - t0;
	return { target, concurrency, ms, sent: deliveries.length, ok: statuses['200'] ?? 0, statuses, latencies, accepted };
}

async function countExecutions(baseUrl: string, apiKey: string, workflowId: string): Promise<{ total: number; success: number }> {
	let total = 0;
	let success = 0;
	let cursor: string | undefined;
	do {
		const query = `/executions?workflowId=${workflowId}&limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await n8n.api(baseUrl, apiKey, 'GET', query);
		total += page.data.length;
		success += page.data.filter((execution: { status: string }) => execution.status === 'success').length;
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return { total, success };
}

export async function triggerBench(options: TriggerOptions): Promise<Section> {
	const started = Date.now();
	const rounds = options.rounds ?? 2;
	const check = installer.check();
	if (!check.ok) {
		if (process.env.BENCH_N8N_INSTALL === '0') {
			return notRunSection('trigger', TITLE, `n8n is not installed (${check.reason}) and BENCH_N8N_INSTALL=0`);
		}
		progress('installing n8n into .n8n-runtime (scripts/n8n/install.js, ~3 min the first time)');
		try {
			await n8n.ensureRuntime();
		} catch (error) {
			return notRunSection('trigger', TITLE, `could not install n8n: ${(error as Error).message.split('\n')[0]}`, (Date.now() - started) / 1000);
		}
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trigger-'));
	let emulator: StripeEmulator | undefined;
	let instance: any;
	const dispatcher = new Agent({ keepAliveTimeout: 10_000, connections: options.concurrency + 1 });
	try {
		emulator = await startEmulator();
		const packed = await packaging.buildAndPackSnapshot(work, REPO);
		progress(`built and packed ${path.basename(packed.tgz)} (${(packed.size / 1024).toFixed(0)} KiB) in ${fmtMs(packed.buildMs + packed.packMs)}`);
		const home = n8n.createHome(path.join(work, 'home'));
		await n8n.installPackage(home, packed.tgz);
		await n8n.importCredentials(home, [
			{ ...CREDENTIAL, type: 'stripePlatformApi', data: { secretKey: BENCH_SECRET_KEY, baseUrl: emulator.url } },
		]);
		await n8n.importWorkflow(home, [triggerWorkflow(), plainWorkflow()]);
		await n8n.publish(home, TRIGGER_WORKFLOW);
		await n8n.publish(home, PLAIN_WORKFLOW);
		instance = await n8n.start(home);
		const readyMs = await instance.waitReady();
		const triggerUrl: string = instance.webhookUrl(TRIGGER_WEBHOOK_ID, 'webhook');
		const plainUrl: string = instance.webhookUrl(PLAIN_PATH);
		progress(`n8n ${installer.n8nVersion()} ready in ${fmtMs(readyMs)} on ${instance.baseUrl}`);

		// the trigger's activation registered an endpoint: its secret signs the deliveries
		const endpoint = await n8n.waitFor(
			async () => emulator!.listObjects('webhook_endpoint').find((candidate) => candidate.url === triggerUrl),
			{ timeoutMs: 60_000, what: `a webhook endpoint for ${triggerUrl} in the emulator` },
		);
		const secret: string = endpoint.secret;
		const stripe = new Stripe(BENCH_SECRET_KEY);
		let serial = 0;
		const makeDeliveries = (n: number): Delivery[] =>
			Array.from({ length: n }, () => {
				const body = sampleEvent(serial++);
				const { id } = JSON.parse(body) as { id: string };
				return { id, body, signature: stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
			});

		// both URLs answer (published workflows are activated after readiness), then a warm-up
		for (const url of [triggerUrl, plainUrl]) {
			await n8n.waitFor(async () => (await postAll(dispatcher, url, 'plain', makeDeliveries(1), 1)).ok === 1, {
				timeoutMs: 60_000,
				intervalMs: 500,
				what: `${url} to answer 200`,
			});
		}
		// executions each workflow must have in the end: the probe above started one each
		const expected: Record<Target, number> = { trigger: 1, plain: 1 };
		const countAccepted = (batch: Batch) => (expected[batch.target] += batch.ok);
		const urls: Record<Target, string> = { trigger: triggerUrl, plain: plainUrl };
		for (const target of ['trigger', 'plain'] as Target[]) {
			countAccepted(await postAll(dispatcher, urls[target], target, makeDeliveries(options.warmUp ?? 200), options.concurrency));
		}

		const batches: Batch[] = [];
		for (let round = 0; round < rounds; round++) {
			for (const concurrency of [1, options.concurrency]) {
				const order: Target[] = round % 2 === 0 ? ['trigger', 'plain'] : ['plain', 'trigger'];
				for (const target of order) {
					const batch = await postAll(dispatcher, urls[target], target, makeDeliveries(options.events), concurrency);
					countAccepted(batch);
					batches.push(batch);
					progress(
						`trigger round ${round + 1}: ${target}, concurrency ${concurrency}: ${batch.ok}/${batch.sent} × 200 in ${fmtMs(batch.ms)} ` +
							`(${((batch.ok / batch.ms) * 1000).toFixed(1)}/s) ${JSON.stringify(batch.statuses)}`,
					);
				}
			}
		}

		// every 200 must have started one execution (respond-immediately: they finish after the answer)
		const cookie = await n8n.setupOwner(instance.baseUrl);
		const apiKey = await n8n.createApiKey(instance.baseUrl, cookie);
		const executions: Record<Target, { total: number; success: number }> = { trigger: { total: 0, success: 0 }, plain: { total: 0, success: 0 } };
		await n8n
			.waitFor(
				async () => {
					executions.trigger = await countExecutions(instance.baseUrl, apiKey, TRIGGER_WORKFLOW);
					executions.plain = await countExecutions(instance.baseUrl, apiKey, PLAIN_WORKFLOW);
					return executions.trigger.success >= expected.trigger && executions.plain.success >= expected.plain;
				},
				{ timeoutMs: 60_000, intervalMs: 1000, what: 'every delivery to have a successful execution' },
			)
			.catch(() => undefined);
		const workflow = await n8n.api(instance.baseUrl, apiKey, 'GET', `/workflows/${TRIGGER_WORKFLOW}`);
		const remembered = new Set((workflow.staticData?.['node:Stripe Events Trigger']?.seenEventIds ?? []) as string[]);
		// the trigger's last concurrent batch: every id it accepted should be remembered (fewer than the 1,000 of capacity)
		const lastConcurrent = batches.filter((batch) => batch.target === 'trigger' && batch.concurrency > 1).pop();
		const memory: Memory = {
			size: remembered.size,
			batch: lastConcurrent?.accepted.length ?? 0,
			kept: lastConcurrent?.accepted.filter((id) => remembered.has(id)).length ?? 0,
		};
		progress(
			`executions: trigger ${JSON.stringify(executions.trigger)}, plain ${JSON.stringify(executions.plain)}; ${memory.size} event ids in ` +
				`static data, ${memory.kept} of the last concurrent batch's ${memory.batch}`,
		);

		return summarize(options, rounds, batches, expected, executions, memory, readyMs, (Date.now() - started) / 1000);
	} catch (error) {
		const message = (error as Error).message;
		process.stderr.write(`  ✗ trigger row: ${message}\n`);
		if (instance) process.stderr.write(`--- n8n log tail ---\n${instance.logTail(30)}\n`);
		return notRunSection('trigger', TITLE, message.split('\n')[0], (Date.now() - started) / 1000);
	} finally {
		await dispatcher.close().catch(() => undefined);
		if (instance) await instance.stop().catch(() => undefined);
		await emulator?.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

interface Memory {
	/** Ids in the trigger's static data at the end. */
	size: number;
	/** Ids the last concurrent trigger batch had accepted, and how many of them are remembered. */
	batch: number;
	kept: number;
}

function summarize(
	options: TriggerOptions,
	rounds: number,
	batches: Batch[],
	expected: Record<Target, number>,
	executions: Record<Target, { total: number; success: number }>,
	memory: Memory,
	readyMs: number,
	seconds: number,
): Section {
	const rate = (batch: Batch) => (batch.ok / batch.ms) * 1000;
	const rows: string[][] = [];
	const verdicts: Section['verdicts'] = [];
	const ratios: string[] = [];
	for (const concurrency of [1, options.concurrency]) {
		const of = (target: Target) => batches.filter((batch) => batch.target === target && batch.concurrency === concurrency);
		const medianRate = (target: Target) => median(of(target).map(rate));
		const ratio = medianRate('trigger') / medianRate('plain');
		for (const target of ['trigger', 'plain'] as Target[]) {
			const runs = of(target);
			const latencies = runs.flatMap((batch) => batch.latencies).sort((a, b) => a - b);
			const failed = runs.reduce((sum, batch) => sum + batch.sent - batch.ok, 0);
			rows.push([
				target === 'trigger' ? 'Stripe Events Trigger (signature checked, dedupe)' : 'n8n Webhook node (POST, respond immediately)',
				concurrency === 1 ? 'sequential' : `${concurrency} at a time`,
				`${runs.length} × ${options.events}`,
				`${medianRate(target).toFixed(1)}/s`,
				runs.map((batch) => rate(batch).toFixed(1)).join(', '),
				fmtMs(latencies[Math.floor(latencies.length / 2)]),
				fmtMs(latencies[Math.floor(latencies.length * 0.99)]),
				String(failed),
				target === 'trigger' ? fmtRatio(ratio) : '1×',
			]);
		}
		verdicts.push({
			target: `${concurrency === 1 ? 'sequential' : `${concurrency} at a time`}: ≥ 0.9× the plain Webhook node's deliveries/s`,
			measured: fmtRatio(ratio),
			met: ratio >= 0.9,
		});
		ratios.push(`${fmtRatio(ratio)} ${concurrency === 1 ? 'sequential' : `at ${concurrency}`}`);
	}
	verdicts.push({
		target: '(correctness) dedupe remembers every event accepted 4 at a time',
		measured: `${memory.kept} of the last concurrent batch's ${memory.batch} ids remembered`,
		met: memory.kept === memory.batch,
	});
	const allAccepted = batches.every((batch) => batch.ok === batch.sent);
	const executed = executions.trigger.success === expected.trigger && executions.plain.success === expected.plain;
	verdicts.push({
		target: 'every delivery answered 200 and started exactly one successful execution',
		measured:
			`trigger ${executions.trigger.success}/${expected.trigger} executions (${executions.trigger.total} in all), ` +
			`plain ${executions.plain.success}/${expected.plain} (${executions.plain.total})`,
		met: allAccepted && executed && executions.trigger.total === expected.trigger && executions.plain.total === expected.plain,
	});
	return {
		key: 'trigger',
		title: TITLE,
		setup: [
			`A real n8n ${installer.n8nVersion()} (\`n8n start\`, sqlite, default execution saving; ready ${fmtMs(readyMs)} after spawn) with this ` +
				'package installed from its `npm pack` tarball; emulator for the endpoint registration only.',
			`${rounds} rounds × {sequential, ${options.concurrency} at a time} × {trigger, plain} of ${options.events} POSTs each, the two URLs ` +
				'alternating first; keep-alive HTTP client; the same ~2 KB climate.order.created events signed with the endpoint secret ' +
				'(stripe.webhooks.generateTestHeaderString), a distinct event id per POST.',
		],
		columns: ['receiver', 'concurrency', 'batches', 'median deliveries/s', 'each batch /s', 'p50 latency', 'p99 latency', 'failed', 'vs plain'],
		rows,
		verdicts,
		notes: [
			'Both workflows respond immediately ("onReceived") and save every execution to sqlite, so both pay for n8n\'s webhook ' +
				'routing, the workflow load and the execution save; the trigger also verifies the signature and keeps the ids it has ' +
				'seen in the workflow\'s static data, which n8n writes back to the database after each accepted delivery.',
			`Dedupe memory after the run: ${memory.size} event ids in the trigger's static data (capacity 1,000); of the ` +
				`${memory.batch} ids the last concurrent batch had accepted, ${memory.kept} are remembered` +
				(memory.kept < memory.batch
					? `: ${memory.batch - memory.kept} were lost. n8n loads the workflow's static data at the start of each delivery and writes ` +
						'it back whole after it, so concurrent deliveries overwrite each other\'s additions; a redelivery of a lost id would start ' +
						'a second execution.'
					: '.'),
		],
		summary: ratios.join(', ') + ' the plain Webhook node',
		seconds,
	};
}
