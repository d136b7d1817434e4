/**
 * Stripe list semantics (docs.stripe.com/api/pagination): `limit` 1..100 (default 10),
 * `starting_after` / `ending_before` object-id cursors (mutually exclusive), newest first,
 * `{object: 'list', data, has_more, url}`; `created` filters as an integer or a range hash.
 */
import { exclusiveParameters, invalidRequest, resourceMissing } from './errors';
import type { Collection, StoredObject } from './store';
import type { Params } from './validator';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

export interface ListObject<T> {
	object: 'list';
	data: T[];
	has_more: boolean;
	url: string;
}

/** Validation-phase rules shared by every list operation. */
export function checkListParams(params: Params): void {
	if (params.limit !== undefined && (params.limit < 1 || params.limit > MAX_LIMIT)) {
		throw invalidRequest(`Invalid limit: must be between 1 and ${MAX_LIMIT}. You passed ${params.limit}.`, {
			code: 'parameter_invalid_integer',
			param: 'limit',
		});
	}
	if (params.starting_after !== undefined && params.ending_before !== undefined) {
		throw exclusiveParameters(['ending_before', 'starting_after']);
	}
}

export function listPage<T extends StoredObject>(
	collection: Collection<T>,
	params: Params,
	options: { url: string; noun: string; filter?: (obj: T) => boolean; present?: (obj: T) => unknown },
): ListObject<unknown> {
	const cursor = (param: 'starting_after' | 'ending_before'): T | undefined => {
		const id = params[param] as string | undefined;
		if (id === undefined) return undefined;
		const found = collection.get(id);
		if (!found) throw resourceMissing(options.noun, id, param, 400);
		return found;
	};
	const createdFilter = matchCreated(params.created);
	const filter = options.filter;
	const { data, hasMore } = collection.page({
		limit: params.limit ?? DEFAULT_LIMIT,
		startingAfter: cursor('starting_after'),
		endingBefore: cursor('ending_before'),
		filter: createdFilter || filter ? (o) => (!createdFilter || createdFilter(o)) && (!filter || filter(o)) : undefined,
	});
	const present = options.present ?? ((o: T) => o);
	return { object: 'list', data: data.map(present), has_more: hasMore, url: options.url };
}

type CreatedParam = number | { gt?: number; gte?: number; lt?: number; lte?: number } | undefined;

function matchCreated(created: CreatedParam): ((obj: StoredObject) => boolean) | undefined {
	if (created === undefined) return undefined;
	if (typeof created === 'number') return (o) => o.created === created;
	const { gt, gte, lt, lte } = created;
	return (o) =>
		(gt === undefined || o.created > gt) &&
		(gte === undefined || o.created >= gte) &&
		(lt === undefined || o.created < lt) &&
		(lte === undefined || o.created <= lte);
}
