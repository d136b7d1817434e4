/**
 * The Stripe Events Trigger in a running n8n (`n8n start`), against the emulator: endpoint
 * registration on activation, signed deliveries → one execution per event, dedupe of redeliveries,
 * refusal of unsigned and tampered requests, a restart, and deactivation through the public API.
 *
 * Every function takes (report, ctx) (ctx: the suite's E2eContext, test/e2e/context.ts) and
 * fills ctx as it goes.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';

import type { DeliveryRecord } from '../emulator/types';
import { emulatorCredential } from '../support/credential';
import type { StripeJson } from '../support/emulator';
import { check, checkEqual, type Report } from '../support/report';
import { sign } from '../support/stripeSignature';
import * as n8n from '../n8n/instance';
import { is2xx, nodeItems, running, startN8n, type ApiExecutionPage, type E2eContext } from './context';
import * as wf from './workflows';

const TRIGGER_NODE = 'Stripe Events Trigger';
/** Limit of every wait for something that must happen (condition-based: a fast run does not wait it out). */
const WAIT_MS = 60000;
/** How long "nothing happened" is watched for (no execution after a refused or duplicate delivery) before the sentinel. */
const SETTLE_MS = 1500;
/** A credential pin set during the restart: an endpoint made with API Version empty must not follow it. */
const CREDENTIAL_PIN_AFTER_RESTART = '2026-03-25.dahlia';

/** The part of the sqlite3 package (n8n's dependency) read here. */
interface Sqlite3 {
	OPEN_READONLY: number;
	Database: new (file: string, mode: number) => {
		get(sql: string, params: unknown[], done: (e: Error | null, row: StaticDataRow | undefined) => void): void;
		close(): void;
	};
}
interface StaticDataRow {
	staticData?: string | Record<string, { seenEventIds?: string[] }> | null;
}

// ---------------------------------------------------------------------------------------------
// helpers

interface WaitOptions {
	timeoutMs?: number;
	intervalMs?: number;
	what?: string;
}

/** waitFor that gives up at once when n8n has exited; resolves fn's first truthy value. */
async function waitN8n<T>(ctx: E2eContext, fn: () => Promise<T>, opts: WaitOptions = {}): Promise<NonNullable<T>> {
	return n8n.waitFor(
		async () => {
			if (ctx.inst && ctx.inst.exitInfo) {
				const x = ctx.inst.exitInfo;
				throw Object.assign(new Error(`n8n exited unexpectedly (code ${x.code}, signal ${x.signal})`), { fatal: true });
			}
			return fn();
		},
		{ timeoutMs: WAIT_MS, intervalMs: 150, ...opts },
	).catch((e: Error) => {
		if (ctx.inst && ctx.inst.exitInfo) {
			const x = ctx.inst.exitInfo;
			throw new Error(`n8n exited unexpectedly (code ${x.code}, signal ${x.signal}) while waiting for ${opts.what || 'a condition'}`);
		}
		throw e;
	});
}

/** One execution of the trigger workflow, read from its trigger's output. */
export interface TriggerExecution {
	id: string;
	status: string;
	mode: string;
	eventId?: string;
	eventType?: string;
	objectId?: string;
	/** How many items the trigger emitted. */
	items: number;
}

/** The trigger workflow's executions, oldest first. */
export async function executions(ctx: E2eContext): Promise<TriggerExecution[]> {
	const out: TriggerExecution[] = [];
	let cursor: string | null | undefined;
	do {
		const q = `/executions?workflowId=${ctx.workflowId}&includeData=true&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page: ApiExecutionPage = await n8n.api(running(ctx).baseUrl, ctx.apiKey, 'GET', q);
		for (const e of page.data) {
			const items = nodeItems(e, TRIGGER_NODE);
			const item = items?.[0];
			out.push({
				id: e.id,
				status: e.status,
				mode: e.mode,
				eventId: item?.id,
				eventType: item?.type,
				objectId: item?.data?.object?.id,
				items: items?.length ?? 0,
			});
		}
		cursor = page.nextCursor;
	} while (cursor);
	return out.sort((a, b) => Number(a.id) - Number(b.id));
}

/** The emulator's event for an object (newest first), once it exists. */
async function eventFor(ctx: E2eContext, type: string, objectId: string): Promise<StripeJson> {
	return waitN8n(
		ctx,
		() => ctx.emu.eventAbout(type, objectId),
		{ what: `the emulator's ${type} event for ${objectId}` },
	);
}

