import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { StripeParams } from './encode';
import { LATEST_API_VERSION } from './constants';
import { CREATED_PERIODS, type CreatedRange, createdPeriodRange, isCreatedPeriod } from './period';
import { epochMillis } from './time';
import { isApiVersion, isCurrencyCode, isDecimalAmount, isHttpUrl, isIpAddress, isStripeVersionHeader } from './validate';

/**
 * One input item as an operation sees it: typed reads of its fields, each check failing with
 * a NodeOperationError that names the field (as the editor labels it) and the item.
 */
export class OperationItem {
	constructor(
		readonly context: IExecuteFunctions,
		readonly index: number,
		private readonly labels: ReadonlyMap<string, string>,
	) {}

	fail(field: string, problem: string): never {
		const label = this.labels.get(field) ?? field;
		throw new NodeOperationError(this.context.getNode(), `${label} ${problem} [item ${this.index}]`, {
			itemIndex: this.index,
			description: `Check the "${label}" field of item ${this.index}. Nothing was sent to Stripe for this item.`,
		});
	}

	/** The field's value as the node holds it (expressions already resolved). */
	raw<T = unknown>(name: string, fallback?: T): T {
		return this.context.getNodeParameter(name, this.index, fallback as never) as T;
	}

	/** A collection field ("Additional Fields"), empty when not set. */
	collection(name: string): IDataObject {
		return this.raw<IDataObject>(name, {}) ?? {};
	}

