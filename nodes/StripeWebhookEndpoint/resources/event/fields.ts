import type { IDataObject } from 'n8n-workflow';

import { type EventOutput, eventOutput, eventOutputOption } from '../../../shared/events';
import { idField } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';

export const EVENT_ID_PREFIX = 'evt_';

export const eventIdField = idField('Event ID', 'eventId', EVENT_ID_PREFIX, 'The event, starting with evt_. Stripe keeps events for 30 days.');

export const outputField = { ...eventOutputOption, description: 'What each item holds: the whole event or only the object it is about' };

/** Turns an event into the item the Output field asks for. */
export function eventItems(item: OperationItem): (event: IDataObject) => IDataObject[] {
	const output = (item.text('output') ?? 'event') as EventOutput;
	if (output !== 'event' && output !== 'object') item.fail('output', `must be "event" or "object", got "${String(output)}"`);
	return (event) => [eventOutput(event, output)];
}
