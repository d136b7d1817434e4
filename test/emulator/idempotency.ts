/**
 * Idempotent requests as described at docs.stripe.com/idempotency (v1):
 * - the status and body of the first request whose execution began are saved and replayed,
 *   errors included; validation failures are never saved;
 * - a key reused with a different endpoint or parameters is an `idempotency_error` (400);
 * - a key whose first request is still executing answers 409 (`idempotency_key_in_use`);
 * - keys are scoped to the account (here: mode + account) and may be pruned after 24 hours.
 */
import { ApiError, invalidRequest } from './errors';

const MAX_KEY_LENGTH = 255;
const RETENTION_MS = 24 * 60 * 60 * 1000;

export interface SavedResponse {
	status: number;
	body: unknown;
	requestId: string;
}

interface IdempotencyRecord {
	fingerprint: string;
	createdAt: number;
	saved?: SavedResponse; // undefined while the first request is executing
}

export class IdempotencyStore {
	private readonly records = new Map<string, IdempotencyRecord>();

	static checkKey(key: string): void {
		if (key.length > MAX_KEY_LENGTH) {
			throw invalidRequest(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters long.`, {
				param: 'Idempotency-Key',
			});
		}
	}

	/** A saved response to replay, or undefined when this key is new (or pruned). Throws on conflicts. */
	lookup(scope: string, key: string, fingerprint: string, now = Date.now()): SavedResponse | undefined {
		const id = recordId(scope, key);
		const record = this.records.get(id);
		if (!record) return undefined;
		if (now - record.createdAt > RETENTION_MS) {
			this.records.delete(id);
			return undefined;
		}
		if (!record.saved) {
			throw new ApiError(409, {
				type: 'idempotency_error',
				code: 'idempotency_key_in_use',
				message: `There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
			});
		}
		if (record.fingerprint !== fingerprint) {
			throw new ApiError(400, {
				type: 'idempotency_error',
				message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
			});
		}
		return record.saved;
	}

	/** Marks the key as executing; call `save` once the outcome is known. */
	begin(scope: string, key: string, fingerprint: string, now = Date.now()): void {
		this.records.set(recordId(scope, key), { fingerprint, createdAt: now });
	}

	save(scope: string, key: string, response: SavedResponse): void {
		const record = this.records.get(recordId(scope, key));
		if (record) record.saved = response;
	}

	clear(): void {
		this.records.clear();
	}
}

function recordId(scope: string, key: string): string {
	return `${scope}\n${key}`;
}

/** What "the same request" means: method, path and the parsed parameters (order-insensitive). */
export function requestFingerprint(method: string, path: string, params: unknown): string {
	return `${method} ${path} ${canonicalJson(params)}`;
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value);
}
