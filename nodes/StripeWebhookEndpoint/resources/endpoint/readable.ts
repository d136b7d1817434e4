import type { IDataObject } from 'n8n-workflow';

import { orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/**
 * A webhook endpoint as a person reads it, or its deleted object. The signing secret Stripe
 * returns on creation stays: the workflow stores it to check signatures.
 */
export function readableWebhookEndpoint(endpoint: IDataObject, context: ReadableContext): IDataObject {
	if (endpoint.deleted === true) return { id: endpoint.id, deleted: true };
	return {
		id: endpoint.id,
		url: orNull(endpoint.url),
		status: orNull(endpoint.status),
		description: orNull(endpoint.description ?? null),
		enabledEvents: Array.isArray(endpoint.enabled_events) ? endpoint.enabled_events : [],
		apiVersion: orNull(endpoint.api_version ?? null),
		created: readableTime(endpoint.created, context),
		applicationId: orNull(endpoint.application ?? null),
		...(endpoint.secret !== undefined ? { secret: endpoint.secret } : {}),
		livemode: orNull(endpoint.livemode),
		metadata: endpoint.metadata ?? {},
	};
}
