'use strict';
/**
 * A fresh n8n 2.8.4 (e2e/n8n) for one test file, against its own PandaPon sandbox: shared by
 * `npm run test:e2e` and `npm run test:e2e:polling`.
 */
const fs = require('node:fs');
const path = require('node:path');

const { N8n, ROOT, buildPackage, ensureN8n, freePort, linkPackage } = require('./n8n');
const { writeJson } = require('./fixtures');
const { startSandbox } = require('../../sandbox');

const N8N_DIR = path.join(ROOT, 'e2e', 'n8n');
const SCREENSHOTS = path.join(ROOT, 'e2e', 'screenshots'); // git-ignored

/**
 * Builds the package (unless --no-build), recreates the user folder `work` with a copy of it,
 * starts a sandbox, imports what `imports(sandbox)` returns — `credentials` (an array) and
 * `workflows` ({ file name: workflow }) — starts n8n on a free port and logs in as the owner.
 * `stop()` ends n8n and the sandbox.
 */
async function startTestInstance(work, imports) {
	const started = Date.now();
	if (!process.argv.includes('--no-build')) buildPackage();
	await ensureN8n(N8N_DIR);
	fs.rmSync(work, { recursive: true, force: true });
	fs.mkdirSync(work, { recursive: true });
	fs.mkdirSync(SCREENSHOTS, { recursive: true });
	linkPackage(work, { copy: true });

	const sandbox = await startSandbox({ port: 0 });
	const n8n = new N8n({ dir: N8N_DIR, userFolder: work, port: await freePort(), brokerPort: await freePort(), logFile: path.join(work, 'n8n.log') });
	const stop = async () => {
		await n8n.stop();
		await sandbox.close();
	};
	try {
		const { credentials, workflows } = imports(sandbox);
		await n8n.import('credentials', writeJson(path.join(work, 'import', 'credentials.json'), credentials));
		// All workflows in one CLI run.
		const wfDir = path.join(work, 'import', 'workflows');
		for (const [file, wf] of Object.entries(workflows)) writeJson(path.join(wfDir, file), wf);
		await n8n.import('workflow', wfDir);
		await n8n.start({ newPortOnClash: true });
		await n8n.ensureOwnerAndLogin();
	} catch (error) {
		await stop();
		throw error;
	}
	console.log(`# n8n ready on ${n8n.url} after ${Math.round((Date.now() - started) / 1000)} s (log ${path.relative(ROOT, n8n.logFile)})`);
	return { sandbox, n8n, stop };
}

module.exports = { N8N_DIR, SCREENSHOTS, startTestInstance };
