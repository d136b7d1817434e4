import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { eventTypeOptions } from '../../nodes/shared/events';
import {
	advanceCursor,
	EVENT_RETENTION_SECONDS,
	type ListedEvent,
	possiblyMissed,
	unhandledEvents,
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

	it('offers the webhook trigger\'s event choices, Event Mode and Output', () => {
		const webhook = new StripeEventsTrigger().description.properties;
		const polling = description.properties;
		const field = (properties: typeof polling, name: string) => properties.find((p) => p.name === name);
		const option = (properties: typeof polling, name: string) => (field(properties, 'options')!.options as typeof polling).find((o) => o.name === name);
		expect(field(polling, 'events')!.options).toEqual(eventTypeOptions());
		expect(field(polling, 'events')!.options).toEqual(field(webhook, 'events')!.options);
		expect(option(polling, 'output')).toEqual(option(webhook, 'output'));
		expect(option(polling, 'eventMode')!.options).toEqual(option(webhook, 'eventMode')!.options);
	});
});

describe('the polling cursor', () => {
	it('keeps every id of its newest second, adding to them while the second stays the same', () => {
		const start = { created: 100, ids: ['evt_a'] };
		expect(advanceCursor(start, [])).toBe(start);
		expect(advanceCursor(start, [event('evt_b', 100)])).toEqual({ created: 100, ids: ['evt_a', 'evt_b'] });
		expect(advanceCursor(start, [event('evt_b', 100), event('evt_c', 101), event('evt_d', 101)])).toEqual({ created: 101, ids: ['evt_c', 'evt_d'] });
	});

	it('passes on the events it has not handled, oldest first', () => {
		const newestFirst = [event('evt_d', 102), event('evt_c', 100), event('evt_a', 100), event('evt_old', 99)];
		expect(unhandledEvents({ created: 100, ids: ['evt_a'] }, newestFirst).map((e) => e.id)).toEqual(['evt_c', 'evt_d']);
	});

	it('reports a gap only when the last poll is older than what Stripe keeps (less an hour of headroom)', () => {
		const last = 1_000_000;
		expect(possiblyMissed(undefined, last + 40 * 86400)).toBeUndefined();
		expect(possiblyMissed(last, last + EVENT_RETENTION_SECONDS - 3600)).toBeUndefined();
		expect(possiblyMissed(last, last + EVENT_RETENTION_SECONDS - 3599)).toEqual({ from: last, until: last + 1 });
	});
});
