import type { IDataObject } from 'n8n-workflow';

import { cryptoAmount, decimalMoney, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/**
 * Onramp quotes as a person reads them. An item is either one quote (Split Into Items, the
 * default) or the whole quotes object, whose quotes then come as one flat list.
 */
export function readableOnrampQuotes(object: IDataObject, context: ReadableContext): IDataObject {
	if (object.destination_network_quotes === undefined) return readableQuote(object, object, context);
	const byNetwork = (object.destination_network_quotes ?? {}) as Record<string, unknown>;
	return {
		id: object.id,
		sourceCurrency: orNull(object.source_currency),
		...decimalMoney('sourceAmount', object.source_amount, object.source_currency),
		rateFetchedAt: readableTime(object.rate_fetched_at, context),
		quotes: Object.entries(byNetwork).flatMap(([key, quotes]) =>
			(Array.isArray(quotes) ? (quotes as IDataObject[]) : []).map((quote) =>
				readableQuote({ destination_network: key === 'base_network' ? 'base' : key, ...quote }, object, context),
			),
		),
		livemode: orNull(object.livemode),
	};
}

/** One quote; `quotes` is the object it came in (the split item itself carries those fields). */
function readableQuote(quote: IDataObject, quotes: IDataObject, context: ReadableContext): IDataObject {
	const fees = (quote.fees ?? {}) as IDataObject;
	const sourceCurrency = orNull((quotes.source_currency ?? null) as string | null);
	return {
		id: orNull(quote.id),
		quotesId: orNull(quote.quotes_id ?? (quote === quotes ? null : quotes.id)),
		destinationCurrency: orNull(quote.destination_currency),
		destinationNetwork: orNull(quote.destination_network),
		...cryptoAmount('destinationAmount', quote.destination_amount),
		sourceCurrency,
		...decimalMoney('sourceTotalAmount', quote.source_total_amount, sourceCurrency),
		...decimalMoney('networkFee', fees.network_fee_monetary, sourceCurrency),
		...decimalMoney('transactionFee', fees.transaction_fee_monetary, sourceCurrency),
		rateFetchedAt: readableTime(quotes.rate_fetched_at, context),
		livemode: orNull(quotes.livemode ?? null),
	};
}
