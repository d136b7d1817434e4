import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES } from './stripeSpec';

/** Stripe's wildcard: every event type, including types Stripe adds later. */
export const ALL_EVENTS = '*';

/** The event families this package is about; listed first so nobody has to search for them. */
const FEATURED_PREFIXES = ['crypto.onramp', 'climate.'];

const isFeatured = (type: string) => FEATURED_PREFIXES.some((prefix) => type.startsWith(prefix));

/**
 * Every webhook event type of the bundled spec as multi-select options, named by the type itself
 * (what Stripe's docs and Dashboard show, so search finds it): onramp and climate events, then
 * the wildcard, then the rest alphabetically.
 */
export function eventTypeOptions(): INodePropertyOptions[] {
	const featured = WEBHOOK_EVENT_TYPES.filter(isFeatured).sort(
		(a, b) => FEATURED_PREFIXES.findIndex((p) => a.startsWith(p)) - FEATURED_PREFIXES.findIndex((p) => b.startsWith(p)) || a.localeCompare(b),
	);
	const others = WEBHOOK_EVENT_TYPES.filter((type) => type !== ALL_EVENTS && !isFeatured(type)).sort();
	return [
		...featured.map((type) => ({ name: type, value: type })),
		{ name: 'All Events (*)', value: ALL_EVENTS, description: 'Every event type, including types Stripe adds later' },
		...others.map((type) => ({ name: type, value: type })),
	];
}

/** The `enabled_events` to register: sorted and unique, and just the wildcard when it is selected. */
export function enabledEvents(selected: string[]): string[] {
	return selected.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(selected)].sort();
}

/** Which events a trigger passes on: both modes, or live or test events only. */
export type EventMode = 'any' | 'live' | 'test';

/** What each item of a trigger or an event read holds: the whole event or only `data.object`. */
export type EventOutput = 'event' | 'object';

/** The Events field both triggers open with: the types that start the workflow. */
export function eventsField(description: string): INodeProperties {
	return {
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: eventTypeOptions(),
		description,
	};
}

/** The "Event Mode" option of the triggers; `description` says what the mode means for that trigger. */
export function eventModeOption(description: string): INodeProperties {
	return {
		displayName: 'Event Mode',
		name: 'eventMode',
		type: 'options',
		default: 'any',
		options: [
			{ name: 'Live and Test', value: 'any' },
			{ name: 'Live Only', value: 'live' },
			{ name: 'Test Only', value: 'test' },
		],
		description,
	};
}

/** The "Output" option of the triggers and of the Event resource. */
export const eventOutputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	default: 'event',
	options: [
		{
			name: 'Whole Event',
			value: 'event',
			description: 'ID, type, created, livemode, account, API version, data and request',
		},
		{ name: 'Event Object Only', value: 'object', description: 'Only data.object, the changed object' },
	],
	description: 'What each item holds',
};

/** Whether an event of `type` and `livemode` is one the user chose. */
export function isChosenEvent(event: { type: string; livemode: boolean }, events: string[], mode: EventMode = 'any'): boolean {
	const selected = events.includes(ALL_EVENTS) || events.includes(event.type);
	return selected && (mode === 'any' || event.livemode === (mode === 'live'));
}

/** The item's JSON for an event: the event itself, or its `data.object`. */
export function eventOutput(event: IDataObject, output: EventOutput = 'event'): IDataObject {
	return output === 'object' ? ((event.data as IDataObject | undefined)?.object as IDataObject) : event;
}

/** Stripe's Events API filters by at most 20 exact types at once (`types`, docs.stripe.com/api/events/list). */
export const MAX_LISTED_EVENT_TYPES = 20;

/**
 * The `types` filter of GET /v1/events for a choice from eventTypeOptions(): none for All Events
 * (*), else the chosen types, sorted and unique. More than Stripe takes gives the problem as text.
 */
export function listedEventTypes(chosen: string[]): { types?: string[] } | { problem: string } {
	if (chosen.includes(ALL_EVENTS)) return {};
	const types = [...new Set(chosen)].sort();
	if (types.length > MAX_LISTED_EVENT_TYPES) {
		return {
			problem: `can name at most ${MAX_LISTED_EVENT_TYPES} event types, as Stripe's Events API filters by at most ${MAX_LISTED_EVENT_TYPES} (${types.length} chosen): choose All Events (*) instead`,
		};
	}
	return { types };
}

/** One event type, or a group with `*` as Stripe's `type` filter takes it (`climate.order.*`). */
export function isEventTypePattern(text: string): boolean {
	return /^[a-z0-9_.*]+$/.test(text);
}
