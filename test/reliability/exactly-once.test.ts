import type { INodeParameters } from 'n8n-workflow';

import type { Fault, ObjectKind } from '../emulator';
import { type ActionNodeName, apiRequests, runStripeNode, useEmulator } from '../harness/stripe';

/**
 * Money is moved exactly once: 1,000 creates while the emulator faults 30 % of requests, with
 * idempotency keys taken from the input (as the README tells users to). Items that still fail are
 * error items naming the cause; running the same workflow again completes them, and the emulator
 * ends with exactly one object per input item.
 */

const context = useEmulator();
const emulator = () => context.emulator;

const ITEMS = 1000;
/** Two runs of 1,000 items (about 2,600 requests) through n8n-core: a guard against a hang, not a speed check (that is `npm run bench`). */
const RUN_GUARD_MS = 300_000;
const FAULT_RATE = 0.3;
const FAULTS: Fault[] = [
	{ kind: 'status', status: 500 },
	{ kind: 'status', status: 503, shouldRetry: true },
	{ kind: 'status', status: 429 },
	{ kind: 'status', status: 429, shouldRetry: false },
	{ kind: 'resetBeforeCommit' },
	{ kind: 'resetAfterCommit' },
];

export interface CreateCase {
	name: string;
	node: ActionNodeName;
	kind: ObjectKind;
	path: string;
	parameters: INodeParameters;
	/** The input item's reference as Stripe stores it, to match objects to items. */
	referenceOf: (object: Record<string, unknown>) => unknown;
}

const metadataRef = { metadata: { pair: [{ key: 'ref', value: '={{ $json.ref }}' }] } };
const refOf = (object: Record<string, unknown>) => (object.metadata as Record<string, string>).ref;

export const createCases: CreateCase[] = [
	{
		name: 'climate orders',
		node: 'stripeClimate',
		kind: 'climate.order',
		path: '/v1/climate/orders',
		parameters: {
			resource: 'order',
			operation: 'create',
			product: { __rl: true, mode: 'id', value: 'climsku_frontier_offtake_portfolio_2027' },
			metricTons: '0.01',
			additionalFields: metadataRef,
		},
		referenceOf: refOf,
	},
	{
		name: 'forwarding requests',
		node: 'stripeForwarding',
		kind: 'forwarding.request',
		path: '/v1/forwarding/requests',
		parameters: {
			resource: 'request',
			operation: 'create',
			paymentMethod: 'pm_card_visa',
			url: 'https://partner.example/charges',
			replacements: ['card_number'],
			additionalFields: metadataRef,
		},
		referenceOf: refOf,
	},
	{
		name: 'onramp sessions',
		node: 'stripeCryptoOnramp',
		kind: 'crypto.onramp_session',
		path: '/v1/crypto/onramp_sessions',
		parameters: {
			resource: 'onrampSession',
			operation: 'create',
			additionalFields: { sourceAmount: '25', ...metadataRef },
		},
		referenceOf: refOf,
	},
];

const items = Array.from({ length: ITEMS }, (_, index) => ({ ref: `ref-${index}` }));

describe.each(createCases)('exactly once under faults: $name', (createCase) => {
	test.each([
		['sequential', { requestsInParallel: 1 }],
		['bulk mode', { requestsInParallel: 8, maxRequestsPerSecond: 2000 }],
	])('%s: 1,000 creates with 30 %% faults, then a re-run, leave exactly 1,000 objects', async (_mode, runOptions) => {
		const parameters = {
			...createCase.parameters,
			options: { ...runOptions, idempotencyKey: '={{ "create-" + $json.ref }}', retryDelayMs: 1 },
		};
		emulator().injectFaultRate(FAULT_RATE, FAULTS, { method: 'POST', pathPrefix: createCase.path }, 7);
		const first = await runStripeNode(emulator(), createCase.node, parameters, { items, continueOnFail: true });

		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(ITEMS);
		const failed = first.json.filter((json) => 'error' in json);
		const faulted = apiRequests(emulator(), createCase.path).filter((request) => request.status !== 200).length;
		expect(faulted).toBeGreaterThan(ITEMS * FAULT_RATE * 0.8);
		for (const error of failed) expect(error.error).toMatch(/^(Stripe: .+|No answer from Stripe: the (connection was reset|request timed out) \(\d attempts?\))$/);
		// An item whose last answer was lost may still have been committed: more objects than
		// successes is right, but never a second object for one item.
		const referencesAfterFirstRun = emulator().listObjects(createCase.kind).map(createCase.referenceOf);
		expect(referencesAfterFirstRun.length).toBeGreaterThanOrEqual(ITEMS - failed.length);
		expect(new Set(referencesAfterFirstRun).size).toBe(referencesAfterFirstRun.length);

		emulator().clearFaults();
		const second = await runStripeNode(emulator(), createCase.node, parameters, { items });
		expect(second.error).toBeUndefined();

		const references = emulator().listObjects(createCase.kind).map(createCase.referenceOf);
		expect(references.length).toBe(ITEMS);
		expect(new Set(references).size).toBe(ITEMS);
		expect([...new Set(references)].sort()).toEqual(items.map((item) => item.ref).sort());
		first.json.forEach((json, index) => {
			if (!('error' in json)) expect(second.json[index].id).toBe(json.id);
		});
		expect(second.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		const causes: Record<string, number> = {};
		for (const error of failed) {
			const cause = String(error.error).replace(/: n8n-[\w-]+/, '').slice(0, 60);
			causes[cause] = (causes[cause] ?? 0) + 1;
		}
		console.info(
			`${createCase.name}, ${_mode}: ${faulted} faulted requests, ${failed.length} items failed after retries ${JSON.stringify(causes)}, ${references.length} objects after the re-run, 0 duplicates`,
		);
	}, RUN_GUARD_MS);
});
