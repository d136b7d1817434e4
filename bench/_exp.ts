import { startEmulator } from '../test/emulator';
(async () => {
	for (const [latency, parallel] of [[20, 16], [200, 32]]) for (const mode of (process.argv[2] ?? 'current,spaced95,windowSpaced').split(',')) {
		const emulator = await startEmulator({ latencyMs: latency, rateLimitPerSecond: 100 });
		const task = { url: emulator.url, items: 1000, requestsInParallel: parallel, maxRequestsPerSecond: 100 };
		const child = require('node:child_process').spawn(process.execPath, ['--import', 'tsx', 'bench/_expchild.ts', JSON.stringify(task)], { env: { ...process.env, GATE_MODE: mode } });
		let out = ''; child.stdout.on('data', (d: Buffer) => (out += d)); child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
		await new Promise((r) => child.on('close', r));
		const res = JSON.parse(out.split('BENCH_RESULT ')[1]);
		const posts = emulator.requests.filter((r) => r.method === 'POST');
		console.log(`${latency} ms/${parallel}`, mode, (res.ms / 1000).toFixed(2) + ' s', `${posts.length} requests`, `${posts.filter((r) => r.status === 429).length} × 429`, `failed ${res.detail.failedItems}`, `orders ${emulator.listObjects('climate.order').length}`);
		await emulator.close();
	}
	process.exit(0);
})();