/** The `n`-th (1-based) delivery attempt record of an event, once it has an outcome. */
async function delivery(ctx: E2eContext, eventId: string, n = 1): Promise<DeliveryRecord> {
	return waitN8n(
		ctx,
		async () => {
			const ds = await ctx.emu.deliveriesOf(eventId);
			return ds.length >= n ? ds[n - 1] : null;
		},
		{ what: `delivery #${n} of ${eventId}` },
	);
}

/**
 * Stripe sends an event it delivered before again (same id, fresh signature); resolves its answer
 * (checked 2xx), the number of executions before, and the executions once settled (settledExecutions).
 */
async function redeliver(ctx: E2eContext, eventId: string): Promise<{ d: DeliveryRecord; before: number; list: TriggerExecution[] }> {
	const before = (await executions(ctx)).length;
	const prior = (await ctx.emu.deliveriesOf(eventId)).length;
	await ctx.emu.admin('POST', `/events/${eventId}/redeliver`);
	const d = await delivery(ctx, eventId, prior + 1);
	check(is2xx(d.status), `the redelivery was answered ${d.status ?? d.error}`);
	return { d, before, list: await settledExecutions(ctx) };
}

/**
 * The trigger workflow's executions once every request answered so far has had its chance to start
 * one, without the sentinel's: SETTLE_MS, then a fresh signed event (the sentinel) posted to the
 * production URL and waited for until its execution is listed. n8n answers a delivery before it
 * creates the execution, so after a sleep alone a slow machine could show no execution for a
 * delivery that did start one; an execution started for a request answered before the sentinel was
 * sent is created before the sentinel's.
 */
export async function settledExecutions(ctx: E2eContext): Promise<TriggerExecution[]> {
	await n8n.sleep(SETTLE_MS);
	const sentinel = syntheticEvent('sentinel');
	const r = await postWebhook(ctx, sentinel.text, { 'stripe-signature': sign(ctx.endpointSecret, sentinel.text) });
	check(is2xx(r.status), `the sentinel event ${sentinel.id} was answered ${r.status} ${r.text.slice(0, 200)}`);
	const list = await waitN8n(ctx, async () => {
		const l = await executions(ctx);
		return l.some((e) => e.eventId === sentinel.id) ? l : null;
	}, { what: `the sentinel's execution (${sentinel.id})` });
	return list.filter((e) => e.eventId !== sentinel.id);
}

/** POST a body to the production webhook URL; resolves {status, text, ms}. */
async function postWebhook(ctx: E2eContext, body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; ms: number }> {
	const t0 = Date.now();
	const res = await fetch(ctx.webhookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', ...headers },
		body,
		signal: AbortSignal.timeout(15000),
	});
	const text = await res.text();
	return { status: res.status, text, ms: Date.now() - t0 };
}

/** A fresh Stripe-shaped event (an id n8n has never seen), as the JSON text Stripe would send. */
export function syntheticEvent(tag: string): { id: string; text: string } {
	const now = Math.floor(Date.now() / 1000);
	const id = `evt_e2e${tag}${crypto.randomBytes(8).toString('hex')}`;
	return {
		id,
		text: JSON.stringify(
			{
				id,
				object: 'event',
				api_version: '2026-07-29.dahlia',
				created: now,
				data: { object: { id: `climorder_e2e${tag}`, object: 'climate.order', metric_tons: '1', status: 'open' } },
				livemode: false,
				pending_webhooks: 1,
				request: { id: null, idempotency_key: null },
				type: 'climate.order.created',
			},
			null,
			2,
		),
	};
}

const endpoints = (ctx: E2eContext): Promise<StripeJson[]> => ctx.emu.objects('webhook_endpoint');

// ---------------------------------------------------------------------------------------------
// activation

