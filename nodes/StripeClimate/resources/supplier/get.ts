import type { StripeOperation } from '../../../shared/operation';
import { SUPPLIER_ID_PREFIX, supplierIdField } from './fields';

export const getClimateSupplier: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/suppliers/{supplier}',
	properties: [supplierIdField],
	build(item) {
		return { pathParams: { supplier: item.id('supplierId', SUPPLIER_ID_PREFIX) } };
	},
};
