/**
 * The address in front of the webhook processes, as a load balancer is in a real queue-mode setup:
 * every n8n process gets WEBHOOK_URL=<front>/, so the trigger registers this URL at Stripe and the
 * emulator delivers here. Requests go to the webhook processes in turn, or all to one of them when
 * a check wants to choose (`front.route = 1`).
 *
 *   const front = await startFront();          // http://127.0.0.1:<free port>
 *   front.backends = [portA, portB];
 *   front.route = 'round-robin' | 0 | 1;
 *   front.served                               // [n to A, n to B]
 *   await front.close();
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The front's handle: which webhook processes it serves, how it picks one, what each was sent. */
export interface Front {
	/** The ports of the webhook processes, in order. */
	backends: number[];
	/** In turn, or always the one at this index. */
	route: 'round-robin' | number;
	/** Requests sent to each backend so far. */
	served: number[];
	url: string;
	port: number;
	close(): Promise<void>;
}

export async function startFront(): Promise<Front> {
	let next = 0;
	const front: Front = {
		backends: [],
		route: 'round-robin',
		served: [],
		url: '',
		port: 0,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const pick = () => {
		if (front.route === 'round-robin') {
			const i = next % front.backends.length;
			next += 1;
			return i;
		}
		return front.route;
	};
	const server = http.createServer((req, res) => {
		if (front.backends.length === 0) {
			res.writeHead(503).end('no webhook process');
			return;
		}
		const i = pick();
		front.served[i] = (front.served[i] || 0) + 1;
		const upstream = http.request(
			{ host: '127.0.0.1', port: front.backends[i], method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode || 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (e) => {
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`webhook process ${i} unreachable: ${e.message}`);
		});
		req.pipe(upstream);
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	front.port = (server.address() as AddressInfo).port;
	front.url = `http://127.0.0.1:${front.port}`;
	// keep-alive sockets from the emulator must not hold close() open
	front.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections?.();
		});
	return front;
}
