import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions, INode, JsonObject } from 'n8n-workflow';

import { CREDENTIAL_TYPE, LATEST_API_VERSION } from '../shared/constants';
import type { StripeParams } from '../shared/encode';
import { enabledEvents } from '../shared/events';
import { createStripeClient, type StripeClient } from '../shared/transport';
import { isApiVersion } from '../shared/validate';
import { endpointKey, forgetEndpoint } from './dedupe';

const ENDPOINTS = '/v1/webhook_endpoints';

/** What the trigger keeps in the node's static data. */
export interface TriggerMemory extends IDataObject {
	endpointId?: string;
	/** The endpoint's whsec_ signing secret; Stripe shows it only in the create response. */
	secret?: string;
	/** Stripe does not show `connect` on an endpoint, so the value it was created with is kept. */
	connect?: boolean;
	seenEventIds?: string[];
}

type WantedEndpoint = {
	url: string;
	enabled_events: string[];
	api_version: string;
	connect: boolean;
	description: string;
};

/** What the node asks for, and whether its API Version was set on the node itself. */
type Wanted = { endpoint: WantedEndpoint; apiVersionPinned: boolean };

const memoryOf = (context: IHookFunctions) => context.getWorkflowStaticData('node') as TriggerMemory;

/**
 * Reuses the stored endpoint when it still matches, updates it in place when only its URL, events,
 * description or enabled state differ, and replaces it (false, so n8n calls create) when its Connect
 * setting differs or the node's own API Version names another version: Stripe cannot change either
 * on an existing endpoint. An empty API Version keeps the version the endpoint was created with, so
 * a new package default or an edited credential never replaces an endpoint (a replacement means a
 * new signing secret, and Stripe's pending retries to the old endpoint are lost). Any other
 * endpoint with this workflow's URL is a leftover (a crash before the id was saved, lost static
 * data) and is deleted, so one workflow never owns two endpoints.
 */
export async function reconcileEndpoint(context: IHookFunctions): Promise<boolean> {
	const memory = memoryOf(context);
	const { endpoint: wanted, apiVersionPinned } = await wantedEndpoint(context);
	const client = await createStripeClient(context);
	const strays = (await client.list({ path: ENDPOINTS, returnAll: true })).filter(
		(endpoint) => endpoint.url === wanted.url && endpoint.id !== memory.endpointId,
	);
	for (const stray of strays) await removeEndpoint(client, context.getNode(), stray.id as string);

	const id = memory.endpointId;
	if (!id) return false;
	const endpoint = await retrieveEndpoint(client, context.getNode(), id);
	if (!endpoint) {
		forget(memory);
		return false;
	}
	const versionDiffers = apiVersionPinned && endpoint.api_version !== wanted.api_version;
	if (versionDiffers || memory.connect !== wanted.connect || !memory.secret) {
		await removeEndpoint(client, context.getNode(), id);
		forget(memory);
		return false;
	}
	const changes: StripeParams = {};
	if (endpoint.url !== wanted.url) changes.url = wanted.url;
	if (enabledEvents(endpoint.enabled_events as string[]).join() !== wanted.enabled_events.join()) {
		changes.enabled_events = wanted.enabled_events;
	}
	if (endpoint.description !== wanted.description) changes.description = wanted.description;
	// Activating the workflow means "send me events", also to an endpoint disabled in the Dashboard
	// or by Stripe after failed deliveries.
	if (endpoint.status === 'disabled') changes.disabled = false;
	if (Object.keys(changes).length > 0) {
		await client.request({ method: 'POST', path: `${ENDPOINTS}/{id}`, pathParams: { id }, params: changes });
	}
	return true;
}

export async function createEndpoint(context: IHookFunctions): Promise<boolean> {
	const memory = memoryOf(context);
	const { endpoint: wanted } = await wantedEndpoint(context);
	const client = await createStripeClient(context);
	const endpoint = await client.request({
		method: 'POST',
		path: ENDPOINTS,
		params: {
			...wanted,
			metadata: { n8n_workflow_id: context.getWorkflow().id ?? '', n8n_node: context.getNode().name },
		},
	});
	if (typeof endpoint.id !== 'string' || typeof endpoint.secret !== 'string') {
		throw new NodeApiError(context.getNode(), { id: endpoint.id } as JsonObject, {
			message: 'Stripe created the webhook endpoint without returning its ID and signing secret',
		});
	}
	Object.assign(memory, { endpointId: endpoint.id, secret: endpoint.secret, connect: wanted.connect });
	return true;
}

export async function deleteEndpoint(context: IHookFunctions): Promise<boolean> {
	const memory = memoryOf(context);
	if (memory.endpointId) {
		await removeEndpoint(await createStripeClient(context), context.getNode(), memory.endpointId);
		forgetEndpoint(endpointKey(context, memory.endpointId));
	}
	forget(memory);
	return true;
}

async function wantedEndpoint(context: IHookFunctions): Promise<Wanted> {
	const node = context.getNode();
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(node, 'n8n has no webhook URL for this trigger');
	const events = context.getNodeParameter('events', []) as string[];
	if (events.length === 0) throw new NodeOperationError(node, 'Select at least one event in Events');
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const nodeApiVersion = String(context.getNodeParameter('apiVersion', '') ?? '').trim();
	// A credential pin may carry beta flags for requests (`2026-08-26.dahlia;crypto_onramp_beta=v2`);
	// an endpoint's api_version is the version alone.
	const apiVersion = String(nodeApiVersion || credentials.apiVersion || LATEST_API_VERSION).split(';')[0].trim();
	if (!isApiVersion(apiVersion)) {
		throw new NodeOperationError(node, `'${apiVersion}' is not a Stripe API version`, {
			description: `Stripe API versions look like ${LATEST_API_VERSION}`,
		});
	}
	const description = (context.getNodeParameter('description', '') as string).trim();
	return {
		endpoint: {
			url,
			enabled_events: enabledEvents(events),
			api_version: apiVersion,
			connect: context.getNodeParameter('connect', false) as boolean,
			description: description || `n8n workflow "${context.getWorkflow().name ?? ''}", node "${node.name}"`,
		},
		apiVersionPinned: nodeApiVersion !== '',
	};
}

const isNotFound = (error: unknown) => error instanceof NodeApiError && error.httpCode === '404';

/** The transport raises NodeApiErrors already; anything else is wrapped so n8n shows it as one. */
const asNodeApiError = (node: INode, error: unknown) =>
	error instanceof NodeApiError ? error : new NodeApiError(node, error as JsonObject);

async function retrieveEndpoint(client: StripeClient, node: INode, id: string): Promise<IDataObject | undefined> {
	try {
		return await client.request({ method: 'GET', path: `${ENDPOINTS}/{id}`, pathParams: { id } });
	} catch (error) {
		if (isNotFound(error)) return undefined; // deleted behind our back: create a new one
		throw asNodeApiError(node, error);
	}
}

async function removeEndpoint(client: StripeClient, node: INode, id: string): Promise<void> {
	try {
		await client.request({ method: 'DELETE', path: `${ENDPOINTS}/{id}`, pathParams: { id } });
	} catch (error) {
		if (!isNotFound(error)) throw asNodeApiError(node, error); // a 404: already gone, as wanted
	}
}

function forget(memory: TriggerMemory): void {
	for (const key of Object.keys(memory)) delete memory[key];
}
