import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyClimateSuppliers: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/climate/suppliers',
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/climate/suppliers', paginate: item.pagination() };
	},
};
