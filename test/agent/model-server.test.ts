import {
	caseOf,
	chatRequestOf,
	completionBody,
	conversationState,
	offeredTools,
	responseBody,
	responseStreamEvents,
	startModelServer,
	streamEvents,
	type ChatMessage,
	type ResponsesItem,
	type Script,
} from './model-server';

/** The part of a chat.completion the test reads. */
interface Completion {
	choices: Array<{ message: { content: string | null; tool_calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> } }>;
}

const toolCall = (id: string, name: string, args: object) => ({ id, type: 'function' as const, function: { name, arguments: JSON.stringify(args) } });

describe('scripted model: reading a conversation', () => {
	it('finds the case in the newest user message that names one', () => {
		const messages: ChatMessage[] = [
			{ role: 'system', content: '[case:not-a-user-message]' },
			{ role: 'user', content: '[case:first] hello' },
			{ role: 'assistant', content: 'hi' },
			{ role: 'user', content: [{ type: 'text', text: 'and [case:second]' }] },
		];
		expect(caseOf(messages)).toBe('second');
		expect(caseOf(messages.slice(0, 3))).toBe('first');
		expect(caseOf([{ role: 'user', content: 'no mark' }])).toBeNull();
	});

	it('counts turns and the steps of the current turn, and pairs each tool result with its call', () => {
		const messages: ChatMessage[] = [
			{ role: 'user', content: '[case:x] quote' },
			{ role: 'assistant', content: 'Shall I order?' },
			{ role: 'user', content: 'yes' },
			{ role: 'assistant', content: null, tool_calls: [toolCall('c1', 'List', { limit: 3 }), toolCall('c2', 'Get', { id: 'p' })] },
			{ role: 'tool', tool_call_id: 'c2', content: 'got' },
			{ role: 'tool', tool_call_id: 'c1', content: 'listed' },
			{ role: 'assistant', content: null, tool_calls: [toolCall('c3', 'Order', {})] },
		];
		const state = conversationState(messages);
		expect(state.turn).toBe(2);
		expect(state.step).toBe(2);
		expect(state.userText).toBe('yes');
		expect(state.results).toEqual([
			{ callId: 'c2', name: 'Get', arguments: { id: 'p' }, content: 'got' },
			{ callId: 'c1', name: 'List', arguments: { limit: 3 }, content: 'listed' },
		]);
	});

	it('lists the function tools with their schemas', () => {
		const tools = offeredTools({
			messages: [],
			tools: [
				{ type: 'function', function: { name: 'A', description: 'does a', parameters: { type: 'object', properties: { n: { type: 'number' } } } } },
				{ type: 'function', function: { name: 'B' } },
			],
		});
		expect(tools).toEqual([
			{ name: 'A', description: 'does a', parameters: { type: 'object', properties: { n: { type: 'number' } } } },
			{ name: 'B', description: '', parameters: {} },
		]);
	});
});

describe('scripted model: answers', () => {
	it('answers tool calls with JSON-encoded arguments and finish_reason tool_calls', () => {
		const body = completionBody({ toolCalls: [{ name: 'List', arguments: { limit: 10 } }] }, 'scripted', 7) as {
			choices: Array<{ message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> }; finish_reason: string }>;
		};
		expect(body.choices[0].finish_reason).toBe('tool_calls');
		expect(body.choices[0].message.tool_calls).toEqual([{ id: 'call_7_0', type: 'function', function: { name: 'List', arguments: '{"limit":10}' } }]);
		expect(completionBody({ content: 'Done' }, 'scripted', 8)).toMatchObject({ choices: [{ message: { role: 'assistant', content: 'Done' }, finish_reason: 'stop' }] });
	});

	it('streams the same answer as chunks ending with [DONE]', () => {
		const events = streamEvents({ toolCalls: [{ name: 'List', arguments: {} }] }, 'scripted', 1);
		expect(events[events.length - 1]).toBe('data: [DONE]\n\n');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)));
		expect(chunks.map((c) => c.choices[0].finish_reason)).toEqual([null, null, 'tool_calls']);
		expect(chunks[1].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, id: 'call_1_0', function: { name: 'List', arguments: '{}' } });
	});
});

