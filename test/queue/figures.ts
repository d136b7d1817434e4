/**
 * The figures the queue-mode suite measures and writes to results.json: types only, shared by the
 * phases that measure them (load.ts, trigger.ts) and the context that carries them.
 */
import type { Claims } from './observe';
import type { TriggerKey } from './workflows';

/** Resident memory of one n8n process while idle, in MB. */
export interface MemoryFigure {
	role: string;
	mb: number;
	taskRunnerMb: number;
	otherChildrenMb: number;
}

/** Deliveries sent one way: how many, how fast, and the latency a sender saw. */
export interface SendFigure {
	n: number;
	ms: number;
	perSecond: number;
	p50: number;
	p99: number;
}

export interface ThroughputFigure {
	sequential: SendFigure;
	concurrent: SendFigure;
	drainMs: number;
	claims: number;
	loadAverage: number;
}

export interface BulkFigure {
	items: number;
	requests: number;
	created: number;
	limited: number;
	requestsPerSecond: number;
	createdPerSecond: number;
	spanMs: number;
	wallMs: number;
	overlapMs: number;
	limit: number;
	perSecond: number;
	parallel: number;
	loadAverage: number;
}

/** The same event sent to both webhook processes at once, n times: what came of it. */
export interface SimultaneousResult {
	events: number;
	executions: number;
	duplicates: number;
	missing: number;
	/** e.g. '20× 200'. */
	statuses: string;
	claims: Claims;
	holdMs: number;
	executionsBefore: number;
}

/** The figures of a run (results.json `figures`). */
export interface Figures {
	memory?: MemoryFigure[];
	throughput?: Partial<Record<TriggerKey, ThroughputFigure>>;
	burst20?: { executions: number; firstMs: number; redeliverMs: number; claims: Claims; storedIds: number };
	unclaimedBurstStored?: { afterBurst: number; afterRedeliveries: number };
	simultaneousClaimed?: SimultaneousResult;
	simultaneousUnclaimed?: SimultaneousResult;
	bulk?: BulkFigure;
}
