/**
 * The workflows the suite imports into n8n: one per action node (manual trigger → the node's
 * operations, chained through expressions) and the Stripe Events Trigger workflow. Parameter names
 * are the nodes' own (nodes/<Node>/resources/**).
 */
import { credentialRef } from '../support/credential';
import type { WorkflowJson } from '../support/examples';
import { PKG } from '../../scripts/lib/repo';

/** Fixed ids: the suite imports them into a fresh home each run. */
export const IDS = Object.freeze({
	onramp: 'e2eCryptoOnramp1',
	climate: 'e2eClimateOrder1',
	forwarding: 'e2eForwarding001',
	webhookEndpoint: 'e2eWebhookEndpt1',
	trigger: 'e2eEventsTrigger',
});
export const TRIGGER_WEBHOOK_ID = '5e7a1c3e-6f0b-4c1d-9a57-e2e0000e2e01';
export const TRIGGER_EVENTS = ['climate.order.canceled', 'climate.order.created', 'crypto.onramp_session_updated'];
/** The trigger's webhook path (`webhooks[0].path` of the node). */
export const TRIGGER_PATH = 'webhook';

export const WALLET = '0x9fB29AAc15b9A4B7F17c3385939b007540f4d791';

/** One node of a chain: the package's node (with the suite's credential) unless `type` names another. */
export interface ChainStep {
	name: string;
	type?: string;
	parameters: Record<string, unknown>;
}

