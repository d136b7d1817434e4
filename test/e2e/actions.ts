/**
 * Action nodes through the real n8n CLI: for each node, `n8n execute` of its workflow (manual trigger
 * → the node's operations), then checks of the nodes' output and of what the emulator received.
 *
 * Each case (ActionCase) checks the run's output with `outputs(run, ctx)` and then the requests the
 * emulator received with `requests(reqs, ctx)`; both return the detail of their report line, and
 * `outputs` keeps in `ctx` what `requests` checks against.
 */
import * as path from 'node:path';

import type { RecordedRequest } from '../emulator/types';
import { CREDENTIAL, CREDENTIAL_TYPE } from '../support/credential';
import type { Emulator, StripeJson } from '../support/emulator';
import { isManual, loadExamples, nodeTypes, type WorkflowJson } from '../support/examples';
import { check, checkEqual, type Report } from '../support/report';
import { PKG } from '../../scripts/lib/repo';
import * as n8n from '../n8n/instance';
import type { N8nRun } from '../n8n/instance';
import * as wf from './workflows';

/** A case's scratch: the emulator, and the objects `outputs` read from the run for `requests`. */
export interface CaseContext {
	emu: Emulator;
	[found: string]: StripeJson;
}

export interface ActionCase {
	key: string;
	title: string;
	/** The node's name (its type without the package prefix). */
	nodeType: string;
	workflow: () => WorkflowJson;
	/** Checks the nodes' output; returns the line's detail. */
	outputs(run: N8nRun, ctx: CaseContext): string;
	/** Checks the requests the emulator received during the run; returns the line's detail. */
	requests(reqs: RecordedRequest[], ctx: CaseContext): string;
}

/** Items' json of a node's first output, checked to be `n` items when `n` is given. */
export function items(run: N8nRun, node: string, n?: number): StripeJson[] {
	const out = n8n.nodeOutput(run, node);
	if (n !== undefined) check(out.length === n, `${node}: expected ${n} item(s), got ${out.length}`);
	return out;
}

/** The requests as "METHOD /path" lines, for messages. */
const summary = (reqs: RecordedRequest[]): string => reqs.map((r) => `${r.method} ${r.path}${r.rawQuery ? `?${r.rawQuery}` : ''} → ${r.status}`).join('; ');

/**
 * Common checks of the requests one run sent: exactly `expected` ([method, path or RegExp] in
 * order), all answered 200, each with the test key, POSTs with an Idempotency-Key.
 */
export function checkRequestLine(reqs: RecordedRequest[], expected: Array<[string, string | RegExp]>, key: string): void {
	check(
		reqs.length === expected.length,
		() => `the emulator received ${reqs.length} request(s), expected ${expected.length}: ${summary(reqs)}`,
	);
	expected.forEach(([method, p], i) => {
		const r = reqs[i];
		const pathOk = p instanceof RegExp ? p.test(r.path) : r.path === p;
		check(r.method === method && pathOk, () => `request ${i + 1}: expected ${method} ${p}, got ${r.method} ${r.path}`);
		check(r.status === 200, () => `request ${i + 1} (${r.method} ${r.path}) was answered ${r.status}`);
		check(r.headers.authorization === `Bearer ${key}`, () => `request ${i + 1} did not carry the credential's key`);
		if (method === 'POST') check(Boolean(r.headers['idempotency-key']), `request ${i + 1} (POST) has no Idempotency-Key`);
	});
}