export async function activation(report: Report, ctx: E2eContext): Promise<void> {
	// start from an empty emulator: whatever the action nodes created (or a failed case left) must not count
	await ctx.emu.admin('POST', '/reset');
	await report.step(
		'publish the trigger workflow (n8n publish:workflow, n8n stopped)',
		async () => {
			const r = await n8n.publish(ctx.home, ctx.workflowId);
			return `${ctx.workflowId} published in ${r.durationMs} ms`;
		},
		{ critical: true },
	);
	await ctx.emu.clearLog();
	await report.step(
		'n8n start → /healthz/readiness',
		async () => {
			const { inst, readyMs } = await startN8n(ctx);
			return `ready ${readyMs} ms after spawn on ${inst.baseUrl} (task broker ${inst.brokerPort})`;
		},
		{ critical: true },
	);
	await report.step(
		'activation registers exactly one webhook endpoint with the production URL',
		async () => {
			const [ep] = await waitN8n(ctx, async () => {
				const eps = await endpoints(ctx);
				return eps.length ? eps : null;
			}, { what: 'a webhook endpoint in the emulator' });
			const afterMs = Date.now() - running(ctx).startedAt;
			await n8n.sleep(500); // a second registration would show up now
			const eps = await endpoints(ctx);
			check(eps.length === 1, () => `the emulator holds ${eps.length} endpoints: ${eps.map((e) => `${e.id} ${e.url}`).join(', ')}`);
			checkEqual(eps[0].url, ctx.webhookUrl, 'endpoint url');
			checkEqual(eps[0].enabled_events, [...wf.TRIGGER_EVENTS].sort(), 'enabled_events');
			checkEqual(eps[0].status, 'enabled', 'endpoint status');
			checkEqual(eps[0].metadata?.n8n_workflow_id, ctx.workflowId, 'metadata.n8n_workflow_id');
			ctx.endpointId = ep.id;
			ctx.endpointSecret = eps[0].secret;
			return `${ep.id} → ${ep.url}, ${eps[0].enabled_events.length} events, api_version ${eps[0].api_version}, registered ${afterMs} ms after spawn`;
		},
		{ critical: true },
	);
	await report.step(
		'owner set up and public-API key created',
		async () => {
			ctx.cookie = await n8n.setupOwner(running(ctx).baseUrl);
			ctx.apiKey = await n8n.createApiKey(running(ctx).baseUrl, ctx.cookie);
			const list = await executions(ctx);
			check(list.length === 0, `the trigger workflow already has ${list.length} execution(s)`);
			return `API key ${ctx.apiKey.slice(0, 10)}…; GET /api/v1/executions?workflowId=${ctx.workflowId} → 0 executions`;
		},
		{ critical: true },
	);
	await report.step('n8n lists the credential type (GET /types/credentials.json)', async () => {
		const res = await fetch(`${running(ctx).baseUrl}/types/credentials.json`, { headers: { cookie: ctx.cookie } });
		check(res.status === 200, `GET /types/credentials.json → ${res.status}`);
		const types = (await res.json()) as Array<{ name: string; displayName: string; properties: unknown[] }>;
		const ours = types.filter((t) => ctx.expectedCredentials.includes(t.name));
		check(
			ours.length === ctx.expectedCredentials.length,
			() => `missing: ${ctx.expectedCredentials.filter((n) => !ours.some((t) => t.name === n)).join(', ')}`,
		);
		return `${ours.map((t) => `${t.name} ("${t.displayName}", ${t.properties.length} fields)`).join(', ')} among ${types.length} types`;
	});
}

// ---------------------------------------------------------------------------------------------
// deliveries

/**
 * `cause()` makes the emulator emit a `type` event about an object (resolves the object); checks
 * the signed delivery is answered 2xx and starts exactly one execution whose trigger output is the
 * event. Records the event in ctx.events.
 */
