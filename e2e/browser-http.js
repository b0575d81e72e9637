'use strict';
/**
 * The editor in a real browser, for what a user sees of names and the credential:
 * - the canvas subtitle of a PandaPon node reads "Get: 1688 Order", not internal values;
 * - in an HTTP Request node, "Predefined Credential Type" offers PandaPon API; picking it (and the
 *   saved credential) makes a signed GET against the sandbox, shown in the output panel.
 * Screenshots go to e2e/screenshots/ (and docs/ on request).
 */
const path = require('node:path');

const { NDV, executeNode, openNodePanel, screenshots, withEditor } = require('./lib/browser');

/** Visible dropdown options (n8n's selects render them in a popper outside the panel). */
const visibleOptions = () =>
	[...document.querySelectorAll('.el-select-dropdown__item')].filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim());

/**
 * Picks a visible dropdown option by its text, found and clicked in one step in the page: an option
 * found first and clicked afterwards can be re-rendered or still animating by then ("not clickable").
 */
async function pickOption(page, text, exact) {
	await page.waitForFunction(
		(wanted, whole) => {
			const option = [...document.querySelectorAll('.el-select-dropdown__item')].find(
				(e) => e.offsetParent !== null && (whole ? e.textContent.trim() === wanted : e.textContent.trim().startsWith(wanted)),
			);
			option?.click();
			return option !== undefined;
		},
		{},
		text,
		exact,
	);
}

async function httpRequestCredentialCheck({ executablePath, baseUrl, subtitleWorkflowId, httpWorkflowId, credentialName, screenshotsDir, docsDir, owner }) {
	return await withEditor(
		{ executablePath, baseUrl, owner },
		async (page) => {
			const shot = screenshots(page, { dir: screenshotsDir, docsDir });

			// Canvas subtitle of a PandaPon node.
			await page.goto(`${baseUrl}/workflow/${subtitleWorkflowId}`, { waitUntil: 'networkidle2' });
			const pandaPon = await page.waitForSelector('[data-test-id=canvas-node][data-node-name="PandaPon"]');
			await page.waitForFunction((el) => /:/.test(el.innerText), {}, pandaPon);
			const subtitle = (await pandaPon.evaluate((el) => el.innerText)).replace(/\s+/g, ' ').trim();
			await shot('names-subtitle', 'names-subtitle.png');

			// HTTP Request node: Authentication is Predefined Credential Type, the type not chosen yet.
			await page.goto(`${baseUrl}/workflow/${httpWorkflowId}`, { waitUntil: 'networkidle2' });
			await openNodePanel(page, 'Saved addresses');
			const typeInput = await page.waitForSelector(`${NDV} [data-test-id=parameter-input-nodeCredentialType] input`);
			await typeInput.click();
			await typeInput.type('PandaPon');
			await page.waitForFunction(() =>
				[...document.querySelectorAll('.el-select-dropdown__item')].some((e) => e.offsetParent !== null && e.textContent.includes('PandaPon API')),
			);
			const credentialTypes = await page.evaluate(visibleOptions);
			await shot('names-http-request-credential-type', 'names-http-request-credential-type.png');
			await pickOption(page, 'PandaPon API', true);

			// The saved PandaPon credentials are offered; the sandbox one is chosen.
			const credentialSelect = await page.waitForSelector(`${NDV} [data-test-id=node-credentials-select] input`);
			let chosen = await credentialSelect.evaluate((e) => e.value);
			if (chosen !== credentialName) {
				await credentialSelect.click();
				await pickOption(page, credentialName, false);
				await page.waitForFunction((e, name) => e.value === name, { timeout: 10000 }, credentialSelect, credentialName).catch(() => {});
				chosen = await credentialSelect.evaluate((e) => e.value);
			}

			const outputText = await executeNode(page);
			await shot('names-http-request-executed', 'names-http-request-executed.png');
			return { subtitle, credentialTypes, chosenCredential: chosen, outputText };
		},
		(page) => page.screenshot({ path: path.join(screenshotsDir, 'names-failure.png') }),
	);
}

module.exports = { httpRequestCredentialCheck };
