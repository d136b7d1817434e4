/**
 * The local Stripe emulator (test/emulator) as a child process, and a small client for its Stripe
 * API (/v1, form-encoded like Stripe's SDKs) and its admin API (/_emulator/, JSON).
 *
 *   const emu = await startEmulator({ port: 0 });   // 0 = any free port
 *   emu.url, emu.testKey
 *   await emu.stripe('POST', '/v1/climate/orders', { product: 'climsku_…', metric_tons: '1' });
 *   await emu.admin('GET', '/requests');            // = GET /_emulator/requests
 *   await emu.stop();
 *
 * The emulator runs through tsx (a dev dependency) with `node --import tsx`, in its own process
 * group; it is killed when this process exits, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';

import { encodeStripeParams, type StripeParams } from '../../nodes/shared/encode';
import type { DeliveryRecord, RecordedRequest } from '../emulator/types';
import { tsxArgs } from '../../scripts/lib/child';
import { killGroup } from '../../scripts/lib/processGroups';
import { REPO } from '../../scripts/lib/repo';

/** How a child process ended. */
export interface ExitInfo {
	code: number | null;
	signal: NodeJS.Signals | null;
}

// The emulator's answers are Stripe objects of many shapes: the suites read them as loose JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StripeJson = any;

export interface Emulator {
	url: string;
	port: number;
	/** The secret key the emulator accepts (sk_test_…). */
	testKey: string;
	pid: number;
	startMs: number;
	exited: Promise<ExitInfo>;
	readonly running: boolean;
	/** The newest 20,000 characters of its stdout and stderr. */
	output(): string;
	/** Admin API: admin('GET', '/requests') → parsed JSON; throws on ≥ 400. */
	admin(method: string, p: string, body?: unknown): Promise<StripeJson>;
	/** Stripe API call with the test key: stripe('POST', '/v1/…', params) → parsed JSON; throws on ≥ 400. */
	stripe(method: string, p: string, params?: StripeParams, opts?: { key?: string; headers?: Record<string, string> }): Promise<StripeJson>;
	requests(): Promise<RecordedRequest[]>;
	deliveries(): Promise<DeliveryRecord[]>;
	clearLog(): Promise<unknown>;
	/** The stored objects of one kind, e.g. 'webhook_endpoint'. */
	objects(kind: string): Promise<StripeJson[]>;
	/** The stored event of `type` whose `data.object` is `objectId`, if there is one yet. */
	eventAbout(type: string, objectId: string): Promise<StripeJson | undefined>;
	/** The delivery attempts of one event so far, oldest first. */
	deliveriesOf(eventId: string): Promise<DeliveryRecord[]>;
	/** SIGTERM (the CLI closes the server and exits), SIGKILL after `timeoutMs`. */
	stop(opts?: { timeoutMs?: number }): Promise<ExitInfo>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) killGroup(child.pid, 'SIGKILL');
});

/**
 * Starts `test/emulator/cli.ts --port <port>`; resolves once it printed its `{url, testKey}` line.
 * Rejects (with its output) when it exits first or takes longer than `timeoutMs`.
 */
export async function startEmulator({
	port = 0,
	cwd = REPO,
	timeoutMs = 60000,
	latencyMs,
}: { port?: number; cwd?: string; timeoutMs?: number; latencyMs?: number } = {}): Promise<Emulator> {
	const args = tsxArgs(path.join('test', 'emulator', 'cli.ts'), ['--port', String(port)]);
	if (latencyMs) args.push('--latency', String(latencyMs));
	const t0 = Date.now();
	const child = spawn(process.execPath, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	let output = '';
	let exitInfo: ExitInfo | null = null;
	const exited = new Promise<ExitInfo>((resolve) => {
		child.on('close', (code, signal) => {
			exitInfo = { code, signal };
			children.delete(child);
			resolve(exitInfo);
		});
	});
	child.stderr.setEncoding('utf8').on('data', (d: string) => (output = (output + d).slice(-20000)));

	const info = await new Promise<{ url: string; testKey: string }>((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => {
			killGroup(child.pid, 'SIGKILL');
			reject(new Error(`the emulator did not start within ${timeoutMs} ms\n${output}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(new Error(`could not start the emulator: ${e.message}`));
		});
		const onData = (d: string) => {
			buf += d;
			output = (output + d).slice(-20000);
			const nl = buf.indexOf('\n');
			if (nl === -1) return;
			try {
				const parsed = JSON.parse(buf.slice(0, nl)) as { url: string; testKey: string };
				clearTimeout(timer);
				child.stdout.off('data', onData);
				child.stdout.on('data', (more: string) => (output = (output + more).slice(-20000)));
				resolve(parsed);
			} catch {
				buf = buf.slice(nl + 1); // not our line; keep reading
			}
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		void exited.then((x) => {
			clearTimeout(timer);
			reject(new Error(`the emulator exited (code ${x.code}, signal ${x.signal}) before it was ready\n${output.trim()}`));
		});
	});

	const url = info.url.replace(/\/+$/, '');
	const json = async (res: Response, what: string): Promise<StripeJson> => {
		const text = await res.text();
		if (res.status >= 400) throw new Error(`${what} → ${res.status}: ${text.slice(0, 300)}`);
		return text ? JSON.parse(text) : undefined;
	};
	const handle: Emulator = {
		url,
		port: Number(new URL(url).port),
		testKey: info.testKey,
		pid: child.pid as number,
		startMs: Date.now() - t0,
		exited,
		get running() {
			return !exitInfo;
		},
		output: () => output,

		async admin(method, p, body) {
			const res = await fetch(`${url}/_emulator${p.startsWith('/') ? p : `/${p}`}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(15000),
			});
			return json(res, `emulator admin ${method} ${p}`);
		},

		async stripe(method, p, params, { key = info.testKey, headers = {} } = {}) {
			const encoded = encodeStripeParams(params);
			const isPost = method === 'POST';
			const res = await fetch(`${url}${p}${!isPost && encoded ? `?${encoded}` : ''}`, {
				method,
				headers: {
					Authorization: `Bearer ${key}`,
					...(isPost ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
					...headers,
				},
				body: isPost ? encoded : undefined,
				signal: AbortSignal.timeout(15000),
			});
			return json(res, `Stripe emulator ${method} ${p}`);
		},

		requests: () => handle.admin('GET', '/requests'),
		deliveries: () => handle.admin('GET', '/deliveries'),
		clearLog: () => handle.admin('POST', '/clear-log'),
		objects: (kind) => handle.admin('GET', `/objects?kind=${encodeURIComponent(kind)}`),
		eventAbout: async (type, objectId) => (await handle.objects('event')).find((e) => e.type === type && e.data?.object?.id === objectId),
		deliveriesOf: async (eventId) => (await handle.deliveries()).filter((d) => d.eventId === eventId),

		async stop({ timeoutMs: stopMs = 5000 } = {}) {
			if (exitInfo) return exitInfo;
			try {
				process.kill(child.pid as number, 'SIGTERM');
			} catch {
				/* gone */
			}
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), stopMs);
			const r = await exited;
			clearTimeout(timer);
			killGroup(child.pid, 'SIGKILL'); // nothing of its group may stay
			return r;
		},
	};
	return handle;
}

/** Is a TCP port on 127.0.0.1 free to listen on? */
export function portFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}
