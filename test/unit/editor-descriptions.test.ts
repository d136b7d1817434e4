import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { destinationCurrencyOptions } from '../../nodes/StripeCryptoOnramp/fields';
import { StripeCryptoOnramp } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { actionNodes } from '../harness/stripe';

/** What the editor shows, read from the node descriptions as n8n loads them. */

const nodes: Array<[string, INodeType]> = [...Object.entries(actionNodes), ['stripeEventsTrigger', new StripeEventsTrigger()]];

/** Every group of fields the editor shows side by side: a node's top level, each collection, each fixed collection entry. */
function fieldGroups(properties: INodeProperties[], path = 'node'): Array<{ path: string; fields: INodeProperties[] }> {
	const groups = [{ path, fields: properties }];
	for (const field of properties) {
		if (field.type === 'collection') {
			groups.push(...fieldGroups(field.options as INodeProperties[], `${path} → ${field.displayName}`));
		}
		if (field.type === 'fixedCollection') {
			for (const entry of field.options as INodePropertyCollection[]) {
				groups.push(...fieldGroups(entry.values, `${path} → ${field.displayName} → ${entry.displayName}`));
			}
		}
	}
	return groups;
}

const allFields = (type: INodeType) => fieldGroups(type.description.properties).flatMap((group) => group.fields);

describe.each(nodes)('%s', (_name, type) => {
	test('every options field starts on one of its options, so no field shows an error before the user typed', () => {
		const wrong = allFields(type)
			.filter((field) => field.type === 'options' && Array.isArray(field.options))
			.filter((field) => !(field.options as INodePropertyOptions[]).some((option) => option.value === field.default))
			.map((field) => `${field.displayName} (default ${JSON.stringify(field.default)})`);
		expect(wrong).toEqual([]);
	});

	test('every multi-select field starts on a subset of its options', () => {
		const wrong = allFields(type)
			.filter((field) => field.type === 'multiOptions' && Array.isArray(field.options))
			.filter((field) => {
				const values = (field.options as INodePropertyOptions[]).map((option) => option.value);
				return !Array.isArray(field.default) || !field.default.every((value) => values.includes(value as string));
			})
			.map((field) => field.displayName);
		expect(wrong).toEqual([]);
	});

	test('no two fields shown together differ only by a plural, so each name says what the field is', () => {
		for (const { path, fields } of fieldGroups(type.description.properties)) {
			const names = new Set(fields.map((field) => field.displayName.toLowerCase()));
			const pairs = [...names].filter((name) => names.has(`${name}s`) || (name.endsWith('y') && names.has(`${name.slice(0, -1)}ies`)));
			expect({ path, pairs }).toEqual({ path, pairs: [] });
		}
	});

	test('labels spell units and abbreviations out as a reader expects', () => {
		const labels = allFields(type).map((field) => field.displayName);
		expect(labels.filter((label) => /\((Ms|Sec|Secs)\)/.test(label))).toEqual([]);
	});
});

describe('Stripe Crypto Onramp: the one preselected currency and network vs. the ones the customer may pick', () => {
	const create = fieldGroups(new StripeCryptoOnramp().description.properties).find(
		(group) => group.fields.some((field) => field.name === 'destinationCurrencies') && group.fields.some((field) => field.name === 'destinationCurrency'),
	);

	test('are named for what they do and sit next to each other', () => {
		const labels = create!.fields.map((field) => field.displayName);
		for (const [single, choices] of [
			['Destination Currency (Preselected)', 'Destination Currency Choices'],
			['Destination Network (Preselected)', 'Destination Network Choices'],
		]) {
			expect(labels).toContain(single);
			expect(labels.indexOf(choices)).toBe(labels.indexOf(single) + 1);
		}
		const byName = new Map(create!.fields.map((field) => [field.name, field]));
		expect(byName.get('destinationCurrency')?.description).toMatch(/selected when the onramp opens/);
		expect(byName.get('destinationCurrencies')?.description).toMatch(/may pick from; one choice locks it/);
	});

	test('currencies are shown as tickers (MATIC, not Matic), with the coin named', () => {
		expect(destinationCurrencyOptions.map((option) => option.name)).toEqual(destinationCurrencyOptions.map((option) => String(option.value).toUpperCase()));
		expect(destinationCurrencyOptions.find((option) => option.value === 'matic')).toMatchObject({ name: 'MATIC', description: 'Polygon' });
	});
});

describe('node creator: every node is found by what users type', () => {
	/** The codex file n8n's loader reads beside each node (`<Node>.node.json`): its `alias` list is searched with the display name. */
	const codexOf = (type: INodeType) => {
		const folder = type.description.name.replace(/^./, (first) => first.toUpperCase());
		return JSON.parse(readFileSync(join(__dirname, '../../nodes', folder, `${folder}.node.json`), 'utf8')) as { node: string; alias?: string[] };
	};

	/**
	 * n8n's node creator matches a search as a subsequence of the display name or of one alias
	 * (sublimeSearch in the editor); a phrase contained whole ranks first, so that is required here.
	 */
	const found = (phrase: string) =>
		nodes
			.filter(([, type]) => [type.description.displayName, ...(codexOf(type).alias ?? [])].some((text) => text.toLowerCase().includes(phrase)))
			.map(([, type]) => type.description.name)
			.sort();

	test.each([
		['climate order', ['stripeClimate', 'stripeEventsTrigger']],
		['carbon removal', ['stripeClimate']],
		['crypto', ['stripeCryptoOnramp', 'stripeEventsTrigger']],
		['onramp', ['stripeCryptoOnramp', 'stripeEventsTrigger']],
		['forwarding', ['stripeForwarding']],
		['vault', ['stripeForwarding']],
		['webhook', ['stripeEventsTrigger', 'stripeWebhookEndpoint']],
		['event', ['stripeEventsTrigger', 'stripeWebhookEndpoint']],
	])('"%s" finds %j', (phrase, expected) => {
		expect(found(phrase)).toEqual(expected);
	});

	test.each(nodes)('%s: the codex file names the node as n8n registers it', (_name, type) => {
		expect(codexOf(type).node).toBe(`n8n-nodes-stripe-platform.${type.description.name}`);
	});
});
