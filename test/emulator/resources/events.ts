/**
 * The Events API (docs.stripe.com/api/events/list, /api/events/retrieve), kept minimal: the events
 * this emulator emitted, newest first, filtered by `type` (a `*` wildcard group allowed) or
 * `types` (never both), `created` and `delivery_success`.
 */
import { exclusiveParameters, invalidRequest } from '../errors';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { StoredEvent } from '../webhooks/events';
import { findOr404 } from './shared';

/** "An array of up to 20 strings containing specific event names." */
const MAX_TYPES = 20;

function typeMatcher(type: string | undefined, types: string[] | undefined): ((event: StoredEvent) => boolean) | undefined {
	if (type !== undefined) {
		const pattern = new RegExp(`^${type.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
		return (event) => pattern.test(event.type);
	}
	if (types !== undefined) return (event) => types.includes(event.type);
	return undefined;
}

export const eventHandlers: Record<string, OperationHandler> = {
	GetEvents: {
		validate(params) {
			if (params.type !== undefined && params.types !== undefined) throw exclusiveParameters(['type', 'types']);
			if (params.types !== undefined && params.types.length > MAX_TYPES) {
				throw invalidRequest(`Invalid types: at most ${MAX_TYPES} event types may be given.`, { param: 'types' });
			}
		},
		execute: ({ state, params }) => {
			const matchesType = typeMatcher(params.type, params.types);
			const delivered = params.delivery_success as boolean | undefined;
			return listPage(state.collection<StoredEvent>('event'), params, {
				url: '/v1/events',
				noun: 'event',
				filter: (event) =>
					(!matchesType || matchesType(event)) && (delivered === undefined || (event.pending_webhooks === 0) === delivered),
			});
		},
	},
	GetEventsId: {
		execute: ({ state, pathParams }) => findOr404(state.collection<StoredEvent>('event'), pathParams.id, 'event'),
	},
};
