import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, STRIPE_API_BASE_URL } from '../shared/constants';
import { readCredentialFields } from '../shared/credentialFields';
import { type EventMode, type EventOutput, eventOutput, isChosenEvent, listedEventTypes } from '../shared/events';
import { createStripeClient } from '../shared/transport';
import { isConnectedAccountId } from '../shared/validate';
import {
	advancePlace,
	DEFAULT_LATE_WINDOW_SECONDS,
	EVENT_RETENTION_SECONDS,
	type ListedEvent,
	MAX_LATE_WINDOW_SECONDS,
	migrateLegacyPlace,
	placeKey,
	type PollPlace,
	type PollScope,
	possiblyMissed,
	readPlace,
	readsNextPage,
	scopeChanges,
	typesCovered,
	unhandledEvents,
	wholeReadDue,
} from './cursor';

interface PollOptions {
	connectedAccount?: string;
	eventMode?: EventMode;
	output?: EventOutput;
	lateWindow?: number | string;
	lookback?: { period?: { amount?: number | string; unit?: string } };
}

interface PollSettings {
	events: string[];
	types?: string[];
	account?: string;
	mode: EventMode;
	output: EventOutput;
	lookbackSeconds: number;
	/** Period text as the user set it ("2 hours"), for messages. */
	lookbackText: string;
	lateWindowSeconds: number;
}

type ListEvents = (
	params: IDataObject,
	page: { returnAll: boolean; limit?: number; readNextPage?: (page: ListedEvent[], hasMore: boolean) => boolean },
) => Promise<ListedEvent[]>;

const UNIT_SECONDS: Record<string, number> = { hours: 60 * 60, days: 24 * 60 * 60 };

/** The `object` of the item that reports events Stripe may no longer list. */
export const GAP_NOTICE_OBJECT = 'stripe_events_gap';
/** The `object` of the item that reports a start from now after a change of account, credential or event types. */
export const RESTART_NOTICE_OBJECT = 'stripe_events_restart';

/**
 * Polls of this process that are still running, per workflow and node. n8n starts a poll on every
 * cron tick without waiting for the last one (a long catch-up, or two poll times in one minute);
 * two polls from one place would emit the same events twice, so a poll finding one running skips.
 */
const runningPolls = new Set<string>();

/**
 * One poll: every event listed since the place's `from` that was not handled yet, oldest first,
 * then the place moved on. Settings are checked before any request. In manual mode ("Fetch Test
 * Event") only the newest matching event is returned and the place stays where it is.
 */
export async function pollStripeEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const client = await createStripeClient(this);
	const scope = await readScope(this, settings);
	refuseImpossibleMode(this, settings.mode, scope.keyMode);
	const list: ListEvents = async (params, page) =>
		client.list<ListedEvent>({ path: '/v1/events', account: settings.account, params: { ...params, types: settings.types }, ...page });

	if (this.getMode() === 'manual') return await newestEvent(this, settings, list);

	const key = `${this.getWorkflow().id ?? ''}/${this.getNode().id}`;
	if (runningPolls.has(key)) {
		this.logger.debug('Stripe Events Polling Trigger: the previous poll is still running, this one is skipped', { workflowId: this.getWorkflow().id });
		return null;
	}
	runningPolls.add(key);
	try {
		return await pollSincePlace(this, settings, scope, list);
	} finally {
		runningPolls.delete(key);
	}
}

