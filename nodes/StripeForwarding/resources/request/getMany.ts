import { createdRangeFields, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyForwardingRequests: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/forwarding/requests',
	omittedParams: {
		ending_before: 'Return All and Limit walk forward from the newest request with starting_after',
	},
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
		const createdAfter = item.unixTime('createdAfter', filters);
		const createdBefore = item.unixTime('createdBefore', filters);
		if (createdAfter !== undefined && createdBefore !== undefined && createdAfter > createdBefore) {
			item.fail('createdBefore', 'must not be earlier than Created After');
		}
		return {
			method: 'GET',
			path: '/v1/forwarding/requests',
			params: {
				created: createdAfter !== undefined || createdBefore !== undefined ? { gte: createdAfter, lte: createdBefore } : undefined,
			},
			paginate: item.pagination(),
		};
	},
};
