import { metadataField } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { PRODUCT_ID_PREFIX, productField } from '../product/fields';
import { readableClimateOrder } from './readable';

export const createClimateOrder: StripeOperation = {
	value: 'create',
	route: 'POST /v1/climate/orders',
	toolDescription:
		"Buy permanent carbon removal with Stripe Climate. This SPENDS MONEY: the order is paid at once from the Stripe account's balance, and can only be undone with Cancel within 24 hours (Stripe refunds it less its fees). Confirm the product and quantity with the user before calling. Give product (an id such as climsku_frontier_offtake_portfolio_2027, from the product list) and either metric_tons (a decimal such as 0.5) or amount (an integer in the currency's smallest unit, 2500 = 25.00 USD) with currency (usd, eur, gbp, ...), not both. Returns the order: id (climorder_...), status, metric tons, amounts and fees, expected delivery.",
	toolCostNotice:
		'With this tool the model buys carbon removal, paid at once from your Stripe balance, whenever it decides to. Each call gets its own idempotency key. Tell the agent to confirm with the user first, or fix the product and the quantity below.',
	readable: readableClimateOrder,
	properties: [
		{
			displayName:
				'Creating an order buys carbon removal at once, paid from your Stripe balance. Set Options → Idempotency Key to an expression from your input (such as an order reference) so that running the workflow again returns the first order instead of buying twice.',
			name: 'purchaseNotice',
			type: 'notice',
			default: '',
		},
		// n8n marks no node parameter required in the panel: say it where it is seen
		{ ...productField('The carbon removal product to buy'), hint: 'Required: pick a product from the list, or enter its ID' },
		{
			displayName: 'Metric Tons',
			name: 'metricTons',
			type: 'string',
			default: '',
			placeholder: 'e.g. 0.5',
			hint: 'Metric Tons or Amount (Amount needs Currency)',
			description: 'How much carbon removal to buy, as a decimal number of metric tons. Set this or Amount, not both.',
		},
		{
			displayName: 'Amount',
			name: 'amount',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2500 for 25.00',
			description:
				"How much to spend instead, in the currency's smallest unit (2500 is 25.00 USD); Stripe works out the tons. Set this or Metric Tons, not both. Needs a Currency.",
		},
		{
			displayName: 'Currency',
			name: 'currency',
			type: 'string',
			default: '',
			placeholder: 'e.g. usd',
			description:
				"Three-letter ISO code of the currency to pay in, one the product is priced in. Required with Amount, whose value is in this currency's smallest unit; with Metric Tons, empty means your account's default currency.",
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Beneficiary Public Name',
					name: 'beneficiaryPublicName',
					type: 'string',
					default: '',
					description: 'The name shown publicly as the beneficiary of the carbon removal, such as your customer',
				},
				metadataField(),
			],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		const product = item.id('product', PRODUCT_ID_PREFIX);
		const metricTons = item.decimal('metricTons');
		const amount = item.integer('amount');
		const currency = item.currency('currency');
		if (metricTons !== undefined && amount !== undefined) {
			item.fail('amount', 'cannot be set together with Metric Tons: Stripe takes one or the other');
		}
		if (metricTons === undefined && amount === undefined) {
			item.fail('metricTons', 'or Amount is required: say how much carbon removal to buy');
		}
		if (amount !== undefined && currency === undefined) {
			item.fail('currency', "is required with Amount: the amount is in that currency's smallest unit");
		}
		const beneficiary = item.text('beneficiaryPublicName', fields);
		return {
			params: {
				product,
				metric_tons: metricTons,
				amount,
				currency,
				beneficiary: beneficiary ? { public_name: beneficiary } : undefined,
				metadata: item.pairs('metadata', fields),
			},
		};
	},
};
