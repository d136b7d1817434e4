import type { StripeOperation } from '../../../shared/operation';
import { PRODUCT_ID_PREFIX, productField } from './fields';
import { readableClimateProduct } from './readable';

export const getClimateProduct: StripeOperation = {
	value: 'get',
	route: 'GET /v1/climate/products/{product}',
	readable: readableClimateProduct,
	properties: [productField('The carbon removal product')],
	build(item) {
		return { pathParams: { product: item.id('product', PRODUCT_ID_PREFIX) } };
	},
};
