import type { IDataObject } from 'n8n-workflow';

import type { StripeOperation } from '../../../shared/operation';
import { metadataField } from '../../../shared/fields';
import type { OperationItem } from '../../../shared/item';
import { destinationCurrencyField, destinationCurrencyOptions, destinationNetworkField, destinationNetworkOptions } from '../../fields';
import { readableOnrampSession } from './readable';

export const createOnrampSession: StripeOperation = {
	value: 'create',
	route: 'POST /v1/crypto/onramp_sessions',
	toolDescription:
		"Start a Stripe crypto onramp session, in which a customer buys crypto with fiat in Stripe's onramp UI. Costs nothing by itself; the customer pays when they complete it. Optional: wallet_addresses as a JSON object of network to address ({\"ethereum\": \"0x...\"}, then also a destination network), source_amount (fiat, decimal such as 100.00) or destination_amount (crypto, decimal), currencies and networks from the listed values, customer_ip_address. Returns the session: id (cos_...), status, amounts and fees. Its client secret, which opens the session in the buyer's browser, is withheld.",
	readable: readableOnrampSession,
	properties: [
		{
			displayName:
				'Live mode works only once Stripe has approved your onramp application (docs.stripe.com/crypto/onramp); until then, create sessions with a test-mode key.',
			name: 'liveModeNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Wallet Addresses',
			name: 'walletAddresses',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Wallet Address',
			default: {},
			description: "The customer's wallet address on each network. When set, choose a destination network or networks too.",
			options: [
				{
					displayName: 'Address',
					name: 'pair',
					values: [
						{ displayName: 'Network', name: 'key', type: 'options', options: destinationNetworkOptions, default: 'ethereum' },
						{ displayName: 'Address', name: 'value', type: 'string', default: '', placeholder: '0x...' },
					],
				},
			],
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Customer IP Address',
					name: 'customerIpAddress',
					type: 'string',
					default: '',
					description: "The customer's IPv4 or IPv6 address; Stripe refuses regions it cannot serve",
				},
				{ displayName: 'Destination Amount', name: 'destinationAmount', type: 'string', default: '', placeholder: '0.05', description: 'Crypto amount to buy, as a decimal. Not together with Source Amount; needs a preselected Destination Currency and Destination Network.' },
				destinationCurrencyField({
					displayName: 'Destination Currency (Preselected)',
					description:
						'The cryptocurrency selected when the onramp opens. The customer may switch to another of the Destination Currency Choices; to fix it, make it the only choice. Needed with Destination Amount.',
				}),
				{
					displayName: 'Destination Currency Choices',
					name: 'destinationCurrencies',
					type: 'multiOptions',
					options: destinationCurrencyOptions,
					default: [],
					description: 'The cryptocurrencies the customer may pick from; one choice locks it. Not set: every cryptocurrency Stripe supports.',
				},
				destinationNetworkField({
					displayName: 'Destination Network (Preselected)',
					description:
						'The network selected when the onramp opens. The customer may switch to another of the Destination Network Choices; to fix it, make it the only choice. Needed with Destination Amount.',
				}),
				{
					displayName: 'Destination Network Choices',
					name: 'destinationNetworks',
					type: 'multiOptions',
					options: destinationNetworkOptions,
					default: [],
					description: 'The networks the customer may pick from; one choice locks it. Not set: every network Stripe supports.',
				},
				{ displayName: 'KYC Details (JSON)', name: 'kycDetails', type: 'json', default: '{}', description: 'Customer details you already collected, to pre-fill the KYC form' },
				{ displayName: 'Lock Wallet Address', name: 'lockWalletAddress', type: 'boolean', default: false, description: 'Whether the customer may not change the wallet address (and Stellar destination tag)' },
				metadataField(),
				{
					displayName: 'Settlement Speed',
					name: 'settlementSpeed',
					type: 'options',
					options: [
						{ name: 'Instant', value: 'instant', description: 'Crypto is delivered once the payment is confirmed' },
						{ name: 'Standard', value: 'standard', description: 'Crypto is delivered once the payment settles' },
					],
					default: 'instant',
				},
				{ displayName: 'Source Amount', name: 'sourceAmount', type: 'string', default: '', placeholder: '100.00', description: 'Fiat amount to spend, as a decimal. Not together with Destination Amount.' },
				{
					displayName: 'Source Currency',
					name: 'sourceCurrency',
					type: 'options',
					options: [
						{ name: 'EUR', value: 'eur' },
						{ name: 'GBP', value: 'gbp' },
						{ name: 'USD', value: 'usd' },
					],
					default: 'usd',
					description: 'The fiat currency the customer pays with',
				},
				{ displayName: 'Stellar Destination Tag', name: 'stellarDestinationTag', type: 'string', default: '', description: 'Memo for a Stellar wallet address' },
			],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		const walletAddresses = walletAddressesByNetwork(item.pairs('walletAddresses'));
		const stellarTag = item.text('stellarDestinationTag', fields);
		const destinationNetwork = item.text('destinationNetwork', fields);
		const destinationNetworks = item.list('destinationNetworks', fields);
		const amounts = readAmounts(item, fields);
		if ((walletAddresses || stellarTag) && !destinationNetwork && !destinationNetworks) {
			item.fail('walletAddresses', 'need a Destination Network (Preselected) or Destination Network Choices as well');
		}
		return {
			params: {
				wallet_addresses:
					walletAddresses || stellarTag
						? { ...walletAddresses, ...(stellarTag ? { destination_tags: { stellar: stellarTag } } : {}) }
						: undefined,
				lock_wallet_address: item.boolean('lockWalletAddress', fields),
				customer_ip_address: item.ipAddress('customerIpAddress', fields),
				source_currency: item.text('sourceCurrency', fields),
				...amounts,
				destination_currency: item.text('destinationCurrency', fields),
				destination_network: destinationNetwork,
				destination_currencies: item.list('destinationCurrencies', fields),
				destination_networks: destinationNetworks,
				settlement_speed: item.text('settlementSpeed', fields),
				kyc_details: item.jsonObject('kycDetails', fields),
				metadata: item.pairs('metadata', fields),
			},
		};
	},
};

/** Stripe takes a fiat amount or a crypto amount, never both; a crypto amount names its currency and network. */
function readAmounts(item: OperationItem, fields: IDataObject) {
	const source_amount = item.decimal('sourceAmount', fields);
	const destination_amount = item.decimal('destinationAmount', fields);
	if (source_amount && destination_amount) {
		item.fail('destinationAmount', 'cannot be set together with Source Amount: Stripe takes one or the other');
	}
	if (destination_amount && (!item.text('destinationCurrency', fields) || !item.text('destinationNetwork', fields))) {
		item.fail('destinationAmount', 'needs a Destination Currency (Preselected) and a Destination Network (Preselected)');
	}
	return { source_amount, destination_amount };
}

/**
 * Wallet addresses keyed as Stripe names them on the session's wallet_addresses object, where the
 * Base network is `base_network` (the network itself is `base` everywhere else).
 */
function walletAddressesByNetwork(addresses: Record<string, string> | undefined): Record<string, string> | undefined {
	if (!addresses) return undefined;
	return Object.fromEntries(Object.entries(addresses).map(([network, address]) => [network === 'base' ? 'base_network' : network, address]));
}
