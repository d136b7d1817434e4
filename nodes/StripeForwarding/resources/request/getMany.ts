import { createdRangeFields, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { readableForwardingRequest } from './readable';

export const getManyForwardingRequests: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/forwarding/requests',
	readable: readableForwardingRequest,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [...createdRangeFields],
		},
	],
	build(item) {
		const filters = item.collection('filters');
		return {
			params: {
				created: item.createdRange(filters),
			},
			paginate: item.pagination(),
		};
	},
};
