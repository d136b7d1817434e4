import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildActionProperties } from '../shared/description';
import { executeOperation } from '../shared/execute';
import { withToolVariant } from '../shared/toolFields';
import { forwardingRequest } from './resources/request';

export const forwardingResources = [forwardingRequest];

export class StripeForwarding implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Forwarding',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-forwarding',
		name: 'stripeForwarding',
		icon: { light: 'file:stripeForwarding.svg', dark: 'file:stripeForwarding.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action, as the canvas shows it under the node (a test keeps it equal to the actions).
		subtitle:
			'={{ ({"request:create":"Create forwarding request","request:get":"Get forwarding request","request:getAll":"Get many forwarding requests"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Forward saved card details to a third-party API with Stripe Vault and Forward. The destination URL must be enabled for your account by Stripe.',
		defaults: { name: 'Stripe Forwarding' },
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
				options: [{ name: 'Request', value: 'request', description: 'A request Stripe forwarded with card details filled in' }],
				default: 'request',
			},
			...withToolVariant(buildActionProperties(forwardingResources), forwardingResources),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, forwardingResources);
	}
}
