import type { StripeResource } from '../../../shared/operation';
import { getEvent } from './get';
import { getManyEvents } from './getMany';

export const event: StripeResource = {
	value: 'event',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Get', value: 'get', action: 'Get an event', description: 'Retrieve an event of the last 30 days by ID' },
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many events',
				description: 'List the events of the last 30 days, newest first, by type, time and delivery success',
			},
		],
		default: 'getAll',
	},
	operations: [getEvent, getManyEvents],
};
