import type { StripeOperation } from '../../../shared/operation';
import { EVENT_ID_PREFIX, eventIdField, eventItems, outputField } from './fields';

export const getEvent: StripeOperation = {
	value: 'get',
	endpoint: 'GET /v1/events/{id}',
	properties: [eventIdField, outputField],
	build(item) {
		return { method: 'GET', path: `/v1/events/${item.id('eventId', EVENT_ID_PREFIX)}`, toOutput: eventItems(item) };
	},
};
