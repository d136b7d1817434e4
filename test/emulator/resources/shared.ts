/** Small helpers shared by the resource modules. */
import { resourceMissing } from '../errors';
import type { Collection, StoredObject } from '../store';

/**
 * Stripe metadata updates: keys merge into the existing map, a key posted with "" is removed,
 * and `metadata=""` removes every key (spec description of `metadata`).
 */
export function applyMetadata(current: Record<string, string>, update: Record<string, string> | '' | undefined): Record<string, string> {
	if (update === undefined) return current;
	if (update === '') return {};
	const next = { ...current };
	for (const [key, value] of Object.entries(update)) {
		if (value === '') delete next[key];
		else next[key] = value;
	}
	return next;
}

/** The object behind a path id, or Stripe's 404 `resource_missing` (wrong prefixes included). */
export function findOr404<T extends StoredObject>(collection: Collection<T>, id: string, noun: string): T {
	const found = collection.get(id);
	if (!found) throw resourceMissing(noun, id);
	return found;
}

/** Fixed-point text without trailing zeros (`0.5`, `12`), as Stripe prints decimal strings. */
export function decimalText(value: number, places: number): string {
	const fixed = value.toFixed(places);
	return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

export function isDecimal(text: string): boolean {
	return /^\d+(\.\d+)?$/.test(text);
}

/** Plain JSON copy, so callers never hold references into the store. */
export function copy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}
