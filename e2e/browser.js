'use strict';
/**
 * The editor in a real browser: log in, open a workflow whose PandaPon node is in Create Refund
 * (1688 After-Sale), pick the order from the searchable list, open the Refund Reason dropdown
 * (loaded from PandaPon for that order, its lines and goods status), choose a reason, execute
 * the node and read its output. Screenshots of each step go to e2e/screenshots/; the dropdown
 * one is also copied to docs/node-panel.png.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const puppeteer = require('puppeteer-core');

const { OWNER } = require('./lib/n8n');

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

async function browserCheck({ executablePath, baseUrl, workflowId, orderId, screenshotsDir, docsScreenshot, owner = OWNER }) {
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-chromium-'));
	const browser = await puppeteer.launch({
		executablePath,
		headless: true,
		userDataDir,
		args: CHROMIUM_ARGS,
		defaultViewport: { width: 1600, height: 1000 },
	});
	const page = await browser.newPage();
	page.setDefaultTimeout(30000);
	const shot = async (name) => {
		const file = path.join(screenshotsDir, `${name}.png`);
		await page.screenshot({ path: file });
		return file;
	};
	try {
		// Log in through the sign-in form.
		await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
		await page.type('input[name=emailOrLdapLoginId]', owner.email);
		await page.type('input[name=password]', owner.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForFunction(() => !location.pathname.startsWith('/signin'));

		// Open the workflow and the PandaPon node's panel.
		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'networkidle2' });
		const node = await page.waitForSelector('[data-test-id=canvas-node][data-node-name="PandaPon"]');
		await shot('01-workflow');
		const box = await node.boundingBox();
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount: 2 });
		await page.waitForSelector('[data-test-id=ndv] [data-test-id=parameter-input-applyReasonId]');

		// Order: From List, searched by id (listSearch searchAlibabaOrders).
		await page.click('[data-test-id=resource-locator-orderId] [data-test-id=rlc-input]');
		await page.waitForSelector('[data-test-id=rlc-search]');
		await page.type('[data-test-id=rlc-search]', orderId);
		const item = await page.waitForFunction(
			(id) => [...document.querySelectorAll('[data-test-id=rlc-item]')].find((e) => e.textContent.includes(id)),
			{},
			orderId,
		);
		await item.asElement().click();
		await shot('02-order-picked');

		// Refund Reason: the options come from PandaPon (loadOptions getAlibabaRefundReasons).
		await page.click('[data-test-id=parameter-input-applyReasonId]');
		await page.waitForFunction(() =>
			[...document.querySelectorAll('.el-select-dropdown__item .option-headline')].some((e) => e.offsetParent !== null),
		);
		const reasons = await page.$$eval('.el-select-dropdown__item .option-headline', (els) =>
			els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()),
		);
		const dropdownShot = await shot('03-refund-reasons');
		if (docsScreenshot) {
			fs.mkdirSync(path.dirname(docsScreenshot), { recursive: true });
			fs.copyFileSync(dropdownShot, docsScreenshot);
		}
		const firstOption = await page.waitForFunction(() =>
			[...document.querySelectorAll('.el-select-dropdown__item')].find((e) => e.offsetParent !== null),
		);
		await firstOption.asElement().click();

		// Execute the node and read what the output panel shows.
		await page.click('[data-test-id=node-execute-button]');
		await page.waitForSelector(
			'[data-test-id=output-panel] [data-test-id=node-run-status-success], [data-test-id=output-panel] [data-test-id=node-error-message]',
		);
		const outputText = await page.$eval('[data-test-id=output-panel]', (e) => e.innerText);
		await shot('04-executed');
		return { reasons, outputText };
	} catch (error) {
		await shot('failure').catch(() => {});
		throw error;
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

module.exports = { browserCheck, CHROMIUM_ARGS };
