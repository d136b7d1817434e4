import type { StripeResource } from '../../../shared/operation';
import { createForwardingRequest } from './create';
import { getForwardingRequest } from './get';
import { getManyForwardingRequests } from './getMany';

export const forwardingRequest: StripeResource = {
	value: 'request',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a forwarding request',
				description: "Send a request with a saved card's details to an enabled destination, and get its answer",
			},
			{ name: 'Get', value: 'get', action: 'Get a forwarding request', description: 'Retrieve a forwarding request by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many forwarding requests', description: 'List forwarding requests, newest first' },
		],
		default: 'create',
	},
	operations: [createForwardingRequest, getForwardingRequest, getManyForwardingRequests],
};
