import { startEmulator, type OnrampQuotesPaths, type StripeEmulator } from '../emulator';
import { apiRequests, runStripeNode } from '../harness/stripe';

/**
 * Stripe serves onramp quotes at GET /v1/crypto/onramp_quotes (current) and GET
 * /v1/crypto/onramp/quotes (the beta path); an account may answer only one. Each test starts its
 * own emulator, so the node's memory of which path answered (kept per credential, base URL and
 * account) starts empty.
 */
const CURRENT = '/v1/crypto/onramp_quotes';
const BETA = '/v1/crypto/onramp/quotes';

const quoteParameters = {
	resource: 'onrampQuote',
	operation: 'get',
	amountType: 'source',
	amount: '100',
	destinationCurrencies: ['usdc'],
	destinationNetworks: ['ethereum'],
};

let emulator: StripeEmulator | undefined;

async function emulatorServing(paths: OnrampQuotesPaths): Promise<StripeEmulator> {
	emulator = await startEmulator({ onrampQuotesPaths: paths });
	return emulator;
}

afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
});

/** The quotes requests of the last run, as "status path". */
function quoteRequests(stripe: StripeEmulator): string[] {
	return stripe.requests.filter((request) => /[/_]quotes$/.test(request.path)).map((request) => `${request.status} ${request.path}`);
}

async function getQuotes(stripe: StripeEmulator, options: Parameters<typeof runStripeNode>[3] = {}, parameters = {}) {
	stripe.clearLog();
	const result = await runStripeNode(stripe, 'stripeCryptoOnramp', { ...quoteParameters, ...parameters }, options);
	expect(result.error).toBeUndefined();
	expect(result.json.length).toBeGreaterThan(0);
	expect(result.json[0]).toMatchObject({ destination_network: 'ethereum', destination_currency: 'usdc', source_total_amount: expect.any(String) });
	return result;
}

