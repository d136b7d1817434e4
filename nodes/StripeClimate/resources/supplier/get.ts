import type { StripeOperation } from '../../../shared/operation';
import { SUPPLIER_ID_PREFIX, supplierIdField } from './fields';
import { readableClimateSupplier } from './readable';

export const getClimateSupplier: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/suppliers/{supplier}',
	toolDescription:
		'Retrieve one carbon removal supplier by id (climsup_...): its name, removal pathway, locations and description.',
	readable: readableClimateSupplier,
	properties: [supplierIdField],
	build(item) {
		return { pathParams: { supplier: item.id('supplierId', SUPPLIER_ID_PREFIX) } };
	},
};