export const CASES: ActionCase[] = [
	{
		key: 'onramp',
		title: 'Crypto Onramp',
		nodeType: 'stripeCryptoOnramp',
		workflow: wf.onrampWorkflow,
		outputs(run, ctx) {
			const [created] = items(run, 'Create Session', 1);
			check(/^cos_/.test(created.id), `Create Session: id ${created.id} does not start with cos_`);
			checkEqual(created.status, 'initialized', 'Create Session: status');
			checkEqual(created.metadata, { order: 'e2e-1' }, 'Create Session: metadata');
			const td = created.transaction_details || {};
			checkEqual(
				[td.source_currency, td.destination_currency, td.destination_network, td.wallet_address],
				['usd', 'eth', 'ethereum', wf.WALLET],
				'Create Session: transaction_details (source, destination currency, network, wallet)',
			);
			check(Number(td.source_amount) === 100, `Create Session: source_amount ${td.source_amount}, expected 100`);
			const [got] = items(run, 'Get Session', 1);
			checkEqual(got.id, created.id, 'Get Session: id');
			const [refreshed] = items(run, 'Refresh Quote', 1);
			checkEqual(refreshed.id, created.id, 'Refresh Quote: id');
			check(Number(refreshed.transaction_details?.destination_amount) > 0, 'Refresh Quote: no destination_amount');
			const quotes = items(run, 'Get Quotes');
			check(quotes.length >= 1, 'Get Quotes: no quote items');
			for (const q of quotes) {
				checkEqual(q.destination_network, 'ethereum', `Get Quotes: destination_network of ${q.id}`);
				check(['eth', 'usdc'].includes(q.destination_currency), `Get Quotes: unexpected currency ${q.destination_currency}`);
				check(/^quote_/.test(q.id) && Number(q.source_total_amount) > 100, `Get Quotes: bad quote ${JSON.stringify(q)}`);
			}
			ctx.session = created;
			return `session ${created.id} initialized, ${td.source_amount} usd → ${refreshed.transaction_details.destination_amount} eth; ${quotes.length} quote item(s) (${quotes.map((q) => q.destination_currency).join(', ')})`;
		},
		requests(reqs, ctx) {
			const id = ctx.session.id;
			checkRequestLine(
				reqs,
				[
					['POST', '/v1/crypto/onramp_sessions'],
					['GET', `/v1/crypto/onramp_sessions/${id}`],
					['POST', `/v1/crypto/onramp_sessions/${id}/quote`],
					['GET', '/v1/crypto/onramp_quotes'],
				],
				ctx.emu.testKey,
			);
			checkEqual(
				reqs[0].body,
				{
					source_amount: '100',
					source_currency: 'usd',
					destination_currency: 'eth',
					destination_network: 'ethereum',
					wallet_addresses: { ethereum: wf.WALLET },
					metadata: { order: 'e2e-1' },
				},
				'create body',
			);
			checkEqual(
				reqs[3].query,
				{ source_amount: '100.00', destination_currencies: ['eth', 'usdc'], destination_networks: ['ethereum'] },
				'quotes query',
			);
			return `${reqs.length} requests: ${reqs.map((r) => `${r.method} ${r.path.replace(id, '{id}')}`).join(', ')}; create body and quotes query as set`;
		},
	},
	{
		key: 'climate',
		title: 'Climate',
		nodeType: 'stripeClimate',
		workflow: wf.climateWorkflow,
		outputs(run, ctx) {
			const [product] = items(run, 'Get Products', 1);
			check(/^climsku_/.test(product.id), `Get Products: id ${product.id}`);
			const [order] = items(run, 'Create Order', 1);
			check(/^climorder_/.test(order.id), `Create Order: id ${order.id}`);
			checkEqual(
				[order.status, order.product, order.metric_tons, order.beneficiary, order.metadata],
				['open', product.id, '0.5', { public_name: 'n8n e2e' }, { order: 'e2e-2' }],
				'Create Order: status, product, metric_tons, beneficiary, metadata',
			);
			check(order.amount_total > 0, `Create Order: amount_total ${order.amount_total}`);
			const [updated] = items(run, 'Update Order', 1);
			checkEqual(updated.metadata, { order: 'e2e-2', note: 'updated by e2e' }, 'Update Order: metadata');
			const [canceled] = items(run, 'Cancel Order', 1);
			checkEqual([canceled.id, canceled.status, canceled.cancellation_reason], [order.id, 'canceled', 'requested'], 'Cancel Order: id, status, reason');
			const suppliers = items(run, 'Get Suppliers', 2);
			check(suppliers.every((x) => /^climsup_/.test(x.id)), 'Get Suppliers: ids');
			ctx.product = product;
			ctx.order = order;
			return `order ${order.id} of 0.5 t ${product.id} (${(order.amount_total / 100).toFixed(2)} ${order.currency}) created, updated, canceled; ${suppliers.length} suppliers`;
		},
		requests(reqs, ctx) {
			const id = ctx.order.id;
			checkRequestLine(
				reqs,
				[
					['GET', '/v1/climate/products'],
					['POST', '/v1/climate/orders'],
					['POST', `/v1/climate/orders/${id}`],
					['POST', `/v1/climate/orders/${id}/cancel`],
					['GET', '/v1/climate/suppliers'],
				],
				ctx.emu.testKey,
			);
			checkEqual(Number(reqs[0].query.limit), 1, 'products limit');
			checkEqual(
				reqs[1].body,
				{ product: ctx.product.id, metric_tons: '0.5', beneficiary: { public_name: 'n8n e2e' }, metadata: { order: 'e2e-2' } },
				'create body',
			);
			checkEqual(reqs[2].body, { metadata: { note: 'updated by e2e' } }, 'update body');
			checkEqual(Number(reqs[4].query.limit), 2, 'suppliers limit');
			return `${reqs.length} requests: ${reqs.map((r) => `${r.method} ${r.path.replace(id, '{id}')}`).join(', ')}; bodies as set`;
		},
	},
	{
		key: 'forwarding',
		title: 'Forwarding',
		nodeType: 'stripeForwarding',
		workflow: wf.forwardingWorkflow,
		outputs(run, ctx) {
			const [fwd] = items(run, 'Forward', 1);
			check(/^fwdreq_/.test(fwd.id), `Forward: id ${fwd.id}`);
			checkEqual([fwd.payment_method, fwd.url, fwd.metadata], ['pm_card_visa', wf.FORWARD_URL, { charge: 'e2e-3' }], 'Forward: payment_method, url, metadata');
			checkEqual([...(fwd.replacements || [])].sort(), ['card_cvc', 'card_expiry', 'card_number'], 'Forward: replacements');
			checkEqual(fwd.request_details?.body, wf.FORWARD_BODY, 'Forward: request_details.body');
			const key = (fwd.request_details?.headers || []).find((h: StripeJson) => h.name === 'Destination-API-Key');
			checkEqual(key?.value, '[REDACTED]', 'Forward: the destination key header as stored by Stripe');
			checkEqual(fwd.response_details?.status, 200, 'Forward: response_details.status');
			const [got] = items(run, 'Get Request', 1);
			checkEqual(got.id, fwd.id, 'Get Request: id');
			const all = items(run, 'Get Requests');
			check(all.some((x) => x.id === fwd.id), `Get Requests: ${fwd.id} not listed (${all.length} items)`);
			ctx.fwd = fwd;
			return `${fwd.id}: destination answered ${fwd.response_details.status} in ${fwd.request_context?.destination_duration} ms, key header redacted; listed among ${all.length}`;
		},
		requests(reqs, ctx) {
			const id = ctx.fwd.id;
			checkRequestLine(
				reqs,
				[
					['POST', '/v1/forwarding/requests'],
					['GET', `/v1/forwarding/requests/${id}`],
					['GET', '/v1/forwarding/requests'],
				],
				ctx.emu.testKey,
			);
			const b: StripeJson = reqs[0].body;
			checkEqual(
				[b.payment_method, b.url, [...(b.replacements || [])].sort(), b.request?.body, b.metadata],
				['pm_card_visa', wf.FORWARD_URL, ['card_cvc', 'card_expiry', 'card_number'], wf.FORWARD_BODY, { charge: 'e2e-3' }],
				'create body (payment_method, url, replacements, request.body, metadata)',
			);
			checkEqual(
				b.request?.headers,
				[
					{ name: 'Content-Type', value: 'application/json' },
					{ name: 'Destination-API-Key', value: 'dest_e2e_secret' },
				],
				'create body request.headers',
			);
			return `${reqs.length} requests: ${reqs.map((r) => `${r.method} ${r.path.replace(id, '{id}')}`).join(', ')}; body with request.body and 2 headers`;
		},
	},
	{
		key: 'webhookEndpoint',
		title: 'Webhook Endpoint',
		nodeType: 'stripeWebhookEndpoint',
		workflow: wf.webhookEndpointWorkflow,
		outputs(run, ctx) {
			const [created] = items(run, 'Create Endpoint', 1);
			check(/^we_/.test(created.id), `Create Endpoint: id ${created.id}`);
			check(/^whsec_/.test(created.secret || ''), 'Create Endpoint: no whsec_ signing secret in the output');
			checkEqual(
				[created.url, created.enabled_events, created.status, created.description, created.metadata],
				[wf.ENDPOINT_URL, ['climate.order.created', 'crypto.onramp_session_updated'], 'enabled', 'e2e endpoint', { owner: 'e2e' }],
				'Create Endpoint: url, enabled_events, status, description, metadata',
			);
			const [disabled] = items(run, 'Disable Endpoint', 1);
			checkEqual([disabled.id, disabled.status, disabled.description], [created.id, 'disabled', 'disabled by e2e'], 'Disable Endpoint');
			const [got] = items(run, 'Get Endpoint', 1);
			checkEqual([got.id, got.status, 'secret' in got], [created.id, 'disabled', false], 'Get Endpoint: id, status, secret shown');
			const [deleted] = items(run, 'Delete Endpoint', 1);
			checkEqual([deleted.id, deleted.deleted], [created.id, true], 'Delete Endpoint');
			const left = items(run, 'List Endpoints');
			check(!left.some((x) => x.id === created.id), `List Endpoints still lists ${created.id}`);
			ctx.endpoint = created;
			return `${created.id} created (secret ${created.secret.slice(0, 10)}…), disabled, read back, deleted; list after: ${left.length} endpoints`;
		},
		requests(reqs, ctx) {
			const id = ctx.endpoint.id;
			checkRequestLine(
				reqs,
				[
					['POST', '/v1/webhook_endpoints'],
					['POST', `/v1/webhook_endpoints/${id}`],
					['GET', `/v1/webhook_endpoints/${id}`],
					['DELETE', `/v1/webhook_endpoints/${id}`],
					['GET', '/v1/webhook_endpoints'],
				],
				ctx.emu.testKey,
			);
			checkEqual(
				reqs[0].body,
				{
					url: wf.ENDPOINT_URL,
					enabled_events: ['climate.order.created', 'crypto.onramp_session_updated'],
					description: 'e2e endpoint',
					metadata: { owner: 'e2e' },
				},
				'create body',
			);
			checkEqual(reqs[1].body, { disabled: 'true', description: 'disabled by e2e' }, 'update body');
			return `${reqs.length} requests: ${reqs.map((r) => `${r.method} ${r.path.replace(id, '{id}')}`).join(', ')}; bodies as set`;
		},
	},
];

