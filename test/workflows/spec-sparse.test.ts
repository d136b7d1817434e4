import type { IDataObject, IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import Stripe from 'stripe';

import { eventOutput } from '../../nodes/shared/events';
import type { StripeOperation } from '../../nodes/shared/operation';
import { toReadable } from '../../nodes/shared/readable';
import { ToolRun } from '../../nodes/shared/tool';
import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { causeEvents } from '../harness/events';
import { PollHarness } from '../harness/poll';
import { type ActionNodeName, PACKAGE, runStripeNode, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { TriggerHarness } from '../harness/webhook';
import { operationFixtures } from '../spec/fixtures';
import { nodeResources } from '../spec/operations';
import {
	isListSchema,
	optionalSpots,
	responseSchema,
	SAMPLE_TIME,
	specExample,
	type SpecSchema,
	UNKNOWN_PROPERTY,
	type Variant,
	without,
} from '../spec/sparseObjects';

/**
 * Every operation of every action node, and both triggers, fed objects that are valid by Stripe's
 * spec but unlike the emulator's (test/spec/sparseObjects.ts): sparse (only required fields,
 * nullable ones null, lists of one or none), full (every field, expanded, an unknown one added) and
 * extreme (the largest numbers). The emulator fills every field; Stripe and stand-ins built from
 * its spec need not. The raw output must stay Stripe's object; the readable output and the tool's
 * result must hold no broken value, keep ids, and read a field Stripe leaves out as null.
 */

const context = useEmulator();
const zone = { timeZone: 'Asia/Kolkata' };
const VARIANTS: Variant[] = ['minimal', 'empty', 'maximal', 'extreme'];

const operations = Object.entries(nodeResources).flatMap(([node, resources]) =>
	resources.flatMap((resource) =>
		resource.operations.map((operation) => ({ node: node as ActionNodeName, resource: resource.value, operation, label: `${node} ${resource.value}:${operation.value}` })),
	),
);

/** The schema of one object an operation outputs (a listed one for a list). */
function objectSchema(operation: StripeOperation): SpecSchema {
	const schema = responseSchema(operation);
	return isListSchema(schema) ? (schema.properties!.data.items as SpecSchema) : schema;
}

/** Values no reader should meet: NaN, Infinity, undefined, texts of them, an Invalid Date, a 1970 time made of a missing one. */
function badValues(value: unknown, path = '$'): string[] {
	if (value === undefined) return [`${path} is undefined`];
	if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
	if (typeof value === 'string') {
		if (/^(undefined|null|NaN|Infinity)$|Invalid Date|\[object Object\]|NaN/.test(value)) return [`${path} is "${value}"`];
		if (/^1970-01-0[12]T/.test(value)) return [`${path} is the epoch: "${value}"`];
		return [];
	}
	if (Array.isArray(value)) return value.flatMap((entry, index) => badValues(entry, `${path}[${index}]`));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, entry]) => badValues(entry, `${path}.${key}`));
	return [];
}

/** Nothing: null or no key, or an empty list or object (a collection Stripe left out reads as empty). */
const isNothing = (value: unknown) =>
	value === null || value === undefined || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && Object.keys(value).length === 0);

/** Leaves of `before` that differ in `after`, each with its new value (missing counts as undefined). */
function changedLeaves(before: unknown, after: unknown, path = '$'): Array<{ path: string; before: unknown; after: unknown }> {
	const isObject = (value: unknown) => value !== null && typeof value === 'object';
	if (isObject(before) && isNothing(after) && !isNothing(before)) return [{ path, before, after }];
	if (Array.isArray(before) && Array.isArray(after) && before.length !== after.length) {
		// entries left out of a list: what remains must be unchanged
		const kept = after.every((entry) => before.some((earlier) => JSON.stringify(earlier) === JSON.stringify(entry)));
		return kept ? [] : [{ path, before, after }];
	}
	if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
		const keys = new Set([...Object.keys(before as object), ...Object.keys(after as object)]);
		return [...keys].flatMap((key) => changedLeaves((before as IDataObject)[key], (after as IDataObject)[key], `${path}.${key}`));
	}
	return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

/**
 * Readable values that are rightly made of more than the field taken away: where it stands tells
 * the same (a quote listed under a network is on that network), or it is one part of a text.
 */
const DERIVED: Array<[RegExp, string]> = [
	[/^\$\.quotes\.\d+\.destinationNetwork$/, 'the network whose list holds the quote'],
	[/^\$\.locations\.\d+$/, "a supplier's place: the parts Stripe gives, joined"],
];

