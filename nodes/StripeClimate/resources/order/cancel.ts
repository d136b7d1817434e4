import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField } from './fields';

export const cancelClimateOrder: StripeOperation = {
	value: 'cancel',
	route: 'POST /v1/climate/orders/{order}/cancel',
	properties: [orderIdField],
	build(item) {
		return { pathParams: { order: item.id('orderId', ORDER_ID_PREFIX) } };
	},
};