async function pollSincePlace(context: IPollFunctions, settings: PollSettings, scope: PollScope, list: ListEvents): Promise<INodeExecutionData[][] | null> {
	// Kept by node id in the workflow's global static data: n8n keeps node static data under the
	// node's name, which a rename changes.
	const memory = context.getWorkflowStaticData('global');
	const key = placeKey(context.getNode().id);
	const startedAt = Math.floor(Date.now() / 1000);
	const saved = readPlace(memory[key]);
	const legacy = saved ? undefined : legacyPlace(context, scope);
	let place = saved ?? legacy?.place;
	let restart: IDataObject | undefined;
	/** After a change of event types only: what the old place had handled of the types it listed. */
	let handledBefore: ((event: ListedEvent) => boolean) | undefined;
	if (place) {
		const changes = scopeChanges(place.scope, scope);
		if (changes.length > 0) {
			restart = restartNotice(changes, settings);
			const old = place;
			const sameSource = old.scope.credential === scope.credential && old.scope.baseUrl === scope.baseUrl && old.scope.keyMode === scope.keyMode && old.scope.account === scope.account;
			if (sameSource) handledBefore = (event) => typesCovered(old.scope.types, [event.type]) && (event.created < old.from || (old.seen[String(event.created)] ?? []).includes(event.id));
			place = undefined;
		} else {
			place = { ...place, scope };
		}
	}
	let emit = true;
	if (!place) {
		if (settings.lookbackSeconds > 0) {
			place = { version: 2, scope, from: startedAt - settings.lookbackSeconds, seen: {} };
		} else {
			// Starting from now: the events that exist are handled. Stripe's newest event (not this
			// machine's clock) marks now, so a clock running ahead cannot skip the first new events.
			const [newest] = await list({}, { returnAll: false, limit: 1 });
			place = { version: 2, scope, from: newest?.created ?? 0, seen: {} };
			emit = false;
		}
	}
	const gap = possiblyMissed(place.polledAt, startedAt);
	// Newest first, down to `from`: the window's ids tell the late events from the handled ones. A
	// whole read takes every page; in between, a poll reads on only while pages hold new events,
	// so an idle poll is one request however busy the window (wholeReadInterval in cursor.ts).
	const current = place;
	const wholeRead = wholeReadDue(current, startedAt, settings.lateWindowSeconds);
	let readAll = true;
	const listed = await list(
		{ created: { gte: current.from } },
		{
			returnAll: true,
			readNextPage: (page, hasMore) => {
				const next = readsNextPage(current, page, wholeRead);
				if (hasMore && !next) readAll = false;
				return next;
			},
		},
	);
	const fresh = unhandledEvents(place, listed).filter((event) => !handledBefore?.(event));
	memory[key] = advancePlace(place, listed, startedAt, settings.lateWindowSeconds, Math.floor(Date.now() / 1000), readAll);
	legacy?.forget(); // only once the place is in its new home: a failed poll keeps the old one

	const items: INodeExecutionData[] = emit
		? fresh.filter((event) => isChosenEvent(event, settings.events, settings.mode)).map((event) => ({ json: eventOutput(event, settings.output) }))
		: [];
	const notices = [restart, gap ? gapNotice(gap) : undefined].filter((notice): notice is IDataObject => notice !== undefined);
	for (const notice of notices) context.logger.warn(`Stripe Events Polling Trigger (workflow ${context.getWorkflow().id ?? ''}): ${String(notice.message)}`);
	items.unshift(...notices.map((json) => ({ json })));
	return items.length ? [items] : null;
}

/**
 * The place the versions before this one kept in the node's own static data, to be moved into the
 * global one (so upgrading neither repeats nor skips an event), or undefined.
 */
function legacyPlace(context: IPollFunctions, scope: PollScope): { place: PollPlace; forget: () => void } | undefined {
	const nodeData = context.getWorkflowStaticData('node');
	const place = migrateLegacyPlace(nodeData, scope);
	if (!place) return undefined;
	return {
		place,
		forget: () => {
			delete nodeData.cursor;
			delete nodeData.polledAt;
		},
	};
}

/** What the place is made for: the credential (by n8n's id), its key's mode, the account and the types polled. */
async function readScope(context: IPollFunctions, settings: PollSettings): Promise<PollScope> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const fields = readCredentialFields(credentials);
	return {
		credential: context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '',
		baseUrl: String(credentials.baseUrl || STRIPE_API_BASE_URL).replace(/\/+$/, ''),
		account: settings.account ?? (fields.accountId || ''),
		// sk_live_/rk_live_ keys are live mode, sk_test_/rk_test_ test mode (docs.stripe.com/keys).
		keyMode: /^[sr]k_live_/.test(fields.secretKey) ? 'live' : 'test',
		types: settings.types ?? ['*'],
	};
}

/** A key lists the events of its own mode only, so Live Only with a test key (or Test Only with a live key) could never emit. */
function refuseImpossibleMode(context: IPollFunctions, mode: EventMode, keyMode: 'live' | 'test'): void {
	if (mode === 'any' || mode === keyMode) return;
	const wanted = mode === 'live' ? 'Live Only' : 'Test Only';
	const other = mode === 'live' ? 'Test Only' : 'Live Only';
	const keyText = keyMode === 'test' ? 'test key (sk_test_… or rk_test_…)' : 'live key (sk_live_… or rk_live_…)';
	const neededKey = mode === 'live' ? 'live key (sk_live_… or rk_live_…)' : 'test key (sk_test_… or rk_test_…)';
	throw new NodeOperationError(context.getNode(), `Event Mode "${wanted}" can never emit an event with the credential's ${keyMode} key`, {
		description: `A Stripe key lists the events of its own mode only, and the credential holds a ${keyText}. Under Options, set Event Mode to "Live and Test" or "${other}", or choose a credential with a ${neededKey}. Nothing was sent to Stripe.`,
	});
}

