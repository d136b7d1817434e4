/**
 * A child process whose lifetime follows this one: Ctrl-C and SIGTERM are passed on to it, and its
 * exit code becomes the result. Used to run a suite under the Node an n8n version needs.
 */
import { spawn, type StdioOptions } from 'node:child_process';

export interface ChildResult {
	code: number;
	/** stdout and stderr together, when `stdio` is 'pipe' or `tee` is set ('' otherwise). */
	output: string;
}

export function runChild(
	bin: string,
	args: string[],
	{
		env = process.env,
		cwd,
		stdio = 'inherit',
		tee = false,
	}: {
		env?: NodeJS.ProcessEnv;
		cwd?: string;
		stdio?: StdioOptions;
		/** Show the child's output as it comes and also keep it in `output`. */
		tee?: boolean;
	} = {},
): Promise<ChildResult> {
	return new Promise((resolve) => {
		const child = spawn(bin, args, { stdio: tee ? ['inherit', 'pipe', 'pipe'] : stdio, env, cwd });
		let output = '';
		child.stdout?.setEncoding('utf8').on('data', (d: string) => {
			output += d;
			if (tee) process.stdout.write(d);
		});
		child.stderr?.setEncoding('utf8').on('data', (d: string) => {
			output += d;
			if (tee) process.stderr.write(d);
		});
		const forward = (signal: NodeJS.Signals) => child.kill(signal);
		process.on('SIGINT', forward);
		process.on('SIGTERM', forward);
		child.on('close', (code, signal) => {
			process.off('SIGINT', forward);
			process.off('SIGTERM', forward);
			resolve({ code: code ?? (signal ? 1 : 0), output });
		});
	});
}

/** The arguments that make a Node binary run a TypeScript file through tsx (a dev dependency). */
export function tsxArgs(script: string, args: string[] = []): string[] {
	return ['--import', 'tsx', script, ...args];
}
