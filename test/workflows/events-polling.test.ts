import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { wholeReadInterval } from '../../nodes/StripeEventsPollingTrigger/cursor';
import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { causeEvents, mixOf, TOO_MANY_EVENT_TYPES } from '../harness/events';
import { PollHarness } from '../harness/poll';
import { apiRequests, PACKAGE, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';

const context = useEmulator();
const emulator = () => context.emulator;

const TYPE = `${PACKAGE}.stripeEventsPollingTrigger`;
const HOUR = 60 * 60;
/** The Late Event Window's default, in seconds. */
const DEFAULT_WINDOW = 60;
const DAY = 24 * HOUR;
const CHOSEN = ['climate.order.created', 'climate.order.delivered', 'crypto.onramp_session_updated'];
const ALL_CAUSED = ['climate.order.created', 'climate.order.delivered', 'climate.order.canceled', 'crypto.onramp_session_updated'] as const;

/**
 * The clock of this process, moved by the tests: the trigger reads Date.now() and so does the
 * emulator's event clock, so both see the same time as n8n and Stripe would.
 */
let clockOffsetMs = 0;
let clockHeldAt: number | undefined;
const realNow = Date.now.bind(Date);
const moveClock = (seconds: number) => {
	clockOffsetMs += seconds * 1000;
	if (clockHeldAt !== undefined) clockHeldAt += seconds * 1000;
};
/** Stops this process's clock (and so the emulator's), for assertions on exact times. */
const holdClock = () => (clockHeldAt = Date.now());

const warnings: string[] = [];
const recordingLogger = {
	error: () => {},
	warn: (message: string) => warnings.push(message),
	info: () => {},
	debug: () => {},
	scoped: () => recordingLogger,
};

beforeAll(() => Container.set(Logger, recordingLogger as unknown as Logger));

beforeEach(() => {
	clockOffsetMs = 0;
	clockHeldAt = undefined;
	warnings.length = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => clockHeldAt ?? realNow() + clockOffsetMs);
});

afterEach(() => jest.restoreAllMocks());

function trigger(parameters: INodeParameters = {}, nodeType: INodeType = new StripeEventsPollingTrigger()): PollHarness {
	return new PollHarness({
		nodeType,
		typeName: TYPE,
		parameters: { events: CHOSEN, ...parameters },
		credentials: { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator().url } },
	});
}

const emittedIds = (harness: PollHarness) => harness.executions.flat().map((item) => item.json.id);
const matching = (events: IDataObject[], types = CHOSEN) => events.filter((event) => types.includes(event.type as string)).map((event) => event.id);

/** Causes `count` events of mixed types with the emulator's clock held: all in one second. */
async function inOneSecond(count: number): Promise<IDataObject[]> {
	emulator().setClock({ hold: true });
	const events = await causeEvents(emulator(), mixOf([...ALL_CAUSED], count));
	emulator().setClock({ advanceSeconds: 1, hold: false });
	return events;
}

