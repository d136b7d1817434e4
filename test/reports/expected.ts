/**
 * What each report must say, computed here from the seeded data alone (test/reports/seed.ts), with
 * the suite's own calendar (calendar.ts): the items of its figures node and every figure of its
 * HTML (`data-figure` cells), its subject line, and for a period with nothing in it the sentence
 * that says so.
 */
import type { StripeJson } from '../support/emulator';
import { isoDate, isoSeconds, previousWeek } from './calendar';
import type { Seeded } from './seed';

export interface ExpectedReport {
	rows: StripeJson[];
	/** data-figure → the cell's text. */
	figures: Record<string, string>;
	subject: string;
	/** What the report's notice says when the period has nothing to report; null when it has. */
	notice: string | null;
}

/** The seeded currencies all have two decimals (docs.stripe.com/currencies). */
function cents(currency: string): number {
	if (!['usd', 'eur', 'gbp'].includes(currency)) throw new Error(`the suite seeds usd, eur and gbp only, not ${currency}`);
	return 100;
}

const inWeek = (created: number, week: { start: number; end: number }) => created * 1000 >= week.start && created * 1000 < week.end;
const millionths = (text: string) => Math.round(parseFloat(text) * 1_000_000);
const money = (minor: number, currency: string) => `${(minor / cents(currency)).toFixed(2)} ${currency.toUpperCase()}`;

function period(nowS: number, zone: string) {
	const week = previousWeek(nowS * 1000, zone);
	return { week, periodStart: isoDate(week.start, zone), periodEnd: isoDate(week.end - 12 * 3600 * 1000, zone) };
}

// ---------------------------------------------------------------- climate

export function climateReport(seeded: Seeded, zone: string, nowS: number): ExpectedReport {
	const { week, periodStart, periodEnd } = period(nowS, zone);
	type Sum = { dimension: string; key: string; label: string; currency: string; orders: number; tons: number; minor: number };
	const sums: Sum[] = [];
	const sum = (dimension: string, key: string, label: string, currency: string, tons: number, minor: number) => {
		let s = sums.find((x) => x.dimension === dimension && x.key === key && x.currency === currency);
		if (!s) sums.push((s = { dimension, key, label, currency, orders: 0, tons: 0, minor: 0 }));
		s.orders++;
		s.tons += tons;
		s.minor += minor;
	};
	const inPeriod = seeded.orders.filter(({ order }) => inWeek(order.created, week));
	for (const { order, productName, productSuppliers } of inPeriod) {
		const tons = millionths(order.metric_tons);
		sum('status', order.status, order.status, order.currency, tons, order.amount_total);
		if (order.status === 'canceled') continue;
		sum('currency', order.currency, order.currency.toUpperCase(), order.currency, tons, order.amount_total);
		sum('product', order.product, productName, order.currency, tons, order.amount_total);
		const shares: Array<{ id: string; tons: number }> = order.delivery_details.length
			? order.delivery_details.map((d: StripeJson) => ({ id: d.supplier.id, tons: millionths(d.metric_tons) }))
			: productSuppliers.map((s) => ({ id: s.id, tons: Math.round(tons / productSuppliers.length) }));
		for (const share of shares) {
			const name = productSuppliers.find((s) => s.id === share.id)?.name ?? share.id;
			sum('supplier', share.id, name, order.currency, share.tons, Math.round((order.amount_total * share.tons) / tons));
		}
	}
	const rank = ['currency', 'product', 'supplier', 'status'];
	sums.sort((a, b) => rank.indexOf(a.dimension) - rank.indexOf(b.dimension) || b.tons - a.tons || a.key.localeCompare(b.key) || a.currency.localeCompare(b.currency));
	// The total of what was bought (canceled orders excluded), first, whether or not the week had orders.
	const bought = sums.filter((s) => s.dimension === 'currency');
	const total = { orders: bought.reduce((n, s) => n + s.orders, 0), tons: bought.reduce((t, s) => t + s.tons, 0) };
	const rows: StripeJson[] = [{ periodStart, periodEnd, dimension: 'total', key: 'all', label: 'Bought (canceled excluded)', orders: total.orders, metricTons: total.tons / 1_000_000 }];
	rows.push(...sums.map((s) => ({
		periodStart,
		periodEnd,
		dimension: s.dimension,
		key: s.key,
		label: s.label,
		currency: s.currency,
		orders: s.orders,
		metricTons: s.tons / 1_000_000,
		amountTotal: s.minor / cents(s.currency),
		amountTotalMinor: s.minor,
	})));
	const figures: Record<string, string> = {};
	for (const s of sums) {
		const id = `${s.dimension}|${s.key}|${s.currency}`;
		figures[`${id}|label`] = s.label;
		figures[`${id}|orders`] = String(s.orders);
		figures[`${id}|metricTons`] = (s.tons / 1_000_000).toFixed(3);
		figures[`${id}|amountTotal`] = money(s.minor, s.currency);
	}
	if (!inPeriod.length) {
		// no tables, only the zero totals
		return {
			rows,
			figures: { 'total|all|orders': '0', 'total|all|metricTons': '0.000' },
			subject: `Carbon removal ${periodStart} to ${periodEnd}: no climate orders`,
			notice: `No climate orders between ${periodStart} and ${periodEnd}.`,
		};
	}
	const spend = bought.map((s) => money(s.minor, s.currency)).join(' + ') || 'nothing';
	return { rows, figures, subject: `Carbon removal ${periodStart} to ${periodEnd}: ${(total.tons / 1_000_000).toFixed(3)} t for ${spend}`, notice: null };
}

