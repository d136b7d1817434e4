/**
 * A scripted model behind an OpenAI-compatible API, for n8n's OpenAI Chat Model node (its
 * credential's Base URL points here). Node built-ins only, loopback only.
 *
 *   GET  /v1/models             one model, `scripted`
 *   POST /v1/chat/completions   answers from the script of the conversation's case; JSON, or
 *                               server-sent events when the request asks for `stream: true`
 *                               (the node's typeVersion 1.2, and 1.3 with "Use Responses API" off)
 *   POST /v1/responses          the same scripts over OpenAI's Responses API, JSON or events (1.3 with
 *                               "Use Responses API" on, its default): the request is read as the chat
 *                               request it stands for (chatRequestOf), so scripts and checks are one
 *
 * A conversation names its case in a user message as `[case:<key>]` (the agent's prompt carries it).
 * The case's script is a function of the conversation so far (ScriptContext) that answers with tool
 * calls (arguments chosen by the script, possibly from earlier tool results) or a final message.
 * Every request is recorded whole: the API it came through, the tools the model was offered (names,
 * descriptions, JSON schemas) and every message, tool results included, and its raw body (for the
 * secrets scan).
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

/** The API a request came through. */
export type ModelApi = 'chat' | 'responses';

export interface RecordedCall {
	/** `chat`: POST /v1/chat/completions; `responses`: POST /v1/responses (messages and tools as chatRequestOf reads them). */
	api: ModelApi;
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
// OpenAI's Responses API, the subset @langchain/openai's ChatOpenAI uses with `useResponsesApi` (what
// n8n's OpenAI Chat Model 1.3 builds when "Use Responses API" is on). Shapes from OpenAI's API
// reference (https://platform.openai.com/docs/api-reference/responses/create and
// …/responses-streaming) as @langchain/openai 1.1–1.4 sends and reads them: dist/chat_models/responses
// (the request: `input`, flat function `tools`) and dist/converters/responses
// (convertMessagesToResponsesInput, convertResponsesMessageToAIMessage,
// convertResponsesDeltaToChatGenerationChunk).

/** A text part of a Responses message or tool output (`input_text`, `output_text`, `refusal`, …). */
export interface ResponsesPart {
	type: string;
	text?: string;
	refusal?: string;
	[key: string]: unknown;
}

/**
 * An item of a Responses request's `input`: a message (`type: 'message'`, or a bare `{role, content}`),
 * a function call the model made earlier (`function_call`: `call_id`, `name`, `arguments`) or its
 * result (`function_call_output`: `call_id`, `output`). Other items (reasoning, built-in tools' calls)
 * carry nothing the scripts read.
 */
export interface ResponsesItem {
	type?: string;
	id?: string;
	role?: ChatMessage['role'];
	content?: string | ResponsesPart[];
	call_id?: string;
	name?: string;
	arguments?: string;
	output?: string | ResponsesPart[];
	[key: string]: unknown;
}

export interface ResponsesRequest {
	model?: string;
	/** The system prompt when sent apart (ChatOpenAI sends it as an input message instead). */
	instructions?: string | null;
	input?: string | ResponsesItem[];
	/** Function tools are flat here: `{type: 'function', name, description, parameters, strict}`. */
	tools?: Array<{ type: string; name?: string; description?: string | null; parameters?: JsonSchema | null; [key: string]: unknown }>;
	stream?: boolean;
	[key: string]: unknown;
}

const partsText = (v: string | ResponsesPart[] | undefined): string =>
	typeof v === 'string' ? v : Array.isArray(v) ? v.map((p) => p.text ?? p.refusal ?? '').join('') : '';

/**
 * The chat request a Responses request stands for: instructions as the system message, messages as
 * they are, the function calls of one answer as one assistant message with `tool_calls` (joined to
 * its text message when it has one), each `function_call_output` as a `tool` message.
 */
export function chatRequestOf(request: ResponsesRequest): ChatRequest {
	const messages: ChatMessage[] = [];
	if (typeof request.instructions === 'string' && request.instructions) messages.push({ role: 'system', content: request.instructions });
	const input = typeof request.input === 'string' ? [{ type: 'message', role: 'user' as const, content: request.input }] : Array.isArray(request.input) ? request.input : [];
	// the assistant message the next function calls belong to: the answer being read, until a result or a message follows
	let answer: ChatMessage | null = null;
	for (const item of input) {
		const type = item.type ?? (item.role ? 'message' : '');
		if (type === 'message' && item.role) {
			const content = typeof item.content === 'string' ? item.content : (item.content ?? []).map((p) => ({ type: p.type, text: p.text ?? p.refusal ?? '' }));
			const message: ChatMessage = { role: item.role, content };
			messages.push(message);
			answer = item.role === 'assistant' ? message : null;
		} else if (type === 'function_call') {
			if (!answer) messages.push((answer = { role: 'assistant', content: null }));
			(answer.tool_calls ??= []).push({ id: item.call_id ?? '', type: 'function', function: { name: item.name ?? '', arguments: item.arguments ?? '' } });
		} else if (type === 'function_call_output') {
			messages.push({ role: 'tool', tool_call_id: item.call_id ?? '', content: partsText(item.output) });
			answer = null;
		}
	}
	const tools = (request.tools ?? [])
		.filter((t) => t.type === 'function' && typeof t.name === 'string')
		.map((t) => ({ type: 'function', function: { name: t.name as string, description: t.description ?? undefined, parameters: t.parameters ?? undefined } }));
	return { model: request.model, messages, tools, stream: request.stream === true };
}

/** The output items answering with `reply`: one `function_call` per call, or one assistant `message`. */
function responseOutput(reply: Reply, seq: number, status: 'completed' | 'in_progress' = 'completed'): object[] {
	if ('toolCalls' in reply) {
		return toolCallsOf(reply, seq).map((c, i) => ({
			type: 'function_call',
			id: `fc_${seq}_${i}`,
			call_id: c.id,
			name: c.function.name,
			arguments: status === 'completed' ? c.function.arguments : '',
			status,
		}));
	}
	const content = status === 'completed' ? [{ type: 'output_text', text: reply.content, annotations: [] }] : [];
	return [{ type: 'message', id: `msg_${seq}`, status, role: 'assistant', content }];
}

/** The `response` object answering with `reply` (`status: completed`). */
export function responseBody(reply: Reply, model: string, seq: number): object {
	return responseObject(reply, model, seq, 'completed');
}

function responseObject(reply: Reply, model: string, seq: number, status: 'completed' | 'in_progress'): object {
	return {
		id: `resp_${seq}`,
		object: 'response',
		created_at: 1_700_000_000 + seq,
		status,
		error: null,
		incomplete_details: null,
		instructions: null,
		model,
		output: status === 'completed' ? responseOutput(reply, seq) : [],
		parallel_tool_calls: true,
		tool_choice: 'auto',
		tools: [],
		text: { format: { type: 'text' } },
		metadata: {},
		usage:
			status === 'completed'
				? { input_tokens: 1, input_tokens_details: { cached_tokens: 0 }, output_tokens: 1, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 2 }
				: null,
	};
}

/**
 * The same answer as Responses streaming events (`event: <type>` and `data: <json>` each, no
 * `[DONE]`): response.created, then per output item output_item.added, its text
 * (content_part.added, output_text.delta/.done, content_part.done) or its arguments
 * (function_call_arguments.delta/.done), output_item.done; response.completed with the whole response.
 */
export function responseStreamEvents(reply: Reply, model: string, seq: number): string[] {
	const events: object[] = [{ type: 'response.created', response: responseObject(reply, model, seq, 'in_progress') }, { type: 'response.in_progress', response: responseObject(reply, model, seq, 'in_progress') }];
	const done = responseOutput(reply, seq) as ResponsesItem[];
	(responseOutput(reply, seq, 'in_progress') as ResponsesItem[]).forEach((item, output_index) => {
		const final = done[output_index];
		const item_id = item.id;
		events.push({ type: 'response.output_item.added', output_index, item });
		if (final.type === 'function_call') {
			events.push({ type: 'response.function_call_arguments.delta', item_id, output_index, delta: final.arguments });
			events.push({ type: 'response.function_call_arguments.done', item_id, output_index, name: final.name, arguments: final.arguments });
		} else {
			const text = partsText(final.content);
			events.push({ type: 'response.content_part.added', item_id, output_index, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
			events.push({ type: 'response.output_text.delta', item_id, output_index, content_index: 0, delta: text, logprobs: [] });
			events.push({ type: 'response.output_text.done', item_id, output_index, content_index: 0, text, logprobs: [] });
			events.push({ type: 'response.content_part.done', item_id, output_index, content_index: 0, part: { type: 'output_text', text, annotations: [] } });
		}
		events.push({ type: 'response.output_item.done', output_index, item: final });
	});
	events.push({ type: 'response.completed', response: responseBody(reply, model, seq) });
	return events.map((e, sequence_number) => {
		const data = { ...(e as { type: string }), sequence_number };
		return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
	});
}

// ---------------------------------------------------------------------------------------------
// the server

export interface ModelServer {
	/** http://127.0.0.1:<port>/v1 (the credential's Base URL). */
	baseUrl: string;
	port: number;
	/** Every model request so far (both APIs), oldest first. */
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
			const api: ModelApi | null =
				req.method !== 'POST' ? null : /\/chat\/completions\/?$/.test(url.pathname) ? 'chat' : /\/responses\/?$/.test(url.pathname) ? 'responses' : null;
			if (!api) {
				return send(404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'invalid_request_error' } });
			}
			let request: ChatRequest;
			try {
				const body = JSON.parse(raw) as ChatRequest & ResponsesRequest;
				request = api === 'responses' ? chatRequestOf(body) : body;
			} catch {
				return send(400, { error: { message: 'the body is not JSON', type: 'invalid_request_error' } });
			}
			const messages = Array.isArray(request.messages) ? request.messages : [];
			const caseKey = caseOf(messages);
			const state = conversationState(messages);
			const tools = offeredTools(request);
			const call: RecordedCall = { api, caseKey, turn: state.turn, step: state.step, tools, messages, raw, stream: request.stream === true };
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
				for (const e of api === 'responses' ? responseStreamEvents(reply, model, seq) : streamEvents(reply, model, seq)) res.write(e);
				return res.end();
			}
			send(200, api === 'responses' ? responseBody(reply, model, seq) : completionBody(reply, model, seq));
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
