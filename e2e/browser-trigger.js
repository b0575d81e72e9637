'use strict';
/**
 * The PandaPon Trigger in a real browser (puppeteer-core + Debian Chromium), as a user tests it:
 * the trigger listens for a test event, a push signed with the wrong secret reaches its Test URL,
 * and the editor shows why the push was refused ("invalid signature") instead of waiting on.
 *
 * Screenshots go to e2e/screenshots/; the refusal is copied to `docsDir` when missing there, or
 * always with `updateDocs`.
 */
const { createHmac } = require('node:crypto');

const { NDV, keepFailure, openNodePanel, screenshots, withEditor } = require('./lib/browser');
const { sleep } = require('./lib/n8n');

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

async function triggerRefusedCheck({ executablePath, baseUrl, workflowId, webhookId, wrongSecret, screenshotsDir, docsDir, updateDocs = false, owner }) {
	const result = {};
	return await withEditor(
		{ executablePath, baseUrl, owner },
		async (page) => {
			const shot = screenshots(page, { dir: screenshotsDir, docsDir, onlyMissingDocs: !updateDocs });

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
		},
		keepFailure(screenshotsDir, 'trigger-failure', result),
	);
}

module.exports = { triggerRefusedCheck };
