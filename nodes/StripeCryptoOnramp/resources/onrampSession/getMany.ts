import { createdRangeFields, options, PAGINATION_OMITTED_PARAMS, paginationFields } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { ONRAMP_SESSION_STATUSES } from '../../../shared/stripeSpec';
import { destinationCurrencyField, destinationNetworkField } from '../../fields';

export const getManyOnrampSessions: StripeOperation = {
	value: 'getAll',
	route: 'GET /v1/crypto/onramp_sessions',
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
					options: options(ONRAMP_SESSION_STATUSES),
					default: '',
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
