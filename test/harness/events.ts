import type { IDataObject } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES } from '../../nodes/shared/stripeSpec';
import type { ScopeSelector, StripeEmulator } from '../emulator';
import { TEST_SECRET_KEY } from './stripe';

/** The event types the emulator's actions cause. */
export type CausedEventType = 'climate.order.created' | 'climate.order.delivered' | 'climate.order.canceled' | 'crypto.onramp_session_updated';

/**
 * Causes events the way a Stripe account gets them, through the emulator's own actions: a climate
 * order created through the API (`climate.order.created`), an open order delivered or canceled on
 * Stripe's side, an onramp session changing status. Returns the events, oldest first.
 */
export async function causeEvents(emulator: StripeEmulator, types: CausedEventType[], scope: ScopeSelector = {}): Promise<IDataObject[]> {
	const before = new Set(emulator.listObjects('event', scope).map((event) => event.id as string));
	const settled = types.filter((type) => type === 'climate.order.delivered' || type === 'climate.order.canceled').length;
	if (settled > 0) emulator.seedClimateOrders(settled, scope); // seeding causes no event
	const openOrders = emulator
		.listObjects('climate.order', scope)
		.filter((order) => order.status === 'open')
		.map((order) => order.id as string);
	let session = emulator.listObjects('crypto.onramp_session', scope)[0];
	if (!session && types.includes('crypto.onramp_session_updated')) {
		emulator.seedOnrampSessions(1, scope);
		session = emulator.listObjects('crypto.onramp_session', scope)[0];
	}
	for (const type of types) {
		if (type === 'climate.order.created') {
			await createOrder(emulator, scope);
		} else if (type === 'crypto.onramp_session_updated') {
			session = await emulator.advanceOnrampSession(session.id, session.status === 'rejected' ? 'initialized' : 'rejected', scope);
		} else {
			await emulator.setClimateOrderStatus(openOrders.pop()!, type === 'climate.order.delivered' ? 'delivered' : 'canceled', scope);
		}
	}
	return emulator
		.listObjects('event', scope)
		.filter((event) => !before.has(event.id))
		.reverse();
}

async function createOrder(emulator: StripeEmulator, scope: ScopeSelector): Promise<void> {
	const response = await fetch(`${emulator.url}/v1/climate/orders`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${scope.key ?? TEST_SECRET_KEY}`,
			'Content-Type': 'application/x-www-form-urlencoded',
			...(scope.account ? { 'Stripe-Account': scope.account } : {}),
		},
		body: 'product=climsku_frontier_offtake_portfolio_2027&metric_tons=0.01',
	});
	if (response.status !== 200) throw new Error(`creating a climate order failed: ${response.status} ${await response.text()}`);
}

/** `count` event types, cycling through `types`. */
export function mixOf(types: CausedEventType[], count: number): CausedEventType[] {
	return Array.from({ length: count }, (_, i) => types[i % types.length]);
}

/** One event type more than Stripe's Events API filters by (`types` takes at most 20). */
export const TOO_MANY_EVENT_TYPES: string[] = WEBHOOK_EVENT_TYPES.filter((type) => type !== '*').slice(0, 21);
