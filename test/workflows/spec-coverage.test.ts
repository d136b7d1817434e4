import type { INodeParameters } from 'n8n-workflow';

import { parseRoute } from '../../nodes/shared/operation';
import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { operationFixtures } from '../spec/fixtures';
import { routeMatcher, nodeResources, specRequestParams } from '../spec/operations';
import { causeEvents, mixOf } from '../harness/events';
import { PollHarness } from '../harness/poll';
import { type ActionNodeName, PACKAGE, runStripeNode, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';

const context = useEmulator();

/**
 * Reached through the Options every operation shows (the shared-options test proves it reaches
 * Stripe); some objects have nothing expandable, so a fixture cannot always send it.
 */
const SHARED_OPTION_PARAMS = ['expand'];

const cases = Object.entries(nodeResources).flatMap(([node, resources]) =>
	resources.flatMap((resource) =>
		resource.operations.map((operation) => ({ node: node as ActionNodeName, resource, operation, label: `${node} ${resource.value}:${operation.value}` })),
	),
);

describe('every operation reaches every parameter Stripe takes, and nothing else', () => {
	test.each(cases)('$label', async ({ node, resource, operation }) => {
		const fixture = operationFixtures[node][`${resource.value}:${operation.value}`];
		expect(fixture).toBeDefined();
		const emulator = context.emulator;
		const ids = (await fixture!.prepare?.(emulator)) ?? {};
		emulator.clearLog();

		for (const parameters of fixture!.parameterSets(ids)) {
			const result = await runStripeNode(emulator, node, { resource: resource.value, operation: operation.value, ...parameters });
			expect(result.error).toBeUndefined();
		}

		const { method, path } = routeMatcher(operation.route);
		expect(parseRoute(operation.route).method).toBe(method);
		const requests = emulator.requests.filter((request) => request.method === method && path.test(request.path));
		expect(requests.length).toBeGreaterThan(0);
		const sent = new Set([...SHARED_OPTION_PARAMS, ...requests.flatMap((request) => Object.keys(method === 'POST' ? request.body : request.query))]);
		// A list the emulator cannot fill past one page (4 products, at most 16 endpoints) never needs
		// starting_after; the shared list walk sends it (the transport tests page through 250 objects).
		if (sent.has('limit')) sent.add('starting_after');
		const accepted = specRequestParams(operation.route);
		const unreached = accepted.filter(
			(param) => !sent.has(param) && !(operation.omittedParams && param in operation.omittedParams),
		);
		expect(unreached).toEqual([]);
		expect([...sent].filter((param) => !accepted.includes(param) && !SHARED_OPTION_PARAMS.includes(param))).toEqual([]);
		for (const param of Object.keys(operation.omittedParams ?? {})) expect(accepted).toContain(param);
	});

	test.each(Object.entries(nodeResources))('%s: each Operation option has exactly one operation behind it', (_node, resources) => {
		for (const resource of resources) {
			const optionValues = (resource.operationSelector.options as Array<{ value: string }>).map((option) => option.value).sort();
			expect(resource.operations.map((operation) => operation.value).sort()).toEqual(optionValues);
		}
	});
});

describe('the Stripe Events Polling Trigger reaches what GET /v1/events takes, and nothing else', () => {
	/** What the trigger leaves out on purpose, and why. */
	const POLLING_OMITTED: Record<string, string> = {
		type: 'the trigger takes the types chosen from the list (`types`); a * group is the Event resource\'s',
		delivery_success: 'the trigger passes on every event, whatever became of its webhook deliveries',
		ending_before: 'the walk goes from the newest event down to the cursor with starting_after',
		expand: 'an event has nothing to expand',
	};

	test('Stripe Events Polling Trigger: every mode and option', async () => {
		const emulator = context.emulator;
		const poller = (parameters: INodeParameters) =>
			new PollHarness({
				nodeType: new StripeEventsPollingTrigger(),
				typeName: `${PACKAGE}.stripeEventsPollingTrigger`,
				parameters: { events: ['climate.order.created'], ...parameters },
				credentials: { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator.url } },
			});
		const fromNow = poller({ options: { connectedAccount: 'acct_1Coverage' } });
		await fromNow.activate();
		const withHistory = poller({ events: ['*'], options: { lookback: { period: { amount: 1, unit: 'days' } } } });
		await withHistory.activate();
		await causeEvents(emulator, mixOf(['climate.order.created'], 101));
		await withHistory.poll();
		expect((await poller({}).fetchTestEvent()).run.status).toBe('success');

		const endpoint = 'GET /v1/events';
		const requests = emulator.requests.filter((request) => request.path === '/v1/events');
		const sent = new Set(requests.flatMap((request) => Object.keys(request.query)));
		const accepted = specRequestParams(endpoint);
		expect(accepted.filter((param) => !sent.has(param) && !(param in POLLING_OMITTED))).toEqual([]);
		expect([...sent].filter((param) => !accepted.includes(param))).toEqual([]);
		expect(Object.keys(POLLING_OMITTED).filter((param) => !accepted.includes(param) || sent.has(param))).toEqual([]);
		expect(emulator.requests.every((request) => request.path === '/v1/events' || request.method === 'POST')).toBe(true);
	});
});
