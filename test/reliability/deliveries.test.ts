import { createHmac, randomBytes } from 'node:crypto';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import Stripe from 'stripe';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { startEmulator, type StripeEmulator } from '../emulator';
import { PACKAGE, stripeApi, TEST_SECRET_KEY } from '../harness/stripe';
import { type RawAnswer, type RawRequest, sendRaw, TriggerHarness } from '../harness/webhook';

/**
 * Issue #8, part 2: what the Stripe Events Trigger does with each kind of webhook delivery, POSTed
 * as raw bytes through the harness's receiver (raw body + headers → n8n-core's WebhookContext →
 * node.webhook(), answered as n8n would). Every bad delivery is refused or ignored with the right
 * status and starts no execution; every valid one starts exactly one.
 *
 * Decisions the table documents:
 * - A correctly signed 2 MB event is accepted once: Stripe events carry whole objects and can be
 *   large, n8n accepts bodies up to N8N_PAYLOAD_SIZE_MAX (16 MB by default), and the signature
 *   authenticates it. What matters is one execution, no crash, no second execution.
 * - An event id of an unfamiliar format is accepted once when correctly signed: the signature is
 *   the authentication, and the id is only the dedupe key. A non-string id is not an event (400).
 * - n8n's own answers stand where n8n answers before the node runs: 404 for another method or
 *   path (LiveWebhooks' WebhookNotFoundError), 422 for a JSON body that does not parse
 *   (body-parser's UnprocessableRequestError).
 * - Node's HTTP server joins repeated Stripe-Signature headers into one value with ", " (only
 *   Set-Cookie stays an array), so the trigger's "more than one header" branch is not reachable
 *   over HTTP; the joined value is parsed like stripe-node does (the first `t`, every `v1`): a
 *   forged header in front fails, a genuine one in front of junk verifies (rows below).
 * - Concurrent copies of one event: the harness, like n8n, loads static data before webhook() and
 *   saves it after. In n8n the load and the save are database round trips that copies can overlap;
 *   the trigger's process-wide memory of accepted ids makes exactly one start (the last test
 *   delays the save to prove it).
 *
 * The table, `startRig` and `runRow` are exported for trigger-secrets.test.ts, which runs every
 * row again and scans all output; the tests here only register when this file is the one run.
 */

export const SELECTED = [
	'climate.order.created',
	'climate.order.canceled',
	'climate.order.delayed',
	'climate.order.delivered',
	'crypto.onramp_session_updated',
];
export const DEFAULT_PARAMETERS: INodeParameters = { events: SELECTED };
const TOLERANCE = 300; // the node's default, stripe-node's DEFAULT_TOLERANCE
const JSON_TYPE = 'application/json; charset=utf-8'; // what Stripe sends
const PRODUCT = 'climsku_frontier_offtake_portfolio_2027';

/** A recognisable wrong signing secret. */
export const WRONG_SECRET = 'whsec_recognisablyWrongSigningSecret0123';

const REASON = {
	missing: 'Missing Stripe-Signature header',
	malformed: 'Malformed Stripe-Signature header',
	noMatch: 'No signature matches the body',
	tolerance: 'Signature timestamp outside the tolerance',
	empty: 'Empty body',
	notEvent: 'Body is not a Stripe event',
};
const STARTED = { message: 'Workflow was started' };
const RECEIVED = { message: 'Webhook call received' }; // 200, nothing started
const NOT_REGISTERED = { message: 'The requested webhook is not registered' };
const UNPARSABLE = { message: 'Failed to parse request body' };

// ---------------------------------------------------------------------------------------------
// Signing and event building

const sdk = new Stripe('sk_test_unusedBySignatureHelpers');
const realNow = Date.now; // kept before any row freezes the clock

/** HMAC-SHA256 of `<t>.<body>` keyed with the secret, as Stripe signs (hex). */
export const hmacHex = (secret: string, timestamp: number | string, body: string | Buffer): string =>
	createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** stripe-node's own test header for string bodies; node:crypto for buffers. */
