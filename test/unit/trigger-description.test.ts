import { enabledEvents, eventTypeOptions } from '../../nodes/shared/events';
import { WEBHOOK_EVENT_TYPES } from '../../nodes/shared/stripeSpec';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';

describe('Stripe Events Trigger description', () => {
	const { description } = new StripeEventsTrigger();

	it('follows the trigger conventions the community scanner checks', () => {
		expect(description).toMatchObject({
			name: 'stripeEventsTrigger',
			displayName: 'Stripe Events Trigger',
			inputs: [],
			credentials: [{ name: 'stripePlatformApi', required: true }],
			webhooks: [{ name: 'default', httpMethod: 'POST', path: 'webhook' }],
		});
		expect(description.usableAsTool).toBeUndefined();
	});

	it('offers every event type of the spec once, onramp and climate events first', () => {
		const values = eventTypeOptions().map((option) => option.value);
		expect([...values].sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
		expect(new Set(values).size).toBe(values.length);
		const featured = values.slice(0, values.indexOf('*'));
		expect(featured[0]).toBe('crypto.onramp_session_updated');
		expect(featured.slice(1).every((value) => String(value).startsWith('climate.'))).toBe(true);
		expect(featured).toHaveLength(WEBHOOK_EVENT_TYPES.filter((type) => /^(climate|crypto)\./.test(type)).length);
	});

	it('registers the wildcard alone and other selections sorted and unique', () => {
		expect(enabledEvents(['invoice.paid', '*'])).toEqual(['*']);
		expect(enabledEvents(['invoice.paid', 'climate.order.created', 'invoice.paid'])).toEqual(['climate.order.created', 'invoice.paid']);
	});
});