describe('Stripe Events Polling Trigger: every matching event exactly once, oldest first', () => {
	test('the first activation starts from now; later events are emitted once, oldest first', async () => {
		const before = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 6));
		const poller = trigger();
		await poller.activate();
		expect(poller.executions).toEqual([]);
		const newest = before.at(-1)!;
		expect(poller.memory).toMatchObject({
			from: newest.created,
			seen: { [newest.created as number]: before.filter((e) => e.created === newest.created && CHOSEN.includes(e.type as string)).map((e) => e.id).reverse() },
		});

		const after = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		await poller.poll();
		expect(poller.executions).toHaveLength(1);
		expect(emittedIds(poller)).toEqual(matching(after));
		await poller.poll();
		expect(poller.executions).toHaveLength(1);
	});

	test("starting from now reads now from Stripe's events, so an n8n clock running ahead skips nothing", async () => {
		emulator().setClock({ advanceSeconds: -30 }); // Stripe's clock 30 s behind this machine's
		await causeEvents(emulator(), ['climate.order.created']);
		const poller = trigger();
		await poller.activate();
		const after = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 6));
		await poller.poll();
		expect(emittedIds(poller)).toEqual(matching(after));
	});

	test('300 events of mixed types between two polls, 40 of them in one second: each matching one is emitted exactly once, in order', async () => {
		await causeEvents(emulator(), ['climate.order.created']);
		const poller = trigger();
		await poller.activate();
		emulator().clearLog();

		const events = [
			...(await causeEvents(emulator(), mixOf([...ALL_CAUSED], 130))),
			...(await inOneSecond(40)),
			...(await causeEvents(emulator(), mixOf([...ALL_CAUSED], 130))),
		];
		expect(events).toHaveLength(300);
		const sharedSecond = events[130].created;
		expect(events.filter((event) => event.created === sharedSecond).length).toBeGreaterThanOrEqual(40);
		emulator().clearLog();

		await poller.poll();
		const expected = matching(events);
		expect(expected.length).toBeGreaterThan(200);
		expect(poller.executions).toHaveLength(1);
		expect(emittedIds(poller)).toEqual(expected);
		expect(new Set(emittedIds(poller)).size).toBe(expected.length);
		// every page of the walk, each asking for the chosen types since the cursor
		const pages = apiRequests(emulator());
		expect(pages).toHaveLength(Math.ceil(expected.length / 100));
		expect(pages.every((request) => request.path === '/v1/events' && (request.query.types as string[]).length === 3)).toBe(true);

		await poller.poll();
		expect(poller.executions).toHaveLength(1);
	});

	test('events of the same second on both sides of a poll: the earlier ones are not emitted again, the later ones are', async () => {
		const poller = trigger({ events: ['*'] });
		await poller.activate();
		emulator().setClock({ hold: true });
		const first = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 25));
		await poller.poll();
		const second = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 15));
		await poller.poll();
		emulator().setClock({ advanceSeconds: 1, hold: false });
		const third = await causeEvents(emulator(), ['climate.order.canceled']);
		await poller.poll();

		expect(poller.executions.map((items) => items.map((item) => item.json.id))).toEqual([
			first.map((event) => event.id),
			second.map((event) => event.id),
			third.map((event) => event.id),
		]);
		expect((poller.memory.seen as Record<string, string[]>)[String(third[0].created)]).toEqual([third[0].id]);
	});

	test('a restart between polls (fresh process memory, the saved static data) loses and repeats nothing', async () => {
		const poller = trigger();
		await poller.activate();
		const beforeRestart = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 30));
		emulator().setClock({ hold: true });
		beforeRestart.push(...(await causeEvents(emulator(), mixOf([...ALL_CAUSED], 12))));
		await poller.poll();
		// n8n stops; Stripe goes on, partly in the second the cursor is in
		poller.deactivate();
		const duringDowntime = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 12));
		emulator().setClock({ advanceSeconds: 1, hold: false });
		duringDowntime.push(...(await causeEvents(emulator(), mixOf([...ALL_CAUSED], 30))));

		let FreshNode: typeof StripeEventsPollingTrigger | undefined;
		jest.isolateModules(() => {
			FreshNode = (require('../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node') as { StripeEventsPollingTrigger: typeof StripeEventsPollingTrigger }).StripeEventsPollingTrigger;
		});
		const restarted = trigger({}, new FreshNode!());
		restarted.saved = JSON.parse(JSON.stringify(poller.saved)) as IDataObject;
		await restarted.activate('init');
		const afterRestart = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 10));
		await restarted.poll();

		expect(emittedIds(poller)).toEqual(matching(beforeRestart));
		expect(restarted.executions).toHaveLength(2);
		expect(emittedIds(restarted)).toEqual([...matching(duringDowntime), ...matching(afterRestart)]);
	});

	test('after downtime it catches up by itself; beyond 30 days it says which events may be gone, first in the output and in the log', async () => {
		holdClock();
		const poller = trigger();
		await poller.activate();
		await causeEvents(emulator(), ['climate.order.created']);
		await poller.poll();
		const lastPoll = poller.memory.polledAt as number;
		poller.deactivate();

		moveClock(2 * DAY);
		const gone = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		moveClock(20 * DAY);
		const kept = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		moveClock(11 * DAY);
		await poller.activate('init');

		const [items] = poller.executions.slice(-1);
		const now = Math.floor(Date.now() / 1000);
		expect(items[0].json).toEqual({
			object: 'stripe_events_gap',
			from: lastPoll,
			until: now - 30 * DAY + HOUR,
			message: expect.stringMatching(/^Events created between \S+ and \S+ may have been missed: this trigger last polled at \S+ and Stripe keeps events for 30 days\./),
		});
		expect(items.slice(1).map((item) => item.json.id)).toEqual(matching(kept));
		expect(emittedIds(poller)).not.toEqual(expect.arrayContaining(matching(gone)));
		expect(warnings).toEqual([expect.stringContaining(String(items[0].json.message))]);

		// reported once: the next poll is a normal one
		await poller.poll();
		expect(poller.executions.slice(-1)).toEqual([items]);
	});

	test('a downtime within 30 days is caught up without a report', async () => {
		const poller = trigger();
		await poller.activate();
		poller.deactivate();
		const during: IDataObject[] = [];
		for (let day = 0; day < 4; day++) {
			moveClock(7 * DAY);
			during.push(...(await causeEvents(emulator(), mixOf([...ALL_CAUSED], 5))));
		}
		moveClock(DAY);
		await poller.activate('init');
		expect(emittedIds(poller)).toEqual(matching(during));
		expect(warnings).toEqual([]);
	});

	test('"Also Emit Events From the Last" emits that period on first activation only', async () => {
		moveClock(-3 * HOUR);
		await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		moveClock(2 * HOUR);
		const lastTwoHours = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 6));
		moveClock(HOUR);
		const poller = trigger({ options: { lookback: { period: { amount: 2, unit: 'hours' } } } });
		await poller.activate();
		expect(emittedIds(poller)).toEqual(matching(lastTwoHours));

		poller.deactivate();
		await poller.activate();
		expect(poller.executions).toHaveLength(1);
	});

	test('"Fetch Test Event" returns the newest matching event and leaves the cursor where it is', async () => {
		const poller = trigger();
		await poller.activate();
		const saved = JSON.stringify(poller.saved);
		const events = await causeEvents(emulator(), ['climate.order.delivered', 'climate.order.created', 'climate.order.canceled']);
		emulator().clearLog();

		const test = await poller.fetchTestEvent();
		expect(test.run.status).toBe('success');
		expect(test.items.map((item) => item.json.id)).toEqual([events[1].id]);
		expect(apiRequests(emulator()).map((request) => request.query)).toEqual([{ limit: '1', types: CHOSEN }]);
		expect(JSON.stringify(poller.saved)).toBe(saved);

		await poller.poll();
		expect(emittedIds(poller)).toEqual(matching(events));
	});

	test('"Fetch Test Event" with no matching event says what to do, naming only fields the user sees', async () => {
		await causeEvents(emulator(), ['climate.order.canceled']);
		const test = await trigger().fetchTestEvent();
		expect(test.run.status).toBe('error');
		const error = test.run.data.resultData.error as (Error & { description?: string }) | undefined;
		expect(error?.message).toBe('Stripe has no event of the selected types from the last 30 days');
		expect(error?.description).toMatch(/^Fetch Test Event shows the newest real event of the types selected under Events/);
		expect(error?.description).toContain('then click Fetch Test Event again');
		// Event Mode is an option not shown by default, and with the key's mode checked first it never hides the newest event
		expect(error?.description).not.toContain('Event Mode');

		const inAccount = await trigger({ options: { connectedAccount: 'acct_1Quiet' } }).fetchTestEvent();
		expect(inAccount.run.data.resultData.error?.message).toBe('Stripe has no event of the selected types from the last 30 days in connected account acct_1Quiet');
	});

	test("Connected Account, Event Mode and Output: a connected account's events, only its objects", async () => {
		await causeEvents(emulator(), ['climate.order.created']);
		const poller = trigger({ events: ['*'], options: { connectedAccount: 'acct_1Connected', output: 'object', eventMode: 'test' } });
		await poller.activate();
		const theirs = await causeEvents(emulator(), ['climate.order.created', 'climate.order.delivered'], { account: 'acct_1Connected' });
		await causeEvents(emulator(), ['climate.order.created']);
		await poller.poll();

		expect(poller.executions.flat().map((item) => item.json)).toEqual(theirs.map((event) => (event.data as IDataObject).object));
		expect(apiRequests(emulator()).filter((request) => request.headers['stripe-account'] === 'acct_1Connected').length).toBeGreaterThan(0);
	});
});

