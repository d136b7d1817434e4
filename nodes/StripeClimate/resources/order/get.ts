import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField } from './fields';

export const getClimateOrder: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/orders/{order}',
	properties: [orderIdField],
	build(item) {
		return { pathParams: { order: item.id('orderId', ORDER_ID_PREFIX) } };
	},
};
