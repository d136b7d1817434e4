import type { IDataObject } from 'n8n-workflow';

import { eventTypeOptions, isEventTypePattern, listedEventTypes } from '../../../shared/events';
import { createdRangeFields, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';
import type { StripeOperation } from '../../../shared/operation';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { eventItems, outputField } from './fields';
import { readableEvent } from './readable';

const DELIVERY_SUCCESS: Record<string, boolean | undefined> = { any: undefined, delivered: true, notDelivered: false };

export const getManyEvents: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/events',
	toolDescription:
		`List Stripe events of the last 30 days, optionally of given types (event_types, comma-separated, such as invoice.paid, or type_group such as climate.order.*) or a creation time range (created_after, created_before, or created_period such as last7Days). ${TOOL_LIST_NOTE}`,
	readable: readableEvent,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				...createdRangeFields,
				{
					displayName: 'Delivery Success',
					name: 'deliverySuccess',
					type: 'options',
					default: 'any',
					options: [
						{ name: 'Any', value: 'any', description: 'Events whatever became of their deliveries' },
						{ name: 'Delivered', value: 'delivered', description: 'Events every webhook endpoint received' },
						{
							name: 'Not Delivered',
							value: 'notDelivered',
							description: 'Events still pending or failed for at least one webhook endpoint',
						},
					],
					description: 'Filter by whether Stripe delivered the event to every webhook endpoint',
				},
				{
					displayName: 'Event Types',
					name: 'eventTypes',
					type: 'multiOptions',
					default: [],
					options: eventTypeOptions(),
					description:
						'Only events of these types, at most 20 (Stripe filters by no more). Type to search, for example onramp or climate. All Events (*) lists every type.',
				},
				{
					displayName: 'Type Group',
					name: 'typeGroup',
					type: 'string',
					default: '',
					placeholder: 'climate.order.*',
					description: 'One event type, or a group with * as a wildcard. Instead of Event Types.',
				},
			],
		},
		outputField,
	],
	build(item) {
		const filters = item.collection('filters');
		const deliverySuccess = item.text('deliverySuccess', filters) ?? 'any';
		if (!(deliverySuccess in DELIVERY_SUCCESS)) {
			item.fail('deliverySuccess', `must be one of any, delivered or notDelivered, got "${deliverySuccess}"`);
		}
		return {
			params: {
				...readTypeFilter(item, filters),
				created: item.createdRange(filters),
				delivery_success: DELIVERY_SUCCESS[deliverySuccess],
			},
			paginate: item.pagination(),
			toOutput: eventItems(item),
		};
	},
};

/** Stripe's `types` (the chosen list) or `type` (the group); never both, as Stripe refuses that. */
function readTypeFilter(item: OperationItem, filters: IDataObject): { type?: string; types?: string[] } {
	const chosen = item.list('eventTypes', filters);
	const group = item.text('typeGroup', filters);
	if (chosen && group !== undefined) item.fail('typeGroup', 'cannot be combined with Event Types: Stripe filters by one or the other');
	if (group !== undefined) {
		if (!isEventTypePattern(group)) {
			item.fail('typeGroup', `must be an event type or a group with * such as "climate.order.*", got "${group}"`);
		}
		return { type: group };
	}
	if (!chosen) return {};
	const listed = listedEventTypes(chosen);
	if ('problem' in listed) item.fail('eventTypes', listed.problem);
	return listed;
}
