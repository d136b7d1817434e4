import { paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyClimateOrders: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/climate/orders',
	omittedParams: {
		ending_before: 'Return All and Limit walk forward from the newest order with starting_after',
	},
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/climate/orders', paginate: item.pagination() };
	},
};
