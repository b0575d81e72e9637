'use strict';
/**
 * End to end: a real n8n 2.8.4 with the built package, against the PandaPon sandbox.
 * `npm run test:e2e` (installs n8n into e2e/n8n on the first run; the browser part needs
 * /usr/bin/chromium or CHROMIUM_PATH). Separate from `npm test`, whose jest roots are test/.
 * Flags after `--`: --no-build (dist/ is current), --update-screenshot (rewrite the docs/ screenshots).
 *
 * Each example workflow is imported with `n8n import:workflow` and run with `n8n execute --id`;
 * the refund automation is published and started by a sandbox push through n8n's production
 * webhook; a wrong secret must fail with PandaPon's 40003 and the hint; in a browser, a picked
 * order fills lines and reasons, Cart Add lists the item's SKUs, the refund locator lists refunds,
 * and 1688 Cart Create Order lists the saved addresses and asks for the Town of a picked one;
 * the canvas subtitle names the operation, and PandaPon API signs an HTTP Request node's GET.
 */
const assert = require('node:assert/strict');
const http = require('node:http');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const { ROOT, sleep } = require('./lib/n8n');
const { pandaPonCredential, readExamples, triggerWebhookUrl } = require('./lib/fixtures');
const { chromiumOrSkip } = require('./lib/browser');
const { SCREENSHOTS, startTestInstance } = require('./lib/instance');
const { browserCheck } = require('./browser');
const { httpRequestCredentialCheck } = require('./browser-http');
const { triggerRefusedCheck } = require('./browser-trigger');

const WORK = path.join(ROOT, 'e2e', '.n8n', 'e2e'); // git-ignored, recreated on every run
const DOCS = path.join(ROOT, 'docs');

const ORDER = '2542285634920880794'; // sandbox fixture: waitsellersend, two lines
const ORDER_LINES = ['2542285634921880794', '2542285634922880794'];
const WRONG_SECRET = 'not-the-sandbox-secret';
const TAOBAO_ITEM = '672991141190'; // sandbox fixture with several SKUs
const TOWN = '转塘街道'; // typed into the Town field a saved address lacks
const TRIGGER_WEBHOOK_ID = '5b0d7d4e-2f1c-4c55-9a3e-b0e2e0000010'; // the refused-push browser test's trigger

let sandbox;
let n8n;
let stop;
const examples = Object.fromEntries(readExamples().map(({ file, workflow }) => [file, workflow]));
const example = (file) => {
	assert.ok(examples[file], `examples/${file} exists`);
	return examples[file];
};

/** Output items (json) of one node in `n8n execute --rawOutput` run data. */
function outputOf(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	assert.ok(runs, `node "${nodeName}" ran`);
	return (runs.at(-1).data?.main?.[0] ?? []).map((i) => i.json);
}

async function executeOk(workflowId) {
	const result = await n8n.execute(workflowId);
	assert.ok(result.ok, `n8n execute --id ${workflowId} succeeded:\n${result.output.slice(-4000)}`);
	return result.data;
}

/** A small workflow for the tests that are not examples: Manual Trigger → one PandaPon node. */
function oneNodeWorkflow(id, name, parameters, credential) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Run by hand': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: `${id}-trigger`, name: 'Run by hand', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-pandapon`,
				name: 'PandaPon',
				type: 'n8n-nodes-pandapon.pandaPon',
				typeVersion: 1,
				position: [260, 0],
				parameters,
				credentials: { pandaPonApi: { id: credential.id, name: credential.name } },
			},
		],
	};
}

/**
 * Manual Trigger → n8n's HTTP Request node signing a GET with the PandaPon API credential; without
 * a credential, the type is left for the browser test to pick.
 */
