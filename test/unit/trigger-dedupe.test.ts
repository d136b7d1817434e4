import { ObservableObject } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { rememberEvent, SEEN_EVENTS_CAPACITY } from '../../nodes/StripeEventsTrigger/dedupe';

describe('rememberEvent', () => {
	it('says yes once per event id', () => {
		const memory: IDataObject = {};
		expect(rememberEvent(memory, 'evt_1')).toBe(true);
		expect(rememberEvent(memory, 'evt_2')).toBe(true);
		expect(rememberEvent(memory, 'evt_1')).toBe(false);
		expect(memory.seenEventIds).toEqual(['evt_1', 'evt_2']);
	});

	it('keeps at most the capacity, forgetting the oldest first', () => {
		const memory: IDataObject = {};
		for (let i = 0; i < SEEN_EVENTS_CAPACITY + 5; i++) rememberEvent(memory, `evt_${i}`);
		const seen = memory.seenEventIds as string[];
		expect(seen).toHaveLength(SEEN_EVENTS_CAPACITY);
		expect(seen[0]).toBe('evt_5');
		expect(rememberEvent(memory, `evt_${SEEN_EVENTS_CAPACITY + 4}`)).toBe(false); // the newest is still known
		expect(rememberEvent(memory, 'evt_4')).toBe(true); // forgotten, so it counts as new
		expect(memory.seenEventIds).toHaveLength(SEEN_EVENTS_CAPACITY);
	});

	it('honours a smaller capacity', () => {
		const memory: IDataObject = {};
		['a', 'b', 'c', 'd'].forEach((id) => rememberEvent(memory, id, 3));
		expect(memory.seenEventIds).toEqual(['b', 'c', 'd']);
	});

	it("marks n8n's static data as changed for a new id only, so n8n saves exactly then", () => {
		// The shape Workflow gives a node's static data loaded from the database.
		const staticData = ObservableObject.create({ 'node:Trigger': { seenEventIds: ['evt_1'] } } as IDataObject) as IDataObject;
		const memory = staticData['node:Trigger'] as IDataObject;
		expect(rememberEvent(memory, 'evt_1')).toBe(false);
		expect(staticData.__dataChanged).toBe(false);
		expect(rememberEvent(memory, 'evt_2')).toBe(true);
		expect(staticData.__dataChanged).toBe(true);
		expect(JSON.parse(JSON.stringify(staticData))).toEqual({ 'node:Trigger': { seenEventIds: ['evt_1', 'evt_2'] } });
	});
});
