import type { StripeOperation } from '../../../shared/operation';
import { SUPPLIER_ID_PREFIX, supplierIdField } from './fields';

export const getClimateSupplier: StripeOperation = {
	value: 'get',
	endpoint: 'GET /v1/climate/suppliers/{supplier}',
	properties: [supplierIdField],
	build(item) {
		return { method: 'GET', path: `/v1/climate/suppliers/${item.id('supplierId', SUPPLIER_ID_PREFIX)}` };
	},
};
