import type { IDataObject } from 'n8n-workflow';

import { idOf, orNull, type ReadableContext, readableTime } from '../../../shared/readable';

/**
 * A forwarding request as a person reads it: where it went, what Stripe filled in, and how the
 * destination answered. The bodies stay in the raw output.
 */
export function readableForwardingRequest(request: IDataObject, context: ReadableContext): IDataObject {
	const details = (request.request_details ?? {}) as IDataObject;
	const response = (request.response_details ?? {}) as IDataObject;
	const requestContext = (request.request_context ?? {}) as IDataObject;
	return {
		id: request.id,
		created: readableTime(request.created, context),
		paymentMethodId: idOf(request.payment_method),
		url: orNull(request.url),
		httpMethod: orNull(details.http_method ?? null),
		replacements: Array.isArray(request.replacements) ? request.replacements : [],
		responseStatus: orNull(response.status ?? null),
		destinationDurationMs: orNull(requestContext.destination_duration ?? null),
		destinationIpAddress: orNull(requestContext.destination_ip_address ?? null),
		livemode: orNull(request.livemode),
		metadata: request.metadata ?? {},
	};
}
