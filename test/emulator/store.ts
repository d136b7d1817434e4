/**
 * In-memory state. Stripe keeps test and live data apart and each connected account apart, so every
 * (mode, account) pair gets its own `ScopeState`. Collections keep objects ordered by (created,
 * insertion) so lists come back newest first and cursors are cheap to locate.
 */
import type { Scope } from './types';

export interface StoredObject {
	id: string;
	object: string;
	created: number;
	[field: string]: unknown;
}

interface Entry<T> {
	created: number;
	seq: number;
	obj: T;
}

export interface PageQuery<T> {
	limit: number;
	startingAfter?: T;
	endingBefore?: T;
	filter?: (obj: T) => boolean;
}

export class Collection<T extends StoredObject = StoredObject> {
	private entries: Entry<T>[] = []; // ascending by (created, seq)
	private byId = new Map<string, Entry<T>>();
	private nextSeq = 0;

	get size(): number {
		return this.entries.length;
	}

	get(id: string): T | undefined {
		return this.byId.get(id)?.obj;
	}

	insert(obj: T): T {
		const entry = { created: obj.created, seq: this.nextSeq++, obj };
		this.byId.set(obj.id, entry);
		const last = this.entries[this.entries.length - 1];
		if (!last || compare(last, entry) < 0) this.entries.push(entry);
		else this.entries.splice(this.indexAfter(entry), 0, entry);
		return obj;
	}

	/** Bulk insert (seeding): one sort instead of n splices. */
	insertMany(objs: T[]): void {
		for (const obj of objs) {
			const entry = { created: obj.created, seq: this.nextSeq++, obj };
			this.byId.set(obj.id, entry);
			this.entries.push(entry);
		}
		this.entries.sort(compare);
	}

	remove(id: string): boolean {
		const entry = this.byId.get(id);
		if (!entry) return false;
		this.byId.delete(id);
		this.entries.splice(this.indexOf(entry), 1);
		return true;
	}

	oldestCreated(): number | undefined {
		return this.entries[0]?.created;
	}

	/** Newest first. */
	newestFirst(): T[] {
		const out: T[] = [];
		for (let i = this.entries.length - 1; i >= 0; i--) out.push(this.entries[i].obj);
		return out;
	}

	/**
	 * One page of a Stripe list: newest first; `starting_after` continues towards older objects,
	 * `ending_before` returns the `limit` objects just newer than the cursor (still newest first).
	 */
	page(query: PageQuery<T>): { data: T[]; hasMore: boolean } {
		const accept = query.filter ?? (() => true);
		const taken: T[] = [];
		let hasMore = false;
		if (query.endingBefore) {
			for (let i = this.indexOf(this.byId.get(query.endingBefore.id)!) + 1; i < this.entries.length; i++) {
				if (!accept(this.entries[i].obj)) continue;
				if (taken.length === query.limit) {
					hasMore = true;
					break;
				}
				taken.push(this.entries[i].obj);
			}
			return { data: taken.reverse(), hasMore };
		}
		const start = query.startingAfter
			? this.indexOf(this.byId.get(query.startingAfter.id)!) - 1
			: this.entries.length - 1;
		for (let i = start; i >= 0; i--) {
			if (!accept(this.entries[i].obj)) continue;
			if (taken.length === query.limit) {
				hasMore = true;
				break;
			}
			taken.push(this.entries[i].obj);
		}
		return { data: taken, hasMore };
	}

	private indexOf(entry: Entry<T>): number {
		return this.indexAfter(entry) - 1;
	}

	/** First index whose entry sorts after `entry` (binary search). */
	private indexAfter(entry: Entry<T>): number {
		let lo = 0;
		let hi = this.entries.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (compare(this.entries[mid], entry) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

function compare(a: Entry<unknown>, b: Entry<unknown>): number {
	return a.created - b.created || a.seq - b.seq;
}

/** Collection names: the `object` value of what they hold. */
export type CollectionName =
	| 'climate.order'
	| 'climate.product'
	| 'climate.supplier'
	| 'crypto.onramp_session'
	| 'forwarding.request'
	| 'webhook_endpoint'
	| 'event';

export class ScopeState {
	private readonly collections = new Map<CollectionName, Collection>();

	constructor(readonly scope: Scope) {}

	get livemode(): boolean {
		return this.scope.mode === 'live';
	}

	collection<T extends StoredObject>(name: CollectionName): Collection<T> {
		let found = this.collections.get(name);
		if (!found) {
			found = new Collection();
			this.collections.set(name, found);
		}
		return found as unknown as Collection<T>;
	}
}

export function scopeKey(scope: Scope): string {
	return `${scope.mode}:${scope.account ?? ''}`;
}

export class Store {
	private readonly scopes = new Map<string, ScopeState>();

	/** `seedScope` fills a new scope with what Stripe provides up front (the climate catalogue). */
	constructor(private readonly seedScope: (state: ScopeState) => void) {}

	scope(scope: Scope): ScopeState {
		const key = scopeKey(scope);
		let state = this.scopes.get(key);
		if (!state) {
			state = new ScopeState({ mode: scope.mode, account: scope.account });
			this.seedScope(state);
			this.scopes.set(key, state);
		}
		return state;
	}

	/** An existing scope only (routing must not create and seed scopes nobody used). */
	find(scope: Scope): ScopeState | undefined {
		return this.scopes.get(scopeKey(scope));
	}

	all(): ScopeState[] {
		return [...this.scopes.values()];
	}

	clear(): void {
		this.scopes.clear();
	}
}

/** A webhook endpoint as the emulator keeps it: Stripe's object plus its signing secret and whether it is a Connect endpoint. */
export interface StoredWebhookEndpoint extends StoredObject {
	object: 'webhook_endpoint';
	api_version: string | null;
	application: string | null;
	description: string | null;
	enabled_events: string[];
	livemode: boolean;
	metadata: Record<string, string>;
	status: 'enabled' | 'disabled';
	url: string;
	secret: string;
	connect: boolean;
}