describe('scripted model: the server', () => {
	it('runs the case script on each request, records it, and refuses a conversation without a script', async () => {
		const script: Script = ({ step, results }) =>
			step === 0 ? { toolCalls: [{ name: 'List', arguments: { limit: 2 } }] } : { content: `saw ${results[0].content}` };
		const server = await startModelServer({ demo: script });
		try {
			const post = (messages: ChatMessage[]) =>
				fetch(`${server.baseUrl}/chat/completions`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ model: 'scripted', messages, tools: [{ type: 'function', function: { name: 'List', parameters: {} } }] }),
				});
			const first = (await (await post([{ role: 'user', content: '[case:demo] go' }])).json()) as Completion;
			const call = first.choices[0].message.tool_calls[0];
			expect(call.function).toEqual({ name: 'List', arguments: '{"limit":2}' });
			const second = (await (
				await post([
					{ role: 'user', content: '[case:demo] go' },
					{ role: 'assistant', content: null, tool_calls: [call] },
					{ role: 'tool', tool_call_id: call.id, content: '[1,2]' },
				])
			).json()) as Completion;
			expect(second.choices[0].message.content).toBe('saw [1,2]');
			const unknown = await post([{ role: 'user', content: '[case:other] go' }]);
			expect(unknown.status).toBe(400);
			expect(((await (await fetch(`${server.baseUrl}/models`)).json()) as { data: Array<{ id: string }> }).data[0].id).toBe('scripted');
			expect(server.callsOf('demo').map((c) => [c.step, c.tools.map((t) => t.name)])).toEqual([
				[0, ['List']],
				[1, ['List']],
			]);
			expect(server.calls[2].error).toBe('no script for case other');
		} finally {
			await server.close();
		}
	});
});

/** The part of a Responses `response` the tests read. */
interface ResponseJson {
	object: string;
	status: string;
	output: Array<{ type: string; id: string; call_id?: string; name?: string; arguments?: string; content?: Array<{ type: string; text: string }> }>;
}

