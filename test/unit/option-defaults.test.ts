import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { StripeEventsTrigger } from '../../nodes/StripeEventsTrigger/StripeEventsTrigger.node';
import { actionNodes } from '../harness/stripe';

/** Every field of a node, the ones inside collections and fixed collections included. */
function allFields(properties: INodeProperties[], path = ''): Array<{ path: string; field: INodeProperties }> {
	return properties.flatMap((field) => {
		const here = `${path}${field.name}`;
		const children = (field.options ?? []).flatMap((option) => {
			if ('values' in option) return allFields((option as INodePropertyCollection).values, `${here}.${option.name}.`);
			if ('type' in option) return allFields([option as INodeProperties], `${here}.`);
			return [];
		});
		return [{ path: here, field }, ...children];
	});
}

const nodes: Array<[string, INodeType]> = [...Object.entries(actionNodes), ['stripeEventsTrigger', new StripeEventsTrigger()]];

describe('every option list offers its own default', () => {
	test.each(nodes)('%s', (_name, node) => {
		const wrong: string[] = [];
		for (const { path, field } of allFields(node.description.properties)) {
			if (field.type !== 'options' && field.type !== 'multiOptions') continue;
			if (field.typeOptions?.loadOptionsMethod) continue;
			const values = (field.options as INodePropertyOptions[]).map((option) => option.value);
			const defaults = field.type === 'multiOptions' ? (field.default as unknown[]) : [field.default];
			for (const value of defaults) if (!values.includes(value as string)) wrong.push(`${path}: default ${JSON.stringify(value)} is not one of its options`);
		}
		expect(wrong).toEqual([]);
	});
});
