import { createdFiltersCollection, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { createdWindow } from '../../../shared/period';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { readableClimateOrder } from './readable';

export const getManyClimateOrders: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/orders',
	toolDescription:
		`List the account's carbon removal orders. ${TOOL_LIST_NOTE}`,
	readable: readableClimateOrder,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		// Stripe's list takes no created filter: the node keeps the period's orders and stops
		// reading at the first one created before it (Stripe lists orders newest first)
		createdFiltersCollection,
	],
	build(item) {
		const range = item.createdRange(item.collection('filters'));
		return { paginate: { ...item.pagination(), window: range && createdWindow(range, { newestFirst: true }) } };
	},
};
