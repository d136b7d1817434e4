import type { StripeOperation } from '../../../shared/operation';
import { PRODUCT_ID_PREFIX, productField } from './fields';
import { readableClimateProduct } from './readable';

export const getClimateProduct: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/products/{product}',
	toolDescription:
		'Retrieve one carbon removal product by id (climsku_...): its name, price per metric ton in each currency (amounts in the smallest unit), tons still available and its suppliers.',
	readable: readableClimateProduct,
	properties: [productField('The carbon removal product')],
	build(item) {
		return { pathParams: { product: item.id('product', PRODUCT_ID_PREFIX) } };
	},
};