describe('Stripe Events Polling Trigger: failures', () => {
	const REVOKED_KEY = 'sk_test_revoked_pollingSecretKey123456';

	test("a refused key fails the activation with Stripe's message, and the key appears nowhere", async () => {
		const poller = new PollHarness({
			nodeType: new StripeEventsPollingTrigger(),
			typeName: TYPE,
			parameters: { events: CHOSEN },
			credentials: { stripePlatformApi: { secretKey: REVOKED_KEY, baseUrl: emulator().url } },
		});
		const error = await poller.activate().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/expired|revoked|Invalid API Key/i);
		const seen = JSON.stringify({ message: error?.message, description: error?.description, stack: error?.stack, warnings, saved: poller.saved });
		expect(seen).not.toContain(REVOKED_KEY);
		expect(seen).not.toContain(REVOKED_KEY.slice(8));
	});

	test('a failing tick becomes an error execution and the next tick emits what it missed', async () => {
		const poller = trigger();
		await poller.activate();
		const events = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		emulator().injectFaults(3, { kind: 'status', status: 500 }, { pathPrefix: '/v1/events' });
		await poller.poll();
		expect(poller.errors).toHaveLength(1);
		expect(poller.executions).toEqual([]);
		await poller.poll();
		expect(emittedIds(poller)).toEqual(matching(events));
	});
});


