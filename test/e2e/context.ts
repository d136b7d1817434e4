/**
 * What the e2e suite's phases share: the context test/e2e/run.ts creates after setup and passes to
 * every phase (each reads what the earlier ones filled in), and the n8n it runs on the suite's home.
 */
import type { Emulator, StripeJson } from '../support/emulator';
import type { ExpectedTypes } from '../../scripts/lib/package';
import * as n8n from '../n8n/instance';
import type { ExitInfo, N8nInstance } from '../n8n/instance';
import * as wf from './workflows';

/** The running `n8n start`, with how it ended once it did (a phase stops waiting at once then). */
export interface RunningN8n extends N8nInstance {
	exitInfo: ExitInfo | null;
}

/** An event the trigger phase delivered (or posted itself, `synthetic`) and its execution. */
export interface DeliveredEvent {
	id: string;
	type: string;
	objectId?: string;
	executionId?: string;
	synthetic?: boolean;
}

export interface E2eContext {
	/** The n8n home (N8N_USER_FOLDER), `.e2e/<version>/home`. */
	home: string;
	emu: Emulator;
	/** What the packed package.json names, read from the build. */
	expected: ExpectedTypes;
	/** The credential type names the package declares. */
	expectedCredentials: string[];
	/** Every node type `n8n export:nodes` lists on the home. */
	nodeTypes: string[];
	/** The Stripe Events Trigger workflow. */
	workflowId: string;
	/** The running n8n, null while it is stopped; the suite's teardown stops it. */
	inst: RunningN8n | null;
	/** n8n's port, kept across restarts so that the webhook URL stays the same. */
	port?: number;
	/** The trigger's production URL (set when n8n starts). */
	webhookUrl: string;
	/** The owner's cookie (internal REST) and a public-API key, set once n8n is up. */
	cookie: string;
	apiKey: string;
	/** The webhook endpoint activation registered, and its signing secret. */
	endpointId: string;
	endpointSecret: string;
	/** A climate product id of the emulator, for the orders the trigger phases create. */
	product: string;
	/** The order whose creation was delivered (cancelled next). */
	order?: StripeJson;
	events: DeliveredEvent[];
	executionCount?: number;
}

/** The running n8n; throws when it is not running (a step that needs it cannot pass). */
export function running(ctx: E2eContext): RunningN8n {
	if (!ctx.inst) throw new Error('n8n is not running');
	return ctx.inst;
}

/** Starts n8n on ctx.home (on ctx.port when set, so the webhook URL stays the same); sets ctx.inst. */
export async function startN8n(ctx: E2eContext): Promise<{ inst: RunningN8n; readyMs: number }> {
	const inst: RunningN8n = Object.assign(await n8n.start(ctx.home, ctx.port ? { port: ctx.port } : {}), { exitInfo: null });
	void inst.exited.then((x) => (inst.exitInfo = x));
	ctx.inst = inst;
	ctx.port = inst.port;
	ctx.webhookUrl = inst.webhookUrl(wf.TRIGGER_WEBHOOK_ID, wf.TRIGGER_PATH);
	const readyMs = await inst.waitReady();
	return { inst, readyMs };
}

/** Stops the running n8n, if any (SIGKILL after 45 s, beyond n8n's own 30 s shutdown limit). */
export async function stopN8n(ctx: E2eContext): Promise<void> {
	if (!ctx.inst) return;
	const inst = ctx.inst;
	ctx.inst = null;
	await inst.stop({ timeoutMs: 45000 });
}

/** An execution as n8n's public API returns it (GET /api/v1/executions?includeData=true). */
export interface ApiExecution {
	id: string;
	status: string;
	mode: string;
	finished?: boolean;
	data?: {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: StripeJson }> | null> } }>>;
		};
	};
}

/** A page of GET /api/v1/executions. */
export interface ApiExecutionPage {
	data: ApiExecution[];
	nextCursor?: string | null;
}

/** The items (`json`) a node emitted in an execution's first run, or undefined when it did not run. */
export function nodeItems(execution: ApiExecution, node: string): StripeJson[] | undefined {
	return execution.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0]?.map((i) => i.json);
}

/** A delivery answered 2xx (`null`: no answer). */
export const is2xx = (status: number | null | undefined): boolean => typeof status === 'number' && status >= 200 && status < 300;
