import type { StripeOperation } from '../../../shared/operation';
import { destinationNetworkField } from '../../fields';
import { readableTransactionLimits } from './readable';

export const getTransactionLimits: StripeOperation = {
	value: 'get',
	route: 'GET /v1/crypto/onramp_transaction_limits',
	toolDescription:
		'How much a customer may still buy through the onramp, for their wallet address or IP address. Costs nothing. Returns the remaining limits per period.',
	readable: readableTransactionLimits,
	properties: [
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Customer IP Address', name: 'customerIpAddress', type: 'string', default: '', description: "The customer's IPv4 or IPv6 address" },
				{ displayName: 'Destination Tag', name: 'destinationTag', type: 'string', default: '', description: 'Memo of the wallet address, for networks that use one' },
				destinationNetworkField({ description: 'The network of the wallet address' }),
				{ displayName: 'Wallet Address', name: 'walletAddress', type: 'string', default: '', description: "The customer's wallet address" },
			],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		return {
			params: {
				customer_ip_address: item.ipAddress('customerIpAddress', fields),
				destination_network: item.text('destinationNetwork', fields),
				wallet_address: item.text('walletAddress', fields),
				destination_tag: item.text('destinationTag', fields),
			},
		};
	},
};
