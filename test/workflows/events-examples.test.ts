import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { executeFilter, NodeConnectionTypes, Workflow } from 'n8n-workflow';
import type { FilterValue, IDataObject, INode, INodeParameters, INodeType, NodeParameterValueType } from 'n8n-workflow';

import { StripeEventsPollingTrigger } from '../../nodes/StripeEventsPollingTrigger/StripeEventsPollingTrigger.node';
import { causeEvents, mixOf } from '../harness/events';
import { PollHarness } from '../harness/poll';
import { PACKAGE, runStripeNode, stripeApi, TEST_SECRET_KEY, useEmulator } from '../harness/stripe';
import { NodeTypeRegistry } from '../harness/workflow';

const context = useEmulator();
const emulator = () => context.emulator;

interface ExampleWorkflow {
	id: string;
	nodes: Array<INode & { credentials?: IDataObject }>;
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const example = (file: string) => JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as ExampleWorkflow;
const node = (workflow: ExampleWorkflow, name: string) => workflow.nodes.find((n) => n.name === name)!;
const CREDENTIAL = { stripePlatformApi: { id: 'stripe-emulator', name: 'Stripe (local emulator)' } };
const DAY = 24 * 60 * 60;

/** Evaluates an expression of an example's node for one input item, as n8n would. */
function evaluate(workflowJson: ExampleWorkflow, nodeName: string, expression: NodeParameterValueType, json: IDataObject): unknown {
	const stub = (name: string): INodeType => ({
		description: { displayName: name, name, group: [], version: 1, description: '', defaults: {}, inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], properties: [] },
	});
	const types = Object.fromEntries(workflowJson.nodes.map((n) => [n.type, stub(n.type)]));
	const workflow = new Workflow({ nodes: workflowJson.nodes, connections: {}, active: false, nodeTypes: new NodeTypeRegistry(types) });
	return workflow.expression.getParameterValue(expression, null, 0, 0, nodeName, [{ json }], 'manual', {});
}

interface SwitchRule {
	conditions: FilterValue;
	renameOutput?: boolean;
	outputKey?: string;
}

/** The Switch node's rules of an example: each output's label, and where an item goes (the first rule it meets, as n8n's Switch does by default). */
function switchRules(workflowJson: ExampleWorkflow, nodeName: string) {
	const parameters = node(workflowJson, nodeName).parameters as { mode?: string; rules?: { values: SwitchRule[] }; options?: IDataObject };
	const rules = parameters.rules?.values ?? [];
	return {
		mode: parameters.mode,
		outputs: rules.map((rule) => (rule.renameOutput ? rule.outputKey : undefined)),
		route: (json: IDataObject) =>
			rules.findIndex((rule) => executeFilter(evaluate(workflowJson, nodeName, rule.conditions as unknown as NodeParameterValueType, json) as FilterValue)),
	};
}

describe('examples/events-failed-deliveries-example.json', () => {
	const workflow = example('events-failed-deliveries-example.json');

	test('every morning, the events of the last day that an endpoint has not received', async () => {
		expect(workflow.id).toBe('eventsFailedDeliveriesExample');
		expect(node(workflow, 'Every Morning').type).toBe('n8n-nodes-base.scheduleTrigger');
		expect(workflow.connections['Every Morning'].main[0][0].node).toBe('Undelivered Events');
		expect(workflow.connections['Undelivered Events'].main[0][0].node).toBe('Report Line');
		const eventNode = node(workflow, 'Undelivered Events');
		expect(eventNode.type).toBe(`${PACKAGE}.stripeWebhookEndpoint`);
		expect(eventNode.credentials).toEqual(CREDENTIAL);

		const receiver = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(503).end()));
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			await stripeApi(emulator(), 'POST', '/v1/webhook_endpoints', { url, 'enabled_events[0]': 'climate.order.canceled' });
			emulator().setClock({ advanceSeconds: -2 * DAY });
			await causeEvents(emulator(), ['climate.order.canceled']); // undelivered, but two days old
			emulator().setClock({ advanceSeconds: 2 * DAY });
			const today = await causeEvents(emulator(), mixOf(['climate.order.canceled', 'climate.order.created'], 6));
			await emulator().waitForDeliveries((deliveries) => deliveries.filter((d) => d.attempt === 1).length === 4);

			const result = await runStripeNode(emulator(), 'stripeWebhookEndpoint', eventNode.parameters);
			expect(result.error).toBeUndefined();
			const undelivered = today.filter((event) => event.type === 'climate.order.canceled');
			expect(result.json.map((event) => event.id)).toEqual(undelivered.map((event) => event.id).reverse());

			const line = node(workflow, 'Report Line').parameters.assignments as { assignments: Array<{ name: string; value: string }> };
			const [first] = result.json;
			const fields = Object.fromEntries(line.assignments.map((a) => [a.name, evaluate(workflow, 'Report Line', a.value, first)]));
			expect(fields).toEqual({
				event: first.id,
				type: 'climate.order.canceled',
				created: expect.any(String),
				endpoints_not_reached: 1,
				object: (first.data as IDataObject & { object: IDataObject }).object.id,
			});
			expect(Date.parse(String(fields.created))).toBe((first.created as number) * 1000);
		} finally {
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
		}
	});
});

