import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildActionProperties } from '../shared/description';
import { executeOperation } from '../shared/execute';
import { withToolVariant } from '../shared/toolFields';
import { onrampQuote } from './resources/onrampQuote';
import { onrampSession } from './resources/onrampSession';
import { transactionLimits } from './resources/transactionLimits';

export const cryptoOnrampResources = [onrampSession, onrampQuote, transactionLimits];

export class StripeCryptoOnramp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Crypto Onramp',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-crypto-onramp',
		name: 'stripeCryptoOnramp',
		icon: { light: 'file:stripeCryptoOnramp.svg', dark: 'file:stripeCryptoOnramp.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action, as the canvas shows it under the node (a test keeps it equal to the actions).
		subtitle:
			'={{ ({"onrampSession:checkout":"Check out onramp session","onrampSession:create":"Create onramp session","onrampSession:get":"Get onramp session","onrampSession:getAll":"Get many onramp sessions","onrampSession:refreshQuote":"Refresh quote of onramp session","onrampQuote:get":"Get onramp quotes","transactionLimits:get":"Get onramp transaction limits"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Sell crypto to your customers with Stripe: onramp sessions, quotes and transaction limits',
		defaults: { name: 'Stripe Crypto Onramp' },
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
					{ name: 'Onramp Quote', value: 'onrampQuote', description: 'Current crypto prices and fees per network' },
					{ name: 'Onramp Session', value: 'onrampSession', description: 'A customer buying crypto with fiat' },
					{ name: 'Transaction Limit', value: 'transactionLimits', description: 'What a customer may still buy' },
				],
				default: 'onrampSession',
			},
			...withToolVariant(buildActionProperties(cryptoOnrampResources), cryptoOnrampResources),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, cryptoOnrampResources);
	}
}
