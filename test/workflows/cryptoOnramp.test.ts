import { apiRequests, runStripeNode, stripeApi, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const WALLET = '0x71C7656EC7ab88b098defB751B7401B5f6d8976F';

function createSessionParameters(additionalFields: Record<string, unknown> = {}) {
	return {
		resource: 'onrampSession',
		operation: 'create',
		walletAddresses: { pair: [{ key: 'ethereum', value: WALLET }] },
		additionalFields: {
			destinationNetwork: 'ethereum',
			destinationCurrency: 'usdc',
			sourceCurrency: 'usd',
			sourceAmount: '100.00',
			customerIpAddress: '8.8.8.8',
			...additionalFields,
		},
	};
}

describe('Stripe Crypto Onramp node: onramp sessions', () => {
	test('Create sends one keyed POST per item and returns the session', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSessionParameters({
			sourceAmount: '={{ $json.amount }}',
			metadata: { pair: [{ key: 'order', value: '={{ $json.order }}' }] },
		}), { items: [{ amount: '25', order: 'A-1' }, { amount: '40.5', order: 'A-2' }] });

		expect(result.error).toBeUndefined();
		expect(result.json.map((session) => session.object)).toEqual(['crypto.onramp_session', 'crypto.onramp_session']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const posts = apiRequests(emulator(), '/v1/crypto/onramp_sessions');
		expect(posts.map((request) => request.body.source_amount)).toEqual(['25', '40.5']);
		expect(posts[0].body.wallet_addresses).toEqual({ ethereum: WALLET });
		expect(posts[1].body.metadata).toEqual({ order: 'A-2' });
		const keys = posts.map((request) => request.headers['idempotency-key']);
		expect(keys[0]).toMatch(/^n8n-/);
		expect(new Set(keys).size).toBe(2);
	});

	test('a Base wallet address goes out under the key Stripe uses for it, base_network', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'create',
			walletAddresses: { pair: [{ key: 'base', value: WALLET }] },
			additionalFields: { destinationNetwork: 'base', destinationCurrency: 'usdc' },
		});
		expect(result.error).toBeUndefined();
		expect(apiRequests(emulator())[0].body.wallet_addresses).toEqual({ base_network: WALLET });
		expect(apiRequests(emulator())[0].body.destination_network).toBe('base');
	});

	test('Get, Checkout and Refresh Quote act on an existing session', async () => {
		const created = await runStripeNode(emulator(), 'stripeCryptoOnramp', createSessionParameters());
		const sessionId = created.json[0].id as string;

		const fetched = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'get', sessionId });
		expect(fetched.json[0].id).toBe(sessionId);

		const refreshed = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'refreshQuote', sessionId });
		expect(refreshed.error).toBeUndefined();
		expect(refreshed.json[0].id).toBe(sessionId);

		const checkedOut = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'checkout',
			sessionId,
			mandate: { acceptanceType: 'online', ipAddress: '8.8.8.8', userAgent: 'Mozilla/5.0', acceptedAt: '2026-11-01T10:00:00Z' },
		});
		expect(checkedOut.error).toBeUndefined();
		expect(checkedOut.json[0].status).toBe('fulfillment_processing');
		const checkout = apiRequests(emulator(), `/v1/crypto/onramp_sessions/${sessionId}/checkout`)[0];
		expect(checkout.body.mandate_data).toEqual({
			customer_acceptance: {
				type: 'online',
				accepted_at: String(Date.parse('2026-11-01T10:00:00Z') / 1000),
				online: { ip_address: '8.8.8.8', user_agent: 'Mozilla/5.0' },
			},
		});
	});

	test('Get Many with Return All walks every page with limit=100', async () => {
		emulator().seedOnrampSessions(250);
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', returnAll: true });
		expect(result.json).toHaveLength(250);
		expect(new Set(result.json.map((session) => session.id)).size).toBe(250);
		const pages = apiRequests(emulator(), '/v1/crypto/onramp_sessions');
		expect(pages.map((page) => page.query.limit)).toEqual(['100', '100', '100']);
		expect(pages[1].query.starting_after).toBe(result.json[99].id);
	});

	test('Get Many with a limit fetches only what it needs, and filters reach Stripe', async () => {
		emulator().seedOnrampSessions(30);
		const limited = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', limit: 5 });
		expect(limited.json).toHaveLength(5);
		expect(apiRequests(emulator()).map((page) => page.query.limit)).toEqual(['5']);

		emulator().clearLog();
		await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'getAll',
			returnAll: true,
			filters: { createdAfter: '2026-01-01T00:00:00Z', status: 'initialized', destinationCurrency: 'usdc', destinationNetwork: 'ethereum' },
		});
		expect(apiRequests(emulator())[0].query).toMatchObject({
			created: { gte: String(Date.parse('2026-01-01T00:00:00Z') / 1000) },
			status: 'initialized',
			destination_currency: 'usdc',
			destination_network: 'ethereum',
		});
	});

	test('an empty list yields no items and no error', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});