describe('examples/events-polling-trigger-example.json', () => {
	const workflow = example('events-polling-trigger-example.json');
	const webhookExample = example('events-trigger-example.json');

	test('feeds the steps of the webhook trigger example, plus a branch for possibly missed events', () => {
		expect(workflow.id).toBe('eventsPollingTriggerExample');
		const trigger = node(workflow, 'Stripe Events Polling Trigger');
		expect(trigger.type).toBe(`${PACKAGE}.stripeEventsPollingTrigger`);
		expect(trigger.credentials).toEqual(CREDENTIAL);
		expect(trigger.parameters.events).toEqual(node(webhookExample, 'Stripe Events Trigger').parameters.events);
		for (const name of ['Climate Order', 'Onramp Session']) {
			const { id: _ours, position: _p1, ...ours } = node(workflow, name);
			const { id: _theirs, position: _p2, ...theirs } = node(webhookExample, name);
			expect(ours).toEqual(theirs);
		}
		expect(workflow.connections['Stripe Events Polling Trigger'].main[0][0].node).toBe('Climate or Onramp?');
		expect(workflow.connections['Climate or Onramp?'].main.map((output) => output[0].node)).toEqual(['Climate Order', 'Onramp Session', 'Possibly Missed Events']);
	});

	test("the switches' outputs are labelled in the editor, not numbered", () => {
		expect(switchRules(workflow, 'Climate or Onramp?')).toMatchObject({ mode: 'rules', outputs: ['Climate order', 'Onramp session', 'Possibly missed events'] });
		expect(switchRules(webhookExample, 'Climate or Onramp?')).toMatchObject({ mode: 'rules', outputs: ['Climate order', 'Onramp session'] });
		expect(webhookExample.connections['Climate or Onramp?'].main.map((output) => output[0].node)).toEqual(['Climate Order', 'Onramp Session']);
	});

	test('its trigger emits the matching events of the last day on first activation, and the switch routes each one', async () => {
		const events = await causeEvents(emulator(), mixOf(['climate.order.created', 'crypto.onramp_session_updated', 'climate.order.delivered'], 9));
		const poller = new PollHarness({
			nodeType: new StripeEventsPollingTrigger(),
			typeName: `${PACKAGE}.stripeEventsPollingTrigger`,
			parameters: node(workflow, 'Stripe Events Polling Trigger').parameters as INodeParameters,
			credentials: { stripePlatformApi: { secretKey: TEST_SECRET_KEY, baseUrl: emulator().url } },
		});
		await poller.activate();
		const items = poller.executions.flat().map((item) => item.json);
		expect(items.map((item) => item.id)).toEqual(events.map((event) => event.id));
		const { route } = switchRules(workflow, 'Climate or Onramp?');
		const expected = items.map((item) => (item.type === 'crypto.onramp_session_updated' ? 1 : 0));
		expect(items.map(route)).toEqual(expected);
		expect(items.map(switchRules(webhookExample, 'Climate or Onramp?').route)).toEqual(expected);
		expect(route({ object: 'stripe_events_gap', message: 'm', from: 1, until: 2 })).toBe(2);
		expect(route({ object: 'stripe_events_restart', message: 'm', changes: ['Events (added *)'] })).toBe(2);
	});
});