// ---------------------------------------------------------------- onramp

/** Exact sum of decimal texts: every amount scaled to 10^-18. */
function decimalSum(texts: string[]): string {
	const SCALE = 18;
	const total = texts.reduce((t, text) => {
		const [whole, fraction = ''] = text.split('.');
		return t + BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE) || '0');
	}, 0n);
	const whole = total / 10n ** BigInt(SCALE);
	const fraction = (total % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').replace(/0+$/, '');
	return fraction ? `${whole}.${fraction}` : String(whole);
}

export function onrampReport(seeded: Seeded, zone: string, nowS: number): ExpectedReport {
	const { week, periodStart, periodEnd } = period(nowS, zone);
	const sessions = seeded.sessions.filter((s) => inWeek(s.created, week));
	const completed = sessions.filter((s) => s.status === 'fulfillment_complete');
	const percent = sessions.length ? Math.round((completed.length / sessions.length) * 1000) / 10 : 0;
	const rows: StripeJson[] = [
		{ periodStart, periodEnd, dimension: 'conversion', key: 'created to completed', sessions: sessions.length, completed: completed.length, conversionPercent: percent },
	];
	const figures: Record<string, string> = {
		'conversion|sessions': String(sessions.length),
		'conversion|completed': String(completed.length),
		'conversion|conversionPercent': `${percent.toFixed(1)} %`,
	};
	const statuses = [...new Set(sessions.map((s) => s.status as string))]
		.map((status) => ({ status, count: sessions.filter((s) => s.status === status).length }))
		.sort((a, b) => b.count - a.count || a.status.localeCompare(b.status));
	for (const { status, count } of statuses) {
		rows.push({ periodStart, periodEnd, dimension: 'status', key: status, sessions: count });
		figures[`status|${status}|label`] = status;
		figures[`status|${status}|sessions`] = String(count);
	}
	const groups = new Map<string, StripeJson[]>();
	for (const s of completed) {
		const t = s.transaction_details;
		const key = `${t.destination_currency}|${t.destination_network}|${t.source_currency}`;
		groups.set(key, [...(groups.get(key) ?? []), s]);
	}
	const volume = [...groups].map(([key, list]) => {
		const t = list[0].transaction_details;
		const minor = list.reduce((m, s) => m + Math.round(parseFloat(s.transaction_details.source_amount) * cents(t.source_currency)), 0);
		return { key, t, count: list.length, crypto: decimalSum(list.map((s) => s.transaction_details.destination_amount)), minor };
	});
	volume.sort((a, b) => b.minor - a.minor || a.key.localeCompare(b.key));
	for (const v of volume) {
		rows.push({
			periodStart,
			periodEnd,
			dimension: 'volume',
			key: v.key,
			destinationCurrency: v.t.destination_currency,
			destinationNetwork: v.t.destination_network,
			completed: v.count,
			destinationAmount: v.crypto,
			sourceCurrency: v.t.source_currency,
			sourceAmount: v.minor / cents(v.t.source_currency),
			sourceAmountMinor: v.minor,
		});
		const id = `volume|${v.key}`;
		figures[`${id}|label`] = `${v.t.destination_currency.toUpperCase()} on ${v.t.destination_network}`;
		figures[`${id}|completed`] = String(v.count);
		figures[`${id}|destinationAmount`] = `${v.crypto} ${v.t.destination_currency.toUpperCase()}`;
		figures[`${id}|sourceAmount`] = money(v.minor, v.t.source_currency);
	}
	if (!sessions.length) {
		return { rows, figures, subject: `Onramp ${periodStart} to ${periodEnd}: no sessions`, notice: `No onramp sessions between ${periodStart} and ${periodEnd}.` };
	}
	return {
		rows,
		figures,
		subject: `Onramp ${periodStart} to ${periodEnd}: ${completed.length} of ${sessions.length} sessions completed (${percent.toFixed(1)} %)`,
		notice: null,
	};
}

