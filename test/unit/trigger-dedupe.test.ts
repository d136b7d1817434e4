import { ObservableObject } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { forgetEndpoint, forgetEvent, rememberEvent, SEEN_EVENTS_CAPACITY } from '../../nodes/StripeEventsTrigger/dedupe';

let triggerCount = 0;
/** Each test gets a trigger of its own, as two workflows would. */
const newTrigger = () => `workflow-${++triggerCount}/node`;

describe('rememberEvent', () => {
	it('says yes once per event id', () => {
		const memory: IDataObject = {};
		const trigger = newTrigger();
		expect(rememberEvent(memory, 'evt_1', trigger)).toBe(true);
		expect(rememberEvent(memory, 'evt_2', trigger)).toBe(true);
		expect(rememberEvent(memory, 'evt_1', trigger)).toBe(false);
		expect(memory.seenEventIds).toEqual(['evt_1', 'evt_2']);
	});

	it('keeps at most the capacity, forgetting the oldest first', () => {
		const memory: IDataObject = {};
		const trigger = newTrigger();
		for (let i = 0; i < SEEN_EVENTS_CAPACITY + 5; i++) rememberEvent(memory, `evt_${i}`, trigger);
		const seen = memory.seenEventIds as string[];
		expect(seen).toHaveLength(SEEN_EVENTS_CAPACITY);
		expect(seen[0]).toBe('evt_5');
		expect(rememberEvent(memory, `evt_${SEEN_EVENTS_CAPACITY + 4}`, trigger)).toBe(false); // the newest is still known
		expect(rememberEvent(memory, 'evt_4', trigger)).toBe(true); // forgotten, so it counts as new
		expect(memory.seenEventIds).toHaveLength(SEEN_EVENTS_CAPACITY);
	});

	it('honours a smaller capacity', () => {
		const memory: IDataObject = {};
		const trigger = newTrigger();
		['a', 'b', 'c', 'd'].forEach((id) => rememberEvent(memory, id, trigger, 3));
		expect(memory.seenEventIds).toEqual(['b', 'c', 'd']);
	});

	it('deliveries in flight together, each with its own copy of static data, accept an event once and lose no id', () => {
		const trigger = newTrigger();
		// n8n loads the same saved static data for both deliveries before either saves.
		const saved = { seenEventIds: ['evt_old'] };
		const first: IDataObject = structuredClone(saved);
		const second: IDataObject = structuredClone(saved);
		expect(rememberEvent(first, 'evt_A', trigger)).toBe(true);
		expect(rememberEvent(second, 'evt_A', trigger)).toBe(false);
		expect(rememberEvent(second, 'evt_B', trigger)).toBe(true);
		// Whichever copy n8n saves last, it holds every accepted id.
		expect(second.seenEventIds).toEqual(['evt_old', 'evt_A', 'evt_B']);
	});

	it('a delivery whose save lands after a later delivery\'s still saves that delivery\'s id', () => {
		const trigger = newTrigger();
		const saved = { seenEventIds: ['evt_old'] };
		const first: IDataObject = structuredClone(saved);
		const second: IDataObject = structuredClone(saved);
		expect(rememberEvent(first, 'evt_A', trigger)).toBe(true);
		expect(rememberEvent(second, 'evt_B', trigger)).toBe(true);
		// n8n saves the second copy, then the first (last writer wins): the first must hold evt_B too.
		const savedSecond = JSON.parse(JSON.stringify(second)) as IDataObject;
		const savedFirst = JSON.parse(JSON.stringify(first)) as IDataObject;
		expect(savedSecond.seenEventIds).toEqual(['evt_old', 'evt_A', 'evt_B']);
		expect(savedFirst.seenEventIds).toEqual(['evt_old', 'evt_A', 'evt_B']);
	});

	it("a redelivery rewrites the ids when the loaded copy lost some of this process's (another save overtook it), and only then", () => {
		const trigger = newTrigger();
		rememberEvent({}, 'evt_A', trigger);
		rememberEvent({}, 'evt_B', trigger);
		const overtaken = ObservableObject.create({ 'node:Trigger': { seenEventIds: ['evt_A', 'evt_other'] } } as IDataObject) as IDataObject;
		expect(rememberEvent(overtaken['node:Trigger'] as IDataObject, 'evt_A', trigger)).toBe(false);
		expect(overtaken.__dataChanged).toBe(true);
		expect(JSON.parse(JSON.stringify(overtaken))).toEqual({ 'node:Trigger': { seenEventIds: ['evt_other', 'evt_A', 'evt_B'] } });
		const whole = ObservableObject.create({ 'node:Trigger': { seenEventIds: ['evt_other', 'evt_A', 'evt_B'] } } as IDataObject) as IDataObject;
		expect(rememberEvent(whole['node:Trigger'] as IDataObject, 'evt_B', trigger)).toBe(false);
		expect(whole.__dataChanged).toBe(false);
	});

	it('taking back an id whose claim failed keeps the ids accepted after it', () => {
		const trigger = newTrigger();
		const first: IDataObject = {};
		rememberEvent(first, 'evt_A', trigger);
		rememberEvent({}, 'evt_B', trigger);
		forgetEvent(first, 'evt_A', trigger);
		expect(JSON.parse(JSON.stringify(first.seenEventIds))).toEqual(['evt_B']);
		expect(rememberEvent({}, 'evt_A', trigger)).toBe(true);
	});

	it('keeps triggers apart, and forgets a trigger that was deactivated', () => {
		const [one, two] = [newTrigger(), newTrigger()];
		expect(rememberEvent({}, 'evt_1', one)).toBe(true);
		expect(rememberEvent({}, 'evt_1', two)).toBe(true);
		expect(rememberEvent({}, 'evt_1', one)).toBe(false);
		forgetEndpoint(one);
		expect(rememberEvent({}, 'evt_1', one)).toBe(true);
	});

	it("marks n8n's static data as changed for a new id only, so n8n saves exactly then", () => {
		const trigger = newTrigger();
		// The shape Workflow gives a node's static data loaded from the database.
		const staticData = ObservableObject.create({ 'node:Trigger': { seenEventIds: ['evt_1'] } } as IDataObject) as IDataObject;
		const memory = staticData['node:Trigger'] as IDataObject;
		expect(rememberEvent(memory, 'evt_1', trigger)).toBe(false);
		expect(staticData.__dataChanged).toBe(false);
		expect(rememberEvent(memory, 'evt_2', trigger)).toBe(true);
		expect(staticData.__dataChanged).toBe(true);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual({ 'node:Trigger': { seenEventIds: ['evt_1', 'evt_2'] } });
	});
});
