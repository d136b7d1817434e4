/**
 * HTTP admin API under /_emulator/ (JSON in and out) so other processes — an n8n e2e run, the
 * benchmarks — can drive the emulator. Each route is a thin adapter over the `StripeEmulator` methods.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClimateOrderStatus, ObjectKind, ScopeSelector, StripeEmulator } from './types';

type AdminBody = Record<string, any>;
type AdminAction = (match: RegExpExecArray, body: AdminBody, query: URLSearchParams) => unknown;

const OK = { ok: true };

export function createAdminHandler(emulator: StripeEmulator) {
	const scopeOf = (source: { key?: string; account?: string }): ScopeSelector => ({ key: source.key, account: source.account || undefined });
	const routes: Array<[string, RegExp, AdminAction]> = [
		['GET', /^\/_emulator\/requests$/, () => emulator.requests],
		['GET', /^\/_emulator\/deliveries$/, () => emulator.deliveries],
		['POST', /^\/_emulator\/clear-log$/, () => (emulator.clearLog(), OK)],
		['POST', /^\/_emulator\/reset$/, () => (emulator.reset(), OK)],
		[
			'POST',
			/^\/_emulator\/faults$/,
			(_m, body) => {
				if (body.rate !== undefined) emulator.injectFaultRate(Number(body.rate), body.faults ?? [], body.match, body.seed);
				else emulator.injectFaults(Number(body.count ?? 1), body.fault, body.match);
				return OK;
			},
		],
		['DELETE', /^\/_emulator\/faults$/, () => (emulator.clearFaults(), OK)],
		['POST', /^\/_emulator\/latency$/, (_m, body) => (emulator.setLatency(Number(body.ms ?? 0)), OK)],
		['POST', /^\/_emulator\/rate-limit$/, (_m, body) => (emulator.setRateLimit(body.perSecond == null ? null : Number(body.perSecond)), OK)],
		['POST', /^\/_emulator\/onramp-quotes-paths$/, (_m, body) => (emulator.setOnrampQuotesPaths(body.paths), OK)],
		['POST', /^\/_emulator\/onramp_sessions\/([^/]+)\/advance$/, (m, body) => emulator.advanceOnrampSession(decodeURIComponent(m[1]), body.status, scopeOf(body))],
		[
			'POST',
			/^\/_emulator\/climate_orders\/([^/]+)\/status$/,
			(m, body) => emulator.setClimateOrderStatus(decodeURIComponent(m[1]), body.status as ClimateOrderStatus, scopeOf(body)),
		],
		[
			'POST',
			/^\/_emulator\/seed$/,
			(_m, body) => {
				// `created`: Unix seconds, one object each, instead of `n` objects one second apart
				const created = Array.isArray(body.created) ? (body.created as unknown[]).map(Number) : undefined;
				const n = created ? created.length : Number(body.n);
				if (body.kind === 'climate.order') emulator.seedClimateOrders(n, scopeOf(body), created);
				else if (body.kind === 'crypto.onramp_session') emulator.seedOnrampSessions(n, scopeOf(body), created);
				else if (body.kind === 'climate.product') emulator.seedClimateProducts(n, scopeOf(body));
				else throw new Error(`seed: kind must be climate.order, climate.product or crypto.onramp_session, got ${String(body.kind)}`);
				return OK;
			},
		],
		[
			'GET',
			/^\/_emulator\/objects$/,
			(_m, _body, query) =>
				emulator.listObjects(query.get('kind') as ObjectKind, scopeOf({ key: query.get('key') ?? undefined, account: query.get('account') ?? undefined })),
		],
		['GET', /^\/_emulator\/clock$/, () => emulator.clock],
		[
			'POST',
			/^\/_emulator\/clock$/,
			(_m, body) =>
				emulator.setClock({
					advanceSeconds: body.advanceSeconds === undefined ? undefined : Number(body.advanceSeconds),
					hold: typeof body.hold === 'boolean' ? body.hold : undefined,
				}),
		],
		// `stripe trigger <event>` of the Stripe CLI: an event about an object the emulator does not keep (a Checkout Session)
		['POST', /^\/_emulator\/events$/, (_m, body) => emulator.triggerEvent(String(body.type), body.object, scopeOf(body))],
		['POST', /^\/_emulator\/events\/listing-lag$/, (_m, body) => (emulator.setEventListingLag(Number(body.seconds ?? 0)), OK)],
		[
			'POST',
			/^\/_emulator\/events\/([^/]+)\/redeliver$/,
			async (m, body) => (await emulator.redeliverEvent(decodeURIComponent(m[1]), body.endpoint || undefined), OK),
		],
	];

	return async function handleAdmin(req: IncomingMessage, res: ServerResponse, rawBody: string): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://emulator');
		const route = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
		if (!route) return sendJson(res, 404, { error: { message: `No admin route ${req.method} ${url.pathname}` } });
		try {
			const body = rawBody ? (JSON.parse(rawBody) as AdminBody) : {};
			const result = await route[2](route[1].exec(url.pathname)!, body, url.searchParams);
			sendJson(res, 200, result);
		} catch (error) {
			sendJson(res, 400, { error: { message: error instanceof Error ? error.message : String(error) } });
		}
	};
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}