async function deliverOne(report: Report, ctx: E2eContext, label: string, type: string, cause: () => Promise<StripeJson>): Promise<string | undefined> {
	return report.step(`${label} → ${type} delivered → one execution`, async () => {
		const t0 = Date.now();
		const obj = await cause();
		const event = await eventFor(ctx, type, obj.id);
		const d = await delivery(ctx, event.id);
		check(is2xx(d.status), `the delivery of ${event.id} was answered ${d.status ?? d.error}`);
		const deliveredMs = Date.now() - t0;
		const mine = await waitN8n(ctx, async () => {
			const list = (await executions(ctx)).filter((e) => e.eventId === event.id);
			return list.length ? list : null;
		}, { what: `an execution for ${event.id}` });
		const execMs = Date.now() - t0;
		check(mine.length === 1, `${mine.length} executions for ${event.id}`);
		const [x] = mine;
		checkEqual([x.mode, x.eventType, x.objectId, x.items], ['webhook', type, obj.id, 1], 'execution mode, trigger output type, object id, item count');
		await waitN8n(ctx, async () => (await executions(ctx)).find((e) => e.id === x.id && e.status === 'success'), {
			what: `execution ${x.id} to succeed`,
		});
		ctx.events.push({ id: event.id, type, objectId: obj.id, executionId: x.id });
		return `${event.id} (${obj.id}): delivery ${d.status} after ${deliveredMs} ms, execution #${x.id} success after ${execMs} ms`;
	});
}

export async function deliveries(report: Report, ctx: E2eContext): Promise<void> {
	const products = await ctx.emu.stripe('GET', '/v1/climate/products', { limit: 1 });
	ctx.product = products.data[0].id;
	const orderParams = { product: ctx.product, metric_tons: '0.5', metadata: { source: 'n8n-e2e' } };

	await deliverOne(report, ctx, 'POST /v1/climate/orders', 'climate.order.created', async () => {
		ctx.order = await ctx.emu.stripe('POST', '/v1/climate/orders', orderParams);
		return ctx.order;
	});
	await deliverOne(report, ctx, 'POST /v1/climate/orders/{id}/cancel', 'climate.order.canceled', async () => {
		check(ctx.order, 'no order to cancel (its creation failed)');
		return ctx.emu.stripe('POST', `/v1/climate/orders/${ctx.order.id}/cancel`, {});
	});
	await deliverOne(report, ctx, 'onramp session created + advanced (admin)', 'crypto.onramp_session_updated', async () => {
		const s = await ctx.emu.stripe('POST', '/v1/crypto/onramp_sessions', {
			source_amount: '50',
			source_currency: 'usd',
			destination_currency: 'usdc',
			destination_network: 'solana',
		});
		const events = (await ctx.emu.objects('event')).filter((e) => e.data?.object?.id === s.id);
		check(events.length === 0, `creating ${s.id} emitted ${events.map((e) => e.type).join(', ')} (Stripe emits nothing on create)`);
		return ctx.emu.admin('POST', `/onramp_sessions/${s.id}/advance`, { status: 'fulfillment_processing' });
	});

	await report.step('exactly one execution per event, no retries', async () => {
		await n8n.sleep(SETTLE_MS / 2);
		const list = await executions(ctx);
		const ds = await ctx.emu.deliveries();
		const lines = ctx.events.map((ev) => {
			const n = list.filter((e) => e.eventId === ev.id).length;
			const attempts = ds.filter((d) => d.eventId === ev.id);
			check(n === 1, `${ev.id} (${ev.type}) has ${n} executions`);
			check(attempts.length === 1, `${ev.id} was delivered ${attempts.length} times (${attempts.map((a) => a.status ?? a.error).join(', ')})`);
			return ev.type;
		});
		check(list.length === ctx.events.length, `${list.length} executions for ${ctx.events.length} events`);
		check(list.every((e) => e.status === 'success'), () => `statuses: ${list.map((e) => e.status).join(', ')}`);
		ctx.executionCount = list.length;
		return `${list.length} events, ${list.length} executions (${lines.join(', ')}), 1 delivery attempt each`;
	});

	await report.step('redelivery of a delivered event → 2xx, no second execution', async () => {
		const ev = ctx.events[0];
		check(ev, 'no delivered event to redeliver');
		const { d, before, list } = await redeliver(ctx, ev.id);
		check(list.length === before, `executions went from ${before} to ${list.length}`);
		check(list.filter((e) => e.eventId === ev.id).length === 1, `${ev.id} now has more than one execution`);
		return `${ev.id} redelivered (same id, fresh signature) → ${d.status}; executions still ${list.length} once a later event's execution is listed`;
	});

	const refused = async (label: string, expectStatus: number, body: string, headers: Record<string, string>): Promise<string> => {
		const before = (await executions(ctx)).length;
		const r = await postWebhook(ctx, body, headers);
		check(r.status >= 400 && r.status < 500, `answered ${r.status} ${r.text.slice(0, 200)}`);
		if (expectStatus) check(r.status === expectStatus, `answered ${r.status}, expected ${expectStatus}: ${r.text.slice(0, 200)}`);
		const after = (await settledExecutions(ctx)).length;
		check(after === before, `executions went from ${before} to ${after}`);
		return `${label} → ${r.status} ${r.text.slice(0, 80)}; executions still ${after} once a later event's execution is listed`;
	};

	await report.step('unsigned POST to the production URL → 4xx, no execution', async () => {
		const ev = syntheticEvent('unsigned');
		return refused(`new event ${ev.id}, no Stripe-Signature`, 400, ev.text, {});
	});
	await report.step('tampered POST (signed, then body changed) → 4xx, no execution', async () => {
		const ev = syntheticEvent('tampered');
		const header = sign(ctx.endpointSecret, ev.text);
		const tampered = ev.text.replace('"metric_tons": "1"', '"metric_tons": "1000"');
		check(tampered !== ev.text, 'could not tamper the body');
		return refused(`new event ${ev.id}, metric_tons 1 → 1000 after signing`, 401, tampered, { 'stripe-signature': header });
	});
	await report.step('control: the same kind of request correctly signed → 2xx, one execution', async () => {
		const ev = syntheticEvent('signed');
		const r = await postWebhook(ctx, ev.text, { 'stripe-signature': sign(ctx.endpointSecret, ev.text) });
		check(r.status >= 200 && r.status < 300, `answered ${r.status} ${r.text.slice(0, 200)}`);
		const mine = await waitN8n(ctx, async () => {
			const list = (await executions(ctx)).filter((e) => e.eventId === ev.id);
			return list.length ? list : null;
		}, { what: `an execution for ${ev.id}` });
		check(mine.length === 1, `${mine.length} executions for ${ev.id}`);
		ctx.events.push({ id: ev.id, type: 'climate.order.created', synthetic: true });
		return `${ev.id} signed with the endpoint's secret → ${r.status}, execution #${mine[0].id} (so the refusals above are the signature check's)`;
	});
}