test('the list of too many types has 21 different types', () => expect(new Set(TOO_MANY_EVENT_TYPES).size).toBe(21));

const badSettings: Array<[string, INodeParameters, string]> = [
	['21 event types', { events: TOO_MANY_EVENT_TYPES }, "Events can name at most 20 event types, as Stripe's Events API filters by at most 20 (21 chosen): choose All Events (*) instead"],
	['no event type', { events: [] }, 'Events must name at least one event type'],
	['a period longer than 30 days', { options: { lookback: { period: { amount: 31, unit: 'days' } } } }, 'Also Emit Events From the Last can be at most 30 days, as Stripe keeps events for 30 days (got 31 days)'],
	['a negative period', { options: { lookback: { period: { amount: -1, unit: 'hours' } } } }, 'Also Emit Events From the Last must be a positive number, got "-1"'],
	['a connected account that is not acct_', { options: { connectedAccount: 'cus_123' } }, 'Connected Account must be a connected account ID starting with "acct_", got "cus_123"'],
];

describe('Stripe Events Polling Trigger: bad settings are refused before any request', () => {
	test.each(badSettings)('%s fails the activation', async (_name, parameters, message) => {
		const poller = trigger(parameters);
		await expect(poller.activate()).rejects.toThrow(message);
		expect(poller.isActive).toBe(false);
		expect(emulator().requests).toHaveLength(0);
	});

	test('21 event types fail "Fetch Test Event" too', async () => {
		const test = await trigger({ events: TOO_MANY_EVENT_TYPES }).fetchTestEvent();
		expect(test.run.data.resultData.error?.message).toMatch(/^Events can name at most 20 event types/);
		expect(emulator().requests).toHaveLength(0);
	});
});

