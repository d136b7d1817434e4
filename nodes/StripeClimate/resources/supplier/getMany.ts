import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { readableClimateSupplier } from './readable';

export const getManyClimateSuppliers: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/climate/suppliers',
	toolDescription:
		`List the companies that remove and store carbon for Stripe Climate, with their removal pathway and locations. ${TOOL_LIST_NOTE}`,
	readable: readableClimateSupplier,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { paginate: item.pagination() };
	},
};