/** ToolRun.result as an agent's tool gives it, with the builder's defaults (compact, no secrets) or the whole object. */
function toolResult(operation: StripeOperation, object: IDataObject, fullObject = false): IDataObject {
	const fake = {
		getNodeParameter: (name: string, _index: number, fallback: unknown) => (name === 'fullObject' ? fullObject : fallback),
	} as unknown as IExecuteFunctions;
	return new ToolRun(fake, operation).result(object, 0, (value) => toReadable(operation, value, zone));
}

describe('shapers on objects valid by the spec', () => {
	const cases = operations.flatMap((entry) => VARIANTS.map((variant) => ({ ...entry, variant })));

	test.each(cases)('$label, $variant object: readable and tool results hold no broken value and keep the id', ({ operation, variant }) => {
		const object = specExample(objectSchema(operation), variant) as IDataObject;
		const readable = toReadable(operation, object, zone);
		expect(badValues(readable)).toEqual([]);
		if (typeof object.id === 'string' && 'id' in readable) expect(readable.id).toBe(object.id);
		expect(readable).not.toHaveProperty(UNKNOWN_PROPERTY);
		for (const fullObject of [false, true]) {
			const result = toolResult(operation, object, fullObject);
			expect(badValues(result)).toEqual([]);
			if (typeof readable.id === 'string') expect(result.id).toBe(object.id);
		}
	});

	test.each(operations)('$label: a field Stripe leaves out or null reads as null, never as 0, a time or a made-up value', ({ operation }) => {
		const schema = objectSchema(operation);
		const full = specExample(schema, 'maximal') as IDataObject;
		const before = toReadable(operation, full, zone);
		const spots = optionalSpots(schema, full);
		const wrong: string[] = [];
		for (const spot of spots) {
			// an optional field may be left out, a nullable one null
			for (const remove of [...(spot.optional ? [true] : []), ...(spot.nullable ? [false] : [])]) {
				const sparse = without(full, spot.path, remove) as IDataObject;
				const after = toReadable(operation, sparse, zone);
				const how = `${spot.path.join('.')} ${remove ? 'left out' : 'null'}`;
				wrong.push(...badValues(after).map((problem) => `${how}: ${problem}`));
				for (const change of changedLeaves(before, after)) {
					if (isNothing(change.after) || DERIVED.some(([pattern]) => pattern.test(change.path))) continue;
					wrong.push(`${how}: ${change.path} became ${JSON.stringify(change.after)} (was ${JSON.stringify(change.before)})`);
				}
				wrong.push(...badValues(toolResult(operation, sparse)).map((problem) => `${how}, tool: ${problem}`));
			}
		}
		expect(wrong).toEqual([]);
	});

	test.each(VARIANTS)('events, %s: the triggers and the Event resource give the event or its object', (variant) => {
		const event = specExample(objectSchema(operations.find((entry) => entry.operation.route === 'GET /v1/events/{id}')!.operation), variant) as IDataObject;
		expect(eventOutput(event, 'event')).toBe(event);
		const object = eventOutput(event, 'object');
		expect(object).toEqual((event.data as IDataObject).object);
		expect(typeof object).toBe('object');
	});

	test('the examples are what the spec allows: minimal ones leave optional fields out, maximal ones carry an unknown field', () => {
		const schemaOf = (route: string) => objectSchema(operations.find((entry) => entry.operation.route === route)!.operation);
		const order = specExample(schemaOf('GET /v1/climate/orders/{order}'), 'minimal') as IDataObject;
		expect(order).not.toHaveProperty('beneficiary');
		expect(order).not.toHaveProperty('canceled_at');
		expect(order.created).toBe(SAMPLE_TIME);
		const session = specExample(schemaOf('GET /v1/crypto/onramp_sessions/{id}'), 'minimal') as IDataObject;
		expect(session.redirect_url).toBeNull();
		expect((session.transaction_details as IDataObject).source_amount).toBeNull();
		expect(specExample(schemaOf('GET /v1/climate/orders/{order}'), 'maximal')).toHaveProperty(UNKNOWN_PROPERTY);
		const spots = operations.flatMap(({ operation }) => optionalSpots(objectSchema(operation), specExample(objectSchema(operation), 'maximal')));
		expect(spots.length).toBeGreaterThan(50);
	});
});

