#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: a real n8n with this package, ready to click through.
 *
 * Builds the package (`npm run build`), installs n8n if needed (scripts/n8n/install.js), packs the
 * package and installs it into a persistent n8n home (.n8n-dev/, kept between runs), starts the
 * local Stripe emulator (port 12111, or a free one when that is taken), imports the credential
 * "Stripe (local emulator)" (id stripe-emulator) pointing at it and the example workflows from
 * examples/*.json, starts n8n on http://127.0.0.1:5678, sets up the owner and prints the login.
 * Ctrl-C stops n8n and the emulator.
 *
 *   npm run dev                                    the emulator, n8n 2.8.4 (Node 20)
 *   N8N_VERSION=2.41.1 npm run dev                 n8n 2.41.1, under Node 24 (installed into .node24/)
 *   STRIPE_SECRET_KEY=sk_test_... npm run dev      Stripe itself (test mode): the credential gets
 *                                                  that key and base URL https://api.stripe.com
 *   npm run dev -- --reset                         start from an empty .n8n-dev/
 *   npm run dev -- --port 5679 --emulator-port 12112 --verbose (n8n's log on the terminal)
 *
 * Examples are imported the first time and again when their file changes (replacing that workflow);
 * others you create in n8n stay. The events-trigger example is published against the emulator.
 */
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('./n8n/instance.js');
const runtime = require('./n8n/install.js');
const { startEmulator, portFree } = require('./lib/emulator');
const pkgTools = require('./lib/package');
const { loadExamples, hasOurTrigger } = require('./lib/examples');

const REPO = path.resolve(__dirname, '..');
const { reexecUnderNodeFor } = require('./n8n/each-version.js');

// One home per n8n version: a newer n8n migrates the database, which an older one cannot open.
const HOME = path.join(REPO, runtime.n8nVersion() === runtime.DEFAULT_VERSION ? '.n8n-dev' : `.n8n-dev-${runtime.n8nVersion()}`);
const STATE_FILE = path.join(HOME, 'dev-state.json');
const PID_FILE = path.join(HOME, 'dev.pid');
const CREDENTIAL = { id: 'stripe-emulator', name: 'Stripe (local emulator)', type: 'stripePlatformApi' };
const STRIPE_API = 'https://api.stripe.com';

// ---------------------------------------------------------------------------------------------
// arguments

function option(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	if (i === -1) return fallback;
	const v = Number(process.argv[i + 1]);
	if (!Number.isInteger(v) || v <= 0 || v > 65535) fail(`--${name} needs a port number`);
	return v;
}
const ARGS = process.argv.slice(2);
if (ARGS.includes('--help') || ARGS.includes('-h')) {
	process.stdout.write(`${fs.readFileSync(__filename, 'utf8').split('*/')[0].split('/**\n')[1].replace(/^ \* ?/gm, '').trim()}\n`);
	process.exit(0);
}
const N8N_PORT = option('port', 5678);
const EMULATOR_PORT = option('emulator-port', 12111);
const RESET = ARGS.includes('--reset');
const VERBOSE = ARGS.includes('--verbose');
const REAL_KEY = (process.env.STRIPE_SECRET_KEY || '').trim();

// ---------------------------------------------------------------------------------------------
// output

