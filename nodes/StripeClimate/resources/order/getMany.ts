import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { readableClimateOrder } from './readable';

export const getManyClimateOrders: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/orders',
	readable: readableClimateOrder,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { paginate: item.pagination() };
	},
};
