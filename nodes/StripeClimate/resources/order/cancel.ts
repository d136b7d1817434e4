import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField } from './fields';
import { readableClimateOrder } from './readable';

export const cancelClimateOrder: StripeOperation = {
	value: 'cancel',
	route: 'POST /v1/climate/orders/{order}/cancel',
	readable: readableClimateOrder,
	properties: [orderIdField],
	build(item) {
		return { pathParams: { order: item.id('orderId', ORDER_ID_PREFIX) } };
	},
};