describe('Stripe Crypto Onramp node: quotes and limits', () => {
	test('Get quotes splits into one item per network quote', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampQuote',
			operation: 'get',
			amountType: 'source',
			amount: '100',
			destinationCurrencies: ['usdc', 'eth'],
			destinationNetworks: ['ethereum', 'base'],
		});
		expect(result.error).toBeUndefined();
		const sent = apiRequests(emulator(), '/v1/crypto/onramp_quotes');
		expect(sent).toHaveLength(1);
		const raw = await stripeApi(emulator(), 'GET', '/v1/crypto/onramp_quotes?source_amount=100&destination_currencies[0]=usdc&destination_currencies[1]=eth&destination_networks[0]=ethereum&destination_networks[1]=base');
		const expectedCount = Object.values(raw.destination_network_quotes as Record<string, unknown[]>).reduce((sum, quotes) => sum + quotes.length, 0);
		expect(expectedCount).toBeGreaterThan(1);
		expect(result.json).toHaveLength(expectedCount);
		for (const quote of result.json) {
			expect(quote).toEqual(expect.objectContaining({ destination_network: expect.any(String), destination_currency: expect.any(String), fees: expect.any(Object), rate_fetched_at: expect.any(Number) }));
			expect(quote).not.toHaveProperty('network');
		}
		// Base is `base` on each item, as in the request, not the map key `base_network`
		expect([...new Set(result.json.map((quote) => quote.destination_network))].sort()).toEqual(['base', 'ethereum']);
		expect(sent[0].query).toEqual({
			source_amount: '100',
			destination_currencies: ['usdc', 'eth'],
			destination_networks: ['ethereum', 'base'],
		});
	});

	test('Get quotes can return the raw quotes object', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'onrampQuote',
			operation: 'get',
			amountType: 'destination',
			amount: '0.5',
			destinationCurrencies: ['eth'],
			destinationNetworks: ['ethereum'],
			additionalFields: { splitIntoItems: false, sourceCurrency: 'usd' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(1);
		expect(result.json[0].object).toBe('crypto.onramp.quotes');
		expect(apiRequests(emulator())[0].query).toMatchObject({ destination_amount: '0.5', source_currency: 'usd' });
	});

	test('Get transaction limits sends every filter', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			resource: 'transactionLimits',
			operation: 'get',
			additionalFields: { customerIpAddress: '2001:db8::1', destinationNetwork: 'stellar', walletAddress: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H', destinationTag: '12345' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json[0].object).toBe('crypto.onramp_transaction_limits');
		expect(apiRequests(emulator())[0].query).toEqual({
			customer_ip_address: '2001:db8::1',
			destination_network: 'stellar',
			wallet_address: 'GBRPYHIL2CI3FNQ4BXLFMNDLFJUNPU2HY3ZMFSHONUCEOASW7QC7OX2H',
			destination_tag: '12345',
		});
	});
});

describe('Stripe Crypto Onramp node: shared options', () => {
	test('Connected Account, API Version, Expand and Idempotency Key reach Stripe as headers and params', async () => {
		const result = await runStripeNode(emulator(), 'stripeCryptoOnramp', {
			...createSessionParameters(),
			options: { connectedAccount: 'acct_1Connected', apiVersion: '2026-07-29.dahlia', idempotencyKey: '={{ "session-" + $json.ref }}', expand: ['transaction_details'] },
		}, { items: [{ ref: 'r1' }] });
		expect(result.error).toBeUndefined();
		const [post] = apiRequests(emulator());
		expect(post.headers['stripe-account']).toBe('acct_1Connected');
		expect(post.headers['stripe-version']).toBe('2026-07-29.dahlia');
		expect(post.headers['idempotency-key']).toBe('session-r1');
		expect(post.body.expand).toEqual(['transaction_details']);
	});

	test('the node option overrides the credential defaults', async () => {
		await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', limit: 1 }, {
			credentials: { accountId: 'acct_1Default', apiVersion: '2025-09-30.clover' },
		});
		await runStripeNode(emulator(), 'stripeCryptoOnramp', { resource: 'onrampSession', operation: 'getAll', limit: 1, options: { connectedAccount: 'acct_1Override' } }, {
			credentials: { accountId: 'acct_1Default', apiVersion: '2025-09-30.clover' },
		});
		const [fromCredential, fromOption] = apiRequests(emulator());
		expect(fromCredential.headers).toMatchObject({ 'stripe-account': 'acct_1Default', 'stripe-version': '2025-09-30.clover' });
		expect(fromOption.headers['stripe-account']).toBe('acct_1Override');
	});
});
