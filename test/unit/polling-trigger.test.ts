import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { eventTypeOptions } from '../../nodes/shared/events';
import {
	advancePlace,
	DEFAULT_LATE_WINDOW_SECONDS,
	EVENT_RETENTION_SECONDS,
	type ListedEvent,
	migrateLegacyPlace,
	type PollPlace,
	type PollScope,
	possiblyMissed,
	readPlace,
	scopeChanges,
	seenCount,
	readsNextPage,
	unhandledEvents,
	wholeReadDue,
	wholeReadInterval,
} from '../../nodes/StripeEventsPollingTrigger/cursor';
import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';

const ROOT = join(__dirname, '../..');
const event = (id: string, created: number): ListedEvent => ({ id, created, type: 'invoice.paid', livemode: false });

describe('Stripe Events Polling Trigger description', () => {
	const { description } = new StripeEventsPollingTrigger();

	it('is a polling trigger as n8n and the community scanner expect, registered in package.json with its icons and codex', () => {
		expect(description).toMatchObject({
			name: 'stripeEventsPollingTrigger',
			displayName: 'Stripe Events Polling Trigger',
			polling: true,
			inputs: [],
			credentials: [{ name: 'stripePlatformApi', required: true }],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(typeof new StripeEventsPollingTrigger().poll).toBe('function');
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		expect(pkg.n8n.nodes).toContain('dist/nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node.js');
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) expect(existsSync(join(ROOT, 'nodes/StripeEventsPollingTrigger', file.replace('file:', '')))).toBe(true);
		expect(icon.light).not.toBe(icon.dark);
		const codex = JSON.parse(readFileSync(join(ROOT, 'nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-stripe-platform.stripeEventsPollingTrigger');
	});

	it("offers the webhook trigger's event choices with All Events first (the node creator's first action), Event Mode and Output", () => {
		const webhook = new StripeEventsTrigger().description.properties;
		const polling = description.properties;
		const field = (properties: typeof polling, name: string) => properties.find((p) => p.name === name);
		const option = (properties: typeof polling, name: string) => (field(properties, 'options')!.options as typeof polling).find((o) => o.name === name);
		const choices = field(polling, 'events')!.options as Array<{ value: string; action?: string }>;
		expect(choices[0]).toMatchObject({ value: '*', action: 'On any Stripe event (All Events)' });
		const values = (options: Array<{ value: unknown }>) => options.map((o) => o.value);
		expect(values(choices.slice(1))).toEqual(values(eventTypeOptions()).filter((value) => value !== '*'));
		expect(new Set(values(choices))).toEqual(new Set(values(field(webhook, 'events')!.options as Array<{ value: unknown }>)));
		expect(option(polling, 'output')).toEqual(option(webhook, 'output'));
		expect(option(polling, 'eventMode')!.options).toEqual(option(webhook, 'eventMode')!.options);
		expect(option(polling, 'lateWindow')).toMatchObject({ type: 'number', default: DEFAULT_LATE_WINDOW_SECONDS });
	});
});

const SCOPE: PollScope = { credential: 'cred1', baseUrl: 'https://api.stripe.com', account: '', keyMode: 'test', types: ['invoice.paid'] };
const place = (from: number, seen: Record<string, string[]> = {}, extra: Partial<PollPlace> = {}): PollPlace => ({ version: 2, scope: SCOPE, from, seen, ...extra });
const ids = (events: ListedEvent[]) => events.map((e) => e.id);

describe('the polling place: a window of recent seconds re-read each poll', () => {
	it('passes on the listed events it has not handled, oldest first, late ones in earlier seconds included', () => {
		const handled = place(100, { 100: ['evt_a'], 102: ['evt_d'] });
		const newestFirst = [event('evt_d', 102), event('evt_late', 101), event('evt_c', 100), event('evt_a', 100)];
		expect(ids(unhandledEvents(handled, newestFirst))).toEqual(['evt_c', 'evt_late']);
	});

	it('emits oldest first by created and reads Stripe\'s time from the newest event, whatever order a list comes in', () => {
		const shuffled = [event('evt_101', 101), event('evt_103', 103), event('evt_100b', 100), event('evt_102', 102), event('evt_100a', 100)];
		// within a second, the reverse of the listing's order (Stripe's newest first)
		expect(ids(unhandledEvents(place(100), shuffled))).toEqual(['evt_100a', 'evt_100b', 'evt_101', 'evt_102', 'evt_103']);
		expect(advancePlace(place(90), shuffled, 1000, 10).clock).toEqual({ stripe: 103, local: 1000 });
	});

	it("moves `from` to Stripe's time less the window and the whole-read interval, and forgets only the ids older than that", () => {
		const start = place(90, { 95: ['evt_old'] });
		const after = advancePlace(start, [event('evt_b', 130), event('evt_a', 100)], 1000, 10);
		// Stripe's clock: event 130 seen at local second 1000; from = 130 - 10 - 3 (a quarter of the window, rounded up) - 2 (clock margin)
		expect(after).toMatchObject({ from: 115, clock: { stripe: 130, local: 1000 }, polledAt: 1000, readAllAt: 1000, seen: { 130: ['evt_b'] } });
		// idle polls: Stripe's time runs on with this machine's (whatever their offset), so the window moves
		const idle = advancePlace(after, [], 1025, 10);
		expect(idle).toMatchObject({ from: 140, seen: {}, clock: { stripe: 130, local: 1000 } });
		expect(advancePlace(after, [], 1005, 10).seen).toEqual({ 130: ['evt_b'] });
	});

	it('keeps an event listed up to the window late, and every id of a busy second until the window has passed', () => {
		const busy = Array.from({ length: 250 }, (_, i) => event(`evt_${i}`, 200)).reverse();
		let p = advancePlace(place(150), busy, 500, 60);
		expect(seenCount(p)).toBe(250);
		expect(unhandledEvents(p, busy)).toEqual([]);
		// 55 s later an event of second 200 is listed for the first time: still in the window
		p = advancePlace(p, [], 555, 60);
		const late = event('evt_late', 199);
		expect(p.from).toBeLessThanOrEqual(199);
		expect(ids(unhandledEvents(p, [...busy, late]))).toEqual(['evt_late']);
		// once the window and the whole-read interval (15 s) have passed, the second's ids are forgotten and a listing starts after it
		p = advancePlace(p, [], 577, 60);
		expect(p.from).toBe(200);
		expect(seenCount(p)).toBe(250);
		p = advancePlace(p, [], 580, 60);
		expect(p.from).toBeGreaterThan(200);
		expect(seenCount(p)).toBe(0);
	});

	it('reads every page once per quarter of the window; in between, only while pages hold new events', () => {
		expect([0, 1, 30, 60, 61, 3600].map(wholeReadInterval)).toEqual([0, 1, 8, 15, 16, 900]);
		const busy = Array.from({ length: 250 }, (_, i) => event(`evt_${i}`, 200)).reverse();
		// a poll that stopped after its first page keeps the time of the last whole read
		let p = advancePlace(place(150), busy, 500, 60);
		expect(p.readAllAt).toBe(500);
		p = advancePlace(p, busy.slice(0, 100), 505, 60, 505, false);
		expect(p.readAllAt).toBe(500);
		expect([504, 514, 515, 530].map((now) => wholeReadDue(p, now, 60))).toEqual([false, false, true, true]);
		expect(wholeReadDue(place(150), 500, 60)).toBe(true); // a new place is read whole
		expect(wholeReadDue(p, 500, 0)).toBe(true); // a window of 0 reads whole (it is a second or two)
		// a page of handled events ends a partial read; a page with one new event does not
		expect(readsNextPage(p, busy.slice(0, 100), false)).toBe(false);
		expect(readsNextPage(p, [event('evt_new', 201), ...busy.slice(0, 99)], false)).toBe(true);
		expect(readsNextPage(p, busy.slice(0, 100), true)).toBe(true);
		// the ids outlive the window by the interval, so the next whole read still knows them
		expect(seenCount(advancePlace(p, [], 500 + 60 + 15, 60))).toBe(250);
	});

	it('with a window of 0 keeps only what the clock margin needs', () => {
		const p = advancePlace(place(0), [event('evt_a', 300)], 10, 0);
		expect(p.from).toBe(298);
		expect(advancePlace(p, [], 13, 0)).toMatchObject({ from: 301, seen: {} });
	});

	it('reports a gap only when the last poll is older than what Stripe keeps (less an hour of headroom)', () => {
		const last = 1_000_000;
		expect(possiblyMissed(undefined, last + 40 * 86400)).toBeUndefined();
		expect(possiblyMissed(last, last + EVENT_RETENTION_SECONDS - 3600)).toBeUndefined();
		expect(possiblyMissed(last, last + EVENT_RETENTION_SECONDS - 3599)).toEqual({ from: last, until: last + 1 });
	});

	it('reads back what it saved, and nothing damaged', () => {
		const saved = advancePlace(place(100), [event('evt_a', 120)], 50, 60);
		expect(readPlace(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
		expect(readPlace({ cursor: { created: 1, ids: [] } })).toBeUndefined();
		expect(readPlace({ version: 2, from: 'x' })).toBeUndefined();
		expect(readPlace(undefined)).toBeUndefined();
	});

	it("takes over the place the versions before kept under the node's name: the same second, the same ids, the last poll time", () => {
		const legacy = { cursor: { created: 1700000000, ids: ['evt_1', 'evt_2'] }, polledAt: 1700000005 };
		expect(migrateLegacyPlace(legacy, SCOPE)).toEqual({ version: 2, scope: SCOPE, from: 1700000000, seen: { 1700000000: ['evt_1', 'evt_2'] }, polledAt: 1700000005 });
		expect(migrateLegacyPlace({}, SCOPE)).toBeUndefined();
		expect(migrateLegacyPlace({ cursor: { created: 'x', ids: [] } }, SCOPE)).toBeUndefined();
	});

	it('recognises a change of credential, key mode, account or added event types; fewer types keep the place', () => {
		expect(scopeChanges(SCOPE, { ...SCOPE })).toEqual([]);
		expect(scopeChanges({ ...SCOPE, types: ['*'] }, { ...SCOPE, types: ['invoice.paid'] })).toEqual([]);
		expect(scopeChanges({ ...SCOPE, types: ['a', 'invoice.paid'] }, SCOPE)).toEqual([]);
		expect(scopeChanges(SCOPE, { ...SCOPE, types: ['*'] })).toEqual(['Events (added *)']);
		expect(scopeChanges(SCOPE, { ...SCOPE, types: ['invoice.paid', 'invoice.created'] })).toEqual(['Events (added invoice.created)']);
		expect(scopeChanges(SCOPE, { ...SCOPE, account: 'acct_1B' })).toEqual(['the connected account (your own account before, acct_1B now)']);
		expect(scopeChanges(SCOPE, { ...SCOPE, credential: 'cred2' })).toEqual(['the credential']);
		expect(scopeChanges(SCOPE, { ...SCOPE, keyMode: 'live' })).toEqual(["the credential's key (test mode before, live mode now)"]);
	});
});
