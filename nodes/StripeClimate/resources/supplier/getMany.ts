import { paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyClimateSuppliers: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/climate/suppliers',
	omittedParams: {
		ending_before: 'Return All and Limit walk forward from the first supplier with starting_after',
	},
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/climate/suppliers', paginate: item.pagination() };
	},
};
