/**
 * What the queue-mode checks look at and send: executions as Postgres holds them (every n8n process
 * writes there), webhook endpoints and requests as the emulator saw them, and signed deliveries
 * posted straight to one webhook process.
 */
import * as crypto from 'node:crypto';

import type { Emulator, StripeJson } from '../support/emulator';
import { sign } from '../support/stripeSignature';
import * as n8n from '../n8n/instance';
import type { PostgresService } from './services';
import { TRIGGER_PATH } from './workflows';

/** How long "nothing more happened" is watched for after a delivery that must start nothing. */
export const SETTLE_MS = 2000;
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

/** One execution as Postgres holds it; eventId is '' when its data holds no event. */
export interface Execution {
	id: number;
	status: string;
	mode: string;
	eventId: string;
}

/** An event the suite made up or had the emulator send; `text` is what was posted (null/absent for the emulator's). */
export interface SentEvent {
	id: string;
	type?: string;
	text?: string | null;
	/** Sent by the emulator (redelivered through its admin API). */
	real?: boolean;
}

/** A made-up event: its id, type and the JSON text Stripe would post. */
export interface MadeEvent extends SentEvent {
	type: string;
	text: string;
}

/** How a webhook process answered a delivery. */
export interface Answer {
	status: number;
	text: string;
	ms: number;
}

/** The claims (idempotent POSTs) the emulator received for one endpoint; see claims(). */
export interface Claims {
	total: number;
	fresh: number;
	replayed: number;
	inUse: number;
	other: number;
	keys: number;
}

/**
 * A workflow's executions, oldest first: [{id, status, mode, eventId}]. The event id is read from
 * the execution's stored data (each trigger execution carries one event), so an execution counts
 * from the moment a webhook process enqueued it, before a worker ran it.
 */
export async function executions(pg: PostgresService, workflowId: string): Promise<Execution[]> {
	const rows = await pg.query(
		`SELECT e.id, e.status, e.mode, coalesce(substring(d.data from 'evt_[A-Za-z0-9]+'), '')
		   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
		  WHERE e."workflowId" = '${workflowId}' ORDER BY e.id`,
	);
	return rows.map(([id, status, mode, eventId]) => ({ id: Number(id), status, mode, eventId }));
}

/**
 * The event ids the trigger has saved in its workflow's static data (Postgres), whatever node
 * holds them: every string starting with evt_ in the stored JSON. A figure, not a check: what the
 * trigger keeps there is its own business, what matters is what a redelivery does.
 */
export async function storedEventIds(pg: PostgresService, workflowId: string): Promise<string[]> {
	const [row] = await pg.query(`SELECT coalesce("staticData"::text, '') FROM workflow_entity WHERE id = '${workflowId}'`);
	return row ? row[0].match(/evt_[A-Za-z0-9]+/g) || [] : [];
}

/** Executions per event id among `list`. */
export function countByEvent(list: Execution[], eventIds: string[]): Map<string, number> {
	const counts = new Map(eventIds.map((id) => [id, 0]));
	for (const e of list) {
		const n = counts.get(e.eventId);
		if (n !== undefined) counts.set(e.eventId, n + 1);
	}
	return counts;
}

/** Waits until the workflow has at least `atLeast` executions and all of them have finished. */
export async function waitFinished(pg: PostgresService, workflowId: string, atLeast: number, { timeoutMs = 60000 } = {}): Promise<Execution[]> {
	return n8n.waitFor(
		async () => {
			const list = await executions(pg, workflowId);
			return list.length >= atLeast && list.every((e) => FINISHED.includes(e.status)) ? list : null;
		},
		{ timeoutMs, intervalMs: 250, what: `${atLeast} finished executions of ${workflowId}` },
	);
}

/** Waits SETTLE_MS, then until every execution has finished: the list once nothing moves. */
export async function settled(pg: PostgresService, workflowId: string): Promise<Execution[]> {
	await n8n.sleep(SETTLE_MS);
	return waitFinished(pg, workflowId, 0);
}

