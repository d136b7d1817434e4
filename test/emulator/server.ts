/**
 * The HTTP server: reads each request body, then hands /_emulator/ paths to the admin API and
 * everything else to the Stripe API pipeline. Binds 127.0.0.1 only.
 */
import * as http from 'node:http';

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse, rawBody: string) => Promise<void>;

const ADMIN_PREFIX = '/_emulator/';

export function createServer(api: RequestHandler, admin: RequestHandler): http.Server {
	return http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks).toString('utf8');
			const handler = (req.url ?? '').startsWith(ADMIN_PREFIX) ? admin : api;
			handler(req, res, rawBody).catch((error: unknown) => {
				if (res.headersSent) return void res.destroy();
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: { type: 'api_error', message: `The emulator failed: ${String(error)}` } }));
			});
		});
	});
}

export function listen(server: http.Server, port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve((server.address() as { port: number }).port);
		});
	});
}

export function closeServer(server: http.Server): Promise<void> {
	return new Promise((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections(); // keep-alive sockets (SDK agents) would otherwise hold close() open
	});
}
