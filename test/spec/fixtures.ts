import type { INodeParameters } from 'n8n-workflow';

import type { StripeEmulator } from '../emulator';
import { causeEvents } from '../harness/events';
import { type ActionNodeName, runStripeNode } from '../harness/stripe';

/**
 * For every operation, parameter sets that together reach every request parameter Stripe takes
 * (several sets where parameters exclude each other). `prepare` creates what the operation acts on.
 */
export interface OperationFixture {
	prepare?: (emulator: StripeEmulator) => Promise<Record<string, string>>;
	parameterSets: (ids: Record<string, string>) => INodeParameters[];
}

const WALLET = '0x71C7656EC7ab88b098defB751B7401B5f6d8976F';
const everyOption = (expand: string[]) => ({ options: { expand, connectedAccount: '', apiVersion: '2026-07-29.dahlia' } });

async function createOnrampSession(emulator: StripeEmulator): Promise<Record<string, string>> {
	const result = await runStripeNode(emulator, 'stripeCryptoOnramp', {
		resource: 'onrampSession',
		operation: 'create',
		walletAddresses: { pair: [{ key: 'ethereum', value: WALLET }] },
		additionalFields: { destinationNetwork: 'ethereum', destinationCurrency: 'usdc', sourceAmount: '20' },
	});
	return { sessionId: result.json[0].id as string };
}

const product = { __rl: true, mode: 'list', value: 'climsku_frontier_offtake_portfolio_2027' };

async function createClimateOrder(emulator: StripeEmulator) {
	const result = await runStripeNode(emulator, 'stripeClimate', { resource: 'order', operation: 'create', product, metricTons: '0.5' });
	return { orderId: result.json[0].id as string };
}
async function createForwardingRequest(emulator: StripeEmulator) {
	const result = await runStripeNode(emulator, 'stripeForwarding', { resource: 'request', operation: 'create', paymentMethod: 'pm_card_visa', url: 'https://partner.example/charges', replacements: ['card_number'] });
	return { requestId: result.json[0].id as string };
}
async function createWebhookEndpoint(emulator: StripeEmulator) {
	const result = await runStripeNode(emulator, 'stripeWebhookEndpoint', { resource: 'endpoint', operation: 'create', url: 'https://hooks.example.com/stripe', enabledEvents: ['invoice.paid'] });
	return { endpointId: result.json[0].id as string };
}

