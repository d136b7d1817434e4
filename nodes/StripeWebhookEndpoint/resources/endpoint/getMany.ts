import { PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { readableWebhookEndpoint } from './readable';

export const getManyWebhookEndpoints: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/webhook_endpoints',
	readable: readableWebhookEndpoint,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [...paginationFields],
	build(item) {
		return { paginate: item.pagination() };
	},
};
