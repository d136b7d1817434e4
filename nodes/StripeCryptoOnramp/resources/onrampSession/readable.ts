import type { IDataObject } from 'n8n-workflow';

import { cryptoAmount, decimalMoney, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/**
 * An onramp session as a person reads it: what the customer pays (fiat, with fees) and receives
 * (crypto, on which network), flattened out of transaction_details. The client secret stays: the
 * workflow hands it to the onramp frontend.
 */
export function readableOnrampSession(session: IDataObject, context: ReadableContext): IDataObject {
	const details = (session.transaction_details ?? {}) as IDataObject;
	const fees = (details.fees ?? {}) as IDataObject;
	const sourceCurrency = orNull(details.source_currency ?? null);
	return {
		id: session.id,
		status: orNull(session.status),
		created: readableTime(session.created, context),
		sourceCurrency,
		...decimalMoney('sourceAmount', details.source_amount, sourceCurrency),
		...decimalMoney('networkFee', fees.network_fee_amount, sourceCurrency),
		...decimalMoney('transactionFee', fees.transaction_fee_amount, sourceCurrency),
		destinationCurrency: orNull(details.destination_currency ?? null),
		destinationNetwork: orNull(details.destination_network ?? null),
		...cryptoAmount('destinationAmount', details.destination_amount),
		walletAddress: orNull(details.wallet_address ?? null),
		settlementSpeed: orNull(details.settlement_speed ?? null),
		transactionId: orNull(details.transaction_id ?? null),
		kycDetailsProvided: orNull(session.kyc_details_provided),
		clientSecret: orNull(session.client_secret),
		redirectUrl: orNull(session.redirect_url ?? null),
		livemode: orNull(session.livemode),
		metadata: session.metadata ?? {},
	};
}
