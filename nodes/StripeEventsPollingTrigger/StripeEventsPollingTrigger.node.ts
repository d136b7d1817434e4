import { NodeConnectionTypes } from 'n8n-workflow';
import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { eventModeOption, eventOutputOption, eventsField } from '../shared/events';
import { pollStripeEvents } from './poll';

export class StripeEventsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Events Polling Trigger',
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
		properties: [
			eventsField(
				'The event types that start the workflow, at most 20 (Stripe filters by no more), or All Events (*). Type to search, for example onramp, climate or invoice.paid.',
			),
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
					eventModeOption('Which events start the workflow. A key lists the events of its own mode only.'),
					eventOutputOption,
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollStripeEvents.call(this);
	}
}
