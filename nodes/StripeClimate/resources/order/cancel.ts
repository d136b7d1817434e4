import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField } from './fields';
import { readableClimateOrder } from './readable';

export const cancelClimateOrder: StripeOperation = {
	value: 'cancel',
	route: 'POST /v1/climate/orders/{order}/cancel',
	toolDescription:
		'Cancel a carbon removal order (climorder_...) within 24 hours of its creation; Stripe refunds the amount less its fees to the balance. Cannot be undone. Refused once the order is confirmed or older than 24 hours. Returns the canceled order.',
	toolCostNotice:
		'With this tool the model cancels orders; a canceled order cannot be restored.',
	readable: readableClimateOrder,
	properties: [orderIdField],
	build(item) {
		return { pathParams: { order: item.id('orderId', ORDER_ID_PREFIX) } };
	},
};