function httpRequestWorkflow(id, sandboxUrl, credential) {
	const auth = credential
		? { nodeCredentialType: 'pandaPonApi', credentials: { pandaPonApi: { id: credential.id, name: credential.name } } }
		: { nodeCredentialType: '', credentials: undefined };
	return {
		id,
		name: `Test: HTTP Request with the PandaPon API credential${credential ? '' : ' (picked in the editor)'}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections: { 'Run by hand': { main: [[{ node: 'Saved addresses', type: 'main', index: 0 }]] } },
		nodes: [
			{ id: 'http-trigger', name: 'Run by hand', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'http-request',
				name: 'Saved addresses',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
				parameters: {
					method: 'GET',
					url: `${sandboxUrl}/open/address/get`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: auth.nodeCredentialType,
					options: {},
				},
				credentials: auth.credentials,
			},
		],
	};
}

before(async () => {
	({ sandbox, n8n, stop } = await startTestInstance(WORK, (started) => {
		const good = pandaPonCredential(started);
		const wrong = pandaPonCredential(started, { id: 'PandaPonWrongKey', name: 'PandaPon wrong secret', accessSecret: WRONG_SECRET });
		// Examples plus the test workflows.
		const workflows = { ...examples };
		workflows['wrong-secret.json'] = oneNodeWorkflow(
			'pandaponWrongKey',
			'Test: wrong secret',
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: ORDER } },
			wrong,
		);
		// The editor tests: nothing typed but the description; the rest is picked in the browser.
		workflows['browser-refund.json'] = oneNodeWorkflow(
			'pandaponBrowser01',
			'Test: create refund in the editor',
			{
				resource: 'alibabaAfterSale',
				operation: 'createRefund',
				orderId: { __rl: true, mode: 'list', value: '' },
				applyReasonId: '',
				disputeRequest: 'refund',
				description: 'Refund requested from the browser test',
			},
			good,
		);
		workflows['http-request-credential.json'] = httpRequestWorkflow('pandaponHttpRequest1', started.url, good);
		workflows['http-request-browser.json'] = httpRequestWorkflow('pandaponHttpBrowser1', started.url);
		workflows['browser-cart-add.json'] = oneNodeWorkflow(
			'pandaponBrowser02',
			'Test: Taobao cart add in the editor',
			{ resource: 'taobaoCart', operation: 'add', itemId: { __rl: true, mode: 'id', value: TAOBAO_ITEM }, quantity: 1 },
			good,
		);
		workflows['browser-refund-get.json'] = oneNodeWorkflow(
			'pandaponBrowser03',
			'Test: get a 1688 refund in the editor',
			{ resource: 'alibabaAfterSale', operation: 'get', refundId: { __rl: true, mode: 'list', value: '' } },
			good,
		);
		workflows['browser-alibaba-cart-order.json'] = oneNodeWorkflow(
			'pandaponBrowser05',
			'Test: 1688 cart order to a saved address in the editor',
			{ resource: 'alibabaCart', operation: 'createOrder', flow: 'general' },
			good,
		);
		// The refused-push browser test: a PandaPon Trigger alone, listened to from the editor.
		workflows['browser-trigger.json'] = {
			id: 'pandaponBrowser04',
			name: 'Test: refused push in the editor',
			active: false,
			settings: { executionOrder: 'v1' },
			connections: {},
			nodes: [
				{
					id: 'pandaponBrowser04-trigger',
					name: 'PandaPon Trigger',
					type: 'n8n-nodes-pandapon.pandaPonTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: TRIGGER_WEBHOOK_ID,
					parameters: {},
					credentials: { pandaPonApi: { id: good.id, name: good.name } },
				},
			],
		};
		return { credentials: [good, wrong], workflows };
	}));
});

after(async () => {
	await stop?.();
});

describe('n8n 2.8.4 with n8n-nodes-pandapon', () => {
	it('knows every node type (and version) the examples use, including the PandaPon tool', async () => {
		const res = await fetch(`${n8n.url}/types/nodes.json`, { headers: { cookie: n8n.cookie, 'browser-id': 'pandapon-e2e' } });
		const known = new Set();
		for (const t of await res.json()) for (const v of [t.version].flat()) known.add(`${t.name}@${v}`);
		for (const [file, wf] of Object.entries(examples)) {
			for (const node of wf.nodes) {
				assert.ok(known.has(`${node.type}@${node.typeVersion}`), `${file}: ${node.type} v${node.typeVersion} is known to n8n`);
			}
			const stored = await n8n.rest('GET', `/workflows/${wf.id}`);
			assert.equal(stored.nodes.length, wf.nodes.length, `${file} imported with all its nodes`);
			assert.ok(wf.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote'), `${file} has a sticky note`);
		}
	});

	it('order sync example: 1688 orders awaiting receipt → logistics trace → one sheet row per shipment', async () => {
		const run = await executeOk(example('1688-order-sync.json').id);
		const orders = outputOf(run, 'Get shipped 1688 orders');
		const rows = outputOf(run, 'Sheet rows');
		assert.ok(orders.length > 0, 'some orders are awaiting receipt');
		assert.ok(orders.every((o) => o.status === 'waitbuyerreceive'));
		// Simplify: flat named fields, ids as text
		for (const o of orders) assert.ok(Object.values(o).every((v) => v === null || typeof v !== 'object'), 'a flat record');
		assert.ok(rows.length >= orders.length, 'a row per shipment');
		for (const row of rows) {
			assert.match(String(row['Order ID']), /^\d{19}$/, '19-digit order id kept as text');
			assert.ok(row['Bill number'], 'carrier bill number');
			assert.ok(row['Latest step'], 'latest tracking step');
		}
		// The fixture order awaiting receipt is among them, with every digit of its id.
		assert.ok(rows.some((r) => r['Order ID'] === sandbox.state.fixtures.alibaba.orderWaitBuyerReceive));
	});

	it('product research example: keyword + image search → details → 1688 cart items', async () => {
		const cartBefore = (sandbox.state.alibaba.carts.get(sandbox.credentials.userId) ?? []).length;
		const run = await executeOk(example('1688-product-research.json').id);
		assert.ok(outputOf(run, 'Search by keyword').length > 0, 'keyword search finds offers');
		assert.ok(outputOf(run, 'Search by image').length > 0, 'image search finds offers');
		const details = outputOf(run, 'Get product details');
		assert.equal(details.length, 4);
		assert.ok(details.every((d) => Array.isArray(d.skus) && d.skus.length > 0), 'details carry SKUs');
		const added = outputOf(run, 'Add to cart');
		assert.equal(added.length, 4);
		assert.ok(added.every((a) => a.id !== undefined), 'each add answers a cart item id');
		const cartAfter = (sandbox.state.alibaba.carts.get(sandbox.credentials.userId) ?? []).length;
		assert.ok(cartAfter > cartBefore, `cart grew (${cartBefore} → ${cartAfter})`);
	});

	it('AI agent example: imports with the PandaPon node as a tool, no model key needed to load it', async () => {
		const wf = await n8n.rest('GET', `/workflows/${example('ai-agent-pandapon-tools.json').id}`);
		const tools = wf.nodes.filter((n) => n.type === 'n8n-nodes-pandapon.pandaPonTool');
		assert.ok(tools.length >= 2, 'PandaPon tools present');
		for (const tool of tools) assert.ok(wf.connections[tool.name]?.ai_tool, `${tool.name} is connected as a tool`);
	});

	it('PandaPon API is a predefined credential type of the HTTP Request node, and signs its GET', async () => {
		// The editor lists a type under "Predefined Credential Type" only when its served
		// description carries `authenticate`.
		const res = await fetch(`${n8n.url}/types/credentials.json`, { headers: { cookie: n8n.cookie, 'browser-id': 'pandapon-e2e' } });
		const served = (await res.json()).find((c) => c.name === 'pandaPonApi');
		assert.ok(served, 'pandaPonApi is served');
		assert.ok(served.authenticate, 'pandaPonApi is served with authenticate');

		const run = await executeOk('pandaponHttpRequest1');
		const [answer] = outputOf(run, 'Saved addresses');
		assert.equal(answer.code, 200, `the sandbox accepted the signature: ${JSON.stringify(answer).slice(0, 300)}`);
		assert.ok(Array.isArray(answer.data), 'the saved addresses came back');
	});

	it('a wrong Access Secret fails with PandaPon error 40003 and says to check the keys', async () => {
		const result = await n8n.execute('pandaponWrongKey');
		assert.equal(result.ok, false, 'the execution fails');
		assert.match(result.output, /PandaPon error 40003/);
		assert.match(result.output, /Access Key and Access Secret/);
		assert.ok(!result.output.includes(WRONG_SECRET), 'the secret is not printed');

		// The credential test in the editor (on save / Retry): the credential's declarative test,
		// whose rules read PandaPon's body code and show its code, message and hint.
		const wrong = pandaPonCredential(sandbox, { id: 'PandaPonWrongKey', name: 'PandaPon wrong secret', accessSecret: WRONG_SECRET });
		const test = await n8n.rest('POST', '/credentials/test', { credentials: wrong });
		assert.equal(test.status, 'Error');
		assert.match(test.message, /PandaPon error 40003: Signature verification failed/);
		assert.match(test.message, /Access Key and Access Secret/);
		assert.ok(!test.message.includes(WRONG_SECRET), 'the secret is not in the message');
		const ok = await n8n.rest('POST', '/credentials/test', { credentials: pandaPonCredential(sandbox) });
		assert.equal(ok.status, 'OK');
	});

	it('a wrong Access Key fails the credential test with PandaPon\'s code, message and hint', async () => {
		const wrongKey = pandaPonCredential(sandbox);
		wrongKey.data.accessKey = 'not-a-sandbox-key';
		const test = await n8n.rest('POST', '/credentials/test', { credentials: wrongKey });
		assert.equal(test.status, 'Error', `credential test answered ${JSON.stringify(test)}`);
		assert.match(test.message, /^PandaPon error 40002: Invalid access-key\. Check the Access Key and Access Secret/);
	});

	// A code outside the test's list still fails it: PandaPon's error envelopes carry no data.
	it('an error code the test does not list fails the credential test too', async () => {
		const server = http.createServer((_req, res) =>
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":47777,"msg":"Some new error","data":null}'),
		);
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const other = pandaPonCredential(sandbox);
			other.data.baseUrl = `http://127.0.0.1:${server.address().port}`;
			const test = await n8n.rest('POST', '/credentials/test', { credentials: other });
			assert.equal(test.status, 'Error', `credential test answered ${JSON.stringify(test)}`);
			assert.match(test.message, /a code this test does not list/);
		} finally {
			server.close();
		}
	});

	it('refund automation example: a sandbox push reaches the published trigger and a refund is created', async () => {
		const wf = example('1688-refund-automation.json');
		const hook = triggerWebhookUrl(`http://127.0.0.1:${n8n.port}`);
		await n8n.activate(wf.id);
		sandbox.setOptions({ callbackUrls: [hook.url] });

		// The sandbox pays an order; its status change is pushed, signed, to the production URL.
		const orderId = sandbox.state.fixtures.alibaba.orderWaitBuyerPay;
		sandbox.simulate('1688.setStatus', { orderId, status: 'waitsellersend' });

		let execution;
		for (let i = 0; i < 60 && !execution; i++) {
			await sleep(500);
			execution = (await n8n.executions(wf.id)).find((e) => e.status === 'success' || e.status === 'error');
		}
		assert.ok(execution, 'the push started an execution');
		assert.equal(execution.mode, 'webhook');
		assert.equal(execution.status, 'success');

		const push = sandbox.pushes().find((p) => p.url === hook.url && p.messageType === '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY');
		assert.equal(push?.attempts[0]?.status, 200, 'the trigger acknowledged the push with HTTP 200');

		const refund = sandbox.state.alibaba.refundList.find((r) => r.orderId === orderId);
		assert.ok(refund, `a refund exists for order ${orderId}`);
		assert.equal(refund.applyReasonId, 20001);
		assert.equal(refund.goodsStatus, 'refundWaitSellerSend');
	});

	it('browser: the canvas subtitle names the operation; PandaPon API is picked in an HTTP Request node and signs its GET', async (t) => {
		const chromium = chromiumOrSkip(t);
		if (!chromium) return;
		const result = await httpRequestCredentialCheck({
			executablePath: chromium,
			baseUrl: n8n.url,
			subtitleWorkflowId: 'pandaponWrongKey', // a PandaPon node on 1688 Order → Get
			httpWorkflowId: 'pandaponHttpBrowser1',
			credentialName: 'PandaPon sandbox',
			screenshotsDir: SCREENSHOTS,
			docsDir: process.argv.includes('--update-screenshot') ? DOCS : undefined,
		});
		assert.match(result.subtitle, /Get: 1688 Order/);
		assert.doesNotMatch(result.subtitle, /alibabaOrder|get:/);
		assert.ok(result.credentialTypes.includes('PandaPon API'), `credential types offered: ${result.credentialTypes.join(', ')}`);
		assert.match(result.chosenCredential, /PandaPon sandbox/);
		assert.doesNotMatch(result.outputText, /40003|verification failed/, 'the signature was accepted');
		assert.match(result.outputText, /\b200\b/, 'the sandbox answered code 200 to the signed GET');
	});

	it('browser: a picked order fills lines and reasons with nothing typed; Cart Add SKUs; the refund locator; a saved 1688 address and its Town', async (t) => {
		const chromium = chromiumOrSkip(t);
		if (!chromium) return;
		const result = await browserCheck({
			executablePath: chromium,
			baseUrl: n8n.url,
			refundWorkflowId: 'pandaponBrowser01',
			cartWorkflowId: 'pandaponBrowser02',
			refundGetWorkflowId: 'pandaponBrowser03',
			alibabaCartOrderWorkflowId: 'pandaponBrowser05',
			orderId: ORDER,
			town: TOWN,
			screenshotsDir: SCREENSHOTS,
			// docs/*.png are committed: refreshed on request, else only the missing ones are written.
			docsDir: DOCS,
			updateDocs: process.argv.includes('--update-screenshot'),
		});
		assert.match(result.emptyReasonMessage, /Pick an order first/, 'before an order is picked, the reason field says why it is empty');

		// Lines: the order's two lines as title · SKU · quantity · amount.
		const order = sandbox.state.alibaba.orderList.find((o) => o.id === ORDER);
		assert.equal(result.lines.length, ORDER_LINES.length);
		for (const [i, line] of order.items.entries()) {
			assert.match(result.lines[i], new RegExp(`· ×${line.quantity} · ¥${line.itemAmount.toFixed(2)}$`), `line ${i + 1}: ${result.lines[i]}`);
		}

		// Reasons: what the sandbox offers for the order's lines and the goods status its state implies.
		const expected = await sandboxReasons();
		assert.deepEqual(expected.map((r) => r.id), [20001, 20002, 20003], 'sandbox reasons for a refund before shipping');
		assert.deepEqual(result.reasons, expected.map((r) => r.name), 'dropdown = the sandbox reasons for this order');
		assert.ok(result.outputText.includes('refundId'), 'the executed node shows the refund id');
		const refund = sandbox.state.alibaba.refundList.find((r) => r.orderId === ORDER);
		assert.ok(refund, 'the refund was created in the sandbox');
		assert.equal(refund.applyReasonId, expected[0].id, 'with the reason picked in the dropdown (the first)');
		assert.deepEqual(refund.orderEntryIds, ORDER_LINES, 'all lines of the order (none picked)');
		assert.equal(refund.applyPayment, Math.round(order.items.reduce((a, it) => a + it.itemAmount, 0) * 100), 'the full goods amount, in fen');
		assert.equal(refund.applyCarriage, Math.round(order.shippingFee * 100), 'the freight, in fen');

		// Cart Add: the item's SKUs.
		const item = sandbox.state.taobao.products.get(TAOBAO_ITEM);
		assert.equal(result.skus.length, item.skuList.length);
		assert.ok(result.skus.every((s, i) => s.includes(`stock ${item.skuList[i].quantity}`)), `SKUs: ${result.skus.join(' | ')}`);

		// Refund locator: the refund just created is listed with its order, and picked.
		assert.ok(result.refundListEntry.startsWith(refund.refundId), `list entry: ${result.refundListEntry}`);
		assert.ok(result.refundPicked.includes(refund.refundId), `picked: ${result.refundPicked}`);

		// 1688 Cart Create Order: typed fields by default; the saved addresses listed; a picked one asks for the Town.
		const saved = sandbox.state.addresses.get(sandbox.credentials.userId);
		const label = (a) => `${a.name} · ${a.province} · ${a.city} · ${a.district} · ${a.address}${a.isDefault ? ' (default)' : ''}`;
		assert.ok(saved.length >= 2, 'the sandbox account has saved addresses');
		assert.equal(result.townAtFirst, false, 'no Town field while Enter an Address is chosen');
		assert.deepEqual(result.addresses, ['Enter an Address', ...saved.map(label)], 'the dropdown = Enter an Address, then the saved addresses');
		assert.equal(result.pickedAddress, label(saved[0]));
		assert.equal(result.typedFieldsAfterPick, false, 'the typed address fields are hidden once a saved address is picked');
		assert.match(result.townLabel, /^Town/, `the Town field shows: ${result.townLabel}`);
		assert.match(result.townDescription, /saved PandaPon addresses have none, and 1688 requires it/, 'its description says why');
	});

	it('browser: a refused test push is visible: listening in the editor, a wrong signature fails the test run with the reason', async (t) => {
		const chromium = chromiumOrSkip(t);
		if (!chromium) return;
		const result = await triggerRefusedCheck({
			executablePath: chromium,
			baseUrl: n8n.url,
			workflowId: 'pandaponBrowser04',
			webhookId: TRIGGER_WEBHOOK_ID,
			wrongSecret: WRONG_SECRET,
			screenshotsDir: SCREENSHOTS,
			docsDir: DOCS,
			updateDocs: process.argv.includes('--update-screenshot'),
		});
		assert.notEqual(result.pushStatus, 404, 'the Test URL was registered while the editor listened');
		assert.match(result.errorText, /PandaPon push refused: invalid signature \(HTTP 401 in production\)/);
		assert.match(result.ndvText, /Check that this credential holds the Access Secret/, `the hint is shown: ${result.ndvText.slice(0, 1500)}`);
		assert.ok(!result.ndvText.includes(result.authorization), 'the signature is not shown');
	});
});

/** What the sandbox answers for the browser test's order, lines and goods status (a signed call). */
async function sandboxReasons() {
	const res = await fetch(`${sandbox.url}/alibaba/refund/reason/list`, {
		method: 'POST',
		headers: { ...sandbox.signHeaders(), 'content-type': 'application/json' },
		body: `{"orderId":${ORDER},"orderEntryIds":[${ORDER_LINES.join(',')}],"goodsStatus":"refundWaitSellerSend"}`,
	});
	const envelope = await res.json();
	assert.equal(envelope.code, 200, `reason list: ${envelope.msg}`);
	return envelope.data;
}
