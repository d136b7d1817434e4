/** Every resource family's handlers (keyed by operationId) and id expanders. */
import type { ExpandResolver } from '../expand';
import type { OperationHandler } from '../router';
import { climateExpanders, climateHandlers } from './climate';
import { eventHandlers } from './events';
import { forwardingHandlers } from './forwarding';
import { onrampHandlers } from './onramp';
import { onrampQuotesHandlers } from './onramp-quotes';
import { webhookEndpointHandlers } from './webhook-endpoints';

export const handlers: Record<string, OperationHandler> = {
	...climateHandlers,
	...onrampHandlers,
	...onrampQuotesHandlers,
	...forwardingHandlers,
	...webhookEndpointHandlers,
	...eventHandlers,
};

export const expanders: Record<string, ExpandResolver> = { ...climateExpanders };
