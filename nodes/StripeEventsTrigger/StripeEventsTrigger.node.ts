import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { LATEST_API_VERSION } from '../shared/constants';
import { ALL_EVENTS, eventTypeOptions } from '../shared/events';
import { claimEvent } from './claim';
import { endpointKey, forgetEvent, rememberEvent } from './dedupe';
import { createEndpoint, deleteEndpoint, endpointIsCurrent, type TriggerMemory } from './endpointLifecycle';
import { verifyStripeSignature } from './signature';

interface TriggerOptions {
	dedupeAcrossProcesses?: boolean;
	eventMode?: 'any' | 'live' | 'test';
	output?: 'event' | 'object';
	signatureTolerance?: number;
}

/** stripe-node's DEFAULT_TOLERANCE. */
const DEFAULT_TOLERANCE_SECONDS = 300;

export class StripeEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Events Trigger',
		name: 'stripeEventsTrigger',
		icon: { light: 'file:stripeEventsTrigger.svg', dark: 'file:stripeEventsTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description: 'Starts the workflow on Stripe events (crypto onramp, climate and every other type), signature-verified',
		defaults: { name: 'Stripe Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripePlatformApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [],
				options: eventTypeOptions(),
				description: 'The event types that start the workflow. Type to search, for example onramp, climate or invoice.paid.',
			},
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'string',
				default: '',
				placeholder: LATEST_API_VERSION,
				description: `Shapes the events Stripe sends. Empty: a new endpoint gets the credential's API Version, else ${LATEST_API_VERSION}, and keeps it from then on. Stripe cannot change an endpoint's version, so setting another version here replaces the endpoint (new signing secret).`,
			},
			{
				displayName: 'Connect',
				name: 'connect',
				type: 'boolean',
				default: false,
				description: "Whether to receive events from your connected accounts instead of your own account's",
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'Onramp and climate events for fulfilment',
				description: 'Shown on the webhook endpoint in the Stripe Dashboard. Empty: names this workflow and node.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Deduplicate Across Webhook Processes',
						name: 'dedupeAcrossProcesses',
						type: 'boolean',
						default: false,
						description:
							'Whether to claim each event at Stripe before starting the workflow (one extra Stripe request per event), so that an event delivered to several webhook processes at once (queue mode) starts one execution. Without it, each n8n process starts an event at most once, and redeliveries are recognised across processes and restarts.',
					},
					{
						displayName: 'Event Mode',
						name: 'eventMode',
						type: 'options',
						default: 'any',
						options: [
							{ name: 'Live and Test', value: 'any' },
							{ name: 'Live Only', value: 'live' },
							{ name: 'Test Only', value: 'test' },
						],
						description:
							'Which events start the workflow. A live Connect endpoint also receives the test events of connected accounts.',
					},
					{
						displayName: 'Output',
						name: 'output',
						type: 'options',
						default: 'event',
						options: [
							{
								name: 'Whole Event',
								value: 'event',
								description: 'ID, type, created, livemode, account, API version, data and request',
							},
							{ name: 'Event Object Only', value: 'object', description: 'Only data.object, the changed object' },
						],
						description: 'What each item holds',
					},
					{
						displayName: 'Signature Tolerance (Seconds)',
						name: 'signatureTolerance',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_TOLERANCE_SECONDS,
						description:
							'How far the signature time may be from now. Older (or newer) deliveries are refused, so a captured request cannot be replayed later.',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await endpointIsCurrent(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createEndpoint(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteEndpoint(this);
			},
		},
	};

	/**
	 * Rejections are answered here and return noWebhookResponse, so n8n starts no execution; an
	 * unselected type, the wrong mode or a redelivery gets `{}` (200, nothing started), which also
	 * stops Stripe from retrying. A claim that Stripe could not answer gets a 503, so Stripe
	 * delivers the event again later: an event is never dropped for want of a claim.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const memory = this.getWorkflowStaticData('node') as TriggerMemory;
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const request = this.getRequestObject();
		const check = verifyStripeSignature(
			request.rawBody,
			request.headers['stripe-signature'],
			memory.secret,
			options.signatureTolerance ?? DEFAULT_TOLERANCE_SECONDS,
			Math.floor(Date.now() / 1000),
		);
		if (!check.ok) {
			this.getResponseObject().status(check.status).json({ error: check.reason });
			return { noWebhookResponse: true };
		}
		const { event } = check;
		const events = this.getNodeParameter('events', []) as string[];
		const mode = options.eventMode ?? 'any';
		const selected = events.includes(ALL_EVENTS) || events.includes(event.type);
		const inMode = mode === 'any' || event.livemode === (mode === 'live');
		const key = endpointKey(this, memory.endpointId ?? '');
		if (!selected || !inMode || !rememberEvent(memory, event.id, key)) return {};
		if (options.dedupeAcrossProcesses) {
			let claimed: boolean;
			try {
				claimed = await claimEvent(this, memory.endpointId ?? '', event.id);
			} catch {
				forgetEvent(memory, event.id, key);
				this.getResponseObject().status(503).json({ error: 'The event could not be claimed at Stripe; deliver it again' });
				return { noWebhookResponse: true };
			}
			if (!claimed) return {};
		}
		// Answered here, before n8n starts the execution: n8n then saves the static data (the new id)
		// before it builds the execution's workflow. n8n 2.41 builds that workflow from the same static
		// data object and so clears its changed flag; an id recorded before that is otherwise never saved.
		this.getResponseObject().status(200).json({ message: 'Workflow was started' });
		return {
			noWebhookResponse: true,
			workflowData: [[{ json: options.output === 'object' ? event.data.object : event }]],
		};
	}
}