describe('Stripe Events Polling Trigger: events Stripe lists late', () => {
	/** Causes one climate.order.created that Stripe lists `lagSeconds` after its created second. */
	async function listedLate(lagSeconds: number): Promise<IDataObject> {
		emulator().setEventListingLag(lagSeconds);
		const [event] = await causeEvents(emulator(), ['climate.order.created']);
		emulator().setEventListingLag(0);
		return event;
	}

	test('events listed 1 to 30 s late, in earlier seconds than events already emitted, are each emitted once; beyond the window, not at all', async () => {
		holdClock();
		const poller = trigger({ events: ['*'] });
		await poller.activate();
		moveClock(1);
		const late30 = await listedLate(30); // second S-2, listed at S+28
		moveClock(1);
		const late4 = await listedLate(4); // S-1, listed at S+3
		moveClock(1);
		const late1 = await listedLate(1); // S, listed at S+1
		const [onTime] = await causeEvents(emulator(), ['climate.order.created']); // S, listed at once
		const tooLate = await listedLate(DEFAULT_WINDOW + wholeReadInterval(DEFAULT_WINDOW) + 20); // S, listed after the window and its whole-read interval
		await poller.poll();
		expect(emittedIds(poller)).toEqual([onTime.id]);

		const perPoll: string[][] = [];
		let later: IDataObject | undefined;
		for (let second = 1; second <= DEFAULT_WINDOW + wholeReadInterval(DEFAULT_WINDOW) + 15; second++) {
			moveClock(1);
			if (second === 10) [later] = await causeEvents(emulator(), ['climate.order.delivered']);
			const before = poller.executions.length;
			await poller.poll();
			perPoll.push(poller.executions.slice(before).flat().map((item) => item.json.id as string));
		}
		expect(perPoll[0]).toEqual([late1.id]);
		expect(perPoll[2]).toEqual([late4.id]);
		expect(perPoll[9]).toEqual([later!.id]);
		expect(perPoll[27]).toEqual([late30.id]);
		expect(emittedIds(poller)).toEqual([onTime.id, late1.id, late4.id, later!.id, late30.id]);
		// listed 95 s after its second, more than the 60 s window and its 15 s whole-read interval: not emitted (the README says so)
		expect(emulator().listObjects('event').map((event) => event.id)).toContain(tooLate.id);
		expect(emittedIds(poller)).not.toContain(tooLate.id);
		// the memory is the window's ids only
		const seen = Object.values(poller.activeMemory.seen as Record<string, string[]>).flat();
		expect(seen).toEqual([]);
	});

	test('a late event survives a restart: the window is in the saved static data', async () => {
		holdClock();
		const poller = trigger({ events: ['*'] });
		await poller.activate();
		const late = await listedLate(5);
		moveClock(1);
		const [first] = await causeEvents(emulator(), ['climate.order.created']);
		await poller.poll();
		expect(emittedIds(poller)).toEqual([first.id]);
		poller.deactivate();
		moveClock(10);
		await poller.activate('init');
		await poller.poll();
		expect(emittedIds(poller)).toEqual([first.id, late.id]);
	});

	test('idle polls after a busy second of 250 events cost one request; the whole window (3 pages) is read once per 15 s, which finds a late event below the busy second', async () => {
		holdClock();
		const poller = trigger({ events: ['*'] });
		await poller.activate();
		moveClock(1);
		const late = await listedLate(20); // second B-1, listed at B+19: below the 250 of second B in the list
		moveClock(1);
		const busy = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 250));
		expect(new Set(busy.map((event) => event.created)).size).toBe(1);
		moveClock(1);
		await poller.poll();
		expect(emittedIds(poller)).toEqual(busy.map((event) => event.id));

		const interval = wholeReadInterval(DEFAULT_WINDOW);
		const requestsPerIdlePoll: number[] = [];
		const emittedPerPoll: string[][] = [];
		for (let second = 1; second <= DEFAULT_WINDOW + interval + 10; second++) {
			moveClock(1);
			emulator().clearLog();
			const before = poller.executions.length;
			await poller.poll();
			requestsPerIdlePoll.push(apiRequests(emulator()).length);
			emittedPerPoll.push(poller.executions.slice(before).flat().map((item) => item.json.id as string));
		}
		const pages = Math.ceil((busy.length + 1) / 100);
		const wholeReads = requestsPerIdlePoll.flatMap((count, i) => (count > 1 ? [i] : []));
		// one request per poll, except a whole read every `interval` polls while the busy second is in the window
		expect(requestsPerIdlePoll.every((count) => count === 1 || count === pages)).toBe(true);
		expect(wholeReads.length).toBeGreaterThanOrEqual(3);
		expect(wholeReads[0]).toBe(interval - 1);
		expect(wholeReads.slice(1).map((at, i) => at - wholeReads[i])).toEqual(wholeReads.slice(1).map(() => interval));
		expect(requestsPerIdlePoll.filter((count) => count === 1).length).toBeGreaterThan(requestsPerIdlePoll.length - wholeReads.length - 1);
		// the late event: listed at poll 17 (B+19), deeper than the first page, emitted once by the whole read after that
		const lateAt = emittedPerPoll.findIndex((ids) => ids.includes(late.id as string));
		expect(lateAt).toBe(wholeReads.find((at) => at >= 17));
		expect(emittedIds(poller)).toEqual([...busy.map((event) => event.id), late.id]);
		// once the second is out of the window, its ids are forgotten and every poll is one request
		expect(requestsPerIdlePoll.slice(wholeReads[wholeReads.length - 1] + 1).every((count) => count === 1)).toBe(true);
		expect(Object.values(poller.activeMemory.seen as Record<string, string[]>).flat()).toEqual([]);
	});

	test('with Late Event Window 0, the first idle poll after the busy second costs one request', async () => {
		holdClock();
		const poller = trigger({ events: ['*'], options: { lateWindow: 0 } });
		await poller.activate();
		moveClock(1);
		await causeEvents(emulator(), mixOf([...ALL_CAUSED], 250));
		moveClock(1);
		await poller.poll();
		moveClock(3);
		await poller.poll();
		emulator().clearLog();
		moveClock(1);
		await poller.poll();
		expect(apiRequests(emulator())).toHaveLength(1);
	});
});

