/**
 * The package's tools over MCP: n8n's MCP Server Trigger (typeVersion 2: streamable HTTP at
 * <n8n>/mcp/<path>, no authentication) in a published workflow, reached with the official MCP client
 * SDK. Lists the tools (names, descriptions, input schemas), then calls a read and a write tool and
 * checks what the emulator received.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { Emulator } from '../support/emulator';
import { check, type Report } from '../support/report';
import { argName, productIdsIn, typesOf } from './cases';
import type { JsonSchema, OfferedTool } from './model-server';
import { checkOfferedTool } from './schema';
import { MCP_PATH, MCP_SSE_PATH, MCP_TOOLS, toolName } from './workflows';

interface McpTool {
	name: string;
	description?: string;
	inputSchema: JsonSchema;
}

/** The text of a tool call's result (MCP content parts). */
function resultText(result: { content?: unknown; isError?: boolean }): string {
	const parts = Array.isArray(result.content) ? (result.content as Array<{ type: string; text?: string }>) : [];
	return parts.map((p) => p.text ?? '').join('');
}

/** An MCP tool offers what the agent's model was offered for the same node: description, input names and types. */
function sameAsAgent(tool: McpTool, agentTools: OfferedTool[]): void {
	const agent = agentTools.find((x) => x.name === tool.name);
	check(agent, `the agent's model was not offered ${tool.name}: nothing to compare with`);
	check(agent.description === (tool.description ?? ''), `${tool.name}: the MCP description differs from the agent's: "${tool.description}"`);
	const shape = (schema: JsonSchema) =>
		Object.entries(schema.properties ?? {})
			.map(([k, v]) => `${k}:${typesOf(v).join('|')}`)
			.sort()
			.join(', ');
	check(shape(tool.inputSchema) === shape(agent.parameters), `${tool.name}: MCP inputs ${shape(tool.inputSchema)} ≠ the agent's ${shape(agent.parameters)}`);
}

