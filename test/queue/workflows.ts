/**
 * The workflows of the queue-mode suite:
 * - two Stripe Events Trigger workflows, each with its own endpoint and event types, so their
 *   executions never mix: `claimed` sets Options → dedupeAcrossProcesses (each event is claimed at
 *   Stripe before it starts, the setting for several webhook processes) and takes climate order
 *   events; `unclaimed` keeps the default (dedupe by the process's memory and static data only) and
 *   takes onramp session events;
 * - a bulk workflow: Webhook (answers at once) → Split Out of the posted items → Stripe Climate
 *   Create Order with Requests in Parallel, so a webhook process enqueues it and a worker runs it.
 */
import { credentialRef } from '../support/credential';
import type { WorkflowJson } from '../support/examples';
import { PKG } from '../../scripts/lib/repo';

export const TRIGGER_NODE = 'Stripe Events Trigger';
export const TRIGGER_PATH = 'webhook';

/** One Stripe Events Trigger workflow of the suite: its ids, the event types it takes, its Options. */
export interface TriggerSpec {
	readonly id: string;
	readonly name: string;
	readonly webhookId: string;
	readonly events: readonly string[];
	/** The type of the events the suite makes up for it. */
	readonly eventType: string;
	readonly options: Readonly<Record<string, unknown>>;
}

export type TriggerKey = 'claimed' | 'unclaimed';

export const TRIGGERS: Readonly<Record<TriggerKey, TriggerSpec>> = Object.freeze({
	claimed: Object.freeze({
		id: 'queueClaimedTrig',
		name: 'queue: events trigger, dedupe across processes',
		webhookId: '7d1f0a52-3c4e-4b8a-9e61-9a0e0c1a0001',
		events: ['climate.order.canceled', 'climate.order.created'],
		eventType: 'climate.order.created',
		options: { dedupeAcrossProcesses: true },
	}),
	unclaimed: Object.freeze({
		id: 'queueLocalTrigge',
		name: 'queue: events trigger, default options',
		webhookId: '7d1f0a52-3c4e-4b8a-9e61-9a0e0c1a0002',
		events: ['crypto.onramp_session_updated'],
		eventType: 'crypto.onramp_session_updated',
		options: {},
	}),
});

export const BULK = Object.freeze({ id: 'queueBulkCreate1', name: 'queue: bulk climate orders', path: 'queue-bulk-orders', webhookId: '7d1f0a52-3c4e-4b8a-9e61-9a0e0c1a0003' });
export const BULK_CREATE_NODE = 'Create Orders';

/** Stripe Events Trigger → No Operation. */
export function triggerWorkflow(t: TriggerSpec): WorkflowJson {
	return {
		id: t.id,
		name: t.name,
		nodes: [
			{
				id: `${t.id}-1`,
				name: TRIGGER_NODE,
				type: `${PKG}.stripeEventsTrigger`,
				typeVersion: 1,
				position: [0, 0],
				webhookId: t.webhookId,
				parameters: { events: [...t.events], options: { ...t.options } },
				credentials: credentialRef(),
			},
			{ id: `${t.id}-2`, name: 'Handle Event', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Handle Event', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * POST {items: [{run, n, product}, …]} to /webhook/<BULK.path>: one climate order per item, keyed by
 * run and n (metadata and idempotency key), `parallel` requests at a time, at most `perSecond`.
 */
export function bulkWorkflow({ parallel, perSecond, maxRetries }: { parallel: number; perSecond: number; maxRetries: number }): WorkflowJson {
	return {
		id: BULK.id,
		name: BULK.name,
		nodes: [
			{
				id: `${BULK.id}-1`,
				name: 'Orders Posted',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: BULK.webhookId,
				parameters: { httpMethod: 'POST', path: BULK.path, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${BULK.id}-2`,
				name: 'One Item per Order',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [240, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			{
				id: `${BULK.id}-3`,
				name: BULK_CREATE_NODE,
				type: `${PKG}.stripeClimate`,
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'order',
					operation: 'create',
					product: { __rl: true, mode: 'id', value: '={{ $json.product }}' },
					metricTons: '0.01',
					additionalFields: {
						metadata: {
							pair: [
								{ key: 'run', value: '={{ $json.run }}' },
								{ key: 'n', value: '={{ String($json.n) }}' },
							],
						},
					},
					options: {
						idempotencyKey: '={{ "queue-bulk-" + $json.run + "-" + $json.n }}',
						requestsInParallel: parallel,
						maxRequestsPerSecond: perSecond,
						maxRetries,
						retryDelayMs: 250,
					},
				},
				credentials: credentialRef(),
			},
		],
		connections: {
			'Orders Posted': { main: [[{ node: 'One Item per Order', type: 'main', index: 0 }]] },
			'One Item per Order': { main: [[{ node: BULK_CREATE_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}
