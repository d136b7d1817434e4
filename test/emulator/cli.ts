/**
 * Runs the emulator as a process for other tools (n8n e2e runs, benchmarks):
 *   npx tsx test/emulator/cli.ts --port 12111 [--latency 50] [--rate-limit 25] [--onramp-quotes-paths onramp_quotes]
 * Prints one JSON line `{"url": ..., "testKey": ...}` and runs until SIGINT/SIGTERM.
 */
import { randomToken } from './ids';
import { type OnrampQuotesPaths, startEmulator } from './index';

function option(name: string): number | undefined {
	const index = process.argv.indexOf(`--${name}`);
	if (index === -1) return undefined;
	const value = Number(process.argv[index + 1]);
	if (!Number.isFinite(value)) throw new Error(`--${name} needs a number`);
	return value;
}

function textOption(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
	const emulator = await startEmulator({
		port: option('port') ?? 0,
		latencyMs: option('latency'),
		rateLimitPerSecond: option('rate-limit'),
		onrampQuotesPaths: textOption('onramp-quotes-paths') as OnrampQuotesPaths | undefined,
	});
	// Any well-formed key works; this one is just ready to use.
	process.stdout.write(`${JSON.stringify({ url: emulator.url, testKey: `sk_test_emulator_${randomToken(24)}` })}\n`);
	const stop = () => {
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
