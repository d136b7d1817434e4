import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { buildActionProperties } from '../shared/description';
import { executeOperation } from '../shared/execute';
import { withToolVariant } from '../shared/toolFields';
import { searchClimateProducts } from './listSearch';
import { order } from './resources/order';
import { product } from './resources/product';
import { supplier } from './resources/supplier';

export const climateResources = [order, product, supplier];

export class StripeClimate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Climate',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-climate',
		name: 'stripeClimate',
		icon: { light: 'file:stripeClimate.svg', dark: 'file:stripeClimate.dark.svg' },
		group: ['transform'],
		version: 1,
		// The chosen operation's action, as the canvas shows it under the node (a test keeps it equal to the actions).
		subtitle:
			'={{ ({"order:cancel":"Cancel climate order","order:create":"Create climate order","order:get":"Get climate order","order:getAll":"Get many climate orders","order:update":"Update climate order","product:get":"Get climate product","product:getAll":"Get many climate products","supplier:get":"Get climate supplier","supplier:getAll":"Get many climate suppliers"})[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description: 'Buy permanent carbon removal with Stripe Climate: orders, products and suppliers',
		defaults: { name: 'Stripe Climate' },
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
					{ name: 'Order', value: 'order', description: 'A purchase of carbon removal' },
					{ name: 'Product', value: 'product', description: 'A carbon removal offering with its price per ton' },
					{ name: 'Supplier', value: 'supplier', description: 'A company that removes and stores carbon' },
				],
				default: 'order',
			},
			...withToolVariant(buildActionProperties(climateResources), climateResources),
		],
	};

	methods = {
		listSearch: {
			searchClimateProducts,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return executeOperation.call(this, climateResources);
	}
}
