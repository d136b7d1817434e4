import { metadataField } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { PAYMENT_METHOD_ID_PREFIX, readBody, readHeaders, replacementOptions } from './fields';
import { readableForwardingRequest } from './readable';

export const createForwardingRequest: StripeOperation = {
	value: 'create',
	route: 'POST /v1/forwarding/requests',
	toolDescription:
		"Forward an HTTP request with a saved card's details to a third party: Stripe fills the card number, expiry, CVC or name into the request body and sends it to the destination URL. This SENDS CARD DATA TO A THIRD PARTY (such as a payment processor), which may charge the card; it cannot be undone. Only destination URLs Stripe has enabled for the account work. Give payment_method (pm_...), url, replacements (which card fields to fill) and request_body (at most 5000 characters). Returns the forwarding request: id (fwdreq_...), the destination's response status and body.",
	toolCostNotice:
		"With this tool the model sends a saved card's details to a third party. Fix the Destination URL and Replacements below, so the model chooses only the payment method and the body.",
	readable: readableForwardingRequest,
	properties: [
		{
			displayName:
				'Stripe forwards only to destination URLs it has enabled for your account (Vault and Forward is activated on request to Stripe support). Stripe refuses any other URL.',
			name: 'destinationNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Payment Method ID',
			name: 'paymentMethod',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'pm_...',
			description: 'The saved card whose details Stripe inserts into the request, starting with pm_',
		},
		{
			displayName: 'Destination URL',
			name: 'url',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://api.payments-partner.example/v1/charges',
			description: 'Where Stripe sends the request. It must be a URL Stripe has enabled for your account.',
		},
		{
			displayName: 'Replacements',
			name: 'replacements',
			type: 'multiOptions',
			required: true,
			options: replacementOptions,
			default: [],
			description: 'The card fields Stripe fills into the request body in place of their placeholders',
		},
		{
			displayName: 'Request Body',
			name: 'requestBody',
			type: 'string',
			typeOptions: { rows: 5 },
			default: '',
			placeholder: '{"card": {"number": "", "exp_month": "", "exp_year": "", "cvc": ""}}',
			description: 'The body to forward (at most 5000 characters), with the card fields left for Stripe to fill. An expression giving an object is sent as JSON.',
		},
		{
			displayName: 'Request Headers',
			name: 'requestHeaders',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Header',
			default: {},
			description: 'Headers to forward, such as the destination\'s own API key',
			options: [
				{
					displayName: 'Header',
					name: 'header',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'Content-Type' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'application/json' },
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
			options: [metadataField()],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		const paymentMethod = item.id('paymentMethod', PAYMENT_METHOD_ID_PREFIX);
		const url = item.httpUrl('url') ?? item.fail('url', 'is required');
		const replacements = item.list('replacements') ?? item.fail('replacements', 'must name at least one card field for Stripe to fill in');
		const body = readBody(item);
		const headers = readHeaders(item);
		return {
			params: {
				payment_method: paymentMethod,
				url,
				replacements,
				request: body !== undefined || headers ? { body, headers } : undefined,
				metadata: item.pairs('metadata', fields),
			},
		};
	},
};
