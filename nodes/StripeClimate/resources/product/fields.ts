import type { INodeProperties } from 'n8n-workflow';

export const PRODUCT_ID_PREFIX = 'climsku_';

/**
 * A Climate product: picked from the list Stripe offers (name, price per ton and tons still
 * available are shown), or entered as an ID. Stripe's product IDs are readable, such as
 * climsku_frontier_offtake_portfolio_2027.
 */
export function productField(description: string): INodeProperties {
	return {
		displayName: 'Product',
		name: 'product',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a product...',
				typeOptions: { searchListMethod: 'searchClimateProducts', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'climsku_frontier_offtake_portfolio_2027',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: 'climsku_[A-Za-z0-9_]+',
							errorMessage: 'A Climate product ID starts with climsku_, for example climsku_frontier_offtake_portfolio_2027',
						},
					},
				],
			},
		],
	};
}
