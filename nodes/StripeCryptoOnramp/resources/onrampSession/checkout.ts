import type { StripeOperation } from '../../../shared/operation';
import { SESSION_ID_PREFIX, sessionIdField } from './fields';
import { readableOnrampSession } from './readable';

export const checkoutOnrampSession: StripeOperation = {
	value: 'checkout',
	route: 'POST /v1/crypto/onramp_sessions/{id}/checkout',
	toolDescription:
		"Complete an onramp session (cos_...) headlessly: Stripe charges the customer's payment method and delivers the crypto. This MOVES MONEY and cannot be undone. Only with the customer's consent: for online acceptance give the mandate's acceptance_type online with the customer's ip_address and user_agent. Returns the session with its new status.",
	toolCostNotice:
		"With this tool the model completes onramp sessions: Stripe charges the customer's payment method. Give it only where the customer has agreed.",
	readable: readableOnrampSession,
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
				{
					displayName: 'Acceptance Type',
					name: 'acceptanceType',
					type: 'options',
					options: [
						{ name: 'Offline', value: 'offline' },
						{ name: 'Online', value: 'online' },
					],
					default: 'online',
				},
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
		const ipAddress = item.ipAddress('ipAddress', mandate);
		const userAgent = item.text('userAgent', mandate);
		const acceptedAt = item.unixTime('acceptedAt', mandate);
		if (!type && (ipAddress || userAgent || acceptedAt)) {
			item.fail('acceptanceType', 'is required when any mandate field is set');
		}
		if (type === 'offline' && (ipAddress || userAgent)) {
			item.fail(ipAddress ? 'ipAddress' : 'userAgent', 'applies to online acceptance only');
		}
		if (type === 'online' && !ipAddress) item.fail('ipAddress', 'is required for online acceptance');
		if (type === 'online' && !userAgent) item.fail('userAgent', 'is required for online acceptance');
		return {
			pathParams: { id: sessionId },
			params: {
				mandate_data: type
					? {
							customer_acceptance: {
								type,
								accepted_at: acceptedAt,
								online: type === 'online' ? { ip_address: ipAddress, user_agent: userAgent } : undefined,
							},
						}
					: undefined,
			},
		};
	},
};
