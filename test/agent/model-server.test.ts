import {
	caseOf,
	completionBody,
	conversationState,
	offeredTools,
	startModelServer,
	streamEvents,
	type ChatMessage,
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
