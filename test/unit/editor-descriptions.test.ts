import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Workflow } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { LATEST_API_VERSION } from '../../nodes/shared/constants';
import type { StripeResource } from '../../nodes/shared/operation';
import { API_VERSIONS } from '../../nodes/shared/stripeSpec';

import { destinationCurrencyOptions } from '../../nodes/StripeCryptoOnramp/fields';
import { StripeCryptoOnramp } from '../../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { actionNodes } from '../harness/stripe';
import { NodeTypeRegistry } from '../harness/workflow';
import { nodeResources } from '../spec/operations';

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

/**
 * The subtitle under a node on the canvas, resolved as the editor resolves it
 * (`getSimpleParameterValue` of the node's `subtitle` with the node's parameters).
 */
function canvasSubtitle(type: INodeType, parameters: INodeParameters): unknown {
	const node: INode = { id: 'n', name: 'Node', type: `n8n-nodes-stripe-platform.${type.description.name}`, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypeRegistry({ [node.type]: type }) });
	return workflow.expression.getSimpleParameterValue(node, type.description.subtitle as string, 'internal', {});
}

describe('canvas subtitles read like the action', () => {
	const resourcesOf: Record<string, StripeResource[]> = nodeResources;

	test.each(Object.entries(nodeResources))('%s: every operation shows its action without articles', (nodeName) => {
		const type = actionNodes[`n8n-nodes-stripe-platform.${nodeName}`];
		for (const resource of resourcesOf[nodeName]) {
			for (const option of resource.operationSelector.options as INodePropertyOptions[]) {
				const subtitle = canvasSubtitle(type, { resource: resource.value, operation: option.value });
				expect(subtitle).toBe(String(option.action).replace(/ (a|an|the) /g, ' '));
				// no raw parameter values such as "getAll" or "onrampSession"
				expect(String(subtitle)).not.toMatch(/[a-z][A-Z]|:/);
			}
		}
	});

	test('the trigger names its events, or their number', () => {
		const trigger = new StripeEventsTrigger();
		expect(canvasSubtitle(trigger, { events: ['climate.order.created'] })).toBe('On climate.order.created');
		expect(canvasSubtitle(trigger, { events: ['climate.order.created', 'invoice.paid', 'crypto.onramp_session_updated'] })).toBe('On 3 event types');
		expect(canvasSubtitle(trigger, { events: ['invoice.paid', '*'] })).toBe('On every event');
		expect(canvasSubtitle(trigger, { events: [] })).toBe('Select events');
	});
});

describe('Stripe Events Trigger panel and API Version', () => {
	const { description } = new StripeEventsTrigger();

	test('the panel says to publish the workflow, that Stripe sends the selected events, and how to cause a test event', () => {
		const panel = description.triggerPanel as { header: string; executionsHelp: { active: string; inactive: string }; activationHint: { active: string; inactive: string } };
		expect(panel.header).toBe('Listen for a Stripe event');
		expect(panel.activationHint.inactive).toMatch(/publish it: Stripe then sends every event of the selected types/);
		expect(panel.executionsHelp.inactive).toMatch(/click <b>Execute step<\/b>: n8n listens for a test event.*test-mode key.*create a climate order.*stripe trigger/s);
		expect(description.eventTriggerDescription).toMatch(/^Waiting for a Stripe event/);
		expect(panel.executionsHelp.inactive).toMatch(/publish it\. n8n then registers a webhook endpoint for its production URL/);
		expect(panel.executionsHelp.active).toMatch(/The workflow is published/);
		expect(JSON.stringify(panel)).not.toMatch(/Go to Stripe Events/);
	});

	test("the polling trigger's panel says Fetch Test Event reads a real event and that publishing polls at the Poll Times", () => {
		const panel = new StripeEventsPollingTrigger().description.triggerPanel as { header: string; executionsHelp: { active: string; inactive: string } };
		expect(panel.header).toBe('Fetch a Stripe event');
		expect(panel.executionsHelp.inactive).toMatch(/click <b>Fetch Test Event<\/b>: the node asks Stripe for the newest event.*rather than a sample/s);
		expect(panel.executionsHelp.inactive).toMatch(/publish it\. n8n then asks Stripe for new events at the Poll Times/);
		expect(JSON.stringify(panel)).not.toMatch(/mock/);
	});

	test("API Version is a list like the Webhook Endpoint node's, whose empty first choice keeps the default", () => {
		const field = description.properties.find((property) => property.name === 'apiVersion')!;
		const endpointField = allFields(actionNodes['n8n-nodes-stripe-platform.stripeWebhookEndpoint']).find((property) => property.name === 'eventsApiVersion')!;
		expect(field.type).toBe('options');
		expect(field.default).toBe('');
		const values = (field.options as INodePropertyOptions[]).map((option) => option.value);
		expect(values).toEqual((endpointField.options as INodePropertyOptions[]).map((option) => option.value));
		expect(values[0]).toBe('');
		expect(values.slice(1)).toEqual([...API_VERSIONS].reverse());
		expect(values).toContain(LATEST_API_VERSION);
		expect((field.options as INodePropertyOptions[])[0]).toMatchObject({ name: 'Default', description: expect.stringMatching(/existing endpoint keeps its own/) });
	});
});
