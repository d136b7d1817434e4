/**
 * What the command-line scripts share: `--help` prints the script's header comment, and `--name`
 * flags are read the same way everywhere.
 */
import * as fs from 'node:fs';

/** With --help or -h among the arguments: prints the first block comment of `file` and exits 0. */
export function helpFromHeader(file: string, args: string[] = process.argv.slice(2)): void {
	if (!args.includes('--help') && !args.includes('-h')) return;
	const text = fs.readFileSync(file, 'utf8');
	const start = text.indexOf('/**');
	const end = text.indexOf('*/', start);
	const body = text.slice(start + 3, end).replace(/^\s*\* ?/gm, '').trim();
	process.stdout.write(`${body}\n`);
	process.exit(0);
}

/** Whether `--name` is among the arguments. */
export function flag(name: string, args: string[] = process.argv.slice(2)): boolean {
	return args.includes(`--${name}`);
}

/** The value after `--name`, or undefined. */
export function option(name: string, args: string[] = process.argv.slice(2)): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i === -1 ? undefined : args[i + 1];
}
