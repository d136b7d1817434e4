import type { StripeResource } from '../../../shared/operation';
import { getTransactionLimits } from './get';

export const transactionLimits: StripeResource = {
	value: 'transactionLimits',
	name: 'Transaction Limits',
	description: 'What a customer may still buy',
	operations: [getTransactionLimits],
};