/** A Stripe-shaped event n8n has not seen: {id, type, text} (the JSON text Stripe would send). */
export function makeEvent(type: string, tag: string): MadeEvent {
	const id = `evt_q${tag}${crypto.randomBytes(9).toString('hex')}`;
	const object =
		type.startsWith('climate.')
			? { id: `climorder_q${tag}`, object: 'climate.order', metric_tons: '1', status: 'open' }
			: { id: `cos_q${tag}`, object: 'crypto.onramp_session', status: 'fulfillment_processing' };
	const event = {
		id,
		object: 'event',
		api_version: '2026-07-29.dahlia',
		created: Math.floor(Date.now() / 1000),
		data: { object },
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		type,
	};
	return { id, type, text: JSON.stringify(event, null, 2) };
}

/**
 * POSTs an event to one webhook process (its port) as Stripe would: signed now with `secret`
 * unless `headers` says otherwise. Resolves {status, text, ms}.
 */
export async function deliver(
	port: number,
	trigger: { webhookId: string },
	body: string,
	{ secret, headers, at }: { secret?: string; headers?: Record<string, string>; at?: number } = {},
): Promise<Answer> {
	const t0 = Date.now();
	const h: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' };
	if (secret) h['stripe-signature'] = sign(secret, body, at);
	const res = await fetch(`http://127.0.0.1:${port}/webhook/${trigger.webhookId}/${TRIGGER_PATH}`, {
		method: 'POST',
		headers: { ...h, ...headers },
		body,
		signal: AbortSignal.timeout(30000),
	});
	const text = await res.text();
	return { status: res.status, text, ms: Date.now() - t0 };
}

/** Runs `fn` over `items` with at most `limit` at a time; resolves the results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
	const out = new Array<R>(items.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) {
				const i = next++;
				out[i] = await fn(items[i], i);
			}
		}),
	);
	return out;
}

/** The emulator's webhook endpoints whose URL is `url`. */
export async function endpointsAt(emu: Emulator, url: string): Promise<StripeJson[]> {
	return (await emu.objects('webhook_endpoint')).filter((e) => e.url === url);
}

/**
 * The claims the emulator received for an endpoint since its log was last cleared: POSTs to
 * /v1/webhook_endpoints/<id> carrying an Idempotency-Key. {total, fresh, replayed, inUse, other,
 * keys}: per key, the first 200 is the one that ran; later 200s were replayed; 409 is "in use".
 */
export async function claims(emu: Emulator, endpointId: string): Promise<Claims> {
	const reqs = (await emu.requests()).filter(
		(r) => r.method === 'POST' && r.path === `/v1/webhook_endpoints/${endpointId}` && r.headers['idempotency-key'],
	);
	const seen = new Set<string>();
	const out: Claims = { total: reqs.length, fresh: 0, replayed: 0, inUse: 0, other: 0, keys: 0 };
	for (const r of reqs) {
		const key = r.headers['idempotency-key'] as string; // the filter kept only requests with one
		if (r.status === 200) {
			if (seen.has(key)) out.replayed += 1;
			else out.fresh += 1;
			seen.add(key);
		} else if (r.status === 409) out.inUse += 1;
		else out.other += 1;
	}
	out.keys = new Set(reqs.map((r) => r.headers['idempotency-key'])).size;
	return out;
}

export const describeClaims = (c: Claims): string => `${c.total} claims at Stripe (${c.fresh} fresh, ${c.replayed} replayed, ${c.inUse} answered 409 in use${c.other ? `, ${c.other} other` : ''})`;

/** Execution ids (of `ids`) that the worker's log says it started. */
export function ranByWorker(worker: { log(): string }, ids: number[]): number[] {
	const log = worker.log();
	return ids.filter((id) => log.includes(`Worker started execution ${id} `));
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(values: number[], p: number): number {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