const say = (text = '') => process.stdout.write(`${text}\n`);
function fail(message) {
	process.stderr.write(`\n✗ ${message}\n`);
	process.exit(1);
}
async function task(label, fn) {
	const t0 = Date.now();
	process.stdout.write(`▶ ${label} … `);
	try {
		const detail = await fn();
		say(`done (${((Date.now() - t0) / 1000).toFixed(1)} s)${detail ? ` — ${detail}` : ''}`);
		return detail;
	} catch (e) {
		say(`FAILED (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// processes: stop everything we started on Ctrl-C, on failure and when n8n exits by itself

const running = { n8n: null, emu: null };
let stopping = null;
function stopAll() {
	if (!stopping) {
		stopping = (async () => {
			if (running.n8n) {
				process.stdout.write('stopping n8n … ');
				const r = await running.n8n.stop({ timeoutMs: 20000 }).catch(() => null);
				running.n8n = null;
				say(r ? `stopped (${r.stopMs} ms)` : 'killed');
			}
			if (running.emu) {
				await running.emu.stop().catch(() => {});
				running.emu = null;
				say('stopped the Stripe emulator');
			}
			fs.rmSync(PID_FILE, { force: true });
		})();
	}
	return stopping;
}
n8n.handleSignals(false);
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (interrupted) return; // a second Ctrl-C while stopping: the 'exit' handlers SIGKILL what is left
		interrupted = true;
		say(`\n${sig === 'SIGINT' ? 'Ctrl-C' : sig}: stopping…`);
		setTimeout(() => process.exit(130), 30000).unref();
		stopAll().finally(() => process.exit(0));
	});
}

function readJson(file, fallback) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const useEmulator = !REAL_KEY;
	if (REAL_KEY) {
		if (/^(sk|rk)_live_/.test(REAL_KEY)) fail('STRIPE_SECRET_KEY is a live key. `npm run dev` takes test keys only (sk_test_… or rk_test_…): the examples create orders and sessions.');
		if (!/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(REAL_KEY)) fail('STRIPE_SECRET_KEY does not look like a Stripe test key (sk_test_… or rk_test_…).');
	}
	if (!(await portFree(N8N_PORT))) {
		const prev = readJson(PID_FILE, null);
		fail(
			`port ${N8N_PORT} on 127.0.0.1 is in use${prev ? ` (another \`npm run dev\`? pid ${prev.pid}, n8n pid ${prev.n8n})` : ''}. Stop that process, or choose another port: npm run dev -- --port ${N8N_PORT + 1}`,
		);
	}

	say(`n8n-nodes-stripe-platform dev: n8n ${runtime.n8nVersion()} on http://127.0.0.1:${N8N_PORT}, home ${path.relative(REPO, HOME)}/ (${useEmulator ? 'local Stripe emulator' : 'Stripe test mode with STRIPE_SECRET_KEY'})\n`);

	await task('npm run build', async () => {
		const r = await pkgTools.build(REPO);
		return `${r.ms} ms`;
	});
	await task('n8n runtime (scripts/n8n/install.js)', async () => {
		const r = await runtime.install();
		return r.reused ? `n8n ${r.version}, already installed` : `n8n ${r.version} installed in ${r.seconds.toFixed(0)} s`;
	});

	if (RESET) {
		await task(`--reset: removing ${path.relative(REPO, HOME)}/`, async () => fs.rmSync(HOME, { recursive: true, force: true }));
	}
	n8n.createHome(HOME);

	await task(`npm pack + install into ${path.relative(REPO, HOME)}/.n8n/nodes`, async () => {
		const dest = path.join(HOME, 'package');
		fs.rmSync(dest, { recursive: true, force: true });
		const p = await pkgTools.pack(REPO, dest);
		// the same version from a new tarball: remove the old copy so npm cannot keep it
		fs.rmSync(path.join(HOME, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-stripe-platform'), { recursive: true, force: true });
		const r = await n8n.installPackage(HOME, p.tgz);
		return `${r.name}@${r.version} (${p.files.length} files)`;
	});

	let product = null;
	if (useEmulator) {
		await task('Stripe emulator', async () => {
			const port = (await portFree(EMULATOR_PORT)) ? EMULATOR_PORT : 0;
			running.emu = await startEmulator({ port });
			const products = await running.emu.stripe('GET', '/v1/climate/products', { limit: 1 });
			product = products.data[0]?.id;
			return `${running.emu.url}${port === 0 ? ` (port ${EMULATOR_PORT} is taken, so a free one)` : ''}`;
		});
	}
	const emu = running.emu;

	// The examples refer to the credential by id; with a real key its name says so.
	const credentialName = useEmulator ? CREDENTIAL.name : 'Stripe (test key from STRIPE_SECRET_KEY)';
	await task(`credential "${credentialName}" (id ${CREDENTIAL.id})`, async () => {
		const data = useEmulator
			? { secretKey: emu.testKey, baseUrl: emu.url, accountId: '', apiVersion: '' }
			: { secretKey: REAL_KEY, baseUrl: STRIPE_API, accountId: '', apiVersion: '' };
		await n8n.importCredentials(HOME, [{ ...CREDENTIAL, name: credentialName, data }]);
		return `→ ${data.baseUrl} with ${data.secretKey.slice(0, 8)}…${data.secretKey.slice(-4)}`;
	});

	const examples = loadExamples(REPO);
	const state = readJson(STATE_FILE, { examples: {} });
	const changed = examples.filter((x) => state.examples[x.workflow.id] !== x.sha256);
	const triggers = examples.filter((x) => hasOurTrigger(x.workflow));
	await task(`example workflows (${examples.length} in examples/)`, async () => {
		if (changed.length) await n8n.importWorkflow(HOME, changed.map((x) => x.workflow));
		const parked = new Set(state.unpublishedForStripe || []);
		if (useEmulator) {
			// imported ones come in unpublished: publish the trigger examples so events flow at once
			// (and those a STRIPE_SECRET_KEY run unpublished); others keep what you chose in n8n
			for (const x of triggers.filter((t) => changed.includes(t) || parked.has(t.workflow.id))) {
				await n8n.publish(HOME, x.workflow.id);
			}
			state.unpublishedForStripe = [];
		} else {
			// Stripe cannot deliver to 127.0.0.1: an active trigger would only fail to register
			for (const x of triggers) await n8n.unpublish(HOME, x.workflow.id).catch(() => {});
			state.unpublishedForStripe = triggers.map((t) => t.workflow.id);
		}
		for (const x of changed) state.examples[x.workflow.id] = x.sha256;
		fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
		return changed.length ? `imported ${changed.map((x) => path.basename(x.file)).join(', ')}` : 'unchanged since the last run, kept as they are in n8n';
	});

	let owner = null;
	await task(`n8n start on 127.0.0.1:${N8N_PORT}`, async () => {
		running.n8n = await n8n.start(HOME, { port: N8N_PORT, echo: VERBOSE, logFile: path.join(HOME, 'n8n.log') });
		fs.writeFileSync(PID_FILE, JSON.stringify({ pid: process.pid, n8n: running.n8n.pid, emulator: emu?.pid ?? null }) + '\n');
		const ms = await running.n8n.waitReady({ timeoutMs: 120000 });
		return `ready in ${ms} ms`;
	});
	try {
		await n8n.setupOwner(running.n8n.baseUrl);
		owner = n8n.DEFAULT_OWNER;
	} catch (e) {
		say(`  ! could not set up or log in as ${n8n.DEFAULT_OWNER.email} (${e.message.split('\n')[0]}); log in with the account you set up`);
	}

	let liveTrigger = null;
	if (useEmulator && triggers.length) {
		try {
			const url = `${running.n8n.baseUrl}/webhook/${triggers[0].workflow.nodes.find((nd) => nd.webhookId)?.webhookId}/webhook`;
			liveTrigger = await n8n.waitFor(async () => (await emu.objects('webhook_endpoint')).find((ep) => ep.url === url), {
				timeoutMs: 20000,
				what: 'the events-trigger example to register its endpoint',
			});
		} catch {
			liveTrigger = null; // not published (the user unpublished it), or activation failed: n8n's log says
		}
	}

	const base = running.n8n.baseUrl;
	const lines = [
		'',
		'━'.repeat(78),
		`  n8n is running:  ${base}`,
		owner ? `  owner login:     ${owner.email}  /  ${owner.password}` : '  owner login:     the account you set up in this home',
		`  credential:      "${credentialName}" (id ${CREDENTIAL.id}) → ${useEmulator ? `the emulator, ${emu.url}` : `${STRIPE_API} (your STRIPE_SECRET_KEY, test mode)`}`,
		`  workflows:       ${examples.map((x) => x.workflow.name).join('\n                   ')}`,
	];
	if (useEmulator) {
		lines.push(
			`  Stripe emulator: ${emu.url}  (what it received: ${emu.url}/_emulator/requests, webhook deliveries: ${emu.url}/_emulator/deliveries)`,
		);
		if (liveTrigger) {
			lines.push(
				`  events trigger:  published, endpoint ${liveTrigger.id}; fire a climate.order.created event with`,
				`                   curl -s -u ${emu.testKey}: ${emu.url}/v1/climate/orders -d product=${product} -d metric_tons=0.5`,
			);
		}
		lines.push(
			'',
			'  To use Stripe itself (test mode) instead of the emulator:',
			'      STRIPE_SECRET_KEY=sk_test_... npm run dev',
			'  (the credential then gets that key and base URL https://api.stripe.com), or put a test key and',
			`  base URL ${STRIPE_API} into the credential in n8n (Overview → Credentials).`,
		);
	} else {
		lines.push('  The events-trigger example stays unpublished: Stripe can only deliver to a public URL.');
	}
	lines.push(
		'',
		`  n8n log: ${path.relative(REPO, running.n8n.logFile)}${VERBOSE ? ' (also shown here)' : ' (--verbose shows it here)'}; start afresh: npm run dev -- --reset`,
		'  Ctrl-C stops n8n and the emulator.',
		'━'.repeat(78),
	);
	say(lines.join('\n'));

	// runs until Ctrl-C; n8n or the emulator ending by itself ends the session
	const ended = await Promise.race([
		running.n8n.exited.then((x) => ({ what: 'n8n', ...x })),
		...(emu ? [emu.exited.then((x) => ({ what: 'the Stripe emulator', ...x }))] : []),
	]);
	if (!interrupted) {
		say(`\n✗ ${ended.what} exited by itself (code ${ended.code}, signal ${ended.signal})`);
		if (ended.what === 'n8n') say(running.n8n.logTail(40));
		else say(emu.output().split('\n').slice(-20).join('\n'));
		running[ended.what === 'n8n' ? 'n8n' : 'emu'] = null;
		await stopAll();
		process.exit(1);
	}
}

Promise.resolve(reexecUnderNodeFor()).then(main).catch(async (e) => {
	process.stderr.write(`\n✗ ${e.message}\n`);
	if (running.n8n) process.stderr.write(`--- n8n log (last 40 lines) ---\n${running.n8n.logTail(40)}\n`);
	await stopAll();
	process.exit(1);
});
