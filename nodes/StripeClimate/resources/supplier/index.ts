import type { StripeResource } from '../../../shared/operation';
import { getClimateSupplier } from './get';
import { getManyClimateSuppliers } from './getMany';

export const supplier: StripeResource = {
	value: 'supplier',
	operationSelector: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Get', value: 'get', action: 'Get a climate supplier', description: 'Retrieve a carbon removal supplier with its pathway and locations' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many climate suppliers', description: 'List the suppliers that deliver carbon removal' },
		],
		default: 'getAll',
	},
	operations: [getClimateSupplier, getManyClimateSuppliers],
};
