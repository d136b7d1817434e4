import { createdRangeFields, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { TOOL_LIST_NOTE } from '../../../shared/toolFields';
import { destinationCurrencyField, destinationNetworkField } from '../../fields';
import { readableOnrampSession } from './readable';

export const getManyOnrampSessions: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/crypto/onramp_sessions',
	toolDescription:
		`List onramp sessions, optionally only one status, destination currency or network, or a creation time range (created_after, created_before in ISO 8601, or created_period such as last7Days). ${TOOL_LIST_NOTE}`,
	readable: readableOnrampSession,
	omittedParams: PAGINATION_OMITTED_PARAMS,
	properties: [
		...paginationFields,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				...createdRangeFields,
				destinationCurrencyField({ description: 'Only sessions buying this cryptocurrency' }),
				destinationNetworkField({ description: 'Only sessions delivering on this network' }),
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					// written out so the linter can check the default; a test keeps them equal to the spec's
					options: [
						{ name: 'Fulfillment Complete', value: 'fulfillment_complete', description: 'The crypto was delivered' },
						{ name: 'Fulfillment Processing', value: 'fulfillment_processing', description: 'Paid; the crypto is on its way' },
						{ name: 'Initialized', value: 'initialized', description: 'Created; the customer has not finished' },
						{ name: 'Rejected', value: 'rejected', description: 'Stripe declined the customer or the transaction' },
						{ name: 'Requires Payment', value: 'requires_payment', description: 'Waiting for the customer to pay' },
					],
					default: 'fulfillment_complete',
				},
			],
		},
	],
	build(item) {
		const filters = item.collection('filters');
		return {
			params: {
				created: item.createdRange(filters),
				status: item.text('status', filters),
				destination_currency: item.text('destinationCurrency', filters),
				destination_network: item.text('destinationNetwork', filters),
			},
			paginate: item.pagination(),
		};
	},
};