export const operationFixtures: Record<ActionNodeName, Record<string, OperationFixture>> = {
	stripeCryptoOnramp: {
		'onrampSession:create': {
			parameterSets: () => [
				{
					walletAddresses: { pair: [{ key: 'ethereum', value: WALLET }] },
					additionalFields: {
						lockWalletAddress: true,
						customerIpAddress: '8.8.8.8',
						sourceCurrency: 'usd',
						sourceAmount: '100',
						destinationCurrency: 'usdc',
						destinationNetwork: 'ethereum',
						destinationCurrencies: ['usdc', 'eth'],
						destinationNetworks: ['ethereum', 'base'],
						settlementSpeed: 'standard',
						kycDetails: '{"first_name": "Ada"}',
						metadata: { pair: [{ key: 'ref', value: 'r-1' }] },
						stellarDestinationTag: '',
					},
					...everyOption(['transaction_details']),
				},
				{ additionalFields: { destinationAmount: '0.1', destinationCurrency: 'eth', destinationNetwork: 'ethereum' } },
				{ walletAddresses: { pair: [{ key: 'stellar', value: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H' }] }, additionalFields: { destinationNetwork: 'stellar', destinationCurrency: 'xlm', stellarDestinationTag: '123' } },
			],
		},
		'onrampSession:get': { prepare: createOnrampSession, parameterSets: ({ sessionId }) => [{ sessionId, ...everyOption(['transaction_details']) }] },
		'onrampSession:getAll': {
			// More than one page, so the walk sends starting_after too.
			prepare: async (emulator) => (emulator.seedOnrampSessions(101), {}),
			parameterSets: () => [
				{ returnAll: true, filters: { createdAfter: '2020-01-01T00:00:00Z', createdBefore: '2100-01-01T00:00:00Z' } },
				{ limit: 5, filters: { status: 'initialized', destinationCurrency: 'usdc', destinationNetwork: 'ethereum' }, ...everyOption(['data.transaction_details']) },
			],
		},
		'onrampSession:checkout': {
			prepare: createOnrampSession,
			parameterSets: ({ sessionId }) => [
				{ sessionId, mandate: { acceptanceType: 'online', acceptedAt: '2026-11-01T00:00:00Z', ipAddress: '8.8.8.8', userAgent: 'Mozilla/5.0' }, ...everyOption(['transaction_details']) },
			],
		},
		'onrampSession:refreshQuote': { prepare: createOnrampSession, parameterSets: ({ sessionId }) => [{ sessionId, ...everyOption(['transaction_details']) }] },
		'onrampQuote:get': {
			parameterSets: () => [
				{ amountType: 'source', amount: '100', destinationCurrencies: ['usdc'], destinationNetworks: ['ethereum'], additionalFields: { sourceCurrency: 'usd' } },
				{ amountType: 'destination', amount: '1', destinationCurrencies: ['eth'], destinationNetworks: ['ethereum'] },
			],
		},
		'transactionLimits:get': {
			parameterSets: () => [
				{ additionalFields: { customerIpAddress: '8.8.8.8', destinationNetwork: 'stellar', walletAddress: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H', destinationTag: '1' }, options: { apiVersion: '2026-07-29.dahlia' } },
			],
		},
	},
	stripeClimate: {
	'order:create': {
		parameterSets: () => [
			{ product, metricTons: '0.5', currency: 'usd', additionalFields: { beneficiaryPublicName: 'Acme', metadata: { pair: [{ key: 'ref', value: 'r-1' }] } }, ...everyOption(['product']) },
			{ product, amount: '2500', currency: 'usd' },
		],
	},
	'order:get': { prepare: createClimateOrder, parameterSets: ({ orderId }) => [{ orderId, ...everyOption(['product']) }] },
	'order:getAll': { prepare: async (emulator) => (emulator.seedClimateOrders(101), {}), parameterSets: () => [{ returnAll: true, ...everyOption(['data.product']) }] },
	'order:update': {
		prepare: createClimateOrder,
		parameterSets: ({ orderId }) => [{ orderId, updateFields: { beneficiaryPublicName: 'Acme', metadata: { pair: [{ key: 'ref', value: 'r-2' }] } }, ...everyOption(['product']) }],
	},
	'order:cancel': { prepare: createClimateOrder, parameterSets: ({ orderId }) => [{ orderId, ...everyOption(['product']) }] },
	'product:get': { parameterSets: () => [{ product, ...everyOption([]) }] },
	'product:getAll': { parameterSets: () => [{ returnAll: true }, { limit: 1 }] },
	'supplier:get': { parameterSets: () => [{ supplierId: 'climsup_heirloom' }] },
	'supplier:getAll': { parameterSets: () => [{ returnAll: true }, { limit: 1 }] },
	},
	stripeForwarding: {
	'request:create': {
		parameterSets: () => [
			{
				paymentMethod: 'pm_card_visa',
				url: 'https://partner.example/charges',
				replacements: ['card_number', 'card_cvc'],
				requestBody: '{"number": ""}',
				requestHeaders: { header: [{ name: 'Content-Type', value: 'application/json' }] },
				additionalFields: { metadata: { pair: [{ key: 'ref', value: 'r-1' }] } },
				...everyOption([]),
			},
		],
	},
	'request:get': { prepare: createForwardingRequest, parameterSets: ({ requestId }) => [{ requestId }] },
	'request:getAll': {
		prepare: async (emulator) => {
			await runStripeNode(emulator, 'stripeForwarding', { resource: 'request', operation: 'create', paymentMethod: 'pm_card_visa', url: 'https://partner.example/charges', replacements: ['card_number'] }, { items: Array.from({ length: 101 }, () => ({})) });
			return {};
		},
		parameterSets: () => [{ returnAll: true, filters: { createdAfter: '2020-01-01T00:00:00Z', createdBefore: '2100-01-01T00:00:00Z' } }],
	},
	},
	stripeWebhookEndpoint: {
	'endpoint:create': {
		parameterSets: () => [
			{
				url: 'https://hooks.example.com/stripe',
				enabledEvents: ['invoice.paid'],
				additionalFields: { connect: true, description: 'd', eventsApiVersion: '2026-07-29.dahlia', metadata: { pair: [{ key: 'ref', value: 'r' }] } },
				...everyOption([]),
			},
		],
	},
	'endpoint:get': { prepare: createWebhookEndpoint, parameterSets: ({ endpointId }) => [{ endpointId }] },
	'endpoint:getAll': {
		// Stripe caps an account at 16 endpoints: a page of 1 makes the walk send starting_after.
		prepare: async (emulator) => {
			await createWebhookEndpoint(emulator);
			await createWebhookEndpoint(emulator);
			return {};
		},
		parameterSets: () => [{ returnAll: false, limit: 2 } as INodeParameters, { returnAll: true }],
	},
	'endpoint:update': {
		prepare: createWebhookEndpoint,
		parameterSets: ({ endpointId }) => [
			{ endpointId, updateFields: { url: 'https://hooks.example.com/v2', enabledEvents: ['charge.failed'], description: '', disabled: true, metadata: { pair: [{ key: 'a', value: 'b' }] } } },
		],
	},
	'endpoint:delete': { prepare: createWebhookEndpoint, parameterSets: ({ endpointId }) => [{ endpointId }] },
	'event:get': {
		prepare: async (emulator) => ({ eventId: (await causeEvents(emulator, ['climate.order.created']))[0].id as string }),
		parameterSets: ({ eventId }) => [{ eventId, output: 'object', ...everyOption([]) }],
	},
	'event:getAll': {
		prepare: async (emulator) => (await causeEvents(emulator, ['climate.order.created', 'climate.order.delivered']), {}),
		parameterSets: () => [
			{
				returnAll: true,
				filters: { eventTypes: ['climate.order.created'], createdAfter: '2020-01-01T00:00:00Z', createdBefore: '2100-01-01T00:00:00Z', deliverySuccess: 'delivered' },
			},
			{ limit: 1, filters: { typeGroup: 'climate.order.*', deliverySuccess: 'notDelivered' }, output: 'object', ...everyOption([]) },
		],
	},
	},
};
