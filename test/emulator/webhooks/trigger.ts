/**
 * What `POST /_emulator/events` accepts, as the Stripe CLI's `stripe trigger` does: a webhook event
 * type Stripe sends (the spec's list) about an object with an `id` and an `object` name. The
 * emulator stores and delivers it like the events its own resources emit.
 */
import { WEBHOOK_EVENT_TYPES } from '../../../nodes/shared/stripeSpec';

export function checkEventType(type: string): string {
	if (type === '*' || !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)) {
		throw new Error(`events: type must be a webhook event type Stripe sends, got '${type}'`);
	}
	return type;
}

export function checkEventObject(object: unknown): Record<string, unknown> {
	const candidate = object as Record<string, unknown> | null;
	if (!candidate || typeof candidate !== 'object' || typeof candidate.id !== 'string' || typeof candidate.object !== 'string') {
		throw new Error('events: object must be a Stripe object with an id and an object name');
	}
	return candidate;
}
