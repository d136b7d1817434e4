import * as generated from '../../nodes/shared/stripeSpec';
import { extractSpecConstants, stripeSpec } from '../spec/constants';

describe('nodes/shared/stripeSpec.ts, generated from the spec subset', () => {
	test('holds exactly the lists the spec has (run `npm run generate:spec-constants` after updating spec/)', () => {
		const fromSpec = extractSpecConstants();
		expect(Object.keys(generated).sort()).toEqual(Object.keys(fromSpec).sort());
		for (const [name, values] of Object.entries(fromSpec)) {
			expect([name, [...generated[name as keyof typeof generated]]]).toEqual([name, values]);
		}
	});

	test("the event list is the spec's 266 enabled_events values plus the onramp event", () => {
		const specEvents = stripeSpec.paths['/v1/webhook_endpoints'].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties.enabled_events.items.enum;
		expect(specEvents).toHaveLength(266);
		expect(generated.WEBHOOK_EVENT_TYPES).toEqual([...specEvents, 'crypto.onramp_session_updated']);
		expect(new Set(generated.WEBHOOK_EVENT_TYPES).size).toBe(267);
	});
});
