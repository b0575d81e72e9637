'use strict';
/**
 * The editor in a real browser (puppeteer-core + Debian Chromium), as a user drives it:
 *
 * 1. 1688 After-Sale → Create Refund: before an order is picked the Refund Reason dropdown says
 *    to pick one; the order is picked from the searchable list and, with nothing typed, the Order
 *    Lines multi-select and the Refund Reason dropdown load from it; a reason is chosen and the
 *    node executes (all lines, full amount: computed by the node).
 * 2. Taobao Cart → Add: the SKU dropdown lists the picked item's SKUs.
 * 3. 1688 After-Sale → Get: the Refund locator lists refunds (From List) and takes one.
 * 4. 1688 Cart → Create Order: the Address dropdown lists the account's saved addresses after
 *    Enter an Address; picking one hides the typed fields and shows the Town field 1688 needs.
 *
 * Screenshots of each panel go to e2e/screenshots/; the panels the README shows are copied to
 * `docsDir` when missing there, or all of them with `updateDocs`.
 */
const { NDV, executeNode, keepFailure, openNodePanel, screenshots, withEditor } = require('./lib/browser');

/** Texts of the options in the open dropdown (the visible one). */
async function openOptions(page, name) {
	await page.click(`${NDV} [data-test-id=parameter-input-${name}]`);
	await page.waitForFunction(() =>
		[...document.querySelectorAll('.el-select-dropdown__item .option-headline')].some((e) => e.offsetParent !== null),
	);
	return page.$$eval('.el-select-dropdown__item .option-headline', (els) =>
		els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()),
	);
}

async function clickVisibleOption(page, text) {
	const option = await page.waitForFunction(
		(wanted) =>
			[...document.querySelectorAll('.el-select-dropdown__item')].find(
				(e) => e.offsetParent !== null && (wanted === undefined || e.textContent.includes(wanted)),
			),
		{},
		text,
	);
	await option.asElement().click();
}

async function closeDropdown(page) {
	await page.keyboard.press('Escape');
	await page.waitForFunction(() =>
		[...document.querySelectorAll('.el-select-dropdown__item')].every((e) => e.offsetParent === null),
	);
}

/** Picks an entry from a resource locator's list, searched by `search`. */
async function pickFromList(page, name, search, match = search) {
	await page.click(`${NDV} [data-test-id=resource-locator-${name}] [data-test-id=rlc-input]`);
	await page.waitForSelector('[data-test-id=rlc-search]');
	if (search) await page.type('[data-test-id=rlc-search]', search);
	const item = await page.waitForFunction(
		(m) => [...document.querySelectorAll('[data-test-id=rlc-item]')].find((e) => e.offsetParent !== null && e.textContent.includes(m)),
		{},
		match,
	);
	const text = await item.evaluate((e) => e.textContent.trim());
	return { item, text };
}

