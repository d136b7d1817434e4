import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { API_VERSIONS } from './stripeSpec';

/** Builders for fields that many operations share, so each operation file stays a short list. */

export function options(values: readonly string[], labels: Record<string, string> = {}): INodePropertyOptions[] {
	return values.map((value) => ({ name: labels[value] ?? humanize(value), value }));
}

/** Words written in capitals in a label ("card_cvc" is "Card CVC"). */
const ACRONYMS = new Set(['cvc']);

function humanize(value: string): string {
	return value
		.split(/[_.]/)
		.map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1)))
		.join(' ');
}

export function idField(displayName: string, name: string, prefix: string, description?: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder: `${prefix}...`,
		description: description ?? `The ID of the object, starting with ${prefix}`,
	};
}

/** What a Get Many operation leaves out of the list endpoint's parameters, and why. */
export const PAGINATION_OMITTED_PARAMS = {
	ending_before: 'Return All and Limit walk forward from the first object with starting_after',
};

/** Return All / Limit pair every Get Many operation shows. */
export const paginationFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function metadataField(description = 'Set of key-value pairs stored on the object'): INodeProperties {
	return {
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Metadata',
		default: {},
		description,
		options: [
			{
				displayName: 'Metadata',
				name: 'pair',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/**
 * The period filters of every Get Many whose objects have a creation time: Created After/Before
 * (date pickers, read in the workflow's timezone) and Created Period (relative, ./period).
 * `OperationItem.createdRange` reads them; Stripe filters where its list takes `created`, the node
 * where it does not.
 */
export const createdRangeFields: INodeProperties[] = [
	{
		displayName: 'Created After',
		name: 'createdAfter',
		type: 'dateTime',
		default: '',
		description: 'Only objects created at or after this moment. A date without a time zone is read in the workflow timezone.',
	},
	{
		displayName: 'Created Before',
		name: 'createdBefore',
		type: 'dateTime',
		default: '',
		description: 'Only objects created at or before this moment. A date without a time zone is read in the workflow timezone.',
	},
	{
		displayName: 'Created Period',
		name: 'createdPeriod',
		type: 'options',
		default: 'previousWeek',
		// written out so the linter can check them; a test keeps them equal to CREATED_PERIODS
		options: [
			{ name: 'Current Month', value: 'currentMonth', description: 'From the 1st of this month, 00:00' },
			{ name: 'Current Week', value: 'currentWeek', description: 'From this Monday, 00:00' },
			{ name: 'Last 24 Hours', value: 'last24Hours', description: 'The 24 hours up to now' },
			{ name: 'Last 30 Days', value: 'last30Days', description: 'From this time of day 30 days ago up to now' },
			{ name: 'Last 7 Days', value: 'last7Days', description: 'From this time of day 7 days ago up to now' },
			{ name: 'Previous Month', value: 'previousMonth', description: 'The whole calendar month before this one' },
			{ name: 'Previous Week', value: 'previousWeek', description: 'Monday to Sunday of the week before this one' },
			{ name: 'Today', value: 'today', description: 'From 00:00 today' },
			{ name: 'Yesterday', value: 'yesterday', description: 'The whole of yesterday' },
		],
		description:
			'Only objects created in this period, computed when the node runs, on the workflow timezone calendar (weeks start on Monday). Instead of Created After and Created Before.',
	},
];

/**
 * API versions to pick from: a first choice that sets none (`''`, whose meaning the field says),
 * then the spec's versions, newest first. An expression may give a version newer than the list.
 */
export function apiVersionOptions(noVersion: Omit<INodePropertyOptions, 'value'>): INodePropertyOptions[] {
	return [{ ...noVersion, value: '' }, ...[...API_VERSIONS].reverse().map((version) => ({ name: version, value: version }))];
}

/** A Get Many's Filters when Created After/Before/Period are its only filters. */
export const createdFiltersCollection: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add Filter',
	default: {},
	options: createdRangeFields,
};
