import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as generated from '../../nodes/shared/stripeSpec';
import { StripeCryptoOnramp } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { extractSpecConstants, stripeSpec } from '../spec/constants';

describe('nodes/shared/stripeSpec.ts, generated from the spec subset', () => {
	test('holds exactly the lists the spec has (run `npm run generate:spec-constants` after updating spec/)', () => {
		const fromSpec = extractSpecConstants();
		expect(Object.keys(generated).sort()).toEqual(Object.keys(fromSpec).sort());
		for (const [name, values] of Object.entries(fromSpec)) {
			expect([name, [...generated[name as keyof typeof generated]]]).toEqual([name, values]);
		}
	});

	test("the event list is the spec's 276 enabled_events values plus the onramp event", () => {
		const specEvents = stripeSpec.paths['/v1/webhook_endpoints'].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties.enabled_events.items.enum;
		expect(specEvents).toHaveLength(276);
		expect(generated.WEBHOOK_EVENT_TYPES).toEqual([...specEvents, 'crypto.onramp_session_updated']);
		expect(new Set(generated.WEBHOOK_EVENT_TYPES).size).toBe(277);
		for (const type of ['apps.install.created', 'apps.install.deleted', 'apps.install.updated', 'three_d_secure.authentication.succeeded']) {
			expect(generated.WEBHOOK_EVENT_TYPES).toContain(type);
		}
		expect(generated.API_VERSIONS.slice(-5)).toEqual(['2026-07-29.dahlia', '2026-08-26.dahlia', '2026-09-30.endive', '2026-10-28.endive', '2026-11-18.endive']);
	});
});

describe('option lists written out in the nodes (so the linter can check their defaults) match the spec', () => {
	const onrampProperties = new StripeCryptoOnramp().description.properties;

	/** Every option list of a field with this name, collections and fixed collections included. */
	function optionValues(properties: INodeProperties[], name: string): string[][] {
		return properties.flatMap((property) => {
			const own = property.name === name && property.type === 'options' ? [(property.options as INodePropertyOptions[]).map((option) => String(option.value))] : [];
			const nested = (property.options ?? []).flatMap((child) => ('values' in child ? child.values : 'displayName' in child ? [child] : []) as INodeProperties[]);
			return [...own, ...optionValues(nested, name)];
		});
	}

	test.each([
		['settlementSpeed', generated.ONRAMP_SETTLEMENT_SPEEDS],
		['sourceCurrency', generated.ONRAMP_SOURCE_CURRENCIES],
		['acceptanceType', generated.MANDATE_ACCEPTANCE_TYPES],
		['status', generated.ONRAMP_SESSION_STATUSES],
	])('%s', (name, specValues) => {
		const lists = optionValues(onrampProperties, name);
		expect(lists.length).toBeGreaterThan(0);
		for (const values of lists.filter((list) => list.length > 1)) expect([...values].sort()).toEqual([...specValues].sort());
	});
});
