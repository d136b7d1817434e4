import type { INodePropertyOptions } from 'n8n-workflow';

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