/**
 * Stripe delivers events to an endpoint concurrently. n8n loads a workflow's static data at the
 * start of each webhook request and saves it whole at the end, so without the trigger's
 * process-wide memory two deliveries in flight would drop each other's event ids and a redelivery
 * would start a second execution. Fires `n` events at once, then redelivers them all.
 */
export async function concurrentDeliveries(report: Report, ctx: E2eContext, n = 6): Promise<void> {
	await report.step(`${n} events delivered concurrently, then all redelivered → still one execution each`, async () => {
		const before = await executions(ctx);
		const orders = await Promise.all(
			Array.from({ length: n }, () => ctx.emu.stripe('POST', '/v1/climate/orders', { product: ctx.product, metric_tons: '0.1' })),
		);
		const events = await Promise.all(orders.map((o) => eventFor(ctx, 'climate.order.created', o.id)));
		await Promise.all(events.map((e) => delivery(ctx, e.id)));
		await waitN8n(ctx, async () => (await executions(ctx)).length >= before.length + n, { what: `${n} new executions` });
		for (const e of events) await ctx.emu.admin('POST', `/events/${e.id}/redeliver`);
		await Promise.all(events.map((e) => delivery(ctx, e.id, 2)));
		const after = await settledExecutions(ctx);
		const twice = events.filter((e) => after.filter((x) => x.eventId === e.id).length !== 1);
		check(twice.length === 0, `${twice.length} of ${n} events started a second execution on redelivery (${twice.map((e) => e.id).join(', ')})`);
		return `${n} concurrent events → ${after.length - before.length} executions after redelivering all`;
	});
}

