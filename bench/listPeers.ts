/**
 * The list peers, run inside a benchmark child (bench/child.ts). Each peer loads only the modules
 * it needs, so the child's peak RSS reflects that peer: undici alone, the stripe SDK, or n8n-core
 * with this package's node.
 */
import type { ObjectKind } from '../test/emulator/types';
import { BENCH_SECRET_KEY, reportFromChild } from './lib';

export type ListPeer = 'n8n' | 'undici' | 'sdk' | 'tenPerPage' | 'undiciFresh';
export type ListResource = 'climate' | 'onramp';

export interface ResourceInfo {
	label: string;
	kind: ObjectKind;
	path: string;
	node: 'stripeClimate' | 'stripeCryptoOnramp';
	parameters: { resource: string; operation: string };
}

export const RESOURCES: Record<ListResource, ResourceInfo> = {
	climate: {
		label: 'climate orders',
		kind: 'climate.order',
		path: '/v1/climate/orders',
		node: 'stripeClimate',
		parameters: { resource: 'order', operation: 'getAll' },
	},
	onramp: {
		label: 'onramp sessions',
		kind: 'crypto.onramp_session',
		path: '/v1/crypto/onramp_sessions',
		node: 'stripeCryptoOnramp',
		parameters: { resource: 'onrampSession', operation: 'getAll' },
	},
};

export interface ListTask {
	peer: ListPeer;
	resource: ListResource;
	url: string;
	total: number;
	warmUp: number;
}

export interface ListDetail {
	count: number;
	firstId?: string;
	lastId?: string;
	distinct: number;
	errors: number;
}

interface Page {
	data: Array<{ id: string }>;
	has_more: boolean;
}

/**
 * The floor (pageSize 100) and the 10-per-page pattern (pageSize undefined: no `limit` sent), over
 * keep-alive connections; `fresh`: a new connection for every request, as n8n-core's HTTP helper
 * makes (it builds a new http.Agent per request), to show what that costs.
 */
async function undiciList(url: string, path: string, max: number, pageSize: number | undefined, fresh = false): Promise<Array<{ id: string }>> {
	const { request, Agent } = await import('undici');
	const objects: Array<{ id: string }> = [];
	let startingAfter: string | undefined;
	for (;;) {
		const query = new URLSearchParams();
		if (pageSize !== undefined) query.set('limit', String(Math.min(pageSize, max - objects.length)));
		if (startingAfter) query.set('starting_after', startingAfter);
		const dispatcher = fresh ? new Agent() : undefined;
		const { statusCode, body } = await request(`${url}${path}?${query}`, {
			headers: { Authorization: `Bearer ${BENCH_SECRET_KEY}`, Accept: 'application/json' },
			dispatcher,
		});
		if (statusCode !== 200) throw new Error(`GET ${path} → ${statusCode}: ${await body.text()}`);
		const page = (await body.json()) as Page;
		if (dispatcher) await dispatcher.close();
		objects.push(...page.data);
		if (!page.has_more || page.data.length === 0 || objects.length >= max) return objects.slice(0, max);
		startingAfter = page.data[page.data.length - 1].id;
	}
}

async function sdkList(url: string, resource: ListResource, max: number): Promise<Array<{ id: string }>> {
	const { default: Stripe } = await import('stripe');
	const { hostname, port, protocol } = new URL(url);
	const stripe = new Stripe(BENCH_SECRET_KEY, {
		host: hostname,
		port: Number(port),
		protocol: protocol.replace(':', '') as 'http',
		telemetry: false,
	});
	if (resource === 'climate') {
		return (await stripe.climate.orders.list({ limit: 100 }).autoPagingToArray({ limit: max })) as Array<{ id: string }>;
	}
	// The SDK has no onramp resource (the API is in preview): a StripeResource subclass is the
	// SDK's own way to add one, with the same list machinery (methodType 'list' → auto-pagination).
	const Base = (Stripe as unknown as { StripeResource: new (stripe: unknown) => any }).StripeResource;
	class OnrampSessions extends Base {
		list(params: Record<string, unknown>) {
			return this._makeRequest('GET', '/v1/crypto/onramp_sessions', params, undefined, { methodType: 'list' });
		}
	}
	return new OnrampSessions(stripe).list({ limit: 100 }).autoPagingToArray({ limit: max });
}

async function n8nList(url: string, resource: ListResource, max: number, total: number): Promise<ListDetail> {
	const { runNode } = await import('./n8nRun');
	const info = RESOURCES[resource];
	const returnAll = max >= total;
	const { items, error } = await runNode(url, info.node, { ...info.parameters, returnAll, ...(returnAll ? {} : { limit: max }) });
	if (error) throw new Error(`n8n run failed: ${error}`);
	return describe(items.map((item) => item.json as { id: string; error?: unknown }));
}

function describe(objects: Array<{ id: string; error?: unknown }>): ListDetail {
	return {
		count: objects.length,
		firstId: objects[0]?.id,
		lastId: objects[objects.length - 1]?.id,
		distinct: new Set(objects.map((object) => object.id)).size,
		errors: objects.filter((object) => object.error !== undefined).length,
	};
}

async function listOnce(task: ListTask, max: number): Promise<ListDetail> {
	const { path } = RESOURCES[task.resource];
	switch (task.peer) {
		case 'n8n':
			return n8nList(task.url, task.resource, max, task.total);
		case 'undici':
			return describe(await undiciList(task.url, path, max, 100));
		case 'undiciFresh':
			return describe(await undiciList(task.url, path, max, 100, true));
		case 'tenPerPage':
			return describe(await undiciList(task.url, path, max, undefined));
		case 'sdk':
			return describe(await sdkList(task.url, task.resource, max));
	}
}

export async function listChild(task: ListTask): Promise<void> {
	await reportFromChild(
		() => listOnce(task, task.total),
		async () => {
			await listOnce(task, task.warmUp);
			// the parent counts the measured run's requests: forget the warm-up's
			await fetch(`${task.url}/_emulator/clear-log`, { method: 'POST' });
		},
	);
}
