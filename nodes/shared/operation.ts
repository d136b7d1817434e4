import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripeParams } from './encode';
import type { OperationItem } from './item';

/** What one item asks of Stripe: a single request, or a walk over a list. */
export interface StripeCall {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	params?: StripeParams;
	/** Present for list operations: walk pages with starting_after. */
	paginate?: { returnAll: boolean; limit: number };
	/** Turns the response into output objects; by default the object itself, or each listed object. */
	toOutput?: (response: IDataObject) => IDataObject[];
	/**
	 * For an endpoint Stripe serves at more than one path: sends the call itself. `fetchAt` sends
	 * this call's method and parameters to a path through the shared transport (retries included).
	 */
	send?: (fetchAt: (path: string) => Promise<IDataObject>, caller: CallerInfo) => Promise<IDataObject>;
}

/** Who a call is sent for, without secrets. */
export interface CallerInfo {
	/** A hash of the credential, base URL and account: a key for process memory. */
	key: string;
	/** The Stripe-Version header the request carries, if any. */
	stripeVersion?: string;
}

export interface StripeOperation {
	/** The value of this operation in its resource's Operation selector, e.g. "create". */
	value: string;
	/** The Stripe endpoint, e.g. "POST /v1/climate/orders"; the spec-coverage test reads it. */
	endpoint: string;
	/** The operation's fields; the node adds resource/operation display conditions. */
	properties: INodeProperties[];
	/** Request parameters of the endpoint that no field reaches, each with the reason. */
	omittedParams?: Record<string, string>;
	/** Reads and checks the item's fields, then says what to send. Throws before anything is sent. */
	build(item: OperationItem): StripeCall;
}

/**
 * A resource: its Operation selector, written out literally (names, actions and descriptions
 * as the editor and the linter see them), and the operations behind the selector's values.
 */
export interface StripeResource {
	value: string;
	operationSelector: INodeProperties;
	operations: StripeOperation[];
}

export type HttpMethod = StripeCall['method'];

export function endpointMethod(operation: StripeOperation): HttpMethod {
	return operation.endpoint.split(' ')[0] as HttpMethod;
}
