import type { INodeParameters } from 'n8n-workflow';

import { apiRequests, runStripeNode, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const session = (additionalFields: INodeParameters, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'onrampSession',
	operation: 'create',
	additionalFields,
	...extra,
});

const badInputs: Array<[string, INodeParameters, RegExp]> = [
	['both amounts', session({ sourceAmount: '10', destinationAmount: '0.1', destinationCurrency: 'eth', destinationNetwork: 'ethereum' }), /^Destination Amount cannot be set together with Source Amount.*\[item 0\]$/],
	['a malformed amount', session({ sourceAmount: '12,50' }), /^Source Amount must be a positive decimal number such as "10" or "12\.50", got "12,50" \[item 0\]$/],
	['a negative amount', session({ sourceAmount: '-5' }), /^Source Amount must be a positive decimal number/],
	['a destination amount without its network', session({ destinationAmount: '0.1', destinationCurrency: 'eth' }), /^Destination Amount needs a Destination Currency \(Preselected\) and a Destination Network \(Preselected\) \[item 0\]$/],
	['an invalid IP address', session({ customerIpAddress: '300.1.1.1' }), /^Customer IP Address must be an IPv4 or IPv6 address, got "300\.1\.1\.1" \[item 0\]$/],
	['wallet addresses without a network', session({}, { walletAddresses: { pair: [{ key: 'ethereum', value: '0xabc' }] } }), /^Wallet Addresses need a Destination Network/],
	['KYC details that are not a JSON object', session({ kycDetails: '[1, 2]' }), /^KYC Details \(JSON\) must be a JSON object \[item 0\]$/],
	['an expression resolving to an object', session({ sourceAmount: '={{ { value: 10 } }}' }), /^Source Amount must be text, but the value is an object \[item 0\]$/],
	['a session id without the cos_ prefix', { resource: 'onrampSession', operation: 'get', sessionId: 'sess_123' }, /^Session ID must be an ID starting with "cos_", got "sess_123" \[item 0\]$/],
	['an expression resolving to an empty session id', { resource: 'onrampSession', operation: 'refreshQuote', sessionId: '={{ $json.missing }}' }, /^Session ID is required \[item 0\]$/],
	['a path injection in the id', { resource: 'onrampSession', operation: 'get', sessionId: 'cos_1/../../v1/webhook_endpoints' }, /^Session ID must be an ID starting with "cos_"/],
	['online checkout without a user agent', { resource: 'onrampSession', operation: 'checkout', sessionId: 'cos_1', mandate: { acceptanceType: 'online', ipAddress: '1.2.3.4' } }, /^Customer User Agent is required for online acceptance \[item 0\]$/],
	['mandate fields without an acceptance type', { resource: 'onrampSession', operation: 'checkout', sessionId: 'cos_1', mandate: { ipAddress: '1.2.3.4', userAgent: 'Mozilla/5.0' } }, /^Acceptance Type is required when any mandate field is set \[item 0\]$/],
	['an IP address on offline acceptance', { resource: 'onrampSession', operation: 'checkout', sessionId: 'cos_1', mandate: { acceptanceType: 'offline', ipAddress: '1.2.3.4' } }, /^Customer IP Address applies to online acceptance only \[item 0\]$/],
	['a quote whose amount expression resolves to nothing', { resource: 'onrampQuote', operation: 'get', amountType: 'source', amount: '={{ $json.missing }}' }, /^Amount is required \[item 0\]$/],
	['a destination quote with two currencies', { resource: 'onrampQuote', operation: 'get', amountType: 'destination', amount: '1', destinationCurrencies: ['eth', 'usdc'], destinationNetworks: ['ethereum'] }, /^Amount as a destination amount needs exactly one Destination Currency and one Destination Network \[item 0\]$/],
	['an invalid IP for limits', { resource: 'transactionLimits', operation: 'get', additionalFields: { customerIpAddress: '1::2::3' } }, /^Customer IP Address must be an IPv4 or IPv6 address/],
	['a connected account that is not acct_', session({ sourceAmount: '5' }, { options: { connectedAccount: 'cus_123' } }), /^Connected Account must be a connected account ID starting with "acct_", got "cus_123" \[item 0\]$/],
	['a malformed API version', session({ sourceAmount: '5' }, { options: { apiVersion: 'latest' } }), /^API Version must look like "\d{4}-\d{2}-\d{2}\.[a-z]+", optionally with beta flags \("[^"]+;crypto_onramp_beta=v2"\), got "latest" \[item 0\]$/],
	['a beta flag without a version', session({ sourceAmount: '5' }, { options: { apiVersion: '2026-08-26.dahlia;crypto_onramp_beta' } }), /^API Version must look like .*, got "2026-08-26\.dahlia;crypto_onramp_beta" \[item 0\]$/],
];

describe('Stripe Crypto Onramp node: bad input is refused before anything is sent', () => {
	test.each(badInputs)('%s', async (_name, parameters, message) => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', parameters);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(emulator().requests).toHaveLength(0);
	});

	test('one bad item stops the run before any item is sent', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', session({ sourceAmount: '={{ $json.amount }}' }), {
			items: [{ amount: '10' }, { amount: '20' }, { amount: 'ten' }],
		});
		expect(result.error?.message).toMatch(/^Source Amount must be a positive decimal number.*\[item 2\]$/);
		expect(emulator().requests).toHaveLength(0);
	});

	test('with Continue On Fail the bad item becomes an error item and the others go on', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', session({ sourceAmount: '={{ $json.amount }}' }), {
			items: [{ amount: '10' }, { amount: 'ten' }, { amount: '30' }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((json) => json.object ?? 'error')).toEqual(['crypto.onramp_session', 'error', 'crypto.onramp_session']);
		expect(result.json[1].error).toMatch(/^Source Amount must be a positive decimal number.*\[item 1\]$/);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(apiRequests(emulator()).map((request) => request.body.source_amount)).toEqual(['10', '30']);
	});

	test('with Continue On Fail a Stripe error becomes an error item naming the cause', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'get', sessionId: '={{ $json.id }}' }, {
			items: [{ id: 'cos_missing' }],
			continueOnFail: true,
		});
		expect(result.json[0].error).toMatch(/^Stripe: No such/);
		expect(result.json[0].description).toMatch(/Code: resource_missing/);
	});
});

test("an empty required field is caught by n8n's own parameter check, and nothing is sent", async () => {
	await expect(runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'get', sessionId: '' })).rejects.toThrow(
		'The workflow has issues',
	);
	expect(emulator().requests).toHaveLength(0);
});
