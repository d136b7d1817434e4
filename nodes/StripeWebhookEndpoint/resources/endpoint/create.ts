import { apiVersionOptions, metadataField } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { eventsField, readEvents, readUrl, urlField } from './fields';
import { readableWebhookEndpoint } from './readable';

export const createWebhookEndpoint: StripeOperation = {
	value: 'create',
	route: 'POST /v1/webhook_endpoints',
	toolDescription:
		'Create a Stripe webhook endpoint: Stripe starts sending the event types in enabled_events (comma-separated, such as invoice.paid,climate.order.delivered, or * for all) to the url at once. Costs nothing. Returns the endpoint: id (we_...), url, events, status. Its signing secret is withheld.',
	readable: readableWebhookEndpoint,
	properties: [
		{
			displayName:
				"The output holds the endpoint's signing secret (whsec_...), which Stripe shows only once, in this answer. Store it, for example in a credential, to verify the events' signatures.",
			name: 'signingNotice',
			type: 'notice',
			default: '',
		},
		urlField({ required: true }),
		eventsField({ required: true }),
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Connect',
					name: 'connect',
					type: 'boolean',
					default: false,
					description: "Whether the endpoint receives events from your connected accounts instead of your own account's",
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Shown on the endpoint in the Stripe Dashboard',
				},
				{
					displayName: 'Events API Version',
					name: 'eventsApiVersion',
					type: 'options',
					options: apiVersionOptions({ name: 'Account Default', description: "The account's default API version" }),
					default: '',
					description:
						"The API version Stripe renders this endpoint's events in. Stripe cannot change it later; create a new endpoint instead. An expression may give a version newer than this list.",
				},
				metadataField(),
			],
		},
	],
	build(item) {
		const fields = item.collection('additionalFields');
		return {
			params: {
				url: readUrl(item),
				enabled_events: readEvents(item),
				api_version: item.apiVersion('eventsApiVersion', fields),
				connect: item.boolean('connect', fields),
				description: item.text('description', fields),
				metadata: item.pairs('metadata', fields),
			},
		};
	},
};
