import { createdFiltersCollection, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { createdWindow } from '../../../shared/period';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { readableClimateProduct } from './readable';

export const getManyClimateProducts: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/products',
	toolDescription:
		`List the carbon removal products that can be ordered, with their price per metric ton and the tons available. Product ids look like climsku_frontier_offtake_portfolio_2027. ${TOOL_LIST_NOTE}`,
	readable: readableClimateProduct,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		// Stripe's list takes no created filter: the node keeps the period's products. Stripe does
		// not document this list's order, so every page is read (a handful of products)
		createdFiltersCollection,
	],
	build(item) {
		const range = item.createdRange(item.collection('filters'));
		return { paginate: { ...item.pagination(), window: range && createdWindow(range, { newestFirst: false }) } };
	},
};
