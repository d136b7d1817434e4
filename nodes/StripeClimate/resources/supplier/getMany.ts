import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { readableClimateSupplier } from './readable';

export const getManyClimateSuppliers: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/suppliers',
	readable: readableClimateSupplier,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { paginate: item.pagination() };
	},
};
