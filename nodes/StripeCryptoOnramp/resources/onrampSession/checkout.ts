import { options } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { MANDATE_ACCEPTANCE_TYPES } from '../../../shared/stripeSpec';
import { SESSION_ID_PREFIX, sessionIdField } from './fields';

export const checkoutOnrampSession: StripeOperation = {
	value: 'checkout',
	endpoint: 'POST /v1/crypto/onramp_sessions/{id}/checkout',
	properties: [
		sessionIdField,
		{
			displayName: 'Mandate',
			name: 'mandate',
			type: 'collection',
			placeholder: 'Add Mandate Field',
			default: {},
			description: 'How the customer accepted the payment mandate',
			options: [
				{ displayName: 'Acceptance Type', name: 'acceptanceType', type: 'options', options: options(MANDATE_ACCEPTANCE_TYPES), default: '' },
				{ displayName: 'Accepted At', name: 'acceptedAt', type: 'dateTime', default: '', description: 'When the customer accepted' },
				{ displayName: 'Customer IP Address', name: 'ipAddress', type: 'string', default: '', description: 'Required for online acceptance' },
				{ displayName: 'Customer User Agent', name: 'userAgent', type: 'string', default: '', description: 'Required for online acceptance' },
			],
		},
	],
	build(item) {
		const sessionId = item.id('sessionId', SESSION_ID_PREFIX);
		const mandate = item.collection('mandate');
		const type = item.text('acceptanceType', mandate);
		const online =
			type === 'online'
				? { ip_address: item.ipAddress('ipAddress', mandate) ?? item.fail('ipAddress', 'is required for online acceptance'), user_agent: item.requiredText('userAgent', mandate) }
				: undefined;
		return {
			method: 'POST',
			path: `/v1/crypto/onramp_sessions/${sessionId}/checkout`,
			params: {
				mandate_data: type
					? { customer_acceptance: { type, accepted_at: item.unixTime('acceptedAt', mandate), online, offline: type === 'offline' ? {} : undefined } }
					: undefined,
			},
		};
	},
};
