import type { StripeResource } from '../../../shared/operation';
import { cancelClimateOrder } from './cancel';
import { createClimateOrder } from './create';
import { getClimateOrder } from './get';
import { getManyClimateOrders } from './getMany';
import { updateClimateOrder } from './update';

export const order: StripeResource = {
	value: 'order',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel a climate order',
				description: 'Cancel an order within 24 hours of creation; Stripe refunds it less the fees',
			},
			{ name: 'Create', value: 'create', action: 'Create a climate order', description: 'Buy carbon removal, paid from your Stripe balance' },
			{ name: 'Get', value: 'get', action: 'Get a climate order', description: 'Retrieve a climate order by ID' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many climate orders', description: 'List climate orders, newest first' },
			{ name: 'Update', value: 'update', action: 'Update a climate order', description: "Change an order's beneficiary or metadata" },
		],
		default: 'create',
	},
	operations: [createClimateOrder, getClimateOrder, getManyClimateOrders, updateClimateOrder, cancelClimateOrder],
};
