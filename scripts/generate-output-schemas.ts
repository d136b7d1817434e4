/**
 * Writes the output schemas of the action nodes, nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json,
 * from spec/stripe-openapi-subset.json (test/spec/outputSchemas.ts says how). n8n shows them as the
 * fields of a node that has not run yet, so they can be mapped before a first run. The build
 * copies them into dist; test/unit/output-schemas.test.ts fails if they and the spec disagree.
 *
 *   npm run generate:output-schemas
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { order } from '../nodes/StripeClimate/resources/order';
import { product } from '../nodes/StripeClimate/resources/product';
import { supplier } from '../nodes/StripeClimate/resources/supplier';
import { onrampQuote } from '../nodes/StripeCryptoOnramp/resources/onrampQuote';
import { onrampSession } from '../nodes/StripeCryptoOnramp/resources/onrampSession';
import { transactionLimits } from '../nodes/StripeCryptoOnramp/resources/transactionLimits';
import { forwardingRequest } from '../nodes/StripeForwarding/resources/request';
import { endpoint } from '../nodes/StripeWebhookEndpoint/resources/endpoint';
import { event } from '../nodes/StripeWebhookEndpoint/resources/event';
import { outputSchemaFiles } from '../test/spec/outputSchemas';

const NODES = join(__dirname, '../nodes');

// Each node's resources, as its node file lists them (tsx would resolve `X.node` to the codex file
// X.node.json, so the node files themselves are not imported); the test compares with the nodes.
const resourcesByNode = {
	stripeCryptoOnramp: [onrampSession, onrampQuote, transactionLimits],
	stripeClimate: [order, product, supplier],
	stripeForwarding: [forwardingRequest],
	stripeWebhookEndpoint: [endpoint, event],
};

for (const folder of readdirSync(NODES)) rmSync(join(NODES, folder, '__schema__'), { recursive: true, force: true });
for (const [file, schema] of Object.entries(outputSchemaFiles(resourcesByNode))) {
	mkdirSync(dirname(join(NODES, file)), { recursive: true });
	writeFileSync(join(NODES, file), `${JSON.stringify(schema, null, '\t')}\n`);
}
