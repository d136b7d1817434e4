import { createdFiltersCollection, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { createdWindow } from '../../../shared/period';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { readableWebhookEndpoint } from './readable';

export const getManyWebhookEndpoints: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/webhook_endpoints',
	toolDescription:
		`List the account's webhook endpoints with their url, events and status. ${TOOL_LIST_NOTE}`,
	readable: readableWebhookEndpoint,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		// Stripe's list takes no created filter: the node keeps the period's webhook endpoints. Stripe does
		// not document this list's order, so every page is read (at most 16 endpoints)
		createdFiltersCollection,
	],
	build(item) {
		const range = item.createdRange(item.collection('filters'));
		return { paginate: { ...item.pagination(), window: range && createdWindow(range, { newestFirst: false }) } };
	},
};
