/**
 * Parses `application/x-www-form-urlencoded` bodies and query strings the way Stripe does
 * (Rack-style nested keys, as produced by stripe-node's qs-compatible encoder):
 * `a[b]=1` -> {a:{b:'1'}}, `a[0]=x&a[1]=y` and `a[]=x&a[]=y` -> {a:['x','y']},
 * `a[0][name]=n` -> {a:[{name:'n'}]}. Brackets may arrive literal or as %5B/%5D.
 * A repeated plain key keeps its last value (Rack semantics).
 */
import { invalidRequest } from './errors';

type Node = Record<string, unknown>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const APPEND = Symbol('append');

export function parseForm(raw: string): Record<string, unknown> {
	const root: Node = {};
	for (const pair of raw.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const name = decode(eq === -1 ? pair : pair.slice(0, eq));
		const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
		const path = splitKey(name);
		if (path.length === 0 || path.some((p) => typeof p === 'string' && FORBIDDEN_KEYS.has(p))) continue;
		assign(root, path, value, name);
	}
	return finalize(root) as Record<string, unknown>;
}

function decode(text: string): string {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced; // malformed %-escapes: keep the text as sent
	}
}

/** `a[b][0][]` -> ['a', 'b', '0', APPEND]; a key that does not follow the bracket grammar stays whole. */
function splitKey(name: string): Array<string | typeof APPEND> {
	const open = name.indexOf('[');
	if (open <= 0) return name ? [name] : [];
	const rest = name.slice(open);
	if (!/^(\[[^\[\]]*\])+$/.test(rest)) return [name];
	const segments: Array<string | typeof APPEND> = [name.slice(0, open)];
	for (const match of rest.matchAll(/\[([^\[\]]*)\]/g)) segments.push(match[1] === '' ? APPEND : match[1]);
	return segments;
}

function assign(root: Node, path: Array<string | typeof APPEND>, value: string, fullName: string): void {
	let node: Node = root;
	for (let i = 0; i < path.length; i++) {
		const segment = path[i];
		const key = segment === APPEND ? String(Object.keys(node).length) : segment;
		if (i === path.length - 1) {
			if (isNode(node[key])) throw conflict(fullName);
			node[key] = value;
			return;
		}
		const existing = node[key];
		if (existing === undefined) node[key] = {};
		else if (!isNode(existing)) throw conflict(fullName);
		node = node[key] as Node;
	}
}

function conflict(name: string) {
	const base = name.split('[')[0];
	return invalidRequest(`Invalid request: \`${base}\` was sent both as a value and as a hash or array.`, {
		param: base,
	});
}

function isNode(value: unknown): value is Node {
	return typeof value === 'object' && value !== null;
}

/** Objects keyed exactly 0..n-1 become arrays (other numeric-keyed objects are left to the validator). */
function finalize(value: unknown): unknown {
	if (!isNode(value)) return value;
	const keys = Object.keys(value);
	const entries = keys.map((k) => [k, finalize(value[k])] as const);
	if (keys.length > 0 && keys.every((k, i) => k === String(i))) return entries.map(([, v]) => v);
	return Object.fromEntries(entries);
}