	/** Trimmed text, or undefined when empty. Rejects values that resolved to objects or lists. */
	text(name: string, source?: IDataObject): string | undefined {
		const value = source ? source[name] : this.raw(name, '');
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value === 'object') this.fail(name, `must be text, but the value is ${Array.isArray(value) ? 'a list' : 'an object'}`);
		const trimmed = String(value).trim();
		return trimmed === '' ? undefined : trimmed;
	}

	requiredText(name: string, source?: IDataObject): string {
		const value = this.text(name, source);
		if (value === undefined) this.fail(name, 'is required');
		return value;
	}

	/** A Stripe object id, from a text field or a resource locator, checked for its prefix. */
	id(name: string, prefix: string): string {
		const raw = this.raw<unknown>(name, '');
		const value = typeof raw === 'object' && raw !== null && '__rl' in raw ? (raw as IDataObject).value : raw;
		if (value === undefined || value === null || String(value).trim() === '') this.fail(name, 'is required');
		if (typeof value === 'object') this.fail(name, 'must be an ID, but the value is an object');
		const id = String(value).trim();
		if (!id.startsWith(prefix) || id.length === prefix.length || /[\s/?#]/.test(id)) {
			this.fail(name, `must be an ID starting with "${prefix}", got "${id}"`);
		}
		return id;
	}

	/** A positive decimal string such as "12.50", as Stripe's amount fields take. */
	decimal(name: string, source?: IDataObject): string | undefined {
		const value = this.text(name, source);
		if (value !== undefined && !isDecimalAmount(value)) {
			this.fail(name, `must be a positive decimal number such as "10" or "12.50", got "${value}"`);
		}
		return value;
	}

	/** A three-letter ISO currency code, lower-cased as Stripe writes it. */
	currency(name: string, source?: IDataObject): string | undefined {
		const value = this.text(name, source)?.toLowerCase();
		if (value !== undefined && !isCurrencyCode(value)) {
			this.fail(name, `must be a three-letter ISO currency code such as "usd", got "${value}"`);
		}
		return value;
	}

	/**
	 * A Stripe API version (from a list, or an expression carrying a newer one), checked for its
	 * shape. `betaFlags`: a Stripe-Version header, which may add beta flags after the version.
	 */
	apiVersion(name: string, source?: IDataObject, { betaFlags = false } = {}): string | undefined {
		const value = this.text(name, source);
		if (value === undefined) return undefined;
		if (betaFlags && !isStripeVersionHeader(value)) {
			this.fail(name, `must look like "${LATEST_API_VERSION}", optionally with beta flags ("${LATEST_API_VERSION};crypto_onramp_beta=v2"), got "${value}"`);
		}
		if (!betaFlags && !isApiVersion(value)) this.fail(name, `must look like "${LATEST_API_VERSION}", got "${value}"`);
		return value;
	}

	integer(name: string, source?: IDataObject): number | undefined {
		const value = source ? source[name] : this.raw(name, undefined);
		if (value === undefined || value === null || value === '') return undefined;
		const number = typeof value === 'number' ? value : Number(String(value).trim());
		if (!Number.isInteger(number) || number <= 0) this.fail(name, `must be a positive whole number, got "${String(value)}"`);
		return number;
	}

	boolean(name: string, source?: IDataObject): boolean | undefined {
		const value = source ? source[name] : this.raw(name, undefined);
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value === 'boolean') return value;
		if (value === 'true' || value === 'false') return value === 'true';
		return this.fail(name, `must be true or false, got "${String(value)}"`);
	}

	ipAddress(name: string, source?: IDataObject): string | undefined {
		const value = this.text(name, source);
		if (value !== undefined && !isIpAddress(value)) this.fail(name, `must be an IPv4 or IPv6 address, got "${value}"`);
		return value;
	}

	httpUrl(name: string, source?: IDataObject): string | undefined {
		const value = this.text(name, source);
		if (value !== undefined && !isHttpUrl(value)) this.fail(name, `must be an absolute http:// or https:// URL, got "${value}"`);
		return value;
	}

	/** A list of text values (multi-select, or an expression resolving to a list or a comma-separated string). */
	list(name: string, source?: IDataObject): string[] | undefined {
		const value = source ? source[name] : this.raw(name, []);
		if (value === undefined || value === null || value === '') return undefined;
		const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
		if (!entries) this.fail(name, 'must be a list of values');
		const cleaned = entries.map((entry) => {
			if (typeof entry === 'object') this.fail(name, 'must be a list of text values');
			return String(entry).trim();
		});
		const nonEmpty = cleaned.filter((entry) => entry !== '');
		return nonEmpty.length ? nonEmpty : undefined;
	}

	/**
	 * Unix seconds from a date picker value (ISO text, a Luxon/JS date, or seconds); a date or time
	 * without an offset is read in the workflow's timezone, as n8n means it.
	 */
	unixTime(name: string, source?: IDataObject): number | undefined {
		const value = source ? source[name] : this.raw(name, '');
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value === 'number') return value > 1e11 ? Math.floor(value / 1000) : Math.floor(value);
		const text = value instanceof Date ? value.toISOString() : String(value);
		const millis = epochMillis(text, this.context.getTimezone());
		if (Number.isNaN(millis)) this.fail(name, `must be a date, got "${String(value)}"`);
		return Math.floor(millis / 1000);
	}

	/**
	 * Stripe's created[gte|lte] filter from Created After/Before (date pickers) or Created Period
	 * (relative to now, in the workflow's timezone); undefined when none is set.
	 */
	createdRange(filters: IDataObject, now = Date.now()): CreatedRange | undefined {
		const period = this.text('createdPeriod', filters);
		const gte = this.unixTime('createdAfter', filters);
		const lte = this.unixTime('createdBefore', filters);
		if (period !== undefined) {
			if (!isCreatedPeriod(period)) this.fail('createdPeriod', `must be one of ${CREATED_PERIODS.join(', ')}, got "${period}"`);
			if (gte !== undefined || lte !== undefined) {
				this.fail('createdPeriod', 'cannot be combined with Created After or Created Before: use one or the other');
			}
			return createdPeriodRange(period, now, this.context.getTimezone());
		}
		if (gte !== undefined && lte !== undefined && gte > lte) this.fail('createdBefore', 'must not be earlier than Created After');
		return gte === undefined && lte === undefined ? undefined : { gte, lte };
	}

	/** Return All / Limit of a Get Many operation. */
	pagination(): { returnAll: boolean; limit: number } {
		const returnAll = this.boolean('returnAll') ?? false;
		return { returnAll, limit: returnAll ? 0 : (this.integer('limit') ?? 50) };
	}

	/** A JSON field that must hold an object; empty or {} counts as not set. */
	jsonObject(name: string, source?: IDataObject): StripeParams | undefined {
		const raw = source ? source[name] : this.raw(name, '');
		if (raw === undefined || raw === null || raw === '') return undefined;
		let value: unknown = raw;
		if (typeof raw === 'string') {
			try {
				value = JSON.parse(raw);
			} catch {
				this.fail(name, 'is not valid JSON');
			}
		}
		if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(name, 'must be a JSON object');
		return Object.keys(value as object).length ? (value as StripeParams) : undefined;
	}

	/** Name/value pairs from a fixed collection, as a plain object (metadata, wallet addresses). */
	pairs(name: string, source?: IDataObject): Record<string, string> | undefined {
		const holder = (source ? source[name] : this.raw(name, {})) as IDataObject | undefined;
		const rows = (holder?.pair ?? []) as Array<{ key?: unknown; value?: unknown }>;
		if (!Array.isArray(rows) || rows.length === 0) return undefined;
		const result: Record<string, string> = {};
		for (const row of rows) {
			const key = String(row.key ?? '').trim();
			if (key === '') this.fail(name, 'has an entry without a key');
			if (typeof row.value === 'object' && row.value !== null) this.fail(name, `entry "${key}" must be text`);
			result[key] = row.value === undefined || row.value === null ? '' : String(row.value);
		}
		return result;
	}
}

/** Field name → editor label for every field of a node, nested ones included, for error messages. */
export function collectFieldLabels(properties: INodeProperties[]): Map<string, string> {
	const labels = new Map<string, string>();
	const visit = (fields: Array<INodeProperties | { name: string; displayName?: string; values?: INodeProperties[] }>) => {
		for (const field of fields) {
			if ('displayName' in field && field.displayName && !labels.has(field.name)) labels.set(field.name, field.displayName);
			const nested = (field as INodeProperties).options ?? (field as { values?: INodeProperties[] }).values;
			if (Array.isArray(nested)) visit(nested as INodeProperties[]);
		}
	};
	visit(properties);
	return labels;
}