export function signatureHeader(body: string | Buffer, secret: string, timestamp: number): string {
	return typeof body === 'string'
		? sdk.webhooks.generateTestHeaderString({ payload: body, secret, timestamp })
		: `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

const objectFor = (type: string, suffix: string): IDataObject =>
	type.startsWith('crypto.onramp')
		? { id: `cos_${suffix}`, object: 'crypto.onramp_session', livemode: false, status: 'fulfillment_processing', transaction_details: { source_currency: 'usd', destination_currency: 'usdc' } }
		: {
				id: `climorder_${suffix}`,
				object: 'climate.order',
				product: PRODUCT,
				metric_tons: '0.5',
				status: type.split('.').pop() === 'created' ? 'open' : type.split('.').pop(),
				// Non-ASCII, as real payloads may be: the bytes signed are the bytes verified.
				beneficiary: { public_name: 'Café ☕ Zürich' },
			};

/** A Stripe event as Stripe sends it (pretty-printed, like the emulator and Stripe). */
export function stripeEvent(ctx: RowContext, type = 'climate.order.created', overrides: IDataObject = {}): IDataObject {
	return {
		id: ctx.id,
		object: 'event',
		api_version: LATEST_API_VERSION,
		created: ctx.now - 2,
		data: {
			object: objectFor(type, ctx.id.slice(-12)),
			...(type.startsWith('crypto.onramp') ? { previous_attributes: { status: 'initialized' } } : {}),
		},
		livemode: false,
		pending_webhooks: 1,
		request: { id: `req_${ctx.id.slice(-10)}`, idempotency_key: null },
		type,
		...overrides,
	};
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

interface SignOptions {
	secret?: string;
	t?: number;
	contentType?: string | null;
}

/** POST of `body` signed like Stripe (by default with the endpoint's secret at the row's now). */
function signed(ctx: RowContext, body: string | Buffer, { secret = ctx.secret, t = ctx.now, contentType = JSON_TYPE }: SignOptions = {}): RawRequest {
	return withHeader(body, signatureHeader(body, secret, t), contentType);
}

function withHeader(body: string | Buffer, header: string | string[] | undefined, contentType: string | null = JSON_TYPE): RawRequest {
	const headers: Record<string, string | string[]> = {};
	if (contentType) headers['Content-Type'] = contentType;
	if (header !== undefined) headers['Stripe-Signature'] = header;
	return { method: 'POST', headers, body };
}

/** The row's event (type as given) as a correctly signed POST. */
const valid = (ctx: RowContext, type = 'climate.order.created', overrides: IDataObject = {}, sign: SignOptions = {}) =>
	signed(ctx, pretty(stripeEvent(ctx, type, overrides)), sign);

/** The v1 value of a header made by `signatureHeader`. */
const v1Of = (header: string) => header.split(',v1=')[1];

// ---------------------------------------------------------------------------------------------
// The table

export interface RowContext {
	/** The clock (unix seconds) both the test and the trigger see during this row. */
	now: number;
	/** The endpoint's current whsec_ secret, read from static data after activation. */
	secret: string;
	/** The endpoint's previous secret: the endpoint was replaced, so this one is rotated away. */
	oldSecret: string;
	/** A fresh event id for this row. */
	id: string;
}

export type Deliver = (request: RawRequest) => Promise<RawAnswer>;

export interface DeliveryRow {
	name: string;
	/** The request, built at send time from the row's context. */
	build: (ctx: RowContext) => RawRequest;
	status: number;
	/** The answer's JSON body; for concurrent copies, each answer's body, in any order. */
	body: IDataObject | IDataObject[];
	/** How many executions the row may start: 0 or exactly 1. */
	executions: 0 | 1;
	/** The id the started execution's item carries; the row's id by default. */
	startedId?: (ctx: RowContext) => string;
	/** Instead of DEFAULT_PARAMETERS, for this row. */
	parameters?: INodeParameters;
	/** Deliveries before the row's own (the first delivery of a replayed event…), checked by the row. */
	arrange?: (ctx: RowContext, deliver: Deliver) => Promise<void>;
	/** The same request sent this many times at once. */
	copies?: number;
	/** Appended to the webhook URL. */
	pathSuffix?: string;
}

const refused = (status: 400 | 401, reason: string) => ({ status, body: { error: reason }, executions: 0 as const });
const ignored = { status: 200, body: RECEIVED, executions: 0 as const };
const started = { status: 200, body: STARTED, executions: 1 as const };

const NOW_SIG = (ctx: RowContext) => v1Of(signatureHeader(pretty(stripeEvent(ctx)), ctx.secret, ctx.now));

/** Bad deliveries: none may start an execution. */
export const badRows: DeliveryRow[] = [
	// The Stripe-Signature header
	{ name: 'no Stripe-Signature header', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), undefined), ...refused(400, REASON.missing) },
	{ name: 'an empty Stripe-Signature header', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), ''), ...refused(400, REASON.missing) },
	{ name: 'a header that is not key=value pairs', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), 'garbage'), ...refused(400, REASON.malformed) },
	{ name: 'a header without t', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `v1=${NOW_SIG(ctx)}`), ...refused(400, REASON.malformed) },
	{ name: 'a header without v1', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now}`), ...refused(400, REASON.malformed) },
	{ name: 'a non-numeric t', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=soon,v1=${NOW_SIG(ctx)}`), ...refused(400, REASON.malformed) },
	{
		name: 't in exponent notation',
		build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${(ctx.now / 1e9).toFixed(9)}e9,v1=${NOW_SIG(ctx)}`),
		...refused(400, REASON.malformed),
	},
	{ name: 'v0 only (the right HMAC under the test scheme)', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now},v0=${NOW_SIG(ctx)}`), ...refused(400, REASON.malformed) },
	{ name: 'spaces after the commas', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now}, v1=${NOW_SIG(ctx)}`), ...refused(400, REASON.malformed) },

	// Signatures that do not match
	{ name: 'signed with a wrong secret', build: (ctx) => valid(ctx, undefined, {}, { secret: WRONG_SECRET }), ...refused(401, REASON.noMatch) },
	{ name: 'signed with the rotated-away old secret', build: (ctx) => valid(ctx, undefined, {}, { secret: ctx.oldSecret }), ...refused(401, REASON.noMatch) },
	{ name: 'signed with the API secret key', build: (ctx) => valid(ctx, undefined, {}, { secret: TEST_SECRET_KEY }), ...refused(401, REASON.noMatch) },
	{
		name: 'the signature of a different body',
		build: (ctx) => withHeader(pretty(stripeEvent(ctx)), signatureHeader(pretty(stripeEvent({ ...ctx, id: `${ctx.id}x` })), ctx.secret, ctx.now)),
		...refused(401, REASON.noMatch),
	},
	{
		name: 'a tampered body: one byte changed',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body.replace('"metric_tons": "0.5"', '"metric_tons": "9.5"'), signatureHeader(body, ctx.secret, ctx.now));
		},
		...refused(401, REASON.noMatch),
	},
	{
		name: 'a tampered body: whitespace added',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(`${body}\n`, signatureHeader(body, ctx.secret, ctx.now));
		},
		...refused(401, REASON.noMatch),
	},
	{
		name: 'a tampered body: fields reordered',
		build: (ctx) => {
			const event = stripeEvent(ctx);
			const reordered = Object.fromEntries(Object.entries(event).reverse());
			return withHeader(pretty(reordered), signatureHeader(pretty(event), ctx.secret, ctx.now));
		},
		...refused(401, REASON.noMatch),
	},
	{
		name: 'a tampered body: re-serialised compactly (same JSON)',
		build: (ctx) => withHeader(JSON.stringify(stripeEvent(ctx)), signatureHeader(pretty(stripeEvent(ctx)), ctx.secret, ctx.now)),
		...refused(401, REASON.noMatch),
	},
	{
		name: 'a tampered timestamp (t+1 after signing)',
		build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now + 1},v1=${NOW_SIG(ctx)}`),
		...refused(401, REASON.noMatch),
	},
	{ name: 'an uppercase hex signature', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now},v1=${NOW_SIG(ctx).toUpperCase()}`), ...refused(401, REASON.noMatch) },
	{ name: 'a truncated signature', build: (ctx) => withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now},v1=${NOW_SIG(ctx).slice(0, 63)}`), ...refused(401, REASON.noMatch) },
	{
		name: 'a signature of the right length but wrong (last digit changed)',
		build: (ctx) => {
			const signature = NOW_SIG(ctx);
			return withHeader(pretty(stripeEvent(ctx)), `t=${ctx.now},v1=${signature.slice(0, 63)}${signature.endsWith('0') ? '1' : '0'}`);
		},
		...refused(401, REASON.noMatch),
	},
	{
		name: 'an HMAC of the body alone, without the timestamp',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, `t=${ctx.now},v1=${createHmac('sha256', ctx.secret).update(body).digest('hex')}`);
		},
		...refused(401, REASON.noMatch),
	},
	{
		name: 'two Stripe-Signature headers, a forged one first (joined: its t wins)',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, [`t=${ctx.now - 1},v1=${'0'.repeat(64)}`, signatureHeader(body, ctx.secret, ctx.now)]);
		},
		...refused(401, REASON.noMatch),
	},

	// The tolerance
	{ name: 'a stale timestamp (tolerance + 1 s)', build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now - TOLERANCE - 1 }), ...refused(401, REASON.tolerance) },
	{ name: 'a future timestamp (tolerance + 1 s ahead)', build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now + TOLERANCE + 1 }), ...refused(401, REASON.tolerance) },
	{
		name: 'stale for a tolerance set to 10 s (11 s old)',
		parameters: { events: SELECTED, options: { signatureTolerance: 10 } },
		build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now - 11 }),
		...refused(401, REASON.tolerance),
	},
	{ name: 'a timestamp from a year ago', build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now - 365 * 86400 }), ...refused(401, REASON.tolerance) },
	{
		name: 'a year-old timestamp when the tolerance expression gives no number (fails closed)',
		parameters: { events: SELECTED, options: { signatureTolerance: '={{ "five minutes" }}' } },
		build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now - 365 * 86400 }),
		...refused(401, REASON.tolerance),
	},

	// The body
	{ name: 'an empty body, signed', build: (ctx) => signed(ctx, ''), ...refused(400, REASON.empty) },
	{ name: 'a non-JSON body sent as JSON (n8n answers before the node runs)', build: (ctx) => signed(ctx, '{"id": "evt_1", '), status: 422, body: UNPARSABLE, executions: 0 },
	{ name: 'a non-JSON body sent as text/plain, signed', build: (ctx) => signed(ctx, 'id=evt_1&type=climate.order.created', { contentType: 'text/plain' }), ...refused(400, REASON.notEvent) },
	{ name: 'a JSON array, signed', build: (ctx) => signed(ctx, pretty([stripeEvent(ctx)])), ...refused(400, REASON.notEvent) },
	{ name: 'a JSON string, signed', build: (ctx) => signed(ctx, JSON.stringify(pretty(stripeEvent(ctx)))), ...refused(400, REASON.notEvent) },
	{ name: 'JSON null, signed', build: (ctx) => signed(ctx, 'null'), ...refused(400, REASON.notEvent) },
	{
		name: 'an object without id and type, signed',
		build: (ctx) => {
			const { id: _id, type: _type, ...rest } = stripeEvent(ctx);
			return signed(ctx, pretty(rest));
		},
		...refused(400, REASON.notEvent),
	},
	{ name: 'an event without data.object, signed', build: (ctx) => valid(ctx, undefined, { data: { previous_attributes: {} } }), ...refused(400, REASON.notEvent) },
	{ name: 'an event whose data.object is null, signed', build: (ctx) => valid(ctx, undefined, { data: { object: null } }), ...refused(400, REASON.notEvent) },
	{ name: 'an event with a numeric id, signed', build: (ctx) => valid(ctx, undefined, { id: 12345 }), ...refused(400, REASON.notEvent) },
	{ name: 'an event with a non-string type, signed', build: (ctx) => valid(ctx, undefined, { type: ['climate.order.created'] }), ...refused(400, REASON.notEvent) },

	// Method and path: n8n's own answer
	{ name: 'GET to the webhook', build: (ctx) => ({ ...valid(ctx), method: 'GET', body: undefined }), status: 404, body: NOT_REGISTERED, executions: 0 },
	{ name: 'PUT to the webhook, signed', build: (ctx) => ({ ...valid(ctx), method: 'PUT' }), status: 404, body: NOT_REGISTERED, executions: 0 },
	{ name: 'POST to another path, signed', pathSuffix: '-other', build: (ctx) => valid(ctx), status: 404, body: NOT_REGISTERED, executions: 0 },

	// Valid signatures, nothing to start: 200 so Stripe stops retrying
	{ name: 'an event type that was not selected', build: (ctx) => valid(ctx, 'climate.order.product_substituted'), ...ignored },
	{ name: 'a type outside the package (invoice.paid)', build: (ctx) => valid(ctx, 'invoice.paid'), ...ignored },
	{ name: 'a livemode event when Test Only is chosen', parameters: { events: SELECTED, options: { eventMode: 'test' } }, build: (ctx) => valid(ctx, undefined, { livemode: true }), ...ignored },
	{ name: 'a test event when Live Only is chosen', parameters: { events: SELECTED, options: { eventMode: 'live' } }, build: (ctx) => valid(ctx), ...ignored },
	{
		name: 'a replay of a delivered event (the captured request, byte for byte)',
		arrange: async (ctx, deliver) => expectStarted(await deliver(valid(ctx))),
		build: (ctx) => valid(ctx),
		...ignored,
	},
	{
		name: 'a replay of a delivered event with a fresh signature',
		arrange: async (ctx, deliver) => expectStarted(await deliver(valid(ctx, undefined, {}, { t: ctx.now - 60 }))),
		build: (ctx) => valid(ctx),
		...ignored,
	},
	{
		name: 'a replay of a delivered event, signed with the old and the current secret',
		arrange: async (ctx, deliver) => expectStarted(await deliver(valid(ctx))),
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, `t=${ctx.now - 1},v1=${hmacHex(ctx.oldSecret, ctx.now - 1, body)},v1=${hmacHex(ctx.secret, ctx.now - 1, body)}`);
		},
		...ignored,
	},
];

/** Valid deliveries: each starts exactly one execution. */
export const validRows: DeliveryRow[] = [
	...SELECTED.map((type): DeliveryRow => ({ name: `a valid ${type}`, build: (ctx) => valid(ctx, type), ...started })),
	{
		name: 'two v1 values, the old secret’s then the current one’s',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, `t=${ctx.now},v1=${hmacHex(ctx.oldSecret, ctx.now, body)},v1=${hmacHex(ctx.secret, ctx.now, body)}`);
		},
		...started,
	},
	{
		name: 'two v1 values, the current secret’s then the old one’s, and a v0',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, `t=${ctx.now},v1=${hmacHex(ctx.secret, ctx.now, body)},v1=${hmacHex(ctx.oldSecret, ctx.now, body)},v0=${'0'.repeat(64)}`);
		},
		...started,
	},
	{ name: 'a timestamp exactly the tolerance old', build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now - TOLERANCE }), ...started },
	{ name: 'a timestamp exactly the tolerance ahead', build: (ctx) => valid(ctx, undefined, {}, { t: ctx.now + TOLERANCE }), ...started },
	{ name: 'a livemode event with Live and Test', build: (ctx) => valid(ctx, undefined, { livemode: true }), ...started },
	{ name: 'a livemode event with Live Only', parameters: { events: SELECTED, options: { eventMode: 'live' } }, build: (ctx) => valid(ctx, undefined, { livemode: true }), ...started },
	{ name: 'a test event with Test Only', parameters: { events: SELECTED, options: { eventMode: 'test' } }, build: (ctx) => valid(ctx), ...started },
	{ name: 'an unselected type with All Events (*)', parameters: { events: ['*'] }, build: (ctx) => valid(ctx, 'invoice.paid'), ...started },
	{
		name: 'a correctly signed 2 MB event (accepted once: events can be large)',
		build: (ctx) => {
			const event = stripeEvent(ctx);
			(event.data as IDataObject).object = { ...((event.data as IDataObject).object as IDataObject), metadata: { notes: 'n'.repeat(2 * 1024 * 1024) } };
			return signed(ctx, Buffer.from(pretty(event)));
		},
		...started,
	},
	{
		name: 'an event id of an unfamiliar format (signed, so accepted; the id only dedupes)',
		build: (ctx) => valid(ctx, undefined, { id: `event:${ctx.id.slice(4)}/v2` }),
		startedId: (ctx) => `event:${ctx.id.slice(4)}/v2`,
		...started,
	},
	{ name: 'no Content-Type (n8n leaves the body unparsed; the raw body is verified)', build: (ctx) => valid(ctx, undefined, {}, { contentType: null }), ...started },
	{
		name: 'two Stripe-Signature headers, the genuine one first (joined: verifies like one header with two v1)',
		build: (ctx) => {
			const body = pretty(stripeEvent(ctx));
			return withHeader(body, [signatureHeader(body, ctx.secret, ctx.now), `t=${ctx.now - 9},v1=${'0'.repeat(64)}`]);
		},
		...started,
	},
	{
		name: 'an event refused earlier (stale, wrong secret), then delivered correctly',
		arrange: async (ctx, deliver) => {
			expect((await deliver(valid(ctx, undefined, {}, { t: ctx.now - TOLERANCE - 5 }))).status).toBe(401);
			expect((await deliver(valid(ctx, undefined, {}, { secret: WRONG_SECRET }))).status).toBe(401);
		},
		build: (ctx) => valid(ctx),
		...started,
	},
	{
		name: 'the same event delivered twice at the same time',
		copies: 2,
		build: (ctx) => valid(ctx),
		status: 200,
		body: [STARTED, RECEIVED],
		executions: 1,
	},
	{
		name: 'the same event delivered five times at the same time',
		copies: 5,
		build: (ctx) => valid(ctx, 'crypto.onramp_session_updated'),
		status: 200,
		body: [STARTED, RECEIVED, RECEIVED, RECEIVED, RECEIVED],
		executions: 1,
	},
];

function expectStarted(answer: RawAnswer): void {
	expect({ status: answer.status, body: JSON.parse(answer.text) }).toEqual({ status: 200, body: STARTED });
}

// ---------------------------------------------------------------------------------------------
// Running rows

export interface Rig {
	emulator: StripeEmulator;
	harness: TriggerHarness;
	secret: string;
	oldSecret: string;
	close(): Promise<void>;
}

/**
 * An emulator and a trigger activated against it, whose first endpoint was replaced (deactivate,
 * activate), so the rig knows a rotated-away secret as well as the current one.
 */
export async function startRig(): Promise<Rig> {
	const emulator = await startEmulator({ deliveryRetryDelaysMs: [] });
	const harness = await TriggerHarness.start({
		nodeType: new StripeEventsTrigger(),
		typeName: `${PACKAGE}.stripeEventsTrigger`,
		parameters: DEFAULT_PARAMETERS,
		credentials: { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator.url, apiVersion: '', accountId: '' } },
	});
	await harness.activate();
	const oldSecret = harness.memory.secret as string;
	await harness.deactivate();
	await harness.activate();
	const secret = harness.memory.secret as string;
	return {
		emulator,
		harness,
		secret,
		oldSecret,
		close: async () => {
			await harness.close();
			await emulator.close();
		},
	};
}

export interface RowOutcome {
	ctx: RowContext;
	/** Every request the row sent, its arrangement's included. */
	requests: RawRequest[];
	/** Every answer, the arrangement's included. */
	answers: RawAnswer[];
	/** The answers to the row's own request(s). */
	rowAnswers: RawAnswer[];
	/** Executions the row's own request(s) started. */
	started: INodeExecutionData[][];
}

/** Sends the row with the clock frozen (so tolerance edges are exact) and reports what happened. */
export async function runRow(rig: Rig, row: DeliveryRow): Promise<RowOutcome> {
	const now = Math.floor(realNow() / 1000);
	const clock = jest.spyOn(Date, 'now').mockReturnValue(now * 1000);
	const ctx: RowContext = { now, secret: rig.secret, oldSecret: rig.oldSecret, id: `evt_1${randomBytes(12).toString('hex')}` };
	const requests: RawRequest[] = [];
	const answers: RawAnswer[] = [];
	const url = rig.harness.webhookUrl + (row.pathSuffix ?? '');
	const deliver: Deliver = async (request) => {
		requests.push(request);
		const answer = await sendRaw(url, request);
		answers.push(answer);
		return answer;
	};
	rig.harness.parameters = row.parameters ?? DEFAULT_PARAMETERS;
	try {
		await row.arrange?.(ctx, deliver);
		const before = rig.harness.executions.length;
		const request = row.build(ctx);
		const rowAnswers = await Promise.all(Array.from({ length: row.copies ?? 1 }, () => deliver(request)));
		return { ctx, requests, answers, rowAnswers, started: rig.harness.executions.slice(before) };
	} finally {
		rig.harness.parameters = DEFAULT_PARAMETERS;
		clock.mockRestore();
	}
}

/** Status class → count, over the row's own answers. */
export function tally(rows: DeliveryRow[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const row of rows) counts[String(row.status)] = (counts[String(row.status)] ?? 0) + 1;
	return counts;
}

// ---------------------------------------------------------------------------------------------
// Tests (only when this file is the one Jest runs, not when the secrets suite imports the table)

if (expect.getState().testPath === __filename) {
	let rig: Rig;
	beforeAll(async () => {
		rig = await startRig();
	});
	afterAll(async () => rig?.close());

	const parse = (answer: RawAnswer) => JSON.parse(answer.text) as IDataObject;

	describe('Stripe Events Trigger deliveries', () => {
		it('has at least 30 bad rows and one valid row per selected type', () => {
			expect(badRows.length).toBeGreaterThanOrEqual(30);
			expect(new Set([...badRows, ...validRows].map((row) => row.name)).size).toBe(badRows.length + validRows.length);
			for (const type of SELECTED) expect(validRows.some((row) => row.name === `a valid ${type}`)).toBe(true);
			expect(tally(badRows)).toEqual({ '200': 7, '400': 19, '401': 19, '404': 3, '422': 1 });
			expect(tally(validRows)).toEqual({ '200': 20 });
		});

		it.each(badRows)('bad: $name → $status, no execution', async (row) => {
			const outcome = await runRow(rig, row);
			expect(outcome.rowAnswers.map((answer) => ({ status: answer.status, body: parse(answer) }))).toEqual([{ status: row.status, body: row.body }]);
			expect(outcome.started).toEqual([]);
		});

		it.each(validRows)('valid: $name → one execution', async (row) => {
			const outcome = await runRow(rig, row);
			const bodies = Array.isArray(row.body) ? row.body : [row.body];
			expect(outcome.rowAnswers.map((answer) => answer.status)).toEqual(bodies.map(() => row.status));
			const byMessage = (a: IDataObject, b: IDataObject) => String(a.message).localeCompare(String(b.message));
			expect(outcome.rowAnswers.map(parse).sort(byMessage)).toEqual([...bodies].sort(byMessage));
			expect(outcome.started).toHaveLength(1);
			expect(outcome.started[0]).toHaveLength(1);
			const item = outcome.started[0][0].json;
			expect(item.id).toBe(row.startedId?.(outcome.ctx) ?? outcome.ctx.id);
			// The item is the event as signed, byte for byte parsed, nothing added.
			expect(JSON.stringify(item)).toBe(JSON.stringify(JSON.parse(outcome.requests[outcome.requests.length - 1].body!.toString())));
		});

		it('across the whole table: one execution per valid row and per replayed event’s first delivery, no event id twice', () => {
			// Runs after the rows above (Jest keeps order): the harness saw every delivery.
			const arranged = [...badRows, ...validRows].filter((row) => row.arrange && row.name.startsWith('a replay')).length;
			expect(rig.harness.executions).toHaveLength(validRows.length + arranged);
			const ids = rig.harness.executions.map((items) => items[0].json.id);
			expect(new Set(ids).size).toBe(ids.length);
		});
	});

	describe('real deliveries from the emulator', () => {
		beforeEach(() => rig.emulator.clearLog());
		const api = (path: string, form?: Record<string, string>) => stripeApi(rig.emulator, 'POST', path, form);
		const eventFor = (type: string, objectId: unknown) => {
			const event = rig.emulator.listObjects('event').find((e) => e.type === type && e.data.object.id === objectId);
			if (!event) throw new Error(`no ${type} event for ${String(objectId)}`);
			return event as IDataObject;
		};
		const delivered = (count: number) => rig.emulator.waitForDeliveries((records) => records.length >= count);

		it('start one execution per event, and a redelivery (same id, fresh signature) none', async () => {
			const before = rig.harness.executions.length;
			const order = await api('/v1/climate/orders', { product: PRODUCT, metric_tons: '0.5' });
			const session = await api('/v1/crypto/onramp_sessions', { source_currency: 'usd' });
			await rig.emulator.advanceOnrampSession(session.id as string, 'fulfillment_processing');
			await rig.emulator.setClimateOrderStatus(order.id as string, 'delivered');
			await delivered(3);
			const events = [
				eventFor('climate.order.created', order.id),
				eventFor('crypto.onramp_session_updated', session.id),
				eventFor('climate.order.delivered', order.id),
			];
			await rig.emulator.redeliverEvent(events[0].id as string);
			await rig.emulator.redeliverEvent(events[2].id as string);

			expect(rig.emulator.deliveries.map((d) => [d.eventId, d.status])).toEqual(
				expect.arrayContaining([...events, events[0], events[2]].map((e) => [e.id, 200])),
			);
			expect(rig.emulator.deliveries).toHaveLength(5);
			const ids = rig.harness.executions.slice(before).map((items) => items[0].json.id);
			expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
		});
	});

	describe('concurrent copies of one event in n8n itself', () => {
		it('copies that overlap n8n’s load and save of static data start one execution', async () => {
			// n8n (LiveWebhooks.executeWebhook) reads the workflow with its static data from the
			// database, runs webhook(), and saves the static data after. Here no save happens before both
			// copies have run, as with a busy database, so both read static data without the event; the
			// trigger's process-wide memory of accepted ids still lets only one of them start.
			const release = rig.harness.holdSaves();
			const running = runRow(rig, { ...validRows[0], name: 'overlapping', copies: 2, body: [STARTED, RECEIVED] });
			while (rig.harness.waitingToSave < 2) await new Promise((resolve) => setImmediate(resolve));
			release();
			const outcome = await running;
			expect(outcome.rowAnswers.map((answer) => answer.status)).toEqual([200, 200]);
			expect(outcome.started.map((items) => items[0].json.id)).toEqual([outcome.ctx.id]);

			// Once saved, the id is known: a later copy starts nothing either.
			const later = await sendRaw(rig.harness.webhookUrl, outcome.requests[0]);
			expect([later.status, parse(later)]).toEqual([200, RECEIVED]);
			expect(rig.harness.executions.filter((items) => items[0].json.id === outcome.ctx.id)).toHaveLength(1);
		});
	});
}
