import { metadataField } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { ORDER_ID_PREFIX, orderIdField, readBeneficiaryUpdate } from './fields';
import { readableClimateOrder } from './readable';

export const updateClimateOrder: StripeOperation = {
	value: 'update',
	route: 'POST /v1/climate/orders/{order}',
	toolDescription:
		'Change the beneficiary public name or the metadata of a carbon removal order (climorder_...). Costs nothing. Returns the updated order.',
	readable: readableClimateOrder,
	properties: [
		orderIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Beneficiary Public Name',
					name: 'beneficiaryPublicName',
					type: 'string',
					default: '',
					description: 'The name shown publicly as the beneficiary. Add the field and leave it empty to remove the beneficiary.',
				},
				metadataField('Key-value pairs to add or change on the order. A key with an empty value is removed.'),
			],
		},
	],
	build(item) {
		const orderId = item.id('orderId', ORDER_ID_PREFIX);
		const fields = item.collection('updateFields');
		return {
			pathParams: { order: orderId },
			params: {
				beneficiary: readBeneficiaryUpdate(item, fields),
				metadata: item.pairs('metadata', fields),
			},
		};
	},
};
