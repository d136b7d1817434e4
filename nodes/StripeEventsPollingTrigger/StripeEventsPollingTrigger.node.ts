import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { ALL_EVENTS, eventModeOption, eventOutputOption, eventsField } from '../shared/events';
import { DEFAULT_LATE_WINDOW_SECONDS, MAX_LATE_WINDOW_SECONDS } from './cursor';
import { pollStripeEvents } from './poll';

/**
 * The Events field with All Events first. n8n's node creator lists one "On <event>" action per
 * option of a trigger's Events field, in the options' order (editor-ui useActionsGeneration,
 * triggersCategory), so the choice most polling workflows start from leads the list there too.
 */
function pollingEventsField(): INodeProperties {
	const field = eventsField(
		'The event types that start the workflow, at most 20 (Stripe filters by no more), or All Events (*). Type to search, for example onramp, climate or invoice.paid.',
	);
	const options = (field.options ?? []) as INodePropertyOptions[];
	const all = options.filter((option) => option.value === ALL_EVENTS).map((option) => ({ ...option, action: 'On any Stripe event (All Events)' }));
	return { ...field, options: [...all, ...options.filter((option) => option.value !== ALL_EVENTS)] };
}

/** What Fetch Test Event does here: it reads Stripe, it does not make up a sample. */
const FETCH_TEST_EVENT_HELP =
	'<b>While building the workflow</b>, click <b>Fetch Test Event</b>: the node asks Stripe for the newest event of the selected types, a real one from your account rather than a sample, and shows it here. If there is none yet, cause one with a test-mode key, for example create a climate order with the Stripe Climate node (climate.order.created).';

export class StripeEventsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Events Polling Trigger',
		// The editor's Docs link: n8n adds its tracking query to a codex link, which would break the anchor
		documentationUrl: 'https://github.com/stripe-platform-nodes/n8n-nodes-stripe-platform#stripe-events-polling-trigger',
		name: 'stripeEventsPollingTrigger',
		icon: { light: 'file:stripeEventsPollingTrigger.svg', dark: 'file:stripeEventsPollingTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow on Stripe events by asking Stripe for new ones: no public URL needed, each event once, catches up after downtime',
		defaults: { name: 'Stripe Events Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'stripePlatformApi', required: true }],
		triggerPanel: {
			header: 'Fetch a Stripe event',
			executionsHelp: {
				inactive: FETCH_TEST_EVENT_HELP + '<br /><br /><b>To run the workflow on every new event</b>, publish it. n8n then asks Stripe for new events at the Poll Times you set, and each new event of the selected types starts one execution, listed in the executions list. No public URL is needed.',
				active: FETCH_TEST_EVENT_HELP + '<br /><br /><b>The workflow is published</b>: n8n asks Stripe for new events at the Poll Times you set, and each new event of the selected types starts one execution, listed in the <a data-key="executions">executions list</a>.',
			},
			activationHint: {
				inactive: 'Once the workflow is ready, publish it: n8n then asks Stripe for new events at the Poll Times, and each starts the workflow (those executions are not shown here).',
				active: 'The workflow is published: n8n asks Stripe for new events at the Poll Times, and each starts an execution (not shown here).',
			},
		},
		properties: [
			pollingEventsField(),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Also Emit Events From the Last',
						name: 'lookback',
						type: 'fixedCollection',
						default: {},
						description:
							'On first activation the trigger starts from now. Set a period to also emit the events of that period then (at most 30 days, as long as Stripe keeps events).',
						options: [
							{
								displayName: 'Period',
								name: 'period',
								values: [
									{ displayName: 'Amount', name: 'amount', type: 'number', typeOptions: { minValue: 0 }, default: 24 },
									{
										displayName: 'Unit',
										name: 'unit',
										type: 'options',
										default: 'hours',
										options: [
											{ name: 'Days', value: 'days' },
											{ name: 'Hours', value: 'hours' },
										],
									},
								],
							},
						],
					},
					{
						displayName: 'Connected Account',
						name: 'connectedAccount',
						type: 'string',
						default: '',
						placeholder: 'acct_...',
						description:
							"The events of this connected account (Stripe-Account header) instead of your own account's. Overrides the credential's default connected account.",
					},
					eventModeOption('Which events start the workflow. A key lists the events of its own mode only, so Live Only needs a live key and Test Only a test key.'),
					{
						displayName: 'Late Event Window (Seconds)',
						name: 'lateWindow',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_LATE_WINDOW_SECONDS },
						default: DEFAULT_LATE_WINDOW_SECONDS,
						description:
							'Stripe can list an event a little after the time it was created. Polls look again at the events created this many seconds before Stripe\'s current time and emit the ones not emitted yet, each once; with more than 100 such events, the whole window is read once per quarter of it. An event listed later than this is not emitted. 0 turns it off.',
					},
					eventOutputOption,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollStripeEvents.call(this);
	}
}
