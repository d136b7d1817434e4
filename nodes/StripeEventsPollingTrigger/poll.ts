import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { type EventMode, type EventOutput, eventOutput, isChosenEvent, listedEventTypes } from '../shared/events';
import { createStripeClient } from '../shared/transport';
import { isConnectedAccountId } from '../shared/validate';
import {
	advanceCursor,
	EVENT_RETENTION_SECONDS,
	type EventCursor,
	type ListedEvent,
	type PollMemory,
	possiblyMissed,
	readCursor,
	unhandledEvents,
} from './cursor';

interface PollOptions {
	connectedAccount?: string;
	eventMode?: EventMode;
	output?: EventOutput;
	lookback?: { period?: { amount?: number | string; unit?: string } };
}

interface PollSettings {
	events: string[];
	types?: string[];
	account?: string;
	mode: EventMode;
	output: EventOutput;
	lookbackSeconds: number;
}

type ListEvents = (params: IDataObject, page: { returnAll: boolean; limit?: number }) => Promise<ListedEvent[]>;

const UNIT_SECONDS: Record<string, number> = { hours: 60 * 60, days: 24 * 60 * 60 };

/** The `object` of the item that reports events Stripe may no longer list. */
export const GAP_NOTICE_OBJECT = 'stripe_events_gap';

/**
 * Polls of this process that are still running, per workflow and node. n8n starts a poll on every
 * cron tick without waiting for the last one (a long catch-up, or two poll times in one minute);
 * two polls from one cursor would emit the same events twice, so a poll finding one running skips.
 */
const runningPolls = new Set<string>();

/**
 * One poll: every event created since the cursor that was not handled yet, oldest first, then the
 * cursor moved past them. Settings are checked before any request. In manual mode ("Fetch Test
 * Event") only the newest matching event is returned and the cursor stays where it is.
 */
export async function pollStripeEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(this);
	const client = await createStripeClient(this);
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
		return await pollSinceCursor(this, settings, list);
	} finally {
		runningPolls.delete(key);
	}
}

async function pollSinceCursor(context: IPollFunctions, settings: PollSettings, list: ListEvents): Promise<INodeExecutionData[][] | null> {
	const memory = context.getWorkflowStaticData('node') as PollMemory;
	const now = Math.floor(Date.now() / 1000);
	let cursor: EventCursor | undefined = readCursor(memory);
	let emit = true;
	if (!cursor) {
		if (settings.lookbackSeconds > 0) {
			cursor = { created: now - settings.lookbackSeconds, ids: [] };
		} else {
			// Starting from now: the events that exist are handled. Stripe's newest event (not this
			// machine's clock) marks now, so a clock running ahead cannot skip the first new events.
			const [newest] = await list({}, { returnAll: false, limit: 1 });
			cursor = { created: newest?.created ?? 0, ids: [] };
			emit = false;
		}
	}
	const gap = possiblyMissed(memory.polledAt, now);
	// Newest first: the walk covers every page down to the cursor's second.
	const listed = await list({ created: { gte: cursor.created } }, { returnAll: true });
	const fresh = unhandledEvents(cursor, listed);
	memory.cursor = advanceCursor(cursor, fresh);
	memory.polledAt = now;
	if (!emit) return null;

	const items: INodeExecutionData[] = fresh
		.filter((event) => isChosenEvent(event, settings.events, settings.mode))
		.map((event) => ({ json: eventOutput(event, settings.output) }));
	if (gap) {
		const notice = gapNotice(gap);
		context.logger.warn(`Stripe Events Polling Trigger (workflow ${context.getWorkflow().id ?? ''}): ${String(notice.message)}`);
		items.unshift({ json: notice });
	}
	return items.length ? [items] : null;
}

/**
 * The newest matching event. One is enough: a key lists only events of its own mode, so when the
 * newest is of the other mode than Event Mode asks for, every listed one is.
 */
async function newestEvent(context: IPollFunctions, settings: PollSettings, list: ListEvents): Promise<INodeExecutionData[][]> {
	const [newest] = await list({}, { returnAll: false, limit: 1 });
	if (!newest || !isChosenEvent(newest, settings.events, settings.mode)) {
		throw new NodeOperationError(context.getNode(), 'No event of the chosen types in the last 30 days', {
			description:
				'Stripe lists events for 30 days. Cause one of the chosen events (in test mode with a test key), then fetch again; Event Mode and Connected Account also decide which events count.',
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
	return {
		events,
		types: 'types' in listed ? listed.types : undefined,
		account,
		mode: options.eventMode ?? 'any',
		output: options.output ?? 'event',
		lookbackSeconds,
	};
}
