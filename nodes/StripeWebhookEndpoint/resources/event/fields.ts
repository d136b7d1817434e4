import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type EventOutput, eventOutput, eventOutputOption } from '../../../shared/events';
import { idField } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';
import { OUTPUT_READABLE, readableOutputOption } from '../../../shared/readable';

export const EVENT_ID_PREFIX = 'evt_';

export const eventIdField = idField('Event ID', 'eventId', EVENT_ID_PREFIX, 'The event, starting with evt_. Stripe keeps events for 30 days.');

/** The triggers' Output choices, and Readable: the event's fields that matter, flattened (./readable). */
export const outputField: INodeProperties = {
	...eventOutputOption,
	options: [...(eventOutputOption.options ?? []), readableOutputOption],
	description: 'What each item holds: the whole event, only the object it is about, or the readable event',
};

/** Turns an event into the item the Output field asks for. */
export function eventItems(item: OperationItem): (event: IDataObject) => IDataObject[] {
	const output = item.text('output') ?? 'event';
	// a readable event is made by the executor from the whole event
	if (output === OUTPUT_READABLE) return (event) => [event];
	if (output !== 'event' && output !== 'object') item.fail('output', `must be "event", "object" or "readable", got "${String(output)}"`);
	return (event) => [eventOutput(event, output as EventOutput)];
}
