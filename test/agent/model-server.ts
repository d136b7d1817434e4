/**
 * A scripted model behind an OpenAI-compatible API, for n8n's OpenAI Chat Model node (its
 * credential's Base URL points here). Node built-ins only, loopback only.
 *
 *   GET  /v1/models             one model, `scripted`
 *   POST /v1/chat/completions   answers from the script of the conversation's case; JSON, or
 *                               server-sent events when the request asks for `stream: true`
 *
 * A conversation names its case in a user message as `[case:<key>]` (the agent's prompt carries it).
 * The case's script is a function of the conversation so far (ScriptContext) that answers with tool
 * calls (arguments chosen by the script, possibly from earlier tool results) or a final message.
 * Every request is recorded whole: the tools the model was offered (names, descriptions, JSON schemas)
 * and every message, tool results included, and its raw body (for the secrets scan).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------------
// what the model receives and answers (the subset of OpenAI's chat completions API n8n uses)

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | 'developer';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
	name?: string;
}

/** A tool as the model is offered it. */
export interface OfferedTool {
	name: string;
	description: string;
	/** JSON schema of the arguments. */
	parameters: JsonSchema;
}

export interface JsonSchema {
	type?: string | string[];
	description?: string;
	properties?: Record<string, JsonSchema>;
	required?: string[];
	enum?: unknown[];
	items?: JsonSchema;
	anyOf?: JsonSchema[];
	[key: string]: unknown;
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: JsonSchema } }>;
	stream?: boolean;
	[key: string]: unknown;
}

/** What a script answers: tool calls (arguments as objects), or the final message. */
export type Reply = { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } | { content: string };

/** The tool results since the last user message, with the call each answers. */
export interface ToolResult {
	callId: string;
	name: string;
	arguments: Record<string, unknown>;
	/** The message content as the model received it. */
	content: string;
}

export interface ScriptContext {
	caseKey: string;
	/** 1 for the first user message of the conversation, 2 after the next one, … */
	turn: number;
	/** Model calls already answered in this turn (assistant messages after the last user message). */
	step: number;
	/** Tool results of this turn, oldest first. */
	results: ToolResult[];
	tools: OfferedTool[];
	/** The text of the last user message. */
	userText: string;
	request: ChatRequest;
}

export type Script = (ctx: ScriptContext) => Reply;

export interface RecordedCall {
	caseKey: string | null;
	turn: number;
	step: number;
	tools: OfferedTool[];
	messages: ChatMessage[];
	/** The request body as received. */
	raw: string;
	stream: boolean;
	reply?: Reply;
	error?: string;
}

// ---------------------------------------------------------------------------------------------
// pure parts

const CASE_MARK = /\[case:([a-z0-9][a-z0-9_.-]*)\]/i;

/** The text of a message (string content, or the text parts of a list). */
export function textOf(message: ChatMessage): string {
	const c = message.content;
	if (typeof c === 'string') return c;
	if (Array.isArray(c)) return c.map((p) => p.text ?? '').join('');
	return '';
}

/** The case a conversation names in its user messages (the newest mark wins), or null. */
export function caseOf(messages: ChatMessage[]): string | null {
	for (let i = messages.length - 1; i >= 0; i--) {
		if (messages[i].role !== 'user') continue;
		const m = CASE_MARK.exec(textOf(messages[i]));
		if (m) return m[1];
	}
	return null;
}

/** The tools of a request as the model is offered them. */
export function offeredTools(request: ChatRequest): OfferedTool[] {
	return (request.tools ?? [])
		.filter((t) => t.type === 'function')
		.map((t) => ({ name: t.function.name, description: t.function.description ?? '', parameters: t.function.parameters ?? {} }));
}

/** Where a request stands in its conversation: the turn, the step within it and its tool results. */
export function conversationState(messages: ChatMessage[]): { turn: number; step: number; results: ToolResult[]; userText: string } {
	let lastUser = -1;
	let turn = 0;
	messages.forEach((m, i) => {
		if (m.role === 'user') {
			lastUser = i;
			turn += 1;
		}
	});
	const after = messages.slice(lastUser + 1);
	const calls = new Map<string, { name: string; arguments: Record<string, unknown> }>();
	for (const m of after) {
		for (const c of m.tool_calls ?? []) calls.set(c.id, { name: c.function.name, arguments: parseArguments(c.function.arguments) });
	}
	const results: ToolResult[] = after
		.filter((m) => m.role === 'tool')
		.map((m) => {
			const call = calls.get(m.tool_call_id ?? '');
			return { callId: m.tool_call_id ?? '', name: call?.name ?? m.name ?? '', arguments: call?.arguments ?? {}, content: textOf(m) };
		});
	return {
		turn,
		step: after.filter((m) => m.role === 'assistant').length,
		results,
		userText: lastUser >= 0 ? textOf(messages[lastUser]) : '',
	};
}

