/**
 * Vault and Forward requests (docs.stripe.com/payments/forwarding). The emulator never contacts the
 * destination: it synthesizes the destination's answer and returns the (redacted) request/response
 * details and the request context, as Stripe does for a synchronous forward.
 */
import { createHash } from 'node:crypto';
import { invalidRequest, resourceMissing } from '../errors';
import { newId, unixNow } from '../ids';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { ScopeState, StoredObject } from '../store';
import { applyMetadata, findOr404 } from './shared';

interface Header {
	name: string;
	value: string;
}

export interface ForwardingRequest extends StoredObject {
	object: 'forwarding.request';
	livemode: boolean;
	metadata: Record<string, string>;
	payment_method: string;
	replacements: string[];
	request_context: { destination_duration: number; destination_ip_address: string };
	request_details: { body: string; headers: Header[]; http_method: 'POST' };
	response_details: { body: string; headers: Header[]; status: number };
	url: string;
}

const NOUN = 'forwarding request';
/** Header values Stripe stores redacted for the 30-day retention. */
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|destination-api-key|cookie)$/i;

const requests = (state: ScopeState) => state.collection<ForwardingRequest>('forwarding.request');

export const forwardingHandlers: Record<string, OperationHandler> = {
	GetForwardingRequests: {
		execute: ({ state, params }) => listPage(requests(state), params, { url: '/v1/forwarding/requests', noun: NOUN }),
	},
	PostForwardingRequests: {
		validate(params) {
			let url: URL | undefined;
			try {
				url = new URL(params.url);
			} catch {
				url = undefined;
			}
			// "The destination URL ... Must be supported by the config"; configs only hold https endpoints.
			if (!url || url.protocol !== 'https:') {
				throw invalidRequest(`Invalid URL: ${params.url}. The destination URL must be an https URL supported by your forwarding configuration.`, { param: 'url' });
			}
		},
		execute({ state, params }) {
			if (!/^pm_[A-Za-z0-9_]+$/.test(params.payment_method)) {
				throw resourceMissing('PaymentMethod', params.payment_method, 'payment_method', 400);
			}
			const sentHeaders: Header[] = params.request?.headers ?? [];
			const body: string = params.request?.body ?? '';
			const digest = createHash('sha256').update(`${params.url}\n${body}`).digest();
			const forwarded: ForwardingRequest = {
				id: newId('fwdreq_'),
				object: 'forwarding.request',
				created: unixNow(),
				livemode: state.livemode,
				metadata: applyMetadata({}, params.metadata),
				payment_method: params.payment_method,
				replacements: params.replacements,
				request_context: {
					destination_duration: 80 + (digest[0] % 200),
					destination_ip_address: `203.0.113.${1 + (digest[1] % 254)}`, // TEST-NET-3, never a real host
				},
				request_details: {
					body,
					headers: sentHeaders.map((h) => ({ name: h.name, value: SENSITIVE_HEADER.test(h.name) ? '[REDACTED]' : h.value })),
					http_method: 'POST',
				},
				response_details: {
					body: JSON.stringify({ status: 'succeeded', reference: `ref_${digest.toString('hex').slice(0, 16)}` }),
					headers: [
						{ name: 'Content-Type', value: 'application/json' },
						{ name: 'Date', value: new Date().toUTCString() },
					],
					status: 200,
				},
				url: params.url,
			};
			return requests(state).insert(forwarded);
		},
	},
	GetForwardingRequestsId: {
		execute: ({ state, pathParams }) => findOr404(requests(state), pathParams.id, NOUN),
	},
};
