import type { StripeResource } from '../../../shared/operation';
import { getClimateProduct } from './get';
import { getManyClimateProducts } from './getMany';

export const product: StripeResource = {
	value: 'product',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Get', value: 'get', action: 'Get a climate product', description: 'Retrieve a carbon removal product with its prices and available tons' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many climate products', description: 'List the carbon removal products you can order' },
		],
		default: 'getAll',
	},
	operations: [getClimateProduct, getManyClimateProducts],
};
