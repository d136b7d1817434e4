import { paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';

export const getManyWebhookEndpoints: StripeOperation = {
	value: 'getAll',
	endpoint: 'GET /v1/webhook_endpoints',
	omittedParams: {
		ending_before: 'Return All and Limit walk forward from the newest endpoint with starting_after',
	},
	properties: [...paginationFields],
	build(item) {
		return { method: 'GET', path: '/v1/webhook_endpoints', paginate: item.pagination() };
	},
};
