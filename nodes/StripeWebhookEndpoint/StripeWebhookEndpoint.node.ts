import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildActionProperties } from '../shared/description';
import { executeOperation } from '../shared/execute';
import { withToolVariant } from '../shared/toolFields';
import { endpoint } from './resources/endpoint';
import { event } from './resources/event';

export const webhookEndpointResources = [endpoint, event];

export class StripeWebhookEndpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Webhook Endpoint',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-webhook-endpoint',
		name: 'stripeWebhookEndpoint',
		icon: { light: 'file:stripeWebhookEndpoint.svg', dark: 'file:stripeWebhookEndpoint.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action, as the canvas shows it under the node (a test keeps it equal to the actions).
		subtitle:
			'={{ ({"endpoint:create":"Create webhook endpoint","endpoint:delete":"Delete webhook endpoint","endpoint:get":"Get webhook endpoint","endpoint:getAll":"Get many webhook endpoints","endpoint:update":"Update webhook endpoint","event:get":"Get event","event:getAll":"Get many events"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Manage the URLs Stripe sends events to, and read the events of the last 30 days (failed deliveries included)',
		defaults: { name: 'Stripe Webhook Endpoint' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripePlatformApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Endpoint', value: 'endpoint', description: 'A URL that receives Stripe events' },
					{ name: 'Event', value: 'event', description: 'Something that happened in your Stripe account, kept for 30 days' },
				],
				default: 'endpoint',
			},
			...withToolVariant(buildActionProperties(webhookEndpointResources), webhookEndpointResources),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, webhookEndpointResources);
	}
}
