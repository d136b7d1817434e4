/**
 * What the queue-mode suite's phases share (test/queue/suite.ts builds it in setup): the
 * processes it started, the trigger workflows as the checks learn about them, and the figures
 * written to results.json.
 */
import type { Emulator } from '../support/emulator';
import type { StartedCluster } from './cluster';
import type { Front } from './front';
import type { Figures } from './figures';
import type { SentEvent } from './observe';
import type { PostgresService, RedisService } from './services';
import type { TriggerKey, TriggerSpec } from './workflows';

/** A trigger workflow of the suite, with what activation and the deliveries taught about it. */
export interface SuiteTrigger extends TriggerSpec {
	/** The production URL through the front: what the trigger registers at Stripe. */
	url: string;
	/** Every event sent to it so far. */
	sent: SentEvent[];
	/** Its webhook endpoint at the emulator and that endpoint's signing secret ('' until activation). */
	endpointId: string;
	secret: string;
}

/** What every phase after setup receives. */
export interface QueueContext {
	emu: Emulator;
	pg: PostgresService;
	redis: RedisService;
	front: Front;
	cluster: StartedCluster;
	/** A public-API key of main's owner. */
	apiKey: string;
	bulkWorkflowId: string;
	triggers: Record<TriggerKey, SuiteTrigger>;
	/** A climate product id (set by the deliveries phase, used by the later ones). */
	product?: string;
	figures: Figures;
}