/**
 * The newest matching event. One is enough: a key lists only events of its own mode, and Event
 * Mode against the key's mode is refused before, so the newest listed one always counts.
 */
async function newestEvent(context: IPollFunctions, settings: PollSettings, list: ListEvents): Promise<INodeExecutionData[][]> {
	const [newest] = await list({}, { returnAll: false, limit: 1 });
	if (!newest || !isChosenEvent(newest, settings.events, settings.mode)) {
		const where = settings.account ? ` in connected account ${settings.account}` : '';
		throw new NodeOperationError(context.getNode(), `Stripe has no event of the selected types from the last 30 days${where}`, {
			description: `Fetch Test Event shows the newest real event of the types selected under Events, and Stripe lists events for 30 days. Cause one of those events (with a test key, for example: create a climate order with the Stripe Climate node for climate.order.created), or add more types under Events, then click Fetch Test Event again. Publishing the workflow does not need a test event: it runs on each new one.`,
		});
	}
	return [[{ json: eventOutput(newest, settings.output) }]];
}

function gapNotice(gap: { from: number; until: number }): IDataObject {
	const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
	return {
		object: GAP_NOTICE_OBJECT,
		message: `Events created between ${iso(gap.from)} and ${iso(gap.until)} may have been missed: this trigger last polled at ${iso(gap.from)} and Stripe keeps events for 30 days. The events since then are emitted after this item.`,
		from: gap.from,
		until: gap.until,
	};
}

function restartNotice(changes: string[], settings: PollSettings): IDataObject {
	const start = settings.lookbackSeconds > 0 ? `from ${settings.lookbackText} ago (Also Emit Events From the Last)` : 'from now';
	return {
		object: RESTART_NOTICE_OBJECT,
		message: `The trigger now polls other events than before (${changes.join('; ')}), so it started again as on first activation, ${start}: events of the new settings created before that are not emitted, and none already emitted is emitted again. The events found are emitted after this item.`,
		changes,
	};
}

/** Reads and checks the node's fields; a problem stops the poll before any request. */
function readSettings(context: IPollFunctions): PollSettings {
	const fail = (field: string, problem: string): never => {
		throw new NodeOperationError(context.getNode(), `${field} ${problem}`, {
			description: `Check the "${field}" field of the trigger. Nothing was sent to Stripe.`,
		});
	};
	const rawEvents = context.getNodeParameter('events', []) as unknown;
	const entries = Array.isArray(rawEvents) ? rawEvents : typeof rawEvents === 'string' ? rawEvents.split(',') : [];
	const events = entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	if (events.length === 0) fail('Events', 'must name at least one event type');
	const listed = listedEventTypes(events);
	if ('problem' in listed) fail('Events', listed.problem);

	const options = context.getNodeParameter('options', {}) as PollOptions;
	const account = String(options.connectedAccount ?? '').trim() || undefined;
	if (account !== undefined && !isConnectedAccountId(account)) {
		fail('Connected Account', `must be a connected account ID starting with "acct_", got "${account}"`);
	}
	const period = options.lookback?.period ?? {};
	const amount = Number(period.amount ?? 0);
	const unit = String(period.unit ?? 'hours');
	if (!(unit in UNIT_SECONDS)) fail('Also Emit Events From the Last', `needs hours or days as its unit, got "${unit}"`);
	if (!Number.isFinite(amount) || amount < 0) fail('Also Emit Events From the Last', `must be a positive number, got "${String(period.amount)}"`);
	const lookbackSeconds = Math.round(amount * UNIT_SECONDS[unit]);
	if (lookbackSeconds > EVENT_RETENTION_SECONDS) {
		fail('Also Emit Events From the Last', `can be at most 30 days, as Stripe keeps events for 30 days (got ${amount} ${unit})`);
	}
	const lateWindowSeconds = Number(options.lateWindow ?? DEFAULT_LATE_WINDOW_SECONDS);
	if (!Number.isInteger(lateWindowSeconds) || lateWindowSeconds < 0 || lateWindowSeconds > MAX_LATE_WINDOW_SECONDS) {
		fail('Late Event Window', `must be a whole number of seconds from 0 to ${MAX_LATE_WINDOW_SECONDS}, got "${String(options.lateWindow)}"`);
	}
	return {
		events,
		types: 'types' in listed ? listed.types : undefined,
		account,
		mode: options.eventMode ?? 'any',
		output: options.output ?? 'event',
		lookbackSeconds,
		lookbackText: `${amount} ${unit}`,
		lateWindowSeconds,
	};
}
