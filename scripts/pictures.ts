/**
 * The pictures of the README's Recipes: each template on the n8n canvas and each report as it
 * renders, taken from a real n8n editor and a real render of the HTML in headless Chromium.
 *
 *   npm run pictures            (tsx scripts/pictures.ts [--keep])
 *     --keep   keep the work folder (.pictures/) afterwards
 *
 * It builds and packs the package, installs it into an n8n home (n8n 2.8.4, test/n8n/install.ts),
 * seeds the emulator as the reports suite does (test/reports/seed.ts), runs each report template
 * with `n8n execute` to get its HTML, then starts n8n with the templates imported, logs in as the
 * owner over REST, opens each workflow's URL and takes the canvas; then renders each HTML report.
 * Chromium is Debian's (/usr/bin/chromium, installed with apt-get when missing), driven by
 * playwright-core. Writes docs/images/<template>-canvas.png and docs/images/<template>-report.png.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { chromium } from 'playwright-core';

import { flag, helpFromHeader } from './lib/cli';
import { packForSuite } from './lib/package';
import { REPO } from './lib/repo';
import { Teardown } from './lib/teardown';
import { emulatorCredential } from '../test/support/credential';
import { startEmulator } from '../test/support/emulator';
import * as runtime from '../test/n8n/install';
import * as n8n from '../test/n8n/instance';
import { AUTOMATION_FILE } from '../test/reports/automation';
import { readTemplate, runnable, TEMPLATES } from '../test/reports/reports';
import { seed } from '../test/reports/seed';

helpFromHeader(__filename);

const WORK = path.join(REPO, '.pictures');
const OUT = path.join(REPO, 'docs', 'images');
const CHROMIUM = '/usr/bin/chromium';
/** The flags this machine's Chromium needs headless and offline (/work/.library/env/machines/node.md). */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The browser-id header n8n ties the auth cookie to; the editor reads it from localStorage. */
const BROWSER_ID = 'n8n-nodes-stripe-platform-pictures';

const log = (line: string) => process.stdout.write(`${line}\n`);
const pictureName = (file: string) => path.basename(file, '.json');

function ensureChromium(): void {
	if (fs.existsSync(CHROMIUM)) return;
	log('Chromium missing: apt-get install -y chromium');
	const r = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
	if (r.status !== 0 || !fs.existsSync(CHROMIUM)) throw new Error('apt-get install -y chromium failed');
}

async function main(): Promise<void> {
	const teardown = new Teardown();
	teardown.onSignals({ message: 'stopping n8n, the emulator and Chromium…' });
	try {
		ensureChromium();
		fs.mkdirSync(OUT, { recursive: true });
		await runtime.install();
		const packed = await packForSuite(path.join(WORK, 'build'));
		log(`packed ${path.basename(packed.tgz)}`);
		const emu = teardown.add('the Stripe emulator', await startEmulator({ port: 0 }), (e) => e.stop());
		const home = path.join(WORK, 'home');
		fs.rmSync(home, { recursive: true, force: true });
		n8n.createHome(home);
		await n8n.installPackage(home, packed.tgz);
		await n8n.importCredentials(home, [emulatorCredential(emu)]);
		const seeded = teardown.add('the webhook receivers', await seed(emu), (s) => s.close());
		log(`seeded ${seeded.orders.length} orders, ${seeded.sessions.length} sessions, ${seeded.events.length} events`);

		// The reports' HTML, from a real run of each template.
		const htmlFiles: Record<string, string> = {};
		// each in the timezone the seeded data is placed for (test/reports/seed.ts)
		await n8n.importWorkflow(home, TEMPLATES.map((t) => runnable(readTemplate(t.file), t.zone)));
		for (const t of TEMPLATES) {
			const run = await n8n.execute(home, runnable(readTemplate(t.file), t.zone).id);
			const [report] = n8n.nodeOutput(run, 'HTML Report');
			if (!report?.html) throw new Error(`${t.file}: no HTML (${n8n.runError(run)?.message ?? 'no error'})`);
			htmlFiles[t.file] = path.join(WORK, `${pictureName(t.file)}.html`);
			fs.writeFileSync(htmlFiles[t.file], report.html);
		}

		// The templates as a user imports them, in a running editor.
		const files = [...TEMPLATES.map((t) => t.file), AUTOMATION_FILE];
		await n8n.importWorkflow(home, files.map((f) => ({ ...readTemplate(f), active: false })));
		const inst = teardown.add('n8n', await n8n.start(home), (i) => i.stop({ timeoutMs: 15000 }));
		await inst.waitReady();
		await n8n.setupOwner(inst.baseUrl);

		const browser = teardown.add('Chromium', await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS }), (b) => b.close());
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		await context.addInitScript(`window.localStorage.setItem('n8n-browserId', ${JSON.stringify(BROWSER_ID)})`);
		const login = await context.request.post(`${inst.baseUrl}/rest/login`, {
			headers: { 'browser-id': BROWSER_ID },
			data: { emailOrLdapLoginId: n8n.DEFAULT_OWNER.email, email: n8n.DEFAULT_OWNER.email, password: n8n.DEFAULT_OWNER.password },
		});
		if (!login.ok()) throw new Error(`login over REST answered ${login.status()}`);
		const page = await context.newPage();
		for (const file of files) {
			const workflow = readTemplate(file);
			await page.goto(`${inst.baseUrl}/workflow/${workflow.id}`, { waitUntil: 'networkidle' });
			await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: 60000 });
			await page.keyboard.press('Escape');
			await page.waitForTimeout(1500); // the canvas fits the view after the nodes appear
			const target = path.join(OUT, `${pictureName(file)}-canvas.png`);
			await page.screenshot({ path: target });
			log(`${path.relative(REPO, target)}: ${(fs.statSync(target).size / 1024).toFixed(0)} kB`);
		}

		// The reports as a mail client shows them.
		const reportPage = await context.newPage();
		await reportPage.setViewportSize({ width: 800, height: 400 });
		for (const t of TEMPLATES) {
			await reportPage.goto(`file://${htmlFiles[t.file]}`);
			const target = path.join(OUT, `${pictureName(t.file)}-report.png`);
			await reportPage.screenshot({ path: target, fullPage: true });
			log(`${path.relative(REPO, target)}: ${(fs.statSync(target).size / 1024).toFixed(0)} kB`);
		}
	} finally {
		await teardown.run();
		if (!flag('keep')) fs.rmSync(WORK, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`pictures: ${e.stack || e}\n`);
	process.exit(1);
});