describe('the nodes, run against Stripe answers valid by the spec but unlike the emulator', () => {
	const outputs = (resource: string) => (resource === 'event' ? ['event', 'object', 'readable'] : ['raw', 'readable']);
	const cases = operations.flatMap((entry) => VARIANTS.flatMap((variant) => outputs(entry.resource).map((output) => ({ ...entry, variant, output }))));

	test.each(cases)('$label, $variant answer, output $output', async ({ node, resource, operation, variant, output }) => {
		const fixture = operationFixtures[node][`${resource}:${operation.value}`];
		const ids = (await fixture.prepare?.(context.emulator)) ?? {};
		const [parameters] = fixture.parameterSets(ids);
		const schema = responseSchema(operation);
		const answer = specExample(schema, variant) as IDataObject;
		const path = operation.route.split(' ')[1];
		context.emulator.overrideResponses({ method: operation.route.split(' ')[0], pathPrefix: path.split('{')[0] }, answer);

		const result = await runStripeNode(context.emulator, node, { ...parameters, resource, operation: operation.value, output } as INodeParameters);
		expect(result.error).toBeUndefined();
		const objects = isListSchema(schema) ? (answer.data as IDataObject[]) : [answer];
		if (operation.route.endsWith('quotes')) {
			// Split Into Items: one item per quote of every network
			const quotes = Object.values(answer.destination_network_quotes as IDataObject).flatMap((list) => (Array.isArray(list) ? list : []));
			expect(result.json).toHaveLength(quotes.length);
		} else if (output === 'raw' || output === 'event') {
			// the raw output stays Stripe's object as it is, unknown fields included
			expect(result.json).toEqual(objects);
		} else if (output === 'object') {
			expect(result.json).toEqual(objects.map((event) => (event.data as IDataObject).object));
		} else {
			expect(result.json).toHaveLength(objects.length);
			result.json.forEach((item, index) => expect(item.id ?? item.cryptoCustomerId).toBe(objects[index].id ?? objects[index].crypto_customer_id));
		}
		if (output === 'readable') expect(badValues(result.json)).toEqual([]);
	});
});

describe('the triggers, given events valid by the spec but unlike the emulator', () => {
	const eventSchema = () => objectSchema(operations.find((entry) => entry.operation.route === 'GET /v1/events/{id}')!.operation);
	/** Events of a chosen type at the given times, otherwise as the variant makes them. */
	const eventsAt = (variant: Variant, times: number[]): IDataObject[] =>
		times.map((created, index) => ({ ...(specExample(eventSchema(), variant, '', index + 1) as IDataObject), id: `evt_${variant}_${index + 1}`, type: 'climate.order.created', created }));
	const credentials = () => ({ stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: context.emulator.url, apiVersion: '', accountId: '' } });
	const cases = VARIANTS.flatMap((variant) => (['event', 'object'] as const).map((output) => ({ variant, output })));

	test.each(cases)('Stripe Events Trigger, $variant event, output $output: one execution with the event or its object', async ({ variant, output }) => {
		const harness = await TriggerHarness.start({
			nodeType: new StripeEventsTrigger(),
			typeName: `${PACKAGE}.stripeEventsTrigger`,
			parameters: { events: ['climate.order.created'], options: { output } },
			credentials: credentials(),
		});
		try {
			await harness.activate();
			const [event] = eventsAt(variant, [Math.floor(Date.now() / 1000)]);
			const payload = JSON.stringify(event);
			const signature = new Stripe('sk_test_x').webhooks.generateTestHeaderString({ payload, secret: harness.memory.secret as string });
			const answer = await fetch(harness.webhookUrl, { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature } });
			expect(answer.status).toBe(200);
			expect(harness.executions.map((items) => items.map((item) => item.json))).toEqual([[output === 'event' ? event : (event.data as IDataObject).object]]);
		} finally {
			await harness.close();
		}
	});

	test.each(cases)('Stripe Events Polling Trigger, $variant events listed out of order, output $output: each emitted once, oldest first', async ({ variant, output }) => {
		const [real] = await causeEvents(context.emulator, ['climate.order.created']);
		const poller = new PollHarness({
			nodeType: new StripeEventsPollingTrigger(),
			typeName: `${PACKAGE}.stripeEventsPollingTrigger`,
			parameters: { events: ['climate.order.created'], options: { output } },
			credentials: credentials(),
		});
		await poller.activate();
		const start = real.created as number;
		// the spec does not order a list: oldest, newest, middle
		const events = eventsAt(variant, [start + 1, start + 3, start + 2]);
		context.emulator.overrideResponses({ method: 'GET', pathPrefix: '/v1/events' }, { object: 'list', url: '/v1/events', has_more: false, data: events });
		await poller.poll();
		const oldestFirst = [events[0], events[2], events[1]];
		expect(poller.executions.flat().map((item) => item.json)).toEqual(oldestFirst.map((event) => (output === 'event' ? event : (event.data as IDataObject).object)));
		await poller.poll();
		expect(poller.executions.flat()).toHaveLength(3);
		// Fetch Test Event asks for one event (limit 1): the newest
		context.emulator.overrideResponses({ method: 'GET', pathPrefix: '/v1/events' }, { object: 'list', url: '/v1/events', has_more: false, data: [events[1]] });
		const test = await poller.fetchTestEvent();
		expect(test.items.map((item) => item.json)).toEqual([output === 'event' ? events[1] : (events[1].data as IDataObject).object]);
	});
});
