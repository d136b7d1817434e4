import type { StripeResource } from '../../../shared/operation';
import { getTransactionLimits } from './get';

export const transactionLimits: StripeResource = {
	value: 'transactionLimits',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Get', value: 'get', action: 'Get onramp transaction limits', description: 'How much a customer may still buy' },
		],
		default: 'get',
	},
	operations: [getTransactionLimits],
};