/**
 * The trigger's static data as n8n saved it in its database (read with the runtime's own sqlite3,
 * as n8n writes it: the restart test depends on what is stored, not on what a process remembers).
 */
async function savedStaticData(ctx: E2eContext): Promise<{ seenEventIds?: string[] }> {
	// n8n's own sqlite3, found in the runtime folder only at run time
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const sqlite3 = require(path.join(n8n.runtimeDir(), 'node_modules', 'sqlite3')) as Sqlite3;
	const db = new sqlite3.Database(path.join(ctx.home, '.n8n', 'database.sqlite'), sqlite3.OPEN_READONLY);
	try {
		const row = await new Promise<StaticDataRow | undefined>((resolve, reject) =>
			db.get('SELECT staticData FROM workflow_entity WHERE id = ?', [ctx.workflowId], (e, r) => (e ? reject(e) : resolve(r))),
		);
		const data = typeof row?.staticData === 'string' ? JSON.parse(row.staticData) : row?.staticData;
		return data?.[`node:${TRIGGER_NODE}`] ?? {};
	} finally {
		db.close();
	}
}

/** Every event that started an execution is in the saved static data, so a restart keeps it. */
export async function savedIdsCoverExecutions(report: Report, ctx: E2eContext): Promise<void> {
	await report.step('every event that started an execution is saved in the static data', async () => {
		const ran = (await executions(ctx)).map((e) => e.eventId).filter((id): id is string => Boolean(id));
		// n8n saves the static data after answering the delivery: wait for the save (a fixed pause
		// failed on a busy machine), and say what is missing if it never comes
		let missing = ran;
		let saved = new Set<string>();
		const t0 = Date.now();
		await waitN8n(ctx, async () => {
			saved = new Set((await savedStaticData(ctx)).seenEventIds ?? []);
			missing = ran.filter((id) => !saved.has(id));
			return missing.length === 0;
		}, { what: 'every executed event id in the saved static data' }).catch((e: Error) => {
			throw new Error(`${missing.length} of ${ran.length} executed event ids are not in the saved static data (${saved.size} saved): ${e.message}`);
		});
		return `${ran.length} executed event ids, all among the ${saved.size} saved (${Date.now() - t0} ms after the check began)`;
	});
}

// ---------------------------------------------------------------------------------------------
// restart

