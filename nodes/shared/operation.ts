import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripeParams } from './encode';
import type { OperationItem } from './item';
import type { ListWindow } from './period';
import type { ReadableContext } from './readable';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What one item asks of its operation's route: path parameters, request parameters, paging. */
export interface StripeCall {
	/** A value for each `{name}` of the route's path; the transport percent-encodes them. */
	pathParams?: Record<string, string>;
	/** Query string for GET and DELETE, form body for POST. */
	params?: StripeParams;
	/**
	 * Present for list operations: walk pages with starting_after. `window`: for a list Stripe
	 * cannot filter by `created`, which objects to keep and when to stop paging.
	 */
	paginate?: { returnAll: boolean; limit: number; window?: ListWindow };
	/** Turns the response (or each listed object) into output objects; by default the object itself. */
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
	/**
	 * The one place the operation's method and path are written, as Stripe's reference and spec
	 * write them: "POST /v1/climate/orders/{order}/cancel". `build` gives the `{order}` value.
	 */
	route: string;
	/** The operation's fields; the node adds resource/operation display conditions. */
	properties: INodeProperties[];
	/** Request parameters of the endpoint that no field reaches, each with the reason. */
	omittedParams?: Record<string, string>;
	/** Reads and checks the item's fields, then says what to send. Throws before anything is sent. */
	build(item: OperationItem): StripeCall;
	/** The readable shape of each output object (Output: Readable), from its resource's readable.ts. */
	readable?: (object: IDataObject, context: ReadableContext) => IDataObject;
	/**
	 * What a model reads about this operation when its node is an agent's tool: what it does and
	 * costs, units and formats, ids, what comes back and its limits. Plain text, never starting
	 * with "=": n8n 2.41 would evaluate that as an expression and 2.8 would not.
	 */
	toolDescription: string;
	/** What calling it as a tool costs, said to the agent builder above the Tool variant's fields. */
	toolCostNotice?: string;
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

/** "POST /v1/climate/orders/{order}/cancel" → its method and path template. */
export function parseRoute(route: string): { method: HttpMethod; path: string } {
	const [method, path] = route.split(' ');
	return { method: method as HttpMethod, path };
}