describe('Stripe Events Polling Trigger: its place through a rename, an upgrade and a change of settings', () => {
	test('renamed between polls, with "Also Emit Events From the Last" set: nothing emitted twice, nothing lost', async () => {
		const lastHour = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		const poller = trigger({ options: { lookback: { period: { amount: 1, unit: 'hours' } } } });
		await poller.activate();
		const beforeRename = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		await poller.poll();
		// renamed in the editor and published again; events created meanwhile
		poller.deactivate();
		const meanwhile = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 8));
		poller.nodeName = 'Stripe Payments In';
		await poller.activate();
		const after = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		await poller.poll();

		expect(emittedIds(poller)).toEqual([...matching(lastHour), ...matching(beforeRename), ...matching(meanwhile), ...matching(after)]);
		expect(new Set(emittedIds(poller)).size).toBe(emittedIds(poller).length);
	});

	test("upgrading from the place kept under the node's name: taken over once, then kept through a rename", async () => {
		holdClock();
		const old = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 6));
		const newest = old.at(-1)!;
		const poller = trigger({ options: { lookback: { period: { amount: 1, unit: 'hours' } } } });
		// what the versions before saved: the newest second handled, with its ids, under node:<name>
		const handledIds = old.filter((e) => e.created === newest.created && CHOSEN.includes(e.type as string)).map((e) => e.id);
		poller.saved = { [`node:${poller.nodeName}`]: { cursor: { created: newest.created, ids: handledIds }, polledAt: newest.created } };
		moveClock(1);
		const sinceUpgrade = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 6));
		await poller.activate('init');
		expect(emittedIds(poller)).toEqual(matching(sinceUpgrade));
		expect(poller.nodeData.cursor).toBeUndefined();
		expect(poller.memory.from).toBe(newest.created);

		poller.deactivate();
		poller.nodeName = 'Renamed';
		moveClock(1);
		const afterRename = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		await poller.activate();
		expect(emittedIds(poller)).toEqual([...matching(sinceUpgrade), ...matching(afterRename)]);
	});

	test('another connected account: starts again from now and says so first in the output and in the log', async () => {
		const poller = trigger({ options: { connectedAccount: 'acct_1Before' } });
		await poller.activate();
		const inBefore = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4), { account: 'acct_1Before' });
		await poller.poll();
		await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4), { account: 'acct_1After' }); // before the change: not emitted
		poller.parameters = { ...poller.parameters, options: { connectedAccount: 'acct_1After' } };
		poller.deactivate();
		await poller.activate();
		const inAfter = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4), { account: 'acct_1After' });
		await poller.poll();

		expect(poller.executions).toHaveLength(3);
		const [notice] = poller.executions[1];
		expect(poller.executions[1]).toHaveLength(1);
		expect(notice.json).toEqual({
			object: 'stripe_events_restart',
			changes: ['the connected account (acct_1Before before, acct_1After now)'],
			message: expect.stringMatching(/^The trigger now polls other events than before \(the connected account \(acct_1Before before, acct_1After now\)\), so it started again as on first activation, from now/),
		});
		expect(warnings).toEqual([expect.stringContaining(String(notice.json.message))]);
		expect(emittedIds(poller)).toEqual([...matching(inBefore), undefined, ...matching(inAfter)]);
	});

	test("a rolled key keeps the place; the credential's Default Connected Account changed is recognised like the node's, with the catch-up period emitted", async () => {
		const credential: IDataObject = { secretKey: TEST_SECRET_KEY, baseUrl: emulator().url };
		const poller = new PollHarness({
			nodeType: new StripeEventsPollingTrigger(),
			typeName: TYPE,
			parameters: { events: CHOSEN, options: { lookback: { period: { amount: 1, unit: 'hours' } } } },
			credentials: { stripePlatformApi: credential as never },
		});
		await poller.activate();
		const own = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		await poller.poll();
		// a rolled key (same credential, same mode) keeps the place
		credential.secretKey = `${TEST_SECRET_KEY}Rolled`;
		const afterRoll = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4));
		await poller.poll();
		expect(emittedIds(poller)).toEqual([...matching(own), ...matching(afterRoll)]);
		const theirs = await causeEvents(emulator(), mixOf([...ALL_CAUSED], 4), { account: 'acct_1Default' });
		credential.accountId = 'acct_1Default';
		await poller.poll();

		const [notice, ...caughtUp] = poller.executions.at(-1)!;
		expect(notice.json.changes).toEqual(['the connected account (your own account before, acct_1Default now)']);
		expect(notice.json.message).toContain('from 1 hours ago (Also Emit Events From the Last)');
		expect(caughtUp.map((item) => item.json.id)).toEqual(matching(theirs));
		expect(warnings).toHaveLength(1);
	});

	test('an event type added, with catch-up: the new type of the period is emitted, the types polled before are not repeated; fewer types keep the place', async () => {
		const poller = trigger({ events: ['climate.order.created'], options: { lookback: { period: { amount: 1, unit: 'hours' } } } });
		const earlier = await causeEvents(emulator(), ['climate.order.created', 'climate.order.canceled', 'climate.order.created']);
		await poller.activate();
		expect(emittedIds(poller)).toEqual([earlier[0].id, earlier[2].id]);
		poller.deactivate();
		poller.parameters = { ...poller.parameters, events: ['climate.order.created', 'climate.order.canceled'] };
		const after = await causeEvents(emulator(), ['climate.order.canceled', 'climate.order.created']);
		await poller.activate();

		const [notice, ...items] = poller.executions.at(-1)!;
		expect(notice.json.changes).toEqual(['Events (added climate.order.canceled)']);
		expect(items.map((item) => item.json.id)).toEqual([earlier[1].id, ...after.map((e) => e.id)]);
		expect(warnings).toHaveLength(1);

		// back to fewer types: the place holds (everything of them was listed), no notice, nothing repeated
		poller.deactivate();
		poller.parameters = { ...poller.parameters, events: ['climate.order.canceled'] };
		const fewer = await causeEvents(emulator(), ['climate.order.created', 'climate.order.canceled']);
		await poller.activate();
		expect(poller.executions.at(-1)!.map((item) => item.json.id)).toEqual([fewer[1].id]);
		expect(warnings).toHaveLength(1);
		const emitted = emittedIds(poller).filter((id) => id !== undefined);
		expect(new Set(emitted).size).toBe(emitted.length);
	});
});