export async function restart(report: Report, ctx: E2eContext): Promise<void> {
	await report.step(
		'stop n8n (SIGTERM)',
		async () => {
			const r = await running(ctx).stop();
			check(r.code === 0 || r.signal === 'SIGTERM', `n8n exited with code ${r.code}, signal ${r.signal}`);
			const eps = await endpoints(ctx);
			check(eps.length === 1 && eps[0].id === ctx.endpointId, `after the stop the emulator holds ${eps.map((e) => e.id).join(', ') || 'no endpoint'}`);
			return `exit code ${r.code}, stopped in ${r.stopMs} ms; endpoint ${ctx.endpointId} kept (stopping is not deactivating)`;
		},
		{ critical: true },
	);
	ctx.inst = null;
	await report.step("while n8n is stopped, the credential's API Version is pinned to another version", async () => {
		// The trigger's API Version is empty: its endpoint must keep the version it was created with.
		await n8n.importCredentials(ctx.home, [emulatorCredential(ctx.emu, { apiVersion: CREDENTIAL_PIN_AFTER_RESTART })]);
		return `credential pin → ${CREDENTIAL_PIN_AFTER_RESTART}`;
	});
	await ctx.emu.clearLog();
	await report.step(
		'n8n start again on the same port → webhook served',
		async () => {
			const { readyMs } = await startN8n(ctx);
			const r = await waitN8n(ctx, async () => {
				const x = await postWebhook(ctx, '{}', {});
				return x.status !== 404 ? x : null;
			}, { what: 'the production webhook to be registered again' });
			const servedMs = Date.now() - running(ctx).startedAt;
			check(r.status === 400, `an unsigned probe was answered ${r.status}, expected 400`);
			return `ready ${readyMs} ms, webhook answering (probe → ${r.status}) ${servedMs} ms after spawn`;
		},
		{ critical: true },
	);
	await report.step('still exactly one endpoint, the same one (none created or deleted), its API version kept', async () => {
		// n8n serves the webhook before its startup activation has run the trigger's hooks (their
		// requests came after the probe's answer on a busy machine): wait for the line n8n logs once
		// that activation has returned (2.41 runs no hook here and sends nothing), and a moment more
		const activated = 'Editor is now accessible via';
		await waitN8n(ctx, async () => running(ctx).log().includes(activated), { what: `n8n's log line "${activated}"` });
		await n8n.sleep(SETTLE_MS);
		const eps = await endpoints(ctx);
		check(eps.length === 1, () => `the emulator holds ${eps.length} endpoints: ${eps.map((e) => e.id).join(', ')}`);
		checkEqual([eps[0].id, eps[0].url, eps[0].status], [ctx.endpointId, ctx.webhookUrl, 'enabled'], 'endpoint id, url, status');
		check(eps[0].api_version !== CREDENTIAL_PIN_AFTER_RESTART, `the endpoint was recreated with the credential's new pin ${eps[0].api_version}`);
		const reqs = (await ctx.emu.requests()).filter((r) => r.path.startsWith('/v1/webhook_endpoints'));
		const writes = reqs.filter((r) => r.method !== 'GET');
		check(writes.length === 0, () => `activation after the restart sent ${writes.map((r) => `${r.method} ${r.path}`).join(', ')}`);
		return `${ctx.endpointId} kept; activation sent ${reqs.map((r) => `${r.method} ${r.path.replace(ctx.endpointId, '{id}')}`).join(', ') || 'nothing'}`;
	});
	await deliverOne(report, ctx, 'after the restart: POST /v1/climate/orders', 'climate.order.created', async () =>
		ctx.emu.stripe('POST', '/v1/climate/orders', { product: ctx.product, metric_tons: '0.25' }),
	);
	await report.step('after the restart: redelivery of an event from before → no execution', async () => {
		const ev = ctx.events.find((e) => !e.synthetic && e.type === 'crypto.onramp_session_updated') || ctx.events[0];
		const { d, before, list } = await redeliver(ctx, ev.id);
		const after = list.length;
		check(after === before, `executions went from ${before} to ${after}`);
		return `${ev.id} (${ev.type}) → ${d.status}; executions still ${after} (the seen-event memory survived the restart)`;
	});
}

// ---------------------------------------------------------------------------------------------
// deactivation

export async function deactivate(report: Report, ctx: E2eContext): Promise<void> {
	await ctx.emu.clearLog();
	await report.step('deactivate through the public API → the endpoint is deleted', async () => {
		const t0 = Date.now();
		const r: { active?: boolean } = await n8n.api(running(ctx).baseUrl, ctx.apiKey, 'POST', `/workflows/${ctx.workflowId}/deactivate`);
		check(r.active === false, `the API answered active=${r.active}`);
		const apiMs = Date.now() - t0;
		await waitN8n(ctx, async () => (await endpoints(ctx)).length === 0, { what: 'the endpoint to be deleted' });
		const goneMs = Date.now() - t0;
		const dels = (await ctx.emu.requests()).filter((x) => x.method === 'DELETE');
		checkEqual(
			dels.map((x) => [x.path, x.status]),
			[[`/v1/webhook_endpoints/${ctx.endpointId}`, 200]],
			'DELETE requests',
		);
		return `POST /api/v1/workflows/${ctx.workflowId}/deactivate answered in ${apiMs} ms; DELETE /v1/webhook_endpoints/${ctx.endpointId}; emulator holds 0 endpoints after ${goneMs} ms`;
	});
	await report.step('the production URL is gone (404)', async () => {
		const r = await waitN8n(ctx, async () => {
			const x = await postWebhook(ctx, '{}', {});
			return x.status === 404 ? x : null;
		}, { what: 'the production URL to answer 404' });
		return `POST ${ctx.webhookUrl} → ${r.status}`;
	});
	await report.step('stop n8n', async () => {
		const r = await running(ctx).stop();
		ctx.inst = null;
		return `exit code ${r.code}, stopped in ${r.stopMs} ms`;
	});
}
