'use strict';
/**
 * The PandaPon Trigger in a real browser (puppeteer-core + Debian Chromium), as a user tests it:
 * the trigger listens for a test event, a push signed with the wrong secret reaches its Test URL,
 * and the editor shows why the push was refused ("invalid signature") instead of waiting on.
 *
 * Screenshots go to e2e/screenshots/; with `docsDir` the refusal is copied to docs/.
 */
const { createHmac } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const puppeteer = require('puppeteer-core');

const { CHROMIUM_ARGS, openNodePanel } = require('./browser');
const { OWNER, sleep } = require('./lib/n8n');

const NDV = '[data-test-id=ndv]';

/** A status push as PandaPon sends it, signed (hex HMAC-SHA256 of the raw body) with `secret`. */
function signedPush(secret) {
	const body = JSON.stringify({
		messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
		messagePlatform: '1688',
		timestamp: Date.now(),
		messageBody: { orderId: '2542285634920880794', currentStatus: 'waitsellersend' },
	});
	return { body, authorization: createHmac('sha256', secret).update(body).digest('hex') };
}

/**
 * Posts the push to the Test URL until n8n has registered it (404 while the editor is not yet
 * listening) and returns n8n's answer.
 */
async function pushToTestUrl(testUrl, push) {
	for (let attempt = 0; ; attempt++) {
		const res = await fetch(testUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: push.authorization },
			body: push.body,
		});
		const text = await res.text();
		if (res.status !== 404 || attempt >= 40) return { status: res.status, text };
		await sleep(500);
	}
}

async function triggerRefusedCheck({ executablePath, baseUrl, workflowId, webhookId, wrongSecret, screenshotsDir, docsDir, owner = OWNER }) {
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
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	const shot = async (name, docName) => {
		const file = path.join(screenshotsDir, `${name}.png`);
		await page.screenshot({ path: file });
		if (docsDir && docName) {
			fs.mkdirSync(docsDir, { recursive: true });
			fs.copyFileSync(file, path.join(docsDir, docName));
		}
		return file;
	};
	const result = {};
	try {
		await page.goto(`${baseUrl}/signin`, { waitUntil: 'networkidle2' });
		await page.type('input[name=emailOrLdapLoginId]', owner.email);
		await page.type('input[name=password]', owner.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForFunction(() => !location.pathname.startsWith('/signin'));

		await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
		await openNodePanel(page, 'PandaPon Trigger');

		// Listen for test event: n8n registers the Test URL while the editor waits.
		const listen = await page.waitForSelector(`${NDV} [data-test-id=trigger-execute-button], ${NDV} [data-test-id=node-execute-button]`);
		result.listenButton = await listen.evaluate((e) => e.textContent.trim());
		await listen.click();
		await page.waitForFunction(() => document.querySelector('[data-test-id=ndv]')?.innerText.includes('Listening for test event'));
		await shot('10-trigger-listening');

		const signed = signedPush(wrongSecret);
		result.authorization = signed.authorization;
		const push = await pushToTestUrl(`${baseUrl}/webhook-test/${webhookId}/webhook`, signed);
		result.pushStatus = push.status;
		result.pushAnswer = push.text.slice(0, 300);

		// The test run fails with the refusal: its reason and hint in the NDV's error panel.
		await page.waitForFunction(() => document.querySelector('[data-test-id=ndv]')?.innerText.includes('PandaPon push refused'));
		result.errorText = await page.$eval(NDV, (e) => /[^\n]*PandaPon push refused[^\n]*/.exec(e.innerText)[0].trim());
		result.ndvText = await page.$eval(NDV, (e) => e.innerText);
		await sleep(1000); // the listening panel fades out: let it go before the screenshot
		await shot('11-trigger-refused-push', 'trigger-refused-push.png');
		return result;
	} catch (error) {
		await shot('trigger-failure').catch(() => {});
		const html = await page.$eval(NDV, (e) => e.outerHTML).catch(() => '');
		fs.writeFileSync(path.join(screenshotsDir, 'trigger-failure.html'), html);
		error.message += ` (got so far: ${JSON.stringify(result).slice(0, 800)})`;
		throw error;
	} finally {
		await browser.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

module.exports = { triggerRefusedCheck };
