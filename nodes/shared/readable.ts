import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationItem } from './item';
import type { StripeOperation } from './operation';
import { isoInZone } from './period';

/**
 * The readable output of an operation: what a person reads in a table or a report, and what a
 * model reads. The conventions, the same for every object:
 *
 * - Keys are camelCase (Stripe's `amount_total` is `amountTotal`); `id` and `status` stay as they are.
 * - Times are ISO 8601 in the workflow's timezone with their offset (`2026-03-02T09:15:00+01:00`),
 *   under Stripe's name (`created`, `canceledAt`); null when Stripe has none.
 * - Money in a fiat currency is a decimal number in the currency's main unit (`amountTotal: 25`),
 *   with the smallest unit beside it as Stripe counts it (`amountTotalMinor: 2500`; for JPY and
 *   Stripe's other zero-decimal currencies both are 2500) and the currency's lower-case code
 *   (`currency`). This holds whether Stripe gives minor units or a decimal string.
 * - Crypto amounts are numbers, with Stripe's exact decimal text beside them (`destinationAmountText`),
 *   as a number cannot hold every digit of an 18-decimal amount.
 * - Quantities Stripe writes as decimal strings (metric tons) are numbers.
 * - Related objects are their ids under `<name>Id` (`productId`), with their name beside where
 *   Stripe gives it (`productName` when expanded).
 * - Secrets Stripe returns (a session's client secret, an endpoint's signing secret) stay: a
 *   workflow needs them.
 */

/** What a readable shape needs from the run: the workflow's timezone (`this.getTimezone()`). */
export interface ReadableContext {
	timeZone: string;
}

/** The operation's readable shape of `object`, or the object unchanged when the operation has none. */
export function toReadable(operation: StripeOperation, object: IDataObject, context: ReadableContext): IDataObject {
	return operation.readable ? operation.readable(object, context) : object;
}

/** The values of the Output field. */
export const OUTPUT_RAW = 'raw';
export const OUTPUT_READABLE = 'readable';

export const readableOutputOption: INodePropertyOptions = {
	name: 'Readable',
	value: OUTPUT_READABLE,
	description:
		'The fields that matter, flattened: times in ISO 8601 in the workflow timezone, money as decimal numbers with the currency and the amount in minor units beside it, related IDs',
};

/** The Output field of every action operation (the Event resource adds Readable to its own Output field). */
export const readableOutputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{ name: 'Raw', value: OUTPUT_RAW, description: "Stripe's object exactly as the API returns it" },
		readableOutputOption,
	],
	default: OUTPUT_RAW,
	description: 'What each item holds',
};

/** Minor units per main unit (docs.stripe.com/currencies#zero-decimal and #three-decimal). */
const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf']);
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function currencyDecimals(currency: string): number {
	const code = currency.toLowerCase();
	if (ZERO_DECIMAL.has(code)) return 0;
	if (THREE_DECIMAL.has(code)) return 3;
	return 2;
}

/**
 * The times a readable time can be: years 100 to 9999, a day in from each end so that every
 * timezone's wall clock stays inside. Four-digit years are what ISO 8601 and every date parser
 * read, and Date.UTC reads a year below 100 as 19xx. Stripe's spec bounds no time; beyond these
 * (up to the ±8.64e12 s a Date holds, and past it) a time would read as a wrong date or as
 * "NaN-NaN-NaN".
 */
const FIRST_READABLE_SECOND = -59011372800; // 0100-01-02T00:00:00Z
const LAST_READABLE_SECOND = 253402214400; // 9999-12-31T00:00:00Z

/** Unix seconds as ISO 8601 in the workflow's timezone; null when there is no time, or one outside the years 100 to 9999. */
export function readableTime(value: unknown, context: ReadableContext): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return null;
	if (value < FIRST_READABLE_SECOND || value > LAST_READABLE_SECOND) return null;
	return isoInZone(value, context.timeZone);
}

/** An amount in minor units (as Stripe counts it) → `{<name>: main units, <name>Minor: minor units}`. */
export function minorMoney(name: string, minor: unknown, currency: unknown): IDataObject {
	if (typeof minor !== 'number' || typeof currency !== 'string') return { [name]: null, [`${name}Minor`]: null };
	const decimals = currencyDecimals(currency);
	return { [name]: Number((minor / 10 ** decimals).toFixed(decimals)), [`${name}Minor`]: minor };
}

/** A fiat amount Stripe writes as a decimal string ("100.50") → `{<name>: 100.5, <name>Minor: 10050}`. */
export function decimalMoney(name: string, text: unknown, currency: unknown): IDataObject {
	const value = decimalNumber(text);
	if (value === null || typeof currency !== 'string') return { [name]: value, [`${name}Minor`]: null };
	return { [name]: value, [`${name}Minor`]: Math.round(value * 10 ** currencyDecimals(currency)) };
}

/** A crypto amount → `{<name>: number, <name>Text: Stripe's exact text}`. */
export function cryptoAmount(name: string, text: unknown): IDataObject {
	return { [name]: decimalNumber(text), [`${name}Text`]: typeof text === 'string' ? text : null };
}

/** A decimal string ("0.25") or number as a number; null when absent or no number. */
export function decimalNumber(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const number = Number(value);
	return Number.isFinite(number) ? number : null;
}

/** The id of a field Stripe returns as an id or, expanded, as the object. */
export function idOf(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (value && typeof value === 'object' && typeof (value as IDataObject).id === 'string') return (value as IDataObject).id as string;
	return null;
}

/** A field of an expanded related object (its name), or null when Stripe gave only the id. */
export function expandedField(value: unknown, field: string): IDataObject[string] {
	return value && typeof value === 'object' ? ((value as IDataObject)[field] ?? null) : null;
}

/** `amount_total` → `amountTotal`. */
export function camelCase(key: string): string {
	return key.replace(/[_.]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Stripe's `null` where a field is absent, so every readable item of a shape has the same keys. */
export function orNull<T>(value: T | undefined): T | null {
	return value === undefined ? null : value;
}

/** Checks the Output field of an operation that uses readableOutputField, before anything is sent. */
export function checkOutputChoice(item: OperationItem, operation: StripeOperation): void {
	if (!operation.readable || operation.properties.some((field) => field.name === 'output')) return;
	const output = item.text('output');
	if (output !== undefined && output !== OUTPUT_RAW && output !== OUTPUT_READABLE) {
		item.fail('output', `must be "${OUTPUT_RAW}" or "${OUTPUT_READABLE}", got "${output}"`);
	}
}
