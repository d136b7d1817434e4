/**
 * `npm run dev`: a real n8n with this package, ready to click through.
 *
 * Builds the package (`npm run build`), installs n8n if needed (test/n8n/install.ts), packs the
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
 * others you create in n8n stay. The trigger examples (Stripe Events Trigger and Stripe Events Polling
 * Trigger) whose Stripe nodes only read are published against the emulator. A trigger example that
 * changes anything in Stripe (checkout-carbon-removal.json buys carbon removal on each paid Checkout
 * Session) is imported and never published by this script: publishing it is the user's choice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { flag, helpFromHeader, option } from './lib/cli';
import { CREDENTIAL, emulatorCredential } from '../test/support/credential';
import { portFree, startEmulator, type Emulator } from '../test/support/emulator';
import { hasOurTrigger, loadExamples, type Example } from '../test/support/examples';
import * as pkgTools from './lib/package';
import { PKG, REPO } from './lib/repo';
import { Teardown } from './lib/teardown';
import type { INodeType } from 'n8n-workflow';
import { parseRoute, type StripeResource } from '../nodes/shared/operation';
import { reexecUnderNodeFor } from '../test/n8n/each-version';
import * as runtime from '../test/n8n/install';
import * as n8n from '../test/n8n/instance';
import type { N8nInstance } from '../test/n8n/instance';

// One home per n8n version: a newer n8n migrates the database, which an older one cannot open.
const HOME = path.join(REPO, runtime.n8nVersion() === runtime.DEFAULT_VERSION ? '.n8n-dev' : `.n8n-dev-${runtime.n8nVersion()}`);
const STATE_FILE = path.join(HOME, 'dev-state.json');
const PID_FILE = path.join(HOME, 'dev.pid');
const STRIPE_API = 'https://api.stripe.com';

/** What dev-state.json remembers between runs. */
interface DevState {
	/** Workflow id → sha256 of the example file it was last imported from. */
	examples: Record<string, string>;
	/** Trigger examples a STRIPE_SECRET_KEY run unpublished: the next emulator run publishes them again. */
	unpublishedForStripe?: string[];
	/** Trigger examples this script has published once: later runs leave them as you set them in n8n. */
	published?: string[];
}

// ---------------------------------------------------------------------------------------------
// arguments

function portOption(name: string, fallback: number): number {
	if (!flag(name)) return fallback;
	const v = Number(option(name));
	if (!Number.isInteger(v) || v <= 0 || v > 65535) fail(`--${name} needs a port number`);
	return v;
}
helpFromHeader(__filename);
const N8N_PORT = portOption('port', 5678);
const EMULATOR_PORT = portOption('emulator-port', 12111);
const RESET = flag('reset');
const VERBOSE = flag('verbose');
const REAL_KEY = (process.env.STRIPE_SECRET_KEY || '').trim();

// ---------------------------------------------------------------------------------------------
// output

const say = (text = '') => process.stdout.write(`${text}\n`);
function fail(message: string): never {
	process.stderr.write(`\n✗ ${message}\n`);
	process.exit(1);
}
async function task<T extends string | void>(label: string, fn: () => Promise<T>): Promise<T> {
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

const teardown = new Teardown();
teardown.add('the pid file', PID_FILE, (file) => fs.rmSync(file, { force: true }));
/** What this run started (n8n's log tail is shown when something fails). */
const running: { n8n: N8nInstance | null; emu: Emulator | null } = { n8n: null, emu: null };
/** Set once the teardown stops n8n or the emulator: their ending is then no surprise. */
let stopping = false;
n8n.handleSignals(false);

function readJson<T>(file: string, fallback: T): T {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return fallback;
	}
}

/** The example's Stripe Events Trigger node (the webhook one: it has a webhookId), if it has one. */
const webhookTriggerOf = (x: Example) => x.workflow.nodes.find((nd) => nd.type === `${PKG}.stripeEventsTrigger` && nd.webhookId);
const hasPollingTrigger = (x: Example) => x.workflow.nodes.some((nd) => nd.type === `${PKG}.stripeEventsPollingTrigger`);

const TRIGGERS = new Set(['stripeEventsTrigger', 'stripeEventsPollingTrigger']);
type ActionNode = { defaultResource: unknown; resources: StripeResource[] };
let actionNodes: Record<string, ActionNode> | null = null;
/**
 * Each action node by name (its Tool variant has the same operations): the resource a node without
 * one has, and its operations. Read from dist/ after the build, as n8n loads them: under tsx,
 * nodes/X/X.node would resolve to the codex file X.node.json.
 */