function parseArguments(text: string): Record<string, unknown> {
	try {
		const v = JSON.parse(text) as unknown;
		return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The chat.completion body answering with `reply`; `seq` makes the tool call ids unique. */
export function completionBody(reply: Reply, model: string, seq: number): object {
	const message =
		'toolCalls' in reply
			? { role: 'assistant', content: null, tool_calls: toolCallsOf(reply, seq) }
			: { role: 'assistant', content: reply.content };
	return {
		id: `chatcmpl-scripted-${seq}`,
		object: 'chat.completion',
		created: 1_700_000_000 + seq,
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: 'toolCalls' in reply ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

function toolCallsOf(reply: { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> }, seq: number): ToolCall[] {
	return reply.toolCalls.map((c, i) => ({
		id: `call_${seq}_${i}`,
		type: 'function',
		function: { name: c.name, arguments: JSON.stringify(c.arguments) },
	}));
}

/** The same answer as chat.completion.chunk events (`data: …` lines, then `data: [DONE]`). */
export function streamEvents(reply: Reply, model: string, seq: number): string[] {
	const base = { id: `chatcmpl-scripted-${seq}`, object: 'chat.completion.chunk', created: 1_700_000_000 + seq, model };
	const chunk = (delta: object, finish: string | null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
	const chunks =
		'toolCalls' in reply
			? [
					chunk({ role: 'assistant', content: null }, null),
					...toolCallsOf(reply, seq).map((c, index) => chunk({ tool_calls: [{ index, ...c }] }, null)),
					chunk({}, 'tool_calls'),
				]
			: [chunk({ role: 'assistant', content: '' }, null), chunk({ content: reply.content }, null), chunk({}, 'stop')];
	return [...chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`), 'data: [DONE]\n\n'];
}

// ---------------------------------------------------------------------------------------------
// the server

export interface ModelServer {
	/** http://127.0.0.1:<port>/v1 (the credential's Base URL). */
	baseUrl: string;
	port: number;
	/** Every chat completion request so far, oldest first. */
	calls: RecordedCall[];
	/** The recorded calls of one case. */
	callsOf(caseKey: string): RecordedCall[];
	close(): Promise<void>;
}

export const MODEL_ID = 'scripted';

/** Starts the server on a free loopback port with the scripts by case key. */
export async function startModelServer(scripts: Record<string, Script> | ((key: string) => Script | undefined)): Promise<ModelServer> {
	const scriptOf = typeof scripts === 'function' ? scripts : (key: string) => scripts[key];
	const calls: RecordedCall[] = [];
	let seq = 0;

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const send = (status: number, body: object) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(body));
			};
			if (req.method === 'GET' && /\/models\/?$/.test(url.pathname)) {
				return send(200, { object: 'list', data: [{ id: MODEL_ID, object: 'model', created: 1_700_000_000, owned_by: 'tests' }] });
			}
			if (req.method !== 'POST' || !/\/chat\/completions\/?$/.test(url.pathname)) {
				return send(404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
			}
			let request: ChatRequest;
			try {
				request = JSON.parse(raw) as ChatRequest;
			} catch {
				return send(400, { error: { message: 'the body is not JSON', type: 'invalid_request_error' } });
			}
			const messages = Array.isArray(request.messages) ? request.messages : [];
			const caseKey = caseOf(messages);
			const state = conversationState(messages);
			const tools = offeredTools(request);
			const call: RecordedCall = { caseKey, turn: state.turn, step: state.step, tools, messages, raw, stream: request.stream === true };
			calls.push(call);
			const script = caseKey ? scriptOf(caseKey) : undefined;
			let reply: Reply;
			try {
				if (!script) throw new Error(caseKey ? `no script for case ${caseKey}` : 'no [case:…] mark in any user message');
				reply = script({ caseKey: caseKey as string, ...state, tools, request });
			} catch (e) {
				call.error = (e as Error).message;
				// 400 is not retried by the OpenAI client: the run fails at once with this message
				return send(400, { error: { message: `scripted model: ${call.error}`, type: 'invalid_request_error' } });
			}
			call.reply = reply;
			seq += 1;
			const model = typeof request.model === 'string' ? request.model : MODEL_ID;
			if (request.stream === true) {
				res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
				for (const e of streamEvents(reply, model, seq)) res.write(e);
				return res.end();
			}
			send(200, completionBody(reply, model, seq));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		port,
		calls,
		callsOf: (key) => calls.filter((c) => c.caseKey === key),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