/** A linear workflow: Manual Trigger → steps[0] → steps[1] → …. */
export function chain(id: string, name: string, nodeType: string, steps: ChainStep[]): WorkflowJson {
	const nodes: WorkflowJson['nodes'] = [
		{
			id: `${id}-start`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...steps.map((s, i) => ({
			id: `${id}-${i + 1}`,
			name: s.name,
			type: s.type || `${PKG}.${nodeType}`,
			typeVersion: 1,
			position: [240 * (i + 1), 0],
			parameters: s.parameters,
			...(s.type ? {} : { credentials: credentialRef() }),
		})),
	];
	const connections: WorkflowJson['connections'] = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

export function onrampWorkflow(): WorkflowJson {
	return chain(IDS.onramp, 'e2e: Crypto Onramp', 'stripeCryptoOnramp', [
		{
			name: 'Create Session',
			parameters: {
				resource: 'onrampSession',
				operation: 'create',
				walletAddresses: { pair: [{ key: 'ethereum', value: WALLET }] },
				additionalFields: {
					sourceAmount: '100',
					sourceCurrency: 'usd',
					destinationCurrency: 'eth',
					destinationNetwork: 'ethereum',
					metadata: { pair: [{ key: 'order', value: 'e2e-1' }] },
				},
			},
		},
		{
			name: 'Get Session',
			parameters: { resource: 'onrampSession', operation: 'get', sessionId: '={{ $json.id }}' },
		},
		{
			name: 'Refresh Quote',
			parameters: { resource: 'onrampSession', operation: 'refreshQuote', sessionId: '={{ $json.id }}' },
		},
		{
			name: 'Get Quotes',
			parameters: {
				resource: 'onrampQuote',
				operation: 'get',
				amountType: 'source',
				amount: '={{ $json.transaction_details.source_amount }}',
				destinationCurrencies: ['eth', 'usdc'],
				destinationNetworks: ['ethereum'],
				additionalFields: {},
			},
		},
	]);
}

export function climateWorkflow(): WorkflowJson {
	return chain(IDS.climate, 'e2e: Climate', 'stripeClimate', [
		{ name: 'Get Products', parameters: { resource: 'product', operation: 'getAll', returnAll: false, limit: 1 } },
		{
			name: 'Create Order',
			parameters: {
				resource: 'order',
				operation: 'create',
				product: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				metricTons: '0.5',
				additionalFields: {
					beneficiaryPublicName: 'n8n e2e',
					metadata: { pair: [{ key: 'order', value: 'e2e-2' }] },
				},
			},
		},
		{
			name: 'Update Order',
			parameters: {
				resource: 'order',
				operation: 'update',
				orderId: '={{ $json.id }}',
				updateFields: { metadata: { pair: [{ key: 'note', value: 'updated by e2e' }] } },
			},
		},
		{ name: 'Cancel Order', parameters: { resource: 'order', operation: 'cancel', orderId: '={{ $json.id }}' } },
		{ name: 'Get Suppliers', parameters: { resource: 'supplier', operation: 'getAll', returnAll: false, limit: 2 } },
	]);
}

export const FORWARD_URL = 'https://api.payments-partner.example/v1/charges';
export const FORWARD_BODY = '{"amount":1000,"card":{"number":"","exp_month":"","exp_year":"","cvc":""}}';

export function forwardingWorkflow(): WorkflowJson {
	return chain(IDS.forwarding, 'e2e: Forwarding', 'stripeForwarding', [
		{
			name: 'Forward',
			parameters: {
				resource: 'request',
				operation: 'create',
				paymentMethod: 'pm_card_visa',
				url: FORWARD_URL,
				replacements: ['card_number', 'card_expiry', 'card_cvc'],
				requestBody: FORWARD_BODY,
				requestHeaders: {
					header: [
						{ name: 'Content-Type', value: 'application/json' },
						{ name: 'Destination-API-Key', value: 'dest_e2e_secret' },
					],
				},
				additionalFields: { metadata: { pair: [{ key: 'charge', value: 'e2e-3' }] } },
			},
		},
		{ name: 'Get Request', parameters: { resource: 'request', operation: 'get', requestId: '={{ $json.id }}' } },
		{ name: 'Get Requests', parameters: { resource: 'request', operation: 'getAll', returnAll: true, filters: {} } },
	]);
}

export const ENDPOINT_URL = 'https://hooks.example.com/e2e/stripe';

export function webhookEndpointWorkflow(): WorkflowJson {
	return chain(IDS.webhookEndpoint, 'e2e: Webhook Endpoint', 'stripeWebhookEndpoint', [
		{
			name: 'Create Endpoint',
			parameters: {
				resource: 'endpoint',
				operation: 'create',
				url: ENDPOINT_URL,
				enabledEvents: ['crypto.onramp_session_updated', 'climate.order.created'],
				additionalFields: { description: 'e2e endpoint', metadata: { pair: [{ key: 'owner', value: 'e2e' }] } },
			},
		},
		{
			name: 'Disable Endpoint',
			parameters: {
				resource: 'endpoint',
				operation: 'update',
				endpointId: '={{ $json.id }}',
				updateFields: { disabled: true, description: 'disabled by e2e' },
			},
		},
		{ name: 'Get Endpoint', parameters: { resource: 'endpoint', operation: 'get', endpointId: '={{ $json.id }}' } },
		{ name: 'Delete Endpoint', parameters: { resource: 'endpoint', operation: 'delete', endpointId: '={{ $json.id }}' } },
		{ name: 'List Endpoints', parameters: { resource: 'endpoint', operation: 'getAll', returnAll: true } },
	]);
}

/** Stripe Events Trigger → No Operation; `webhookId` fixed so the production URL is known. */
export function triggerWorkflow(): WorkflowJson {
	return {
		id: IDS.trigger,
		name: 'e2e: Stripe Events Trigger',
		nodes: [
			{
				id: 'e2e-trigger-1',
				name: 'Stripe Events Trigger',
				type: `${PKG}.stripeEventsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				parameters: { events: TRIGGER_EVENTS, options: {} },
				credentials: credentialRef(),
			},
			{
				id: 'e2e-trigger-2',
				name: 'Handle Event',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [240, 0],
				parameters: {},
			},
		],
		connections: { 'Stripe Events Trigger': { main: [[{ node: 'Handle Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
