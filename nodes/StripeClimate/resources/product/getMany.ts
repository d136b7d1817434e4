import { paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyClimateProducts: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/climate/products',
	omittedParams: {
		ending_before: 'Return All and Limit walk forward from the first product with starting_after',
	},
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/climate/products', paginate: item.pagination() };
	},
};
