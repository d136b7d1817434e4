/**
 * The Stripe Events Polling Trigger's place in a real n8n, polling every second (2.8.4: one poll
 * time `0-59 * * * * *`; newer n8n accepts only a plain number of seconds, so 60 poll times
 * `N * * * * *`), against the emulator, in a connected account of its own:
 *   - 250 events in one second, then events Stripe lists 3, 10 and 28 s late (the emulator's
 *     POST /_emulator/events/listing-lag), created in earlier seconds than an event already
 *     emitted, and one listed 20 s late in the second before the busy one (below its 250 in the
 *     list): each emitted once; the polls' requests at the emulator while that second is in the
 *     Late Event Window (45 s here: one request per idle poll, the 3 pages once per 12 s) and after
 *     it (one request per poll);
 *   - the node renamed through the public API (deactivate, PUT, activate) with "Also Emit Events
 *     From the Last" set: only the events created meanwhile, nothing of the hour again;
 *   - the Connected Account changed the same way: a `stripe_events_restart` item first, then the
 *     new account's events, once each.
 *
 * run(report, ctx) needs n8n running with the owner's API key (the events phase leaves it so).
 */
import { credentialRef } from '../support/credential';
import type { StripeJson } from '../support/emulator';
import { check, checkEqual, type Report } from '../support/report';
import { PKG } from '../../scripts/lib/repo';
import * as runtime from '../n8n/install';
import * as n8n from '../n8n/instance';
import { nodeItems, running, type ApiExecutionPage, type E2eContext } from './context';

const ACCOUNT = 'acct_1E2ePollingPlace';
const OTHER_ACCOUNT = 'acct_1E2ePollingOther';
const WORKFLOW_NAME = 'e2e: Stripe Events Polling Trigger, every second';
const NODE_ID = 'e2ePollingPlace-trigger';
const FIRST_NAME = 'Stripe Events Every Second';
const RENAMED = 'Stripe Events (renamed)';
/**
 * The workflow's Late Event Window: the 28 s late event with room for a slow machine's polls, short
 * enough for the suite. Whole reads of the window come every quarter of it (wholeReadInterval).
 */
const WINDOW_SECONDS = 45;
const WHOLE_READ_SECONDS = Math.ceil(WINDOW_SECONDS / 4);
/** The trigger's margin on Stripe's clock (nodes/StripeEventsPollingTrigger/cursor.ts). */
const CLOCK_MARGIN_SECONDS = 2;
const BUSY = 250;
const LAGS = [3, 10, 28];
/** The lag of the event created in the second before the busy one. */
const DEEP_LAG = 20;

/** Poll times for one poll a second on this n8n (see the header). */
function everySecond(): Array<{ mode: string; cronExpression: string }> {
	if (/^2\.8\./.test(runtime.n8nVersion())) return [{ mode: 'custom', cronExpression: '0-59 * * * * *' }];
	return Array.from({ length: 60 }, (_, second) => ({ mode: 'custom', cronExpression: `${second} * * * * *` }));
}

