import type { IDataObject } from 'n8n-workflow';

import { idOf, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/**
 * An event as a person reads it: what happened to which object, when, and whether Stripe still
 * has deliveries pending. The object itself stays in the Whole Event output.
 */
export function readableEvent(event: IDataObject, context: ReadableContext): IDataObject {
	const data = (event.data ?? {}) as IDataObject;
	const object = (data.object ?? {}) as IDataObject;
	const request = (event.request ?? null) as IDataObject | string | null;
	return {
		id: event.id,
		type: orNull(event.type),
		created: readableTime(event.created, context),
		objectId: orNull(object.id ?? null),
		objectType: orNull(object.object ?? null),
		changedFields: data.previous_attributes && typeof data.previous_attributes === 'object' ? Object.keys(data.previous_attributes).sort() : [],
		pendingWebhooks: orNull(event.pending_webhooks ?? null),
		requestId: typeof request === 'string' ? request : idOf(request),
		idempotencyKey: request && typeof request === 'object' ? orNull(request.idempotency_key ?? null) : null,
		accountId: orNull(event.account ?? null),
		apiVersion: orNull(event.api_version ?? null),
		livemode: orNull(event.livemode),
	};
}