describe('Onramp quotes: the path Stripe answers is found and remembered', () => {
	test('an account serving both paths gets the current path, one request', async () => {
		const stripe = await emulatorServing('both');
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
		expect(apiRequests(stripe, CURRENT)[0].query).toEqual({ source_amount: '100', destination_currencies: ['usdc'], destination_networks: ['ethereum'] });
	});

	test('an account serving only the current path: one request, every run', async () => {
		const stripe = await emulatorServing('onramp_quotes');
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
	});

	test("an account serving only the beta path: Stripe's 404 sends the node to the other path, and the next run goes there directly", async () => {
		const stripe = await emulatorServing('onramp/quotes');
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`404 ${CURRENT}`, `200 ${BETA}`]);
		expect(apiRequests(stripe, BETA)[0].query).toEqual(apiRequests(stripe, CURRENT)[0].query);

		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${BETA}`]);
	});

	test('each item of a run uses what the first one found', async () => {
		const stripe = await emulatorServing('onramp/quotes');
		stripe.clearLog();
		const result = await runStripeNode(stripe, 'stripeCryptoOnramp', { ...quoteParameters, amount: '={{ $json.amount }}' }, { items: [{ amount: '10' }, { amount: '20' }, { amount: '30' }] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(quoteRequests(stripe)).toEqual([`404 ${CURRENT}`, `200 ${BETA}`, `200 ${BETA}`, `200 ${BETA}`]);
	});

	test('when the account moves to the current path, the remembered path is given up after one 404', async () => {
		const stripe = await emulatorServing('onramp/quotes');
		await getQuotes(stripe);
		const admin = await fetch(`${stripe.url}/_emulator/onramp-quotes-paths`, { method: 'POST', body: JSON.stringify({ paths: 'onramp_quotes' }) });
		expect(admin.status).toBe(200);

		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`404 ${BETA}`, `200 ${CURRENT}`]);
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
	});

	test('with the v2 onramp header the beta path answers 400, and the node moves to the current path', async () => {
		const stripe = await emulatorServing('onramp/quotes');
		await getQuotes(stripe); // remembers the beta path
		stripe.setOnrampQuotesPaths('both');
		const v2 = '2026-08-26.dahlia;crypto_onramp_beta=v2';

		await getQuotes(stripe, {}, { options: { apiVersion: v2 } });
		expect(quoteRequests(stripe)).toEqual([`400 ${BETA}`, `200 ${CURRENT}`]);
		expect(stripe.requests.map((request) => request.headers['stripe-version'])).toEqual([v2, v2]);
		await getQuotes(stripe, {}, { options: { apiVersion: v2 } });
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
	});

	test('the memory is per account: another connected account starts from the current path', async () => {
		const stripe = await emulatorServing('onramp/quotes');
		await getQuotes(stripe);
		stripe.setOnrampQuotesPaths('both');
		await getQuotes(stripe, { credentials: { accountId: 'acct_otherPlatformAccount' } });
		expect(quoteRequests(stripe)).toEqual([`200 ${CURRENT}`]);
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`200 ${BETA}`]);
	});

	test('errors that are not about the path are reported, not retried on the other path', async () => {
		const stripe = await emulatorServing('both');
		stripe.clearLog();
		const result = await runStripeNode(stripe, 'stripeCryptoOnramp', { ...quoteParameters, amountType: 'destination', amount: '1', destinationCurrencies: ['btc'], destinationNetworks: ['ethereum'] });
		expect(result.error?.message).toMatch(/^Stripe: btc is not available on the ethereum network\./);
		expect(quoteRequests(stripe)).toEqual([`400 ${CURRENT}`]);

		stripe.clearLog();
		const refused = await runStripeNode(stripe, 'stripeCryptoOnramp', quoteParameters, { credentials: { secretKey: 'sk_test_revokedKey0123456789' } });
		expect(refused.error?.message).toMatch(/^Stripe: Invalid API Key provided/);
		expect(quoteRequests(stripe)).toEqual([`401 ${CURRENT}`]);
	});

	test('when the account moves to the beta path, the remembered current path is given up after one 404', async () => {
		const stripe = await emulatorServing('onramp_quotes');
		await getQuotes(stripe);
		stripe.setOnrampQuotesPaths('onramp/quotes');
		await getQuotes(stripe);
		expect(quoteRequests(stripe)).toEqual([`404 ${CURRENT}`, `200 ${BETA}`]);
	});
});

describe('values newer than the option lists are sent as given', () => {
	test('a destination network missing from the list reaches Stripe through an expression', async () => {
		const stripe = await emulatorServing('both');
		stripe.clearLog();
		const result = await runStripeNode(stripe, 'stripeCryptoOnramp', {
			...quoteParameters,
			destinationCurrencies: '={{ ["usdc"] }}',
			destinationNetworks: '={{ [$json.network, "ethereum"] }}',
			additionalFields: { splitIntoItems: false },
		}, { items: [{ network: 'monad' }] });
		expect(result.error).toBeUndefined();
		expect(apiRequests(stripe, CURRENT)[0].query.destination_networks).toEqual(['monad', 'ethereum']);
		expect(result.json[0].destination_network_quotes).toEqual(expect.objectContaining({ monad: [], ethereum: [expect.objectContaining({ destination_currency: 'usdc' })] }));
	});

	test('a mandate acceptance type missing from the list is sent (Stripe made it an open enum)', async () => {
		const stripe = await emulatorServing('both');
		const created = await runStripeNode(stripe, 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'create',
			walletAddresses: { pair: [{ key: 'celo', value: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' }] },
			additionalFields: { destinationNetwork: 'celo', destinationCurrency: 'usdc', sourceAmount: '20' },
		});
		expect(created.error).toBeUndefined();
		expect(apiRequests(stripe, '/v1/crypto/onramp_sessions')[0].body.wallet_addresses).toEqual({ celo: '0x71C7656EC7ab88b098defB751B7401B5f6d8976F' });
		const sessionId = created.json[0].id as string;
		await stripe.advanceOnrampSession(sessionId, 'requires_payment');
		stripe.clearLog();

		const checkout = await runStripeNode(stripe, 'stripeCryptoOnramp', {
			resource: 'onrampSession',
			operation: 'checkout',
			sessionId,
			mandate: { acceptanceType: '={{ $json.acceptance }}', acceptedAt: '2026-11-30T10:00:00Z' },
		}, { items: [{ acceptance: 'in_app' }] });
		expect(checkout.error).toBeUndefined();
		expect(apiRequests(stripe)[0].body.mandate_data).toEqual({ customer_acceptance: { type: 'in_app', accepted_at: String(Date.parse('2026-11-30T10:00:00Z') / 1000) } });
	});
});
