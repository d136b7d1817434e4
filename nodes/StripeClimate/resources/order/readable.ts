import type { IDataObject } from 'n8n-workflow';

import { decimalNumber, expandedField, idOf, minorMoney, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/** A climate order as a person reads it: tons, money in the currency's main unit, times in the workflow's timezone. */
export function readableClimateOrder(order: IDataObject, context: ReadableContext): IDataObject {
	const deliveries = Array.isArray(order.delivery_details) ? (order.delivery_details as IDataObject[]) : [];
	return {
		id: order.id,
		status: order.status,
		created: readableTime(order.created, context),
		metricTons: decimalNumber(order.metric_tons),
		productId: idOf(order.product),
		productName: expandedField(order.product, 'name'),
		currency: orNull(order.currency),
		...minorMoney('amountSubtotal', order.amount_subtotal, order.currency),
		...minorMoney('amountFees', order.amount_fees, order.currency),
		...minorMoney('amountTotal', order.amount_total, order.currency),
		beneficiary: orNull((order.beneficiary as IDataObject | null | undefined)?.public_name ?? null),
		expectedDeliveryYear: orNull(order.expected_delivery_year),
		confirmedAt: readableTime(order.confirmed_at, context),
		delayedAt: readableTime(order.delayed_at, context),
		deliveredAt: readableTime(order.delivered_at, context),
		canceledAt: readableTime(order.canceled_at, context),
		cancellationReason: orNull(order.cancellation_reason),
		productSubstitutedAt: readableTime(order.product_substituted_at, context),
		certificate: orNull(order.certificate),
		supplierIds: [...new Set(deliveries.map((delivery) => idOf(delivery.supplier)).filter((id) => id !== null))],
		deliveries: deliveries.map((delivery) => readableDelivery(delivery, context)),
		livemode: orNull(order.livemode),
		metadata: order.metadata ?? {},
	};
}

/** One delivery of an order: which supplier delivered how many tons, where and when. */
function readableDelivery(delivery: IDataObject, context: ReadableContext): IDataObject {
	const location = (delivery.location ?? null) as IDataObject | null;
	return {
		supplierId: idOf(delivery.supplier),
		supplierName: expandedField(delivery.supplier, 'name'),
		metricTons: decimalNumber(delivery.metric_tons),
		deliveredAt: readableTime(delivery.delivered_at, context),
		country: orNull(location?.country ?? null),
		registryUrl: orNull(delivery.registry_url ?? null),
	};
}
