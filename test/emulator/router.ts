/**
 * Maps method + path to a spec operation and the resource handler that implements it. Every spec
 * operation must have a handler and every handler an operation, so the emulator cannot silently
 * drift from the spec subset.
 */
import type { EmulatorClock } from './clock';
import type { EmitEvent } from './webhooks/events';
import type { Operation } from './spec';
import type { ScopeState } from './store';
import type { Params } from './validator';

export interface HandlerContext {
	state: ScopeState;
	params: Params;
	pathParams: Record<string, string>;
	emit: EmitEvent;
	/** The emulator's clock (events use it for `created` and their 30-day retention). */
	clock: EmulatorClock;
}

/** What a handler may check about a request before its parameters are read. */
export interface RoutedRequest {
	/** The Stripe-Version header as sent (beta flags included), if any. */
	stripeVersion: string | undefined;
}

export interface OperationHandler {
	/** Rules Stripe applies when it routes the request, before reading any parameter. */
	route?(request: RoutedRequest): void;
	/** Cross-field rules Stripe checks while validating (their errors are not saved for idempotency). */
	validate?(params: Params): void;
	/** Runs the operation and returns the response body (status 200). */
	execute(ctx: HandlerContext): unknown;
}

export interface Route {
	operation: Operation;
	handler: OperationHandler;
	/** Responds with `{object: 'list'}`: gets Stripe's list parameter rules. */
	isList: boolean;
}

interface CompiledRoute extends Route {
	pattern: RegExp;
}

export class Router {
	private readonly routes: CompiledRoute[];

	constructor(operations: Operation[], handlers: Record<string, OperationHandler>, isList: (op: Operation) => boolean) {
		const missing = operations.filter((op) => !handlers[op.operationId]).map((op) => op.operationId);
		const known = new Set(operations.map((op) => op.operationId));
		const orphaned = Object.keys(handlers).filter((id) => !known.has(id));
		if (missing.length || orphaned.length) {
			throw new Error(`Handlers out of sync with the spec; missing: [${missing}], without operation: [${orphaned}]`);
		}
		this.routes = operations.map((operation) => ({
			operation,
			handler: handlers[operation.operationId],
			isList: isList(operation),
			pattern: new RegExp(`^${operation.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '([^/]+)')}$`),
		}));
	}

	match(method: string, path: string): { route: Route; pathParams: Record<string, string> } | undefined {
		for (const route of this.routes) {
			if (route.operation.method !== method) continue;
			const found = route.pattern.exec(path);
			if (!found) continue;
			const pathParams: Record<string, string> = {};
			route.operation.pathParams.forEach((name, i) => (pathParams[name] = safeDecode(found[i + 1])));
			return { route, pathParams };
		}
		return undefined;
	}
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}
