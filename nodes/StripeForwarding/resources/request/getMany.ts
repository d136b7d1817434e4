import { createdRangeFields, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { readableForwardingRequest } from './readable';

export const getManyForwardingRequests: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/forwarding/requests',
	toolDescription:
		`List forwarding requests, optionally within a creation time range (created_after, created_before in ISO 8601, or created_period such as last7Days). ${TOOL_LIST_NOTE}`,
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
