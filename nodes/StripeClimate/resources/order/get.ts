import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField } from './fields';
import { readableClimateOrder } from './readable';

export const getClimateOrder: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/orders/{order}',
	toolDescription:
		'Retrieve one carbon removal order by its id (climorder_...). Returns its status (open, confirmed, delivered, canceled), metric tons, amounts, fees, product and delivery details.',
	readable: readableClimateOrder,
	properties: [orderIdField],
	build(item) {
		return { pathParams: { order: item.id('orderId', ORDER_ID_PREFIX) } };
	},
};
