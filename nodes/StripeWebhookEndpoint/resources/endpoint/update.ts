import { metadataField } from '../../../shared/fields';
import type { StripeOperation } from '../../../shared/operation';
import { ENDPOINT_ID_PREFIX, endpointIdField, eventsField, readEvents, readUrl, urlField } from './fields';
import { readableWebhookEndpoint } from './readable';

export const updateWebhookEndpoint: StripeOperation = {
	value: 'update',
	route: 'POST /v1/webhook_endpoints/{webhook_endpoint}',
	toolDescription:
		'Change a webhook endpoint (we_...): its url, event types (these replace the current ones), description, metadata, or disable or enable it. Returns the updated endpoint.',
	readable: readableWebhookEndpoint,
	properties: [
		endpointIdField,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Clear All Metadata',
					name: 'clearMetadata',
					type: 'boolean',
					default: true,
					description: 'Whether to remove every metadata key of the endpoint. Not together with Metadata.',
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'Shown on the endpoint in the Stripe Dashboard. Add the field and leave it empty to remove the description.',
				},
				{
					displayName: 'Disabled',
					name: 'disabled',
					type: 'boolean',
					default: false,
					description: 'Whether Stripe stops sending events to the endpoint',
				},
				eventsField({ description: 'Replaces the event types the endpoint receives. Type to search, for example onramp, climate or invoice.paid.' }),
				metadataField('Key-value pairs to add or change on the endpoint. A key with an empty value is removed.'),
				urlField(),
			],
		},
	],
	build(item) {
		const endpointId = item.id('endpointId', ENDPOINT_ID_PREFIX);
		const fields = item.collection('updateFields');
		const clearMetadata = item.boolean('clearMetadata', fields) ?? false;
		const metadata = item.pairs('metadata', fields);
		if (clearMetadata && metadata) item.fail('clearMetadata', 'cannot be used together with Metadata');
		return {
			pathParams: { webhook_endpoint: endpointId },
			params: {
				url: 'url' in fields ? readUrl(item, fields) : undefined,
				enabled_events: 'enabledEvents' in fields ? readEvents(item, fields) : undefined,
				// Added but empty: "" removes the description.
				description: 'description' in fields ? (item.text('description', fields) ?? '') : undefined,
				disabled: item.boolean('disabled', fields),
				// Stripe unsets every key when metadata is sent as an empty string.
				metadata: clearMetadata ? '' : metadata,
			},
		};
	},
};
