import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { readableClimateProduct } from './readable';

export const getManyClimateProducts: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/products',
	readable: readableClimateProduct,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { paginate: item.pagination() };
	},
};