/**
 * Runs every case: `n8n execute`, output checks, request checks (three lines per node).
 * `emu` is the emulator handle, `home` the n8n home (credential and workflows imported).
 */
export async function runActionCases(
	report: Report,
	{ home, emu, cases = CASES }: { home: string; emu: Emulator; cases?: ActionCase[] },
): Promise<Record<string, number>> {
	const timings: Record<string, number> = {};
	for (const c of cases) {
		const ctx: CaseContext = { emu };
		await emu.clearLog();
		const exec = await report.step(`${c.title}: n8n execute --id=${c.workflow().id}`, async () => {
			const r = await n8n.executeDetailed(home, c.workflow().id);
			timings[c.key] = r.durationMs;
			const err = n8n.runError(r.run);
			if (r.exitCode !== 0 || r.run.status !== 'success') {
				const where = err?.node?.name ? ` in "${err.node.name}"` : '';
				throw new Error(
					`exit ${r.exitCode ?? r.signal}, status ${r.run.status}${where}: ${err?.message ?? 'no error message'}${err?.description ? ` (${err.description})` : ''}\n${r.stdout.split('\n').slice(-15).join('\n')}`,
				);
			}
			const nodes = Object.keys(r.run.data.resultData.runData);
			return { detail: `exit 0, status success, ${nodes.length} nodes ran, ${r.durationMs} ms`, value: r };
		});
		if (!exec) {
			report.fail(`${c.title}: output`, 'not checked (the run failed)');
			report.fail(`${c.title}: requests the emulator received`, 'not checked (the run failed)');
			continue;
		}
		const outOk = await report.step(`${c.title}: output`, async () => c.outputs(exec.run, ctx));
		await report.step(`${c.title}: requests the emulator received`, async () => {
			if (outOk === undefined) throw new Error('not checked (the output check failed)');
			return c.requests(await emu.requests(), ctx);
		});
	}
	return timings;
}

