#!/usr/bin/env node
'use strict';
/**
 * `npm run test:compat`: does the package still load and run in the newest n8n? n8n 2.41 needs
 * Node 24, so a Node 24 binary comes from the npm package `node` (e2e/node24), and n8n is
 * installed with it into e2e/n8n-latest. Then: the editor lists our node types, and two example
 * workflows run with `n8n execute` against the sandbox. Prints how long each step took.
 * Flag: --no-build (dist/ is current).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const { N8n, ROOT, buildPackage, ensureN8n, freePort, installedVersion, linkPackage } = require('./lib/n8n');
const { pandaPonCredential, readExamples, writeJson } = require('./lib/fixtures');
const { startSandbox } = require('../sandbox');

const NODE24_DIR = path.join(ROOT, 'e2e', 'node24');
const NODE24 = path.join(NODE24_DIR, 'node_modules', 'node', 'bin', 'node');
const N8N_DIR = path.join(ROOT, 'e2e', 'n8n-latest');
// Outside the repository on purpose: the package then resolves `n8n-workflow` through the
// NODE_PATH n8n sets, i.e. n8n 2.41's own copy, as in a real installation, not the repo's 2.8.
const WORK = path.join(os.tmpdir(), 'pandapon-n8n-compat');

const timings = {};
async function timed(name, fn) {
	const started = Date.now();
	try {
		return await fn();
	} finally {
		timings[name] = `${((Date.now() - started) / 1000).toFixed(1)} s`;
		console.log(`[compat] ${name}: ${timings[name]}`);
	}
}

async function main() {
	if (!process.argv.includes('--no-build')) await timed('build', () => buildPackage());

	await timed('node 24', () => {
		if (fs.existsSync(NODE24)) return;
		// The `node` package's install script fetches the binary package for this platform.
		const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: NODE24_DIR, stdio: 'inherit' });
		if (r.status !== 0) throw new Error('npm ci in e2e/node24 failed');
	});
	const nodeVersion = spawnSync(NODE24, ['--version']).stdout.toString().trim();

	// npm itself runs on whatever `node` is first in PATH: put Node 24 there so engine checks
	// and install scripts see the Node that will run n8n.
	const env = { ...process.env, PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH}` };
	const install = await timed('n8n install', () => ensureN8n(N8N_DIR, { env }));
	const n8nVersion = installedVersion(N8N_DIR);

	fs.rmSync(WORK, { recursive: true, force: true });
	fs.mkdirSync(WORK, { recursive: true });
	linkPackage(WORK, { copy: true });
	const sandbox = await startSandbox({ port: 0 });
	const n8n = new N8n({
		dir: N8N_DIR,
		node: NODE24,
		userFolder: WORK,
		port: await freePort(),
		brokerPort: await freePort(),
		extraEnv: { PATH: env.PATH },
		logFile: path.join(WORK, 'n8n.log'),
	});
	try {
		const examples = readExamples().map((e) => e.workflow);
		await timed('import', async () => {
			await n8n.import('credentials', writeJson(path.join(WORK, 'import', 'credentials.json'), [pandaPonCredential(sandbox)]));
			const dir = path.join(WORK, 'import', 'workflows');
			for (const wf of examples) writeJson(path.join(dir, `${wf.id}.json`), wf);
			await n8n.import('workflow', dir);
		});

		await timed('n8n start', () => n8n.start({ newPortOnClash: true }));
		await timed('node types', async () => {
			await n8n.ensureOwnerAndLogin();
			const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie, 'browser-id': 'pandapon-e2e' } });
			const names = new Set((await res.json()).map((t) => t.name));
			for (const type of ['n8n-nodes-pandapon.pandaPon', 'n8n-nodes-pandapon.pandaPonTrigger', 'n8n-nodes-pandapon.pandaPonPollingTrigger', 'n8n-nodes-pandapon.pandaPonTool']) {
				assert.ok(names.has(type), `n8n ${n8nVersion} lists ${type}`);
			}
		});

		for (const [file, lastNode] of [
			['1688-order-sync.json', 'Sheet rows'],
			['1688-product-research.json', 'Add to cart'],
		]) {
			const wf = readExamples().find((e) => e.file === file).workflow;
			await timed(`execute ${file}`, async () => {
				const result = await n8n.execute(wf.id);
				assert.ok(result.ok, `${file} runs in n8n ${n8nVersion}:\n${result.output.slice(-3000)}`);
				const items = result.data.data.resultData.runData[lastNode].at(-1).data.main[0];
				assert.ok(items.length > 0, `${file}: "${lastNode}" has output`);
			});
		}
	} finally {
		await n8n.stop();
		await sandbox.close();
	}
	console.log(`[compat] OK: n8n ${n8nVersion} on Node ${nodeVersion} loads n8n-nodes-pandapon and runs the examples`);
	console.log(`[compat] timings: ${JSON.stringify({ ...timings, n8nInstalledNow: install.installed })}`);
}

main().catch((error) => {
	console.error(`[compat] FAILED: ${error.stack ?? error}`);
	process.exit(1);
});
