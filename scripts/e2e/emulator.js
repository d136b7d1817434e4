'use strict';
/**
 * The local Stripe emulator (test/emulator, TypeScript) as a child process, and a small client for
 * its Stripe API (/v1, form-encoded like Stripe's SDKs) and its admin API (/_emulator/, JSON).
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
const path = require('node:path');
const { spawn } = require('node:child_process');

const { require: tsxRequire } = require('tsx/cjs/api');

const { killGroup } = require('../processGroups.js');

/** The package's own encoder (nodes/shared/encode.ts), so the suite sends exactly what the nodes send. */
const { encodeStripeParams } = tsxRequire('../../nodes/shared/encode.ts', __filename);

const REPO = path.resolve(__dirname, '..', '..');

const children = new Set();
process.on('exit', () => {
	for (const child of children) killGroup(child.pid, 'SIGKILL');
});

/**
 * Start `test/emulator/cli.ts --port <port>`; resolves once it printed its `{url, testKey}` line.
 * Rejects (with its output) when it exits first or takes longer than `timeoutMs`.
 */
async function startEmulator({ port = 0, cwd = REPO, timeoutMs = 60000, latencyMs } = {}) {
	const args = ['--import', 'tsx', path.join('test', 'emulator', 'cli.ts'), '--port', String(port)];
	if (latencyMs) args.push('--latency', String(latencyMs));
	const t0 = Date.now();
	const child = spawn(process.execPath, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	children.add(child);
	let output = '';
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('close', (code, signal) => {
			exitInfo = { code, signal };
			children.delete(child);
			resolve(exitInfo);
		});
	});
	child.stderr.setEncoding('utf8').on('data', (d) => (output = (output + d).slice(-20000)));

	const info = await new Promise((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => {
			killGroup(child.pid, 'SIGKILL');
			reject(new Error(`the emulator did not start within ${timeoutMs} ms\n${output}`));
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(new Error(`could not start the emulator: ${e.message}`));
		});
		const onData = (d) => {
			buf += d;
			output = (output + d).slice(-20000);
			const nl = buf.indexOf('\n');
			if (nl === -1) return;
			const first = buf.slice(0, nl);
			try {
				const parsed = JSON.parse(first);
				clearTimeout(timer);
				child.stdout.off('data', onData);
				child.stdout.on('data', (more) => (output = (output + more).slice(-20000)));
				resolve(parsed);
			} catch {
				buf = buf.slice(nl + 1); // not our line; keep reading
			}
		};
		child.stdout.setEncoding('utf8').on('data', onData);
		exited.then((x) => {
			clearTimeout(timer);
			reject(new Error(`the emulator exited (code ${x.code}, signal ${x.signal}) before it was ready\n${output.trim()}`));
		});
	});

	const url = info.url.replace(/\/+$/, '');
	const handle = {
		url,
		port: Number(new URL(url).port),
		testKey: info.testKey,
		pid: child.pid,
		startMs: Date.now() - t0,
		exited,
		get running() {
			return !exitInfo;
		},
		output: () => output,

		/** Admin API: admin('GET', '/requests') → parsed JSON; throws on ≥ 400. */
		async admin(method, p, body) {
			const res = await fetch(`${url}/_emulator${p.startsWith('/') ? p : `/${p}`}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(15000),
			});
			const text = await res.text();
			const json = text ? JSON.parse(text) : undefined;
			if (res.status >= 400) throw new Error(`emulator admin ${method} ${p} → ${res.status}: ${text.slice(0, 300)}`);
			return json;
		},

		/** Stripe API call with the test key: stripe('POST', '/v1/…', params) → parsed JSON; throws on ≥ 400. */
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
			const text = await res.text();
			const json = text ? JSON.parse(text) : undefined;
			if (res.status >= 400) throw new Error(`Stripe emulator ${method} ${p} → ${res.status}: ${text.slice(0, 300)}`);
			return json;
		},

		requests: () => handle.admin('GET', '/requests'),
		deliveries: () => handle.admin('GET', '/deliveries'),
		clearLog: () => handle.admin('POST', '/clear-log'),
		objects: (kind) => handle.admin('GET', `/objects?kind=${encodeURIComponent(kind)}`),

		/** SIGTERM (the CLI closes the server and exits), SIGKILL after `timeoutMs`. */
		async stop({ timeoutMs = 5000 } = {}) {
			if (exitInfo) return exitInfo;
			try {
				process.kill(child.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
			const r = await exited;
			clearTimeout(timer);
			killGroup(child.pid, 'SIGKILL'); // nothing of its group may stay
			return r;
		},
	};
	return handle;
}

/** Is a TCP port on 127.0.0.1 free to listen on? */
function portFree(port) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

module.exports = { startEmulator, portFree, REPO };
