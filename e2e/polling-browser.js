'use strict';
/**
 * The polling trigger in the editor: log in, open the example workflow's polling trigger, read its
 * parameters (Poll Times, Events) and press Fetch Test Event; then search "PandaPon" in the nodes
 * panel of a new workflow (n8n lists the triggers as "PandaPon" and "PandaPon Polling"), pick the
 * polling one and one of its events. Screenshots go to e2e/screenshots/polling-*.png.
 */
const path = require('node:path');

const { executeNode, openNodePanel, withEditor } = require('./lib/browser');

/** Parameter labels in the node panel. */
const LABELS = '[data-test-id=ndv] [data-test-id=parameter-item] label, [data-test-id=ndv] .n8n-input-label .title, [data-test-id=ndv] [data-test-id=input-label]';

/** Visible texts of the elements matching `selector`. */
async function visibleTexts(page, selector) {
	return await page.$$eval(selector, (els) => els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()));
}

async function pollingTriggerBrowserCheck({ executablePath, baseUrl, workflowId, nodeName, screenshotsDir, owner }) {
	const shot = (page, name) => page.screenshot({ path: path.join(screenshotsDir, `polling-${name}.png`) });
	return await withEditor(
		{ executablePath, baseUrl, owner },
		async (page) => {
			// The example's polling trigger: its panel and Fetch Test Event.
			await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
			await openNodePanel(page, nodeName);
			await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-input-events]');
			const parameters = await visibleTexts(page, LABELS);
			const outputText = await executeNode(page);
			await shot(page, '01-test-event');

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
			await shot(page, '02-nodes-panel');

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
			await shot(page, '03-polling-triggers');
			await action.asElement().click();
			await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-input-events]');
			const newNodeParameters = await visibleTexts(page, LABELS);
			const newNodeEvents = await page.$eval('[data-test-id=ndv] [data-test-id=parameter-input-events]', (e) => e.innerText);
			await shot(page, '04-new-node-panel');
			const clean = (list) => [...new Set(list.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean))];
			return { panelEntries, triggerActions, parameters: clean(parameters), newNodeParameters: clean(newNodeParameters), newNodeEvents, outputText };
		},
		(page) => shot(page, 'failure'),
	);
}

module.exports = { pollingTriggerBrowserCheck };