/**
 * examples/*.json: all import into n8n, use only node types n8n knows, and each manual one runs
 * (`n8n execute`) against the emulator with every request answered 2xx.
 */
export async function runExamples(report: Report, { home, emu, knownTypes }: { home: string; emu: Emulator; knownTypes: string[] }): Promise<void> {
	const examples = await report.step('examples/*.json import, every node type known to n8n', async () => {
		const list = loadExamples();
		check(list.length > 0, 'no examples/*.json');
		const unknown = list.flatMap((x) => nodeTypes(x.workflow).filter((t) => !knownTypes.includes(t)).map((t) => `${x.file}: ${t}`));
		check(unknown.length === 0, `unknown node types: ${unknown.join(', ')}`);
		const refs = list.flatMap((x) =>
			x.workflow.nodes
				.filter((n) => {
					const ref = (n.credentials as Record<string, { id?: string }> | undefined)?.[CREDENTIAL_TYPE];
					return ref && ref.id !== CREDENTIAL.id;
				})
				.map((n) => `${x.file}: ${n.name}`),
		);
		check(refs.length === 0, `credential not {"id": "${CREDENTIAL.id}"}: ${refs.join(', ')}`);
		const t0 = Date.now();
		await n8n.importWorkflow(home, list.map((x) => x.workflow));
		return { detail: `${list.length} workflows (${list.map((x) => path.basename(x.file)).join(', ')}) imported in ${Date.now() - t0} ms`, value: list };
	});
	if (!examples) return;
	for (const x of examples.filter((e) => isManual(e.workflow))) {
		await report.step(`${path.basename(x.file)} runs (n8n execute)`, async () => {
			await emu.clearLog();
			const r = await n8n.executeDetailed(home, x.workflow.id);
			const err = n8n.runError(r.run);
			if (r.exitCode !== 0 || r.run.status !== 'success') {
				throw new Error(`exit ${r.exitCode ?? r.signal}, status ${r.run.status}${err?.node?.name ? ` in "${err.node.name}"` : ''}: ${err?.message ?? ''}${err?.description ? ` (${err.description})` : ''}`);
			}
			const reqs = await emu.requests();
			check(reqs.length > 0, 'the emulator received no request');
			const bad = reqs.filter((q) => q.status < 200 || q.status >= 300);
			check(bad.length === 0, () => `answered non-2xx: ${summary(bad)}`);
			const ours = x.workflow.nodes.filter((n) => n.type.startsWith(`${PKG}.`)).map((n) => n.name);
			const counts = ours.map((name) => `${name}: ${n8n.nodeOutput(r.run, name).length}`);
			return `exit 0 in ${r.durationMs} ms; items ${counts.join(', ')}; ${reqs.length} requests (${[...new Set(reqs.map((q) => `${q.method} ${q.path.replace(/\/(cos|climorder|climsku|climsup|fwdreq|we|evt)_[A-Za-z0-9_]+/g, '/{id}')}`))].join(', ')})`;
		});
	}
}
