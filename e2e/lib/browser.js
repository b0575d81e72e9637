'use strict';
/**
 * The editor in a real browser (puppeteer-core + Debian Chromium), shared by the browser checks:
 * the Chromium to use (or the test skipped without one), a signed-in editor page, screenshots,
 * a node's panel opened on the canvas, a node executed from its panel, and what a failed check
 * leaves behind.
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const puppeteer = require('puppeteer-core');

const { OWNER } = require('./n8n');

// Headless Chromium without anything that phones home or needs a GPU or sandbox (CI runs as root).
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

const NDV = '[data-test-id=ndv]';
const OUTPUT_PANEL = '[data-test-id=output-panel]';

/**
 * The Chromium to drive (CHROMIUM_PATH or Debian's); without one the test `t` is skipped, or fails
 * in CI, and undefined comes back.
 */
function chromiumOrSkip(t) {
	const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (fs.existsSync(chromium)) return chromium;
	if (process.env.CI) assert.fail(`no browser at ${chromium}`);
	t.skip(`no browser at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
	return undefined;
}

/**
 * Runs `check(page)` in a fresh Chromium signed in to the n8n editor at `baseUrl` as `owner`, and
 * closes the browser (and its profile folder) afterwards. When the check throws, `onFailure(page,
 * error)` may record what the page showed before the error goes on.
 */
async function withEditor({ executablePath, baseUrl, owner = OWNER }, check, onFailure) {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-chromium-'));
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		userDataDir,
		args: CHROMIUM_ARGS,
		defaultViewport: { width: 1600, height: 1000 },
	});
	try {
		const page = await browser.newPage();
		page.setDefaultTimeout(30000);
		// Leaving a workflow with unsaved picks asks "leave the page?": yes (the checks save nothing).
		page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
		try {
			await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
			await page.type('input[name=emailOrLdapLoginId]', owner.email);
			await page.type('input[name=password]', owner.password);
			await page.click('[data-test-id=form-submit-button]');
			await page.waitForFunction(() => !location.pathname.startsWith('/signin'));
			return await check(page);
		} catch (error) {
			if (onFailure) await onFailure(page, error).catch(() => {});
			throw error;
		}
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

/**
 * `shot(name, docName)`: a screenshot of the page to `<dir>/<name>.png`; with `docsDir`
 * and a `docName` it is copied there too, unless `onlyMissingDocs` and the copy exists already.
 */
function screenshots(page, { dir, docsDir, onlyMissingDocs = false }) {
	return async (name, docName) => {
		const file = path.join(dir, `${name}.png`);
		await page.screenshot({ path: file });
		if (docsDir && docName && !(onlyMissingDocs && fs.existsSync(path.join(docsDir, docName)))) {
			fs.mkdirSync(docsDir, { recursive: true });
			fs.copyFileSync(file, path.join(docsDir, docName));
		}
		return file;
	};
}

/**
 * What a failed check leaves in `dir`: a screenshot and the open panel's HTML as `<name>.png` and
 * `<name>.html`, and in the error's message the results it had gathered so far.
 */
function keepFailure(dir, name, result) {
	return async (page, error) => {
		error.message += ` (got so far: ${JSON.stringify(result).slice(0, 800)})`;
		await page.screenshot({ path: path.join(dir, `${name}.png`) }).catch(() => {});
		const html = await page.$eval(NDV, (e) => e.outerHTML).catch(() => '');
		fs.writeFileSync(path.join(dir, `${name}.html`), html);
	};
}

/**
 * Opens a canvas node's panel. The canvas zooms to fit after loading, so the node is double-clicked
 * once it stops moving, and again if the panel did not open (a click during the zoom misses it).
 */
async function openNodePanel(page, nodeName) {
	const node = await page.waitForSelector(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`);
	for (let attempt = 1; ; attempt++) {
		let box = await node.boundingBox();
		for (let still = 0; still < 10; still++) {
			await new Promise((resolve) => setTimeout(resolve, 300));
			const next = await node.boundingBox();
			if (next.x === box.x && next.y === box.y && next.width === box.width) break;
			box = next;
		}
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount: 2 });
		try {
			await page.waitForSelector(NDV, { timeout: 5000 });
			return;
		} catch (error) {
			if (attempt >= 3) throw error;
		}
	}
}

/** Presses the open panel's execute button and returns the output panel's text once the run ends. */
async function executeNode(page) {
	await page.click('[data-test-id=node-execute-button]');
	await page.waitForSelector(`${OUTPUT_PANEL} [data-test-id=node-run-status-success], ${OUTPUT_PANEL} [data-test-id=node-error-message]`);
	return await page.$eval(OUTPUT_PANEL, (e) => e.innerText);
}

module.exports = { CHROMIUM_ARGS, NDV, chromiumOrSkip, executeNode, keepFailure, openNodePanel, screenshots, withEditor };
