import type { IDataObject } from 'n8n-workflow';

import { camelCase, orNull } from '../../../shared/readable';

/**
 * A customer's onramp limits as a person reads them. Stripe shapes `limits` freely (by currency,
 * payment method and settlement speed), so its keys are camelCased and its decimal amounts become
 * numbers, wherever they are.
 */
export function readableTransactionLimits(limits: IDataObject): IDataObject {
	return {
		cryptoCustomerId: orNull(limits.crypto_customer_id),
		limits: readableTree(limits.limits ?? {}) as IDataObject,
		livemode: orNull(limits.livemode),
	};
}

function readableTree(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(readableTree);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value as IDataObject).map(([key, inner]) => [camelCase(key), readableTree(inner)]));
	}
	return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}