async function browserCheck({
	executablePath,
	baseUrl,
	refundWorkflowId,
	cartWorkflowId,
	refundGetWorkflowId,
	alibabaCartOrderWorkflowId,
	orderId,
	town,
	screenshotsDir,
	docsDir,
	updateDocs = false,
	owner,
}) {
	const result = {};
	return await withEditor(
		{ executablePath, baseUrl, owner },
		async (page) => {
			const shot = screenshots(page, { dir: screenshotsDir, docsDir, onlyMissingDocs: !updateDocs });
			const openNode = async (workflowId) => {
				await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
				await openNodePanel(page, 'PandaPon');
			};
			// 1. Create Refund from one picked order.
			await openNode(refundWorkflowId);
			await page.waitForSelector(`${NDV} [data-test-id=parameter-input-applyReasonId]`);
			await shot('01-refund-empty');
			// No order yet: the reason list fails; the field says so and its issue icon tells why.
			await page.waitForFunction(() =>
				document.querySelector('[data-test-id=ndv] [data-test-id=parameter-input-applyReasonId] input')?.value.includes('Error fetching options'),
			);
			await page.hover(`${NDV} [data-test-id=parameter-input-applyReasonId] [data-test-id=parameter-issues] svg`);
			await page.waitForFunction(() => document.body.innerText.includes('Pick an order first'));
			result.emptyReasonMessage = await page.evaluate(() => /[^\n]*Pick an order first[^\n]*/.exec(document.body.innerText)[0]);
			await shot('02-refund-pick-order-first', 'refund-pick-order-first.png');

			const picked = await pickFromList(page, 'orderId', orderId);
			await picked.item.asElement().click();
			await shot('03-order-picked');

			// Lines of the picked order (nothing typed).
			result.lines = await openOptions(page, 'orderEntryIds');
			await shot('04-order-lines', 'refund-order-lines.png');
			await closeDropdown(page);

			// Reasons for the order (goods status from its state, all its lines).
			result.reasons = await openOptions(page, 'applyReasonId');
			await shot('05-refund-reasons', 'refund-reasons.png');
			await clickVisibleOption(page);

			result.outputText = await executeNode(page);
			await shot('06-refund-executed', 'refund-executed.png');

			// 2. Taobao Cart → Add: SKUs of the picked item.
			await openNode(cartWorkflowId);
			result.skus = await openOptions(page, 'skuId');
			await shot('07-cart-add-skus', 'cart-add-skus.png');
			await closeDropdown(page);

			// 3. 1688 After-Sale → Get: the Refund locator's list.
			await openNode(refundGetWorkflowId);
			const refund = await pickFromList(page, 'refundId', '', `order ${orderId}`);
			result.refundListEntry = refund.text;
			await shot('08-refund-locator', 'refund-locator.png');
			await refund.item.asElement().click();
			const pickedRefund = await page.waitForFunction(() => {
				const values = [...document.querySelectorAll('[data-test-id=ndv] [data-test-id=resource-locator-refundId] input')].map((i) => i.value);
				return values.find((v) => /^TQ/.test(v));
			});
			result.refundPicked = await pickedRefund.jsonValue();
			await shot('09-refund-locator-picked');

			// 4. 1688 Cart → Create Order: a saved address, then the Town it lacks.
			await openNode(alibabaCartOrderWorkflowId);
			await page.waitForSelector(`${NDV} [data-test-id=parameter-input-addressParam], ${NDV} [data-test-id=fixed-collection-addressParam]`);
			result.typedFieldsAtFirst = true;
			result.townAtFirst = (await page.$(`${NDV} [data-test-id=parameter-input-savedAddressTown]`)) !== null;
			result.addresses = await openOptions(page, 'savedAddressId');
			await shot('10-alibaba-address-list');
			await clickVisibleOption(page, result.addresses[1]);
			const townInput = await page.waitForSelector(`${NDV} [data-test-id=parameter-input-savedAddressTown] input`);
			result.pickedAddress = await page.$eval(`${NDV} [data-test-id=parameter-input-savedAddressId] input`, (e) => e.value);
			result.typedFieldsAfterPick = (await page.$(`${NDV} [data-test-id=parameter-input-addressParam], ${NDV} [data-test-id=fixed-collection-addressParam]`)) !== null;
			await townInput.type(town);
			await townInput.evaluate((e) => e.blur());
			await shot('11-alibaba-saved-address', 'alibaba-saved-address.png');
			// The Town field's description (its label's tooltip) says why it is there.
			const townItem = await page.$(`${NDV} [data-test-id=parameter-item]:has([data-test-id=parameter-input-savedAddressTown])`);
			result.townLabel = await townItem.evaluate((e) => e.innerText.trim());
			const itemBox = await townItem.boundingBox();
			await page.mouse.move(itemBox.x + 10, itemBox.y + 8);
			const icon = await townItem.waitForSelector('[class*=infoIcon] svg');
			const iconBox = await icon.boundingBox();
			await page.mouse.move(iconBox.x + iconBox.width / 2, iconBox.y + iconBox.height / 2);
			await page.waitForFunction(() => document.body.innerText.includes('saved PandaPon addresses have none'));
			result.townDescription = await page.evaluate(() => /[^\n]*saved PandaPon addresses have none[^\n]*(\n[^\n]*)?/.exec(document.body.innerText)[0]);
			await shot('12-alibaba-town-description');
			return result;
		},
		keepFailure(screenshotsDir, 'failure', result),
	);
}

module.exports = { browserCheck };