// ---------------------------------------------------------------- webhook delivery health

const RETENTION_S = 30 * 24 * 3600;

export function healthReport(seeded: Seeded, zone: string, nowS: number): ExpectedReport {
	const enabled = seeded.endpoints.filter((e) => e.enabled);
	const listens = (e: { enabledEvents: string[] }, type: string) => e.enabledEvents.includes('*') || e.enabledEvents.includes(type);
	// An event is undelivered when an enabled endpoint that never answers 2xx listens for its type.
	const undelivered = seeded.events
		.filter((e) => nowS - e.created <= RETENTION_S)
		.map((e) => ({ ...e, pending: enabled.filter((p) => p.failing && listens(p, e.type)).length }))
		.filter((e) => e.pending > 0)
		.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
	const iso = (s: number) => isoSeconds(s, zone);
	const pendingTotal = undelivered.reduce((t, e) => t + e.pending, 0);
	const rows: StripeJson[] = [{ dimension: 'total', key: 'all', events: undelivered.length, pendingWebhooks: pendingTotal }];
	const figures: Record<string, string> = {};
	const oldest = undelivered[0];
	if (oldest) {
		rows.push({ dimension: 'oldest', key: oldest.id, type: oldest.type, created: iso(oldest.created), pendingWebhooks: oldest.pending });
		Object.assign(figures, {
			'oldest|id': oldest.id,
			'oldest|type': oldest.type,
			'oldest|created': iso(oldest.created),
			'oldest|pendingWebhooks': String(oldest.pending),
		});
	}
	const types = [...new Set(undelivered.map((e) => e.type))]
		.map((type) => {
			const list = undelivered.filter((e) => e.type === type);
			return { type, list };
		})
		.sort((a, b) => b.list.length - a.list.length || a.type.localeCompare(b.type));
	for (const { type, list } of types) {
		const pending = list.reduce((t, e) => t + e.pending, 0);
		rows.push({ dimension: 'type', key: type, events: list.length, pendingWebhooks: pending, oldestCreated: iso(list[0].created), oldestId: list[0].id });
		figures[`type|${type}|label`] = type;
		figures[`type|${type}|events`] = String(list.length);
		figures[`type|${type}|pendingWebhooks`] = String(pending);
		figures[`type|${type}|oldestCreated`] = iso(list[0].created);
	}
	const endpointRows = enabled
		.map((e) => ({ e, list: undelivered.filter((ev) => listens(e, ev.type)) }))
		.filter((x) => x.list.length > 0)
		.sort((a, b) => b.list.length - a.list.length || a.e.id.localeCompare(b.e.id));
	for (const { e, list } of endpointRows) {
		rows.push({ dimension: 'endpoint', key: e.id, url: e.url, description: null, events: list.length, oldestCreated: iso(list[0].created) });
		figures[`endpoint|${e.id}|label`] = e.url;
		figures[`endpoint|${e.id}|events`] = String(list.length);
		figures[`endpoint|${e.id}|oldestCreated`] = iso(list[0].created);
	}
	if (!oldest) {
		// the good case: the zero totals only
		return {
			rows,
			figures: { 'total|all|events': '0', 'total|all|pendingWebhooks': '0' },
			subject: 'Stripe webhooks: every event delivered',
			notice: 'Nothing pending: every event was delivered to every endpoint.',
		};
	}
	return { rows, figures, subject: `Stripe webhooks: ${undelivered.length} events not delivered, oldest from ${iso(oldest.created)}`, notice: null };
}

/** The `data-figure` cells of an HTML report: figure → its text (entities decoded). */
export function htmlFigures(html: string): Record<string, string> {
	const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	const out: Record<string, string> = {};
	for (const m of html.matchAll(/<td data-figure="([^"]*)"[^>]*>([^<]*)<\/td>/g)) {
		const key = decode(m[1]);
		if (key in out) throw new Error(`the HTML has the figure ${key} twice`);
		out[key] = decode(m[2]);
	}
	return out;
}
