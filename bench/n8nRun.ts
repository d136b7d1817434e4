/**
 * Runs "Items → Stripe node" through n8n-core's WorkflowExecute (test/harness/workflow.ts), the
 * same path the workflow tests use, for the benchmark children.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type * as ClimateModule from '../nodes/StripeClimate/StripeClimate.node';
import type * as OnrampModule from '../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node';
import { runChain } from '../test/harness/workflow';
import { BENCH_SECRET_KEY } from './lib';

// With the extension left off, Node's resolver (under tsx) finds `X.node.json` (the codex file)
// before `X.node.ts`: name the TypeScript file.
/* eslint-disable @typescript-eslint/no-require-imports */
const { StripeClimate } = require('../nodes/StripeClimate/StripeClimate.node.ts') as typeof ClimateModule;
const { StripeCryptoOnramp } = require('../nodes/StripeCryptoOnramp/StripeCryptoOnramp.node.ts') as typeof OnrampModule;
/* eslint-enable @typescript-eslint/no-require-imports */

export const PACKAGE = 'n8n-nodes-stripe-platform';

export type BenchNode = 'stripeClimate' | 'stripeCryptoOnramp';

export async function runNode(
	url: string,
	node: BenchNode,
	parameters: INodeParameters,
	items: IDataObject[] = [{}],
): Promise<{ items: INodeExecutionData[]; error?: string }> {
	const run = await runChain({
		nodeTypes: {
			[`${PACKAGE}.stripeClimate`]: new StripeClimate(),
			[`${PACKAGE}.stripeCryptoOnramp`]: new StripeCryptoOnramp(),
		},
		items,
		nodes: [{ name: 'Stripe', type: `${PACKAGE}.${node}`, parameters, continueOnFail: true }],
		credentials: { stripePlatformApi: { secretKey: BENCH_SECRET_KEY, baseUrl: url } },
	});
	return { items: run.output('Stripe'), error: run.error?.message };
}
