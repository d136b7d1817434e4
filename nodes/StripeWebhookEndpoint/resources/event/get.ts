import type { StripeOperation } from '../../../shared/operation';
import { EVENT_ID_PREFIX, eventIdField, eventItems, outputField } from './fields';
import { readableEvent } from './readable';

export const getEvent: StripeOperation = {
	value: 'get',
	route: 'GET /v1/events/{id}',
	toolDescription:
		'Retrieve a Stripe event of the last 30 days by id (evt_...): its type, when it happened and the object it is about.',
	readable: readableEvent,
	properties: [eventIdField, outputField],
	build(item) {
		return { pathParams: { id: item.id('eventId', EVENT_ID_PREFIX) }, toOutput: eventItems(item) };
	},
};