function workflowBody(name: string, account: string) {
	return {
		name: WORKFLOW_NAME,
		nodes: [
			{
				id: NODE_ID,
				name,
				type: `${PKG}.stripeEventsPollingTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: everySecond() },
					events: ['*'],
					options: { connectedAccount: account, lateWindow: WINDOW_SECONDS, lookback: { period: { amount: 1, unit: 'hours' } } },
				},
				credentials: credentialRef(),
			},
			{ id: 'e2ePollingPlace-noop', name: 'Handle Event', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { [name]: { main: [[{ node: 'Handle Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

interface Emitted {
	execution: number;
	items: StripeJson[];
}

export async function run(report: Report, ctx: E2eContext): Promise<void> {
	const { emu } = ctx;
	const api = (method: string, path: string, body?: unknown) => n8n.api(running(ctx).baseUrl, ctx.apiKey, method, path, body);
	const wait = <T>(what: string, fn: () => Promise<T>, timeoutMs = 40000) => n8n.waitFor(fn, { timeoutMs, intervalMs: 250, what });
	let workflowId = '';
	let sequence = 0;
	/** An event of `type` in `account`, listed `lag` s after its created second (0: at once). */
	const cause = async (account: string, lag = 0, type = 'climate.order.created'): Promise<StripeJson> => {
		if (lag) await emu.admin('POST', '/events/listing-lag', { seconds: lag });
		const event = await emu.admin('POST', '/events', { type, object: { id: `climorder_e2epoll${++sequence}`, object: 'climate.order' }, account });
		if (lag) await emu.admin('POST', '/events/listing-lag', { seconds: 0 });
		return event;
	};
	const executions = async (): Promise<Emitted[]> => {
		const page: ApiExecutionPage = await api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=250`);
		return page.data
			.filter((e) => e.status !== 'running' && e.status !== 'new')
			.map((e) => ({ execution: Number(e.id), items: nodeItems(e, FIRST_NAME) ?? nodeItems(e, RENAMED) ?? [] }))
			.sort((a, b) => a.execution - b.execution);
	};
	const emittedIds = async () => (await executions()).flatMap((e) => e.items.map((item) => String(item.id ?? item.object)));
	const executionOf = (list: Emitted[], id: string) => list.find((e) => e.items.some((item) => item.id === id))?.execution;
	const allEmitted = (ids: string[]) => async () => {
		const emitted = new Set(await emittedIds());
		return ids.every((id) => emitted.has(id)) ? true : null;
	};
	/** The trigger's polls among the emulator's requests (a poll's first page has no starting_after). */
	const pollRequests = async (account: string) => {
		const polls = (await emu.requests()).filter((q) => q.path === '/v1/events' && q.headers['stripe-account'] === account);
		const first = polls.filter((q) => q.query.starting_after === undefined).length;
		return { requests: polls.length, polls: first };
	};
	const replace = async (name: string, account: string) => {
		await api('POST', `/workflows/${workflowId}/deactivate`);
		await api('PUT', `/workflows/${workflowId}`, workflowBody(name, account));
	};

	const hour: StripeJson[] = [];
	await report.step(
		'polling every second: created and published through the public API; the activation poll emits the last hour',
		async () => {
			hour.push(await cause(ACCOUNT), await cause(ACCOUNT, 0, 'climate.order.canceled'));
			const created = await api('POST', '/workflows', workflowBody(FIRST_NAME, ACCOUNT));
			workflowId = String(created.id);
			await api('POST', `/workflows/${workflowId}/activate`);
			await wait('the activation poll', allEmitted(hour.map((e) => e.id)));
			return `workflow ${workflowId}, ${everySecond().length} poll time(s) ${everySecond()[0].cronExpression}${everySecond().length > 1 ? ' …' : ''}`;
		},
		{ critical: true },
	);

	const late: StripeJson[] = [];
	let deep: StripeJson | undefined;
	let onTime: StripeJson | undefined;
	let busySecond = 0;
	let pages = 0;
	let inWindow = { requests: 0, polls: 0 };
	await report.step(
		`${BUSY} events in one second, then events listed ${LAGS.join(', ')} s late in earlier seconds than one already emitted, and one listed ${DEEP_LAG} s late below the busy second: each emitted once`,
		async () => {
			deep = await cause(ACCOUNT, DEEP_LAG);
			await wait('the next second on the emulator clock', async () => ((await emu.admin('GET', '/clock')).now > deep!.created ? true : null), 5000);
			await emu.admin('POST', '/clock', { hold: true });
			const busy: StripeJson[] = [];
			for (let i = 0; i < BUSY; i++) busy.push(await cause(ACCOUNT));
			await emu.admin('POST', '/clock', { hold: false });
			busySecond = busy[0].created;
			checkEqual(new Set(busy.map((e) => e.created)).size, 1, 'seconds of the busy events');
			check(deep.created < busySecond, `the deep late event (created ${deep.created}) is not before the busy second ${busySecond}`);
			for (const lag of [...LAGS].reverse()) late.push(await cause(ACCOUNT, lag));
			await n8n.sleep(1100);
			onTime = await cause(ACCOUNT);
			pages = Math.ceil((BUSY + LAGS.length + 2) / 100);
			const t0 = Date.now();
			await wait('the busy second and the on-time event', allEmitted([...busy, onTime].map((e) => e.id)), 60000);
			// idle polls while the busy second is in the window: one request each, the whole window (all
			// pages) once per WHOLE_READ_SECONDS; counted over more than one interval, so a whole read falls in it
			await emu.clearLog();
			await n8n.sleep((WHOLE_READ_SECONDS + 3) * 1000);
			inWindow = await pollRequests(ACCOUNT);
			const { now } = await emu.admin('GET', '/clock');
			check(now <= busySecond + WINDOW_SECONDS, `the busy second left the window before the count ended (clock ${now}, second ${busySecond})`);
			await wait('the late events', allEmitted([...late, deep].map((e) => e.id)), 60000);
			const list = await executions();
			const ids = list.flatMap((e) => e.items.map((item) => String(item.id)));
			checkEqual(ids.length, new Set(ids).size, 'ids emitted more than once: none (count of all vs unique)');
			for (const event of [...late, deep]) {
				check(event.created < onTime!.created, `${event.id} (created ${event.created}) is not earlier than the on-time event (${onTime!.created})`);
				check(executionOf(list, event.id)! >= executionOf(list, onTime!.id)!, `${event.id} came out before the on-time event`);
			}
			check(executionOf(list, late[0].id)! > executionOf(list, onTime.id)!, 'the 28 s late event came out with the on-time event, not after it');
			check(executionOf(list, deep.id)! > executionOf(list, onTime.id)!, `the ${DEEP_LAG} s late event came out with the on-time event, not after it`);
			const at = (id: string) => executionOf(list, id);
			return `all ${BUSY + 2 + LAGS.length} emitted once; late ones in executions ${late.map((e) => at(e.id)).join(', ')} and ${at(deep.id)} (below the busy second) after the on-time event's ${at(onTime.id)}; ${((Date.now() - t0) / 1000).toFixed(1)} s`;
		},
	);

	await report.step(`idle polls: while the busy second is in the ${WINDOW_SECONDS} s window one request each, all ${Math.ceil((BUSY + LAGS.length + 2) / 100)} pages once per ${WHOLE_READ_SECONDS} s; after it one request each`, async () => {
		check(busySecond > 0 && pages > 1, 'no busy second');
		// whole reads among the counted polls: each adds its later pages
		const extra = inWindow.requests - inWindow.polls;
		const wholeReads = extra / (pages - 1);
		const countSeconds = WHOLE_READ_SECONDS + 3;
		// a poll already running when the count starts adds its later pages only, so allow one more
		const maxWholeReads = Math.ceil(countSeconds / WHOLE_READ_SECONDS) + 1;
		check(inWindow.polls >= 5, `in the window: only ${inWindow.polls} polls in ${countSeconds} s`);
		check(extra >= pages - 1, `in the window: ${inWindow.requests} requests for ${inWindow.polls} polls, so no whole read of the ${pages} pages in ${countSeconds} s`);
		check(wholeReads <= maxWholeReads, `in the window: ${inWindow.requests} requests for ${inWindow.polls} polls, ${wholeReads.toFixed(1)} whole reads in ${countSeconds} s (at most ${maxWholeReads})`);
		// the late events' seconds are in the window too; wait until the newest of them and the whole-read interval are out of it
		const newest = Math.max(busySecond, ...late.map((e) => e.created), onTime?.created ?? 0);
		await wait(
			'the window to pass',
			async () => ((await emu.admin('GET', '/clock')).now > newest + WINDOW_SECONDS + WHOLE_READ_SECONDS + CLOCK_MARGIN_SECONDS + 2 ? true : null),
			90000,
		);
		await emu.clearLog();
		await n8n.sleep(4000);
		const after = await pollRequests(ACCOUNT);
		check(after.polls >= 3 && after.requests === after.polls, `after the window: ${after.requests} requests for ${after.polls} polls`);
		return `in the window ${inWindow.polls} polls, ${inWindow.requests} requests (${inWindow.polls - Math.round(wholeReads)} of one request, ${Math.round(wholeReads)} whole read(s) of ${pages} pages); after it ${after.polls} polls, ${after.requests} requests`;
	});

	await report.step('renamed (public API: deactivate, PUT, activate) with the last hour set: only the events created meanwhile, nothing twice', async () => {
		const before = await emittedIds();
		await api('POST', `/workflows/${workflowId}/deactivate`);
		const meanwhile = [await cause(ACCOUNT), await cause(ACCOUNT, 0, 'climate.order.delivered')];
		await replace(RENAMED, ACCOUNT);
		await api('POST', `/workflows/${workflowId}/activate`);
		await wait('the events created meanwhile', allEmitted(meanwhile.map((e) => e.id)));
		const afterRename = await cause(ACCOUNT);
		await wait('an event after the rename', allEmitted([afterRename.id]));
		await n8n.sleep(1500); // a repeat would show up by now
		const ids = await emittedIds();
		checkEqual(ids.slice(before.length).sort(), [...meanwhile, afterRename].map((e) => e.id).sort(), 'emitted after the rename');
		checkEqual(ids.length, new Set(ids).size, 'ids emitted more than once: none (count of all vs unique)');
		return `${ids.length - before.length} events after the rename, none of the ${before.length} before again`;
	});

	await report.step('Connected Account changed: a stripe_events_restart item first, then the new account\'s events, once each', async () => {
		const before = (await executions()).length;
		const olderInOther = await cause(OTHER_ACCOUNT);
		await replace(RENAMED, OTHER_ACCOUNT);
		const inOld = await cause(ACCOUNT); // no longer polled
		await api('POST', `/workflows/${workflowId}/activate`);
		const list = await wait('the restart execution', async () => {
			const l = await executions();
			return l.length > before ? l : null;
		});
		const [notice, ...items] = list[before].items;
		checkEqual([notice?.object, notice?.changes], ['stripe_events_restart', [`the connected account (${ACCOUNT} before, ${OTHER_ACCOUNT} now)`]], 'the first item');
		checkEqual(items.map((item) => item.id), [olderInOther.id], 'the new account\'s events of the last hour');
		const newer = await cause(OTHER_ACCOUNT);
		await wait('a new event of the other account', allEmitted([newer.id]));
		await n8n.sleep(1500);
		const ids = (await emittedIds()).filter((id) => id !== 'stripe_events_restart');
		checkEqual(ids.length, new Set(ids).size, 'ids emitted more than once: none (count of all vs unique)');
		check(!ids.includes(inOld.id), 'an event of the account no longer polled was emitted');
		await api('POST', `/workflows/${workflowId}/deactivate`);
		return `restart item: ${String(notice?.message).slice(0, 90)}…`;
	});
}