describe('Stripe Events Polling Trigger: an Event Mode the key can never list is refused', () => {
	const cases: Array<[string, string, string]> = [
		['Live Only with a test key', 'live', TEST_SECRET_KEY],
		['Test Only with a live key', 'test', 'sk_live_harnessLiveKey0123456789'],
	];
	test.each(cases)('%s: activation and Fetch Test Event fail saying why, before any request', async (_name, eventMode, secretKey) => {
		const poller = new PollHarness({
			nodeType: new StripeEventsPollingTrigger(),
			typeName: TYPE,
			parameters: { events: CHOSEN, options: { eventMode } },
			credentials: { stripePlatformApi: { secretKey, baseUrl: emulator().url } },
		});
		const wanted = eventMode === 'live' ? 'Live Only' : 'Test Only';
		const keyMode = eventMode === 'live' ? 'test' : 'live';
		const error = await poller.activate().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		expect(error?.message).toBe(`Event Mode "${wanted}" can never emit an event with the credential's ${keyMode} key`);
		expect(error?.description).toMatch(/^A Stripe key lists the events of its own mode only/);
		expect(`${error?.message} ${error?.description}`).not.toContain(secretKey.slice(8));
		expect(poller.isActive).toBe(false);
		const test = await poller.fetchTestEvent();
		expect(test.run.data.resultData.error?.message).toBe(error?.message);
		expect(emulator().requests).toHaveLength(0);
	});
});
