'use strict';
/**
 * The polling trigger in the editor: log in, open the example workflow's polling trigger, read its
 * parameters (Poll Times, Events) and press Fetch Test Event; then search "PandaPon" in the nodes
 * panel of a new workflow (n8n lists the triggers as "PandaPon" and "PandaPon Polling"), pick the
 * polling one and one of its events. Screenshots go to e2e/screenshots/polling-*.png.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const puppeteer = require('puppeteer-core');

const { CHROMIUM_ARGS, openNodePanel } = require('./browser');
const { OWNER } = require('./lib/n8n');

/** Parameter labels in the node panel. */
const LABELS = '[data-test-id=ndv] [data-test-id=parameter-item] label, [data-test-id=ndv] .n8n-input-label .title, [data-test-id=ndv] [data-test-id=input-label]';

/** Visible texts of the elements matching `selector`. */
async function visibleTexts(page, selector) {
	return await page.$$eval(selector, (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()));
}

async function pollingTriggerBrowserCheck({ executablePath, baseUrl, workflowId, nodeName, screenshotsDir, owner = OWNER }) {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-chromium-'));
	const browser = await puppeteer.launch({ executablePath, headless: true, userDataDir, args: CHROMIUM_ARGS, defaultViewport: { width: 1600, height: 1000 } });
	const page = await browser.newPage();
	page.setDefaultTimeout(30000);
	page.on('dialog', (dialog) => dialog.accept()); // leaving a page with unsaved changes
	const shot = (name) => page.screenshot({ path: path.join(screenshotsDir, `polling-${name}.png`) });
	try {
		await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
		await page.type('input[name=emailOrLdapLoginId]', owner.email);
		await page.type('input[name=password]', owner.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForFunction(() => !location.pathname.startsWith('/signin'));

		// The example's polling trigger: its panel and Fetch Test Event.
		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
		await openNodePanel(page, nodeName);
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-input-events]');
		const parameters = await visibleTexts(page, LABELS);
		await page.click('[data-test-id=node-execute-button]');
		await page.waitForSelector('[data-test-id=output-panel] [data-test-id=node-run-status-success], [data-test-id=output-panel] [data-test-id=node-error-message]');
		const outputText = await page.$eval('[data-test-id=output-panel]', (e) => e.innerText);
		await shot('01-test-event');

		// Nodes panel of an empty workflow ("What triggers this workflow?"), searched for PandaPon.
		// n8n lists trigger nodes without the word "Trigger": PandaPon (push) and PandaPon Polling.
		await page.goto(`${baseUrl}/workflow/new`, { waitUntil: 'networkidle2' });
		await page.click('[data-test-id=canvas-add-button]');
		const search = await page.waitForSelector('[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]');
		await search.type('PandaPon');
		const polling = await page.waitForFunction(() =>
			[...document.querySelectorAll('[data-test-id=node-creator-item-name]')].find((e) => e.offsetParent !== null && e.textContent.trim() === 'PandaPon Polling'),
		);
		const panelEntries = await visibleTexts(page, '[data-test-id=node-creator-item-name]');
		await shot('02-nodes-panel');

		// Picking it lists its events as triggers ("On 1688 order status changed", ...); picking one
		// adds the node with that event and opens its panel, with n8n's Poll Times first.
		await polling.asElement().click();
		const action = await page.waitForFunction(() =>
			[...document.querySelectorAll('body *')].find(
				(e) => e.children.length === 0 && e.offsetParent !== null && e.textContent.trim() === 'On 1688 order status changed',
			),
		);
		const triggerActions = await page.evaluate(() =>
			[...document.querySelectorAll('body *')]
				.filter((e) => e.children.length === 0 && e.offsetParent !== null && /^On (1688|taobao) /.test(e.textContent.trim()))
				.map((e) => e.textContent.trim()),
		);
		await shot('03-polling-triggers');
		await action.asElement().click();
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-input-events]');
		const newNodeParameters = await visibleTexts(page, LABELS);
		const newNodeEvents = await page.$eval('[data-test-id=ndv] [data-test-id=parameter-input-events]', (e) => e.innerText);
		await shot('04-new-node-panel');
		const clean = (list) => [...new Set(list.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean))];
		return { panelEntries, triggerActions, parameters: clean(parameters), newNodeParameters: clean(newNodeParameters), newNodeEvents, outputText };
	} catch (error) {
		await shot('failure').catch(() => {});
		throw error;
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

module.exports = { pollingTriggerBrowserCheck };