function loadActionNodes(): Record<string, ActionNode> {
	if (actionNodes) return actionNodes;
	const out: Record<string, ActionNode> = {};
	for (const [file, resourcesExport] of [
		['StripeClimate', 'climateResources'],
		['StripeCryptoOnramp', 'cryptoOnrampResources'],
		['StripeForwarding', 'forwardingResources'],
		['StripeWebhookEndpoint', 'webhookEndpointResources'],
	]) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(path.join(REPO, 'dist', 'nodes', file, `${file}.node.js`)) as Record<string, unknown>;
		const { description } = new (mod[file] as new () => INodeType)();
		out[description.name] = {
			defaultResource: description.properties.find((p) => p.name === 'resource')?.default,
			resources: mod[resourcesExport] as StripeResource[],
		};
	}
	return (actionNodes = out);
}
/** What the operations that move money or act on Stripe objects do, as dev says it; others are named by their route. */
const WRITES: Record<string, string> = {
	'stripeClimate order create': 'buys carbon removal',
	'stripeClimate order update': 'changes carbon removal orders',
	'stripeClimate order cancel': 'cancels carbon removal orders',
	'stripeCryptoOnramp onrampSession create': 'creates crypto onramp sessions',
	'stripeCryptoOnramp onrampSession checkout': "completes crypto onramp sessions, charging the customer's payment method",
	'stripeForwarding request create': "sends saved cards' details to a third party",
};

/**
 * What a workflow changes in Stripe: a phrase for each operation of its action nodes that is not a
 * GET (an operation dev cannot read, such as an expression, counts as one). Empty: it only reads.
 */
function writesOf(x: Example): string[] {
	const out = new Set<string>();
	for (const nd of x.workflow.nodes) {
		if (!nd.type.startsWith(`${PKG}.`)) continue;
		const name = nd.type.slice(PKG.length + 1).replace(/Tool$/, '');
		if (TRIGGERS.has(name)) continue;
		const node = loadActionNodes()[name];
		if (!node) {
			out.add(`runs "${nd.name}", a node dev does not know`);
			continue;
		}
		const resourceName = nd.parameters?.resource ?? node.defaultResource;
		const resource = node.resources.find((r) => r.value === resourceName);
		const operationName = nd.parameters?.operation ?? resource?.operationSelector.default;
		const operation = resource?.operations.find((o) => o.value === operationName);
		if (operation && parseRoute(operation.route).method === 'GET') continue;
		out.add(WRITES[`${name} ${String(resourceName)} ${String(operationName)}`] ?? (operation ? `sends ${operation.route}` : `runs "${nd.name}", whose operation dev cannot tell`));
	}
	return [...out];
}

/** "on checkout.session.completed events": what starts the example, from its trigger's Events. */
function startsOn(x: Example): string {
	const trigger = x.workflow.nodes.find((nd) => nd.type === `${PKG}.stripeEventsTrigger` || nd.type === `${PKG}.stripeEventsPollingTrigger`);
	const events = Array.isArray(trigger?.parameters?.events) ? (trigger.parameters.events as string[]) : [];
	if (!events.length || events.includes('*')) return 'on every event';
	return `on ${events.length > 1 ? `${events.slice(0, -1).join(', ')} and ${events[events.length - 1]}` : events[0]} events`;
}

/**
 * Waits until n8n's REST routes answer. /healthz/readiness turns 200 before they are mounted, and on
 * a busy machine n8n 2.8 answers them with the editor's 404 page for more than 30 s after that.
 */
