import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyWebhookEndpoints: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/webhook_endpoints',
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/webhook_endpoints', paginate: item.pagination() };
	},
};
