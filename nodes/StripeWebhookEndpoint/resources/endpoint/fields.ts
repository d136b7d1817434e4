import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { enabledEvents, eventTypeOptions } from '../../../shared/events';
import { idField } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';

export const ENDPOINT_ID_PREFIX = 'we_';

export const endpointIdField = idField('Webhook Endpoint ID', 'endpointId', ENDPOINT_ID_PREFIX, 'The webhook endpoint, starting with we_');

export function urlField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/stripe/webhooks',
		description: 'Where Stripe sends the events: an absolute http:// or https:// URL (live mode needs https)',
		...overrides,
	} as INodeProperties;
}

export function eventsField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Events',
		name: 'enabledEvents',
		type: 'multiOptions',
		options: eventTypeOptions(),
		default: [],
		description:
			'The event types Stripe sends to the endpoint. Type to search, for example onramp, climate or invoice.paid. An expression may name event types newer than this list.',
		...overrides,
	} as INodeProperties;
}


/** The chosen event types, checked non-empty; the wildcard alone when chosen. */
export function readEvents(item: OperationItem, source?: IDataObject): string[] {
	const events = item.list('enabledEvents', source) ?? item.fail('enabledEvents', 'must name at least one event type');
	return enabledEvents(events);
}

export function readUrl(item: OperationItem, source?: IDataObject): string {
	return item.httpUrl('url', source) ?? item.fail('url', 'is required');
}
