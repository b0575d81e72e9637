#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a local playground. Builds the package, starts the PandaPon sandbox on :8787 with
 * its pushes aimed at the example trigger's production webhook, installs n8n into e2e/n8n on the
 * first run, starts it on :5678 with this package loaded, creates the owner, and imports a
 * credential for the sandbox plus the example workflows. Ctrl-C stops everything.
 *
 * Options: --reset (forget the local n8n data in e2e/.n8n/local), --port N (n8n, default 5678),
 * --sandbox-port N (default 8787).
 */
const fs = require('node:fs');
const path = require('node:path');

const { N8n, OWNER, ROOT, buildPackage, ensureN8n, freePort, linkPackage } = require('../e2e/lib/n8n');
const { EXAMPLES_DIR, pandaPonCredential, triggerWebhookUrl, writeJson } = require('../e2e/lib/fixtures');
const { startSandbox } = require('../sandbox');

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const N8N_PORT = option('--port', 5678);
const SANDBOX_PORT = option('--sandbox-port', 8787);
const USER_FOLDER = path.join(ROOT, 'e2e', '.n8n', 'local'); // git-ignored
const N8N_DIR = path.join(ROOT, 'e2e', 'n8n');

let sandbox;
let n8n;
let stopping = false;

async function stopAll(code) {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping n8n and the sandbox...');
	await n8n?.stop().catch(() => {});
	await sandbox?.close().catch(() => {});
	process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
	if (args.includes('--reset')) fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	const firstRun = !fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'));

	console.log('== Building the package (npm run build)');
	buildPackage();

	console.log('== n8n');
	await ensureN8n(N8N_DIR);

	n8n = new N8n({
		dir: N8N_DIR,
		userFolder: USER_FOLDER,
		port: N8N_PORT,
		brokerPort: await freePort(),
		logFile: path.join(USER_FOLDER, 'n8n.log'),
	});
	const hook = triggerWebhookUrl(n8n.url.replace('localhost', '127.0.0.1'));

	console.log('== PandaPon sandbox');
	sandbox = await startSandbox({ port: SANDBOX_PORT, callbackUrls: [hook.url] });
	console.log(`sandbox on ${sandbox.url}, pushes go to ${hook.url}`);
	// Seeded orders are dated 2025: a few dated now give the polling trigger's window something to watch.
	const [recentOrder] = sandbox.simulate('1688.createOrders', { count: 5, status: 'waitsellersend' }).orderIds;

	fs.mkdirSync(USER_FOLDER, { recursive: true });
	linkPackage(USER_FOLDER);
	if (firstRun) {
		// Importing before the first start also creates the database; the shell owner the
		// migrations create owns the imports until the owner signs up below.
		console.log('== Importing the sandbox credential and the example workflows');
		await n8n.import('credentials', writeJson(path.join(USER_FOLDER, 'import', 'credentials.json'), [pandaPonCredential(sandbox)]));
		await n8n.import('workflow', EXAMPLES_DIR);
	}

	console.log(`== Starting n8n (log: ${path.relative(ROOT, n8n.logFile)})`);
	await n8n.start();
	await n8n.ensureOwnerAndLogin();

	console.log(`
n8n is ready: ${n8n.url}
  login     ${OWNER.email} / ${OWNER.password}
  sandbox   ${sandbox.url}  (key ${sandbox.credentials.accessKey}, secret ${sandbox.credentials.accessSecret}, user ${sandbox.credentials.userId})
  examples  ${path.relative(ROOT, EXAMPLES_DIR)}/ imported, credential "PandaPon sandbox"

Try the refund automation: publish "PandaPon: refund paid 1688 orders automatically", then let the
sandbox pay an order (it pushes the status change to the trigger):
  curl -s -X POST ${sandbox.url}/__admin/simulate -H 'content-type: application/json' \\
    -d '{"action":"1688.setStatus","orderId":"${sandbox.state.fixtures.alibaba.orderWaitBuyerPay}","status":"waitsellersend"}'

Try the polling trigger: publish "PandaPon: 1688 order shipped → notify (polling)", then within a
minute or two of shipping an order it runs once:
  curl -s -X POST ${sandbox.url}/__admin/simulate -H 'content-type: application/json' \\
    -d '{"action":"1688.ship","orderId":"${recentOrder}"}'

Ctrl-C stops n8n and the sandbox.`);

	const exit = await n8n.exited;
	if (!stopping) {
		console.error(`n8n stopped on its own (${JSON.stringify(exit)}); see ${n8n.logFile}`);
		await stopAll(1);
	}
}

main().catch(async (error) => {
	console.error(error.message ?? error);
	await stopAll(1);
});