describe('scripted model: the Responses API', () => {
	// the input ChatOpenAI (useResponsesApi) sends after one answer with text and two calls, and their results
	const input: ResponsesItem[] = [
		{ type: 'message', role: 'system', content: 'be brief' },
		{ type: 'message', role: 'user', content: [{ type: 'input_text', text: '[case:x] go' }] },
		{ type: 'reasoning', id: 'rs_1', summary: [] },
		{ type: 'message', role: 'assistant', id: 'msg_1', content: [{ type: 'output_text', text: 'Looking.', annotations: [] }] },
		{ type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'List', arguments: '{"limit":3}' },
		{ type: 'function_call', id: 'fc_2', call_id: 'c2', name: 'Get', arguments: '{"id":"p"}' },
		{ type: 'function_call_output', call_id: 'c2', output: 'got' },
		{ type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_text', text: 'listed' }] },
		{ type: 'function_call', call_id: 'c3', name: 'Order', arguments: '{}' },
	];

	it('reads a request as the chat request it stands for: one assistant message per answer, each output as a tool message', () => {
		const chat = chatRequestOf({
			model: 'scripted',
			instructions: 'from instructions',
			input,
			tools: [
				{ type: 'function', name: 'List', description: 'lists', parameters: { type: 'object', properties: { limit: { type: 'number' } } }, strict: false },
				{ type: 'web_search' },
			],
		});
		expect(chat.messages.map((m) => m.role)).toEqual(['system', 'system', 'user', 'assistant', 'tool', 'tool', 'assistant']);
		expect(chat.messages[3].tool_calls?.map((c) => c.id)).toEqual(['c1', 'c2']);
		expect(offeredTools(chat)).toEqual([{ name: 'List', description: 'lists', parameters: { type: 'object', properties: { limit: { type: 'number' } } } }]);
		const state = conversationState(chat.messages);
		expect(caseOf(chat.messages)).toBe('x');
		expect(state.step).toBe(2);
		expect(state.results).toEqual([
			{ callId: 'c2', name: 'Get', arguments: { id: 'p' }, content: 'got' },
			{ callId: 'c1', name: 'List', arguments: { limit: 3 }, content: 'listed' },
		]);
		expect(chatRequestOf({ input: '[case:y] hi' }).messages).toEqual([{ role: 'user', content: '[case:y] hi' }]);
	});

	it('answers with function_call items, or one assistant message of output_text', () => {
		const calls = responseBody({ toolCalls: [{ name: 'List', arguments: { limit: 10 } }] }, 'scripted', 7) as ResponseJson;
		expect(calls).toMatchObject({ object: 'response', status: 'completed' });
		expect(calls.output).toEqual([{ type: 'function_call', id: 'fc_7_0', call_id: 'call_7_0', name: 'List', arguments: '{"limit":10}', status: 'completed' }]);
		const text = responseBody({ content: 'Done' }, 'scripted', 8) as ResponseJson;
		expect(text.output).toMatchObject([{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done' }] }]);
	});

	it('streams the arguments and the text as deltas, then response.completed with the whole answer', () => {
		const parse = (events: string[]) =>
			events.map((e) => {
				const [event, data] = e.trimEnd().split('\n');
				const json = JSON.parse(data.slice('data: '.length));
				expect(event).toBe(`event: ${json.type}`);
				return json;
			});
		const calls = parse(responseStreamEvents({ toolCalls: [{ name: 'List', arguments: { limit: 2 } }] }, 'scripted', 1));
		expect(calls.map((e) => e.type)).toEqual([
			'response.created',
			'response.in_progress',
			'response.output_item.added',
			'response.function_call_arguments.delta',
			'response.function_call_arguments.done',
			'response.output_item.done',
			'response.completed',
		]);
		expect(calls.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(calls[2].item).toMatchObject({ type: 'function_call', call_id: 'call_1_0', name: 'List', arguments: '' });
		expect(calls[3]).toMatchObject({ output_index: 0, item_id: 'fc_1_0', delta: '{"limit":2}' });
		expect(calls[6].response.output[0].arguments).toBe('{"limit":2}');
		const text = parse(responseStreamEvents({ content: 'Done' }, 'scripted', 2));
		expect(text.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta)).toEqual(['Done']);
		expect(text[text.length - 1].response.output[0].content[0].text).toBe('Done');
	});

	it('serves POST /v1/responses with the case scripts and records the requests as chat requests', async () => {
		const script: Script = ({ step, results }) =>
			step === 0 ? { toolCalls: [{ name: 'List', arguments: { limit: 2 } }] } : { content: `saw ${results[0].content}` };
		const server = await startModelServer({ demo: script });
		try {
			const tools = [{ type: 'function', name: 'List', description: 'lists', parameters: { type: 'object', properties: {} }, strict: false }];
			const post = async (items: ResponsesItem[], stream = false) =>
				fetch(`${server.baseUrl}/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'scripted', input: items, tools, stream }) });
			const user: ResponsesItem = { type: 'message', role: 'user', content: '[case:demo] go' };
			const first = (await (await post([user])).json()) as ResponseJson;
			const call = first.output[0];
			expect(call).toMatchObject({ type: 'function_call', name: 'List', arguments: '{"limit":2}' });
			const second = (await (await post([user, call, { type: 'function_call_output', call_id: call.call_id, output: '[1,2]' }])).json()) as ResponseJson;
			expect(second.output[0].content?.[0].text).toBe('saw [1,2]');
			const streamed = await post([user], true);
			expect(streamed.headers.get('content-type')).toBe('text/event-stream');
			expect(await streamed.text()).toContain('event: response.completed');
			expect(server.callsOf('demo').map((c) => [c.api, c.step, c.stream, c.tools.map((t) => t.description)])).toEqual([
				['responses', 0, false, ['lists']],
				['responses', 1, false, ['lists']],
				['responses', 0, true, ['lists']],
			]);
			expect(server.calls[1].messages[1]).toMatchObject({ role: 'assistant', tool_calls: [{ id: call.call_id, function: { name: 'List' } }] });
		} finally {
			await server.close();
		}
	});
});
