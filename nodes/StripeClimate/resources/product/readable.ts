import type { IDataObject } from 'n8n-workflow';

import { decimalNumber, idOf, minorMoney, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/** A climate product as a person reads it: its price per ton in each currency, its suppliers by id and name. */
export function readableClimateProduct(product: IDataObject, context: ReadableContext): IDataObject {
	const prices = (product.current_prices_per_metric_ton ?? {}) as Record<string, IDataObject>;
	const suppliers = Array.isArray(product.suppliers) ? (product.suppliers as IDataObject[]) : [];
	return {
		id: product.id,
		name: orNull(product.name),
		created: readableTime(product.created, context),
		deliveryYear: orNull(product.delivery_year),
		metricTonsAvailable: decimalNumber(product.metric_tons_available),
		pricesPerMetricTon: Object.entries(prices)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([currency, price]) => ({
				currency,
				...minorMoney('amountSubtotal', price.amount_subtotal, currency),
				...minorMoney('amountFees', price.amount_fees, currency),
				...minorMoney('amountTotal', price.amount_total, currency),
			})),
		supplierIds: suppliers.map((supplier) => idOf(supplier)),
		supplierNames: suppliers.map((supplier) => orNull(supplier.name ?? null)),
		livemode: orNull(product.livemode),
	};
}
