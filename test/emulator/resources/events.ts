/**
 * The Events API (docs.stripe.com/api/events/list and /retrieve, spec/endpoints.md §6): the events
 * the emulator's own actions created, newest first, for the last 30 days of the emulator's clock,
 * per key mode and connected account like every other object.
 */
import { exclusiveParameters, invalidRequest, resourceMissing } from '../errors';
import { listPage } from '../pagination';
import type { OperationHandler } from '../router';
import type { ScopeState } from '../store';
import type { Params } from '../validator';
import { listedFrom, type StoredEvent } from '../webhooks/events';

/** "List events, going back up to 30 days." */
export const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;
/** "An array of up to 20 strings containing specific event names." */
const MAX_TYPES = 20;
const NOUN = 'event';

const events = (state: ScopeState) => state.collection<StoredEvent>('event');

/** Listed (its listing time reached, see `listedFrom`) and not older than Stripe keeps events. */
const isRetained = (event: StoredEvent, now: number) => now - event.created <= EVENT_RETENTION_SECONDS && (listedFrom.get(event) ?? 0) <= now;

/** `type` is one name or a group with `*` standing for any characters (`climate.order.*`). */
function typeFilter(params: Params): (type: string) => boolean {
	if (params.types !== undefined) {
		const names = new Set<string>(params.types);
		return (type) => names.has(type);
	}
	if (params.type === undefined) return () => true;
	const pattern = String(params.type)
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	const matcher = new RegExp(`^${pattern}$`);
	return (type) => matcher.test(type);
}

export const eventHandlers: Record<string, OperationHandler> = {
	GetEvents: {
		validate(params) {
			// "You may pass either `type` or `types`, but not both."
			if (params.type !== undefined && params.types !== undefined) throw exclusiveParameters(['type', 'types']);
			if (params.types !== undefined && params.types.length > MAX_TYPES) {
				throw invalidRequest(`Invalid array: types must have at most ${MAX_TYPES} elements, you passed ${params.types.length}.`, {
					param: 'types',
				});
			}
		},
		execute({ state, params, clock }) {
			const now = clock.now();
			const matchesType = typeFilter(params);
			const delivery = params.delivery_success as boolean | undefined;
			return listPage(events(state), params, {
				url: '/v1/events',
				noun: NOUN,
				filter: (event) =>
					isRetained(event, now) &&
					matchesType(event.type) &&
					(delivery === undefined || (event.pending_webhooks === 0) === delivery),
			});
		},
	},
	GetEventsId: {
		execute({ state, pathParams, clock }) {
			const event = events(state).get(pathParams.id);
			if (!event || !isRetained(event, clock.now())) throw resourceMissing(NOUN, pathParams.id);
			return event;
		},
	},
};
