import type { IDataObject } from 'n8n-workflow';

import { idField } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';

export const ORDER_ID_PREFIX = 'climorder_';

export const orderIdField = idField('Order ID', 'orderId', ORDER_ID_PREFIX, 'The climate order, starting with climorder_');

/**
 * Beneficiary on update: a name sets it; the field added but left empty removes it, which Stripe
 * takes as `beneficiary=""`. Not added: left as it is.
 */
export function readBeneficiaryUpdate(item: OperationItem, fields: IDataObject): { public_name: string } | '' | undefined {
	if (!('beneficiaryPublicName' in fields)) return undefined;
	const name = item.text('beneficiaryPublicName', fields);
	return name === undefined ? '' : { public_name: name };
}