/** Texts the MCP client received, for the secrets scan of the suite. */
export async function mcpPhase(
	report: Report,
	{ baseUrl, emu, received, agentTools }: { baseUrl: string; emu: Emulator; received: string[]; agentTools: OfferedTool[] },
): Promise<void> {
	const url = new URL(`${baseUrl}/mcp/${MCP_PATH}`);
	const client = new Client({ name: 'n8n-nodes-stripe-platform-tests', version: '1.0.0' });
	const connected = await report.step(
		`MCP client connects (streamable HTTP, ${url.pathname})`,
		async () => {
			const t0 = Date.now();
			await client.connect(new StreamableHTTPClientTransport(url));
			const server = client.getServerVersion();
			return `server ${server?.name ?? '?'} ${server?.version ?? ''}, ${Date.now() - t0} ms`;
		},
		{ critical: true },
	);
	if (connected === undefined) return;
	try {
		const tools = await report.step('tools/list: the tools with their descriptions and input schemas', async () => {
			const listed = (await client.listTools()).tools as McpTool[];
			received.push(JSON.stringify(listed));
			const names = listed.map((t) => t.name);
			const missing = MCP_TOOLS.map((t) => toolName(t.name)).filter((n) => !names.includes(n));
			check(missing.length === 0, `tools/list lacks ${missing.join(', ')} (lists ${names.join(', ')})`);
			const lines = MCP_TOOLS.map((t) => {
				const tool = listed.find((x) => x.name === toolName(t.name)) as McpTool;
				sameAsAgent(tool, agentTools);
				return checkOfferedTool(t.name, { description: tool.description ?? '', parameters: tool.inputSchema });
			});
			return { detail: `the same descriptions and inputs as the agent's model receives; ${lines.join('; ')}`, value: listed };
		});
		const asOffered = (name: string): OfferedTool => {
			const t = tools?.find((x) => x.name === toolName(name));
			return { name: toolName(name), description: t?.description ?? '', parameters: t?.inputSchema ?? {} };
		};

		const products = await report.step('tools/call a read tool (List climate products) → GET /v1/climate/products', async () => {
			await emu.clearLog();
			const r = await client.callTool({ name: toolName('List climate products'), arguments: {} });
			const text = resultText(r as { content?: unknown });
			received.push(JSON.stringify(r));
			check(!r.isError, `the call failed: ${text.slice(0, 300)}`);
			const reqs = (await emu.requests()).filter((x) => x.method === 'GET' && x.path === '/v1/climate/products');
			check(reqs.length >= 1 && reqs.every((x) => x.status === 200), 'the emulator received no answered GET /v1/climate/products');
			const ids = productIdsIn(text);
			check(ids.length > 0, `the result names no product: ${text.slice(0, 300)}`);
			return { detail: `${ids.length} products, ${text.length} characters`, value: ids };
		});

		await report.step('tools/call a write tool (Create climate order) → POST /v1/climate/orders with an Idempotency-Key', async () => {
			check(products?.length, 'no product to order (the read call failed)');
			await emu.clearLog();
			const t = asOffered('Create climate order');
			const tons = argName(t, /ton/i, 'metric_tons');
			const numeric = typesOf(t.parameters.properties?.[tons]).some((x) => x === 'number' || x === 'integer');
			const args = { [argName(t, /product/i, 'product')]: products[0], [tons]: numeric ? 0.75 : '0.75' };
			const r = await client.callTool({ name: t.name, arguments: args });
			const text = resultText(r as { content?: unknown });
			received.push(JSON.stringify(r));
			check(!r.isError, `the call failed: ${text.slice(0, 300)}`);
			const posts = (await emu.requests()).filter((x) => x.method === 'POST' && x.path === '/v1/climate/orders');
			check(posts.length === 1, `the emulator received ${posts.length} POST /v1/climate/orders, expected 1`);
			check(posts[0].status === 200, `the order was answered ${posts[0].status}`);
			check(posts[0].body.product === products[0] && Number(posts[0].body.metric_tons) === 0.75, `sent ${JSON.stringify(posts[0].body)}, expected ${products[0]} and 0.75 t`);
			check(posts[0].headers['idempotency-key'], 'the order carried no Idempotency-Key');
			const order = (text.match(/climorder_[A-Za-z0-9]+/) ?? [])[0];
			check(order, `the result names no order: ${text.slice(0, 300)}`);
			return `${order} (${posts[0].body.metric_tons} t of ${posts[0].body.product}), key ${posts[0].headers['idempotency-key']}`;
		});
	} finally {
		await client.close().catch(() => undefined);
	}

	await report.step(`MCP Server Trigger 1.1 (SSE at /mcp/${MCP_SSE_PATH}/sse): the same tools listed and a read tool called`, async () => {
		const sse = new Client({ name: 'n8n-nodes-stripe-platform-tests', version: '1.0.0' });
		try {
			await sse.connect(new SSEClientTransport(new URL(`${baseUrl}/mcp/${MCP_SSE_PATH}/sse`)));
			const listed = (await sse.listTools()).tools as McpTool[];
			received.push(JSON.stringify(listed));
			const lines = MCP_TOOLS.map((t) => {
				const tool = listed.find((x) => x.name === toolName(t.name));
				check(tool, `tools/list lacks ${toolName(t.name)} (lists ${listed.map((x) => x.name).join(', ')})`);
				return checkOfferedTool(t.name, { description: tool.description ?? '', parameters: tool.inputSchema });
			});
			await emu.clearLog();
			const r = await sse.callTool({ name: toolName('List climate products'), arguments: {} });
			const text = resultText(r as { content?: unknown });
			received.push(JSON.stringify(r));
			check(!r.isError && productIdsIn(text).length > 0, `the call failed: ${text.slice(0, 300)}`);
			const reqs = (await emu.requests()).filter((x) => x.method === 'GET' && x.path === '/v1/climate/products');
			check(reqs.length >= 1, 'the emulator received no GET /v1/climate/products');
			return `${listed.length} tools (${lines.length} checked), ${productIdsIn(text).length} products in ${text.length} characters`;
		} finally {
			await sse.close().catch(() => undefined);
		}
	});
}
