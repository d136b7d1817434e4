import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { LATEST_API_VERSION } from '../shared/constants';
import { type EventMode, type EventOutput, eventModeOption, eventOutput, eventOutputOption, eventsField, isChosenEvent } from '../shared/events';
import { apiVersionOptions } from '../shared/fields';
import { claimEvent } from './claim';
import { endpointKey, forgetEvent, rememberEvent } from './dedupe';
import { createEndpoint, deleteEndpoint, reconcileEndpoint, type TriggerMemory } from './endpointLifecycle';
import { verifyStripeSignature } from './signature';

interface TriggerOptions {
	dedupeAcrossProcesses?: boolean;
	eventMode?: EventMode;
	output?: EventOutput;
	signatureTolerance?: number;
}

/** How to see an event in the editor: n8n registers a second Stripe endpoint for the test URL while it listens. */
const TEST_EVENT_HELP =
	"<b>While building the workflow</b>, click <b>Execute step</b>: n8n listens for a test event and registers a webhook endpoint for its test URL with Stripe, for the selected event types. Then make one of them happen with a test-mode key: do what causes it (for example create a climate order with the Stripe Climate node, which sends climate.order.created), or, for the types the Stripe CLI supports, run <code>stripe trigger &lt;event type&gt;</code>. The event shows up here.";

/** stripe-node's DEFAULT_TOLERANCE. */
const DEFAULT_TOLERANCE_SECONDS = 300;

export class StripeEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Events Trigger',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-events-trigger',
		name: 'stripeEventsTrigger',
		icon: { light: 'file:stripeEventsTrigger.svg', dark: 'file:stripeEventsTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["events"].includes("*") ? "On every event" : $parameter["events"].length === 1 ? "On " + $parameter["events"][0] : $parameter["events"].length ? "On " + $parameter["events"].length + " event types" : "Select events" }}',
		description: 'Starts the workflow on Stripe events (crypto onramp, climate and every other type), signature-verified',
		defaults: { name: 'Stripe Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripePlatformApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		eventTriggerDescription: 'Waiting for a Stripe event of the selected types: cause one with a test-mode key',
		triggerPanel: {
			header: 'Listen for a Stripe event',
			executionsHelp: {
				inactive: TEST_EVENT_HELP + "<br /><br /><b>To run the workflow on every event</b>, publish it. n8n then registers a webhook endpoint for its production URL with Stripe, and Stripe sends it each event of the selected types; each starts one execution, listed in the executions list. Stripe must reach n8n at that URL, so n8n's webhook URL must be a public address.",
				active: TEST_EVENT_HELP + '<br /><br /><b>The workflow is published</b>: Stripe sends each event of the selected types to its production webhook endpoint, and each starts one execution, listed in the <a data-key="executions">executions list</a>.',
			},
			activationHint: {
				inactive: 'Once the workflow is ready, publish it: Stripe then sends every event of the selected types, and each starts the workflow (those executions are not shown here).',
				active: 'The workflow is published: Stripe sends every event of the selected types to it, and each starts an execution (not shown here).',
			},
		},
		properties: [
			eventsField('The event types that start the workflow. Type to search, for example onramp, climate or invoice.paid.'),
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'options',
				options: apiVersionOptions({
					name: 'Default',
					description: `A new endpoint gets the credential's API Version, else ${LATEST_API_VERSION}; an existing endpoint keeps its own`,
				}),
				default: '',
				description: `Shapes the events Stripe sends. Default: a new endpoint gets the credential's API Version, else ${LATEST_API_VERSION} (not your account's default: an endpoint must name a version), and keeps it from then on. Stripe cannot change an endpoint's version, so choosing another version here replaces the endpoint (new signing secret). For the same event shapes as the polling trigger, choose your account's default version. An expression may give a version newer than this list.`,
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
					eventModeOption('Which events start the workflow. A live Connect endpoint also receives the test events of connected accounts.'),
					eventOutputOption,
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
				return await reconcileEndpoint(this);
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
		const key = endpointKey(this, memory.endpointId ?? '');
		if (!isChosenEvent(event, events, options.eventMode) || !rememberEvent(memory, event.id, key)) return {};
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
			workflowData: [[{ json: eventOutput(event, options.output) }]],
		};
	}
}