async function restMounted(baseUrl: string, timeoutMs: number): Promise<void> {
	await n8n.waitFor(
		async () => {
			// GET /rest/login is the signed-in user: 401 without a cookie once mounted
			const res = await fetch(`${baseUrl}/rest/login`, { signal: AbortSignal.timeout(5000) }).catch(() => null);
			await res?.arrayBuffer();
			return res && res.status !== 404 ? true : null;
		},
		{ timeoutMs, what: "n8n's REST API" },
	);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
	// Ctrl-C stops everything and exits 0 (a second one while stopping is ignored). Set here, not at
	// load: a process that re-ran this script under Node 24 only waits for that child, which stops n8n.
	teardown.onSignals({ message: 'stopping…', exitCode: 0 });
	const useEmulator = !REAL_KEY;
	if (REAL_KEY) {
		if (/^(sk|rk)_live_/.test(REAL_KEY)) fail('STRIPE_SECRET_KEY is a live key. `npm run dev` takes test keys only (sk_test_… or rk_test_…): the examples create orders and sessions.');
		if (!/^(sk|rk)_test_[A-Za-z0-9_]+$/.test(REAL_KEY)) fail('STRIPE_SECRET_KEY does not look like a Stripe test key (sk_test_… or rk_test_…).');
	}
	if (!(await portFree(N8N_PORT))) {
		const prev = readJson<{ pid: number; n8n: number } | null>(PID_FILE, null);
		fail(
			`port ${N8N_PORT} on 127.0.0.1 is in use${prev ? ` (another \`npm run dev\`? pid ${prev.pid}, n8n pid ${prev.n8n})` : ''}. Stop that process, or choose another port: npm run dev -- --port ${N8N_PORT + 1}`,
		);
	}

	say(`n8n-nodes-stripe-platform dev: n8n ${runtime.n8nVersion()} on http://127.0.0.1:${N8N_PORT}, home ${path.relative(REPO, HOME)}/ (${useEmulator ? 'local Stripe emulator' : 'Stripe test mode with STRIPE_SECRET_KEY'})\n`);

	await task('npm run build', async () => {
		const r = await pkgTools.build(REPO);
		return `${r.ms} ms`;
	});
	await task('n8n runtime (test/n8n/install.ts)', async () => {
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
		fs.rmSync(path.join(HOME, '.n8n', 'nodes', 'node_modules', PKG), { recursive: true, force: true });
		const r = await n8n.installPackage(HOME, p.tgz);
		return `${r.name}@${r.version} (${p.files.length} files)`;
	});

	let product: string | null = null;
	if (useEmulator) {
		await task('Stripe emulator', async () => {
			const port = (await portFree(EMULATOR_PORT)) ? EMULATOR_PORT : 0;
			const started = teardown.add('the Stripe emulator', await startEmulator({ port }), async (e) => {
				stopping = true;
				await e.stop().catch(() => {});
				say('stopped the Stripe emulator');
			});
			running.emu = started;
			const products = await started.stripe('GET', '/v1/climate/products', { limit: 1 });
			product = products.data[0]?.id;
			return `${started.url}${port === 0 ? ` (port ${EMULATOR_PORT} is taken, so a free one)` : ''}`;
		});
	}
	const emu = running.emu;

	// The examples refer to the credential by id; with a real key its name says so, and it points at Stripe itself.
	const credentialName = useEmulator ? CREDENTIAL.name : 'Stripe (test key from STRIPE_SECRET_KEY)';
	const credential = { ...emulatorCredential(emu ?? { url: STRIPE_API, testKey: REAL_KEY }), name: credentialName };
	await task(`credential "${credentialName}" (id ${CREDENTIAL.id})`, async () => {
		const { data } = credential;
		await n8n.importCredentials(HOME, [credential]);
		return `→ ${data.baseUrl} with ${data.secretKey.slice(0, 8)}…${data.secretKey.slice(-4)}`;
	});

	const examples = loadExamples(REPO);
	const state = readJson<DevState>(STATE_FILE, { examples: {} });
	const changed = examples.filter((x) => state.examples[x.workflow.id] !== x.sha256);
	const allTriggers = examples.filter((x) => hasOurTrigger(x.workflow));
	// A trigger example that changes something in Stripe (buys carbon removal, creates sessions) runs
	// unasked on every event once published: it stays as imported, unpublished, until you publish it.
	const unsafe = allTriggers.filter((x) => writesOf(x).length);
	const triggers = allTriggers.filter((x) => !unsafe.includes(x));
	await task(`example workflows (${examples.length} in examples/)`, async () => {
		if (changed.length) await n8n.importWorkflow(HOME, changed.map((x) => x.workflow));
		const parked = new Set(state.unpublishedForStripe || []);
		const published = new Set(state.published || []);
		// an earlier version of this script published them: unpublish once, then they are yours to publish
		for (const x of unsafe.filter((t) => published.has(t.workflow.id))) {
			if (useEmulator && !changed.includes(x)) await n8n.unpublish(HOME, x.workflow.id).catch(() => {});
			published.delete(x.workflow.id);
		}
		if (useEmulator) {
			// imported ones come in unpublished: publish the trigger examples so events flow at once
			// (and those a STRIPE_SECRET_KEY run unpublished, and those never published here before);
			// others keep what you chose in n8n
			for (const x of triggers.filter((t) => changed.includes(t) || parked.has(t.workflow.id) || !published.has(t.workflow.id))) {
				await n8n.publish(HOME, x.workflow.id);
				published.add(x.workflow.id);
			}
			state.unpublishedForStripe = [];
		} else {
			// Stripe cannot deliver to 127.0.0.1: an active trigger would only fail to register; one you
			// published yourself would act on your test account
			for (const x of allTriggers) await n8n.unpublish(HOME, x.workflow.id).catch(() => {});
			state.unpublishedForStripe = triggers.map((t) => t.workflow.id);
		}
		state.published = [...published];
		for (const x of changed) state.examples[x.workflow.id] = x.sha256;
		fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2) + '\n');
		return changed.length ? `imported ${changed.map((x) => path.basename(x.file)).join(', ')}` : 'unchanged since the last run, kept as they are in n8n';
	});

	let owner: { email: string; password: string } | null = null;
	let cookie: string | null = null;
	await task(`n8n start on 127.0.0.1:${N8N_PORT}`, async () => {
		const started = teardown.add('n8n', await n8n.start(HOME, { port: N8N_PORT, echo: VERBOSE, logFile: path.join(HOME, 'n8n.log') }), async (p) => {
			stopping = true;
			process.stdout.write('stopping n8n … ');
			const r = await p.stop({ timeoutMs: 20000 }).catch(() => null);
			say(r ? `stopped (${r.stopMs} ms)` : 'killed');
		});
		running.n8n = started;
		fs.writeFileSync(PID_FILE, JSON.stringify({ pid: process.pid, n8n: started.pid, emulator: emu?.pid ?? null }) + '\n');
		const ms = await started.waitReady({ timeoutMs: 120000 });
		return `ready in ${ms} ms`;
	});
	const inst = running.n8n;
	if (!inst) throw new Error('n8n did not start'); // the task threw already
	try {
		await restMounted(inst.baseUrl, 120000);
		cookie = await n8n.setupOwner(inst.baseUrl);
		owner = n8n.DEFAULT_OWNER;
	} catch (e) {
		say(`  ! could not set up or log in as ${n8n.DEFAULT_OWNER.email} (${e.message.split('\n')[0]}); log in with the account you set up`);
	}

	// the webhook trigger example registers an endpoint at the emulator; the polling one has none
	let liveTrigger: { id: string } | null = null;
	const webhookExample = triggers.find(webhookTriggerOf);
	const pollingExamples = triggers.filter(hasPollingTrigger);
	if (emu && webhookExample) {
		const id = webhookExample.workflow.id;
		const url = `${inst.baseUrl}/webhook/${webhookTriggerOf(webhookExample)?.webhookId}/webhook`;
		const registered = () =>
			n8n
				.waitFor(async () => (await emu.objects('webhook_endpoint')).find((ep) => ep.url === url), {
					timeoutMs: 20000,
					what: 'the events-trigger example to register its endpoint',
				})
				.catch(() => null); // not published (the user unpublished it), or activation failed: n8n's log says
		liveTrigger = await registered();
		// n8n 2.8 registers a published webhook trigger at every start; n8n 2.41 only when it is
		// published, and keeps it from then on. This run's emulator is new and knows no endpoint:
		// publish the example again (its trigger deletes the old endpoint, a 404 here, and creates one).
		const wf = !liveTrigger && cookie ? await n8n.rest(inst.baseUrl, cookie, 'GET', `/workflows/${id}`).catch(() => null) : null;
		if (wf?.active && cookie) {
			const republished = await n8n
				.rest(inst.baseUrl, cookie, 'POST', `/workflows/${id}/deactivate`, {})
				.then(() => n8n.rest(inst.baseUrl, cookie as string, 'POST', `/workflows/${id}/activate`, { versionId: wf.activeVersionId ?? wf.versionId }))
				.catch((e) => say(`  ! could not publish "${webhookExample.workflow.name}" again (${e.message.split('\n')[0]})`));
			if (republished) liveTrigger = await registered();
		}
	}
	// a polling trigger example is live when n8n has it active (it registers nothing anywhere)
	const livePolling: Example[] = [];
	if (emu && cookie) {
		for (const x of pollingExamples) {
			const wf = await n8n.rest(inst.baseUrl, cookie, 'GET', `/workflows/${x.workflow.id}`).catch(() => null);
			if (wf?.active) livePolling.push(x);
		}
	}
	// those that change things in Stripe are active only if you published them in n8n
	const publishedByYou = new Set<Example>();
	if (cookie) {
		for (const x of unsafe) {
			const wf = await n8n.rest(inst.baseUrl, cookie, 'GET', `/workflows/${x.workflow.id}`).catch(() => null);
			if (wf?.active) publishedByYou.add(x);
		}
	}

	const base = inst.baseUrl;
	const lines = [
		'',
		'━'.repeat(78),
		`  n8n is running:  ${base}`,
		owner ? `  owner login:     ${owner.email}  /  ${owner.password}` : '  owner login:     the account you set up in this home',
		`  credential:      "${credentialName}" (id ${CREDENTIAL.id}) → ${emu ? `the emulator, ${emu.url}` : `${STRIPE_API} (your STRIPE_SECRET_KEY, test mode)`}`,
		`  workflows:       ${examples.map((x) => x.workflow.name).join('\n                   ')}`,
	];
	if (emu) {
		lines.push(
			`  Stripe emulator: ${emu.url}  (what it received: ${emu.url}/_emulator/requests, webhook deliveries: ${emu.url}/_emulator/deliveries)`,
		);
		if (liveTrigger) {
			lines.push(
				`  events trigger:  published, endpoint ${liveTrigger.id}; fire a climate.order.created event with`,
				`                   curl -s -u ${emu.testKey}: ${emu.url}/v1/climate/orders -d product=${product} -d metric_tons=0.5`,
			);
		}
		for (const x of livePolling) {
			lines.push(`  polling trigger: published ("${x.workflow.name}"); it asks the emulator for new events every minute`);
		}
		for (const x of unsafe) {
			const what = `it ${writesOf(x).join(' and ')} ${startsOn(x)}`;
			if (publishedByYou.has(x)) lines.push(`  published:       "${x.workflow.name}" (${x.file}), by you in n8n:`, `                   ${what}`);
			else {
				lines.push(
					`  not published:   "${x.workflow.name}" (${x.file})`,
					`                   imported, not published: ${what};`,
					'                   publish it in the editor when you want that',
				);
			}
		}
		lines.push(
			'',
			'  To use Stripe itself (test mode) instead of the emulator:',
			'      STRIPE_SECRET_KEY=sk_test_... npm run dev',
			'  (the credential then gets that key and base URL https://api.stripe.com), or put a test key and',
			`  base URL ${STRIPE_API} into the credential in n8n (Overview → Credentials).`,
		);
	} else {
		lines.push(
			'  The trigger examples stay unpublished: Stripe can only deliver events to a public URL, and the',
			'  polling example would read your test-mode events every minute; publish it in n8n if you want that.',
		);
		for (const x of unsafe) {
			lines.push(`  "${x.workflow.name}" as well: once published, it ${writesOf(x).join(' and ')}`, `  ${startsOn(x)} in your test account.`);
		}
	}
	lines.push(
		'',
		`  n8n log: ${path.relative(REPO, inst.logFile)}${VERBOSE ? ' (also shown here)' : ' (--verbose shows it here)'}; start afresh: ${runtime.n8nVersion() === runtime.DEFAULT_VERSION ? '' : `N8N_VERSION=${runtime.n8nVersion()} `}npm run dev -- --reset`,
		`  Ctrl-C stops n8n${emu ? ' and the emulator' : ''}.`,
		'━'.repeat(78),
	);
	say(lines.join('\n'));

	// runs until Ctrl-C; n8n or the emulator ending by itself ends the session
	const ended = await Promise.race([
		inst.exited.then((x) => ({ what: 'n8n', ...x })),
		...(emu ? [emu.exited.then((x) => ({ what: 'the Stripe emulator', ...x }))] : []),
	]);
	if (!stopping) {
		say(`\n✗ ${ended.what} exited by itself (code ${ended.code}, signal ${ended.signal})`);
		if (ended.what === 'n8n') say(inst.logTail(40));
		else if (emu) say(emu.output().split('\n').slice(-20).join('\n'));
		teardown.forget(ended.what === 'n8n' ? 'n8n' : 'the Stripe emulator');
		await teardown.run();
		process.exit(1);
	}
}

Promise.resolve(reexecUnderNodeFor())
	.then(main)
	.catch(async (e) => {
		process.stderr.write(`\n✗ ${e.message}\n`);
		if (running.n8n) process.stderr.write(`--- n8n log (last 40 lines) ---\n${running.n8n.logTail(40)}\n`);
		await teardown.run();
		process.exit(1);
	});
