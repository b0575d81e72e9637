'use strict';
/**
 * End to end for the PandaPon Polling Trigger: a real n8n 2.8.4 (its own user folder and port)
 * with the built package, against its own PandaPon sandbox. `npm run test:e2e:polling`
 * (flag after `--`: --no-build). Kept apart from e2e.test.js: it waits for n8n's minute cron.
 *
 * The example "1688 order shipped → notify" is published; its activation poll records the
 * baseline; the sandbox ships an order; within two minutes exactly one execution runs with that
 * order, and a later poll does not run it again. A browser then checks the nodes panel entry and
 * the trigger's panel (Poll Times, Events, Fetch Test Event).
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const { ROOT, sleep } = require('./lib/n8n');
const { pandaPonCredential, readExamples } = require('./lib/fixtures');
const { chromiumOrSkip } = require('./lib/browser');
const { SCREENSHOTS, startTestInstance } = require('./lib/instance');
const { pollingTriggerBrowserCheck } = require('./polling-browser');

const WORK = path.join(ROOT, 'e2e', '.n8n', 'e2e-polling'); // git-ignored, recreated on every run
const EXAMPLE = '1688-order-shipped-notify.json';
const TRIGGER = 'Every minute: 1688 order shipped';
const ORDER_LIST = 'POST /v2/alibaba/order/page';

let sandbox;
let n8n;
let stop;
const workflow = readExamples().find((e) => e.file === EXAMPLE)?.workflow;

before(async () => {
	assert.ok(workflow, `examples/${EXAMPLE} exists`);
	({ sandbox, n8n, stop } = await startTestInstance(WORK, (started) => ({
		credentials: [pandaPonCredential(started)],
		workflows: { [EXAMPLE]: workflow },
	})));
});

after(async () => {
	await stop?.();
});

/** Waits until `check()` returns a value, polling every second, or fails after `timeoutMs`. */
async function waitFor(what, timeoutMs, check) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(1000);
	}
}

describe('n8n 2.8.4: PandaPon Polling Trigger', () => {
	it('published, polling every minute: an order moved to shipped runs the workflow once, within two minutes', async () => {
		const [orderId, other] = sandbox.simulate('1688.createOrders', { count: 2, status: 'waitsellersend' }).orderIds;
		sandbox.resetCounters();

		await n8n.activate(workflow.id);
		// Activation polls once at once: the baseline, which starts nothing.
		assert.ok(sandbox.counters().byRoute[ORDER_LIST] >= 1, 'the activation poll read the order list');
		assert.deepEqual(await n8n.executions(workflow.id), [], 'the baseline started no execution');

		sandbox.simulate('1688.ship', { orderId });
		const shippedAt = Date.now();
		const execution = await waitFor('an execution after shipping', 130000, async () =>
			(await n8n.executions(workflow.id)).find((e) => e.status === 'success' || e.status === 'error'),
		);
		const seconds = (Date.now() - shippedAt) / 1000;
		console.log(`# the poll ran the workflow ${Math.round(seconds)} s after the order shipped`);
		assert.ok(seconds <= 120, `fired within two minutes (${Math.round(seconds)} s)`);
		assert.equal(execution.mode, 'trigger');
		assert.equal(execution.status, 'success');

		const full = await n8n.execution(execution.id);
		const runData = JSON.stringify(full.data ?? '');
		assert.ok(runData.includes(orderId), 'the execution carries the shipped order id, all 19 digits');
		assert.ok(!runData.includes(other), 'and not the order that did not change');
		assert.match(runData, /has shipped/, 'the notification was composed');

		// Wait for the next minute's poll to pass, then check nothing ran again.
		const listReads = sandbox.counters().byRoute[ORDER_LIST];
		await waitFor('the next poll', 75000, async () => sandbox.counters().byRoute[ORDER_LIST] > listReads);
		await sleep(3000);
		const all = await n8n.executions(workflow.id);
		assert.equal(all.length, 1, `one execution in total, got ${all.length}`);
	});

	it('browser: the polling trigger\'s panel has Poll Times and fetches a test event; the nodes panel lists it next to the push trigger', async (t) => {
		const chromium = chromiumOrSkip(t);
		if (!chromium) return;
		// Fetch Test Event shows the newest shipped order: make sure there is one.
		const [shipped] = sandbox.simulate('1688.createOrders', { count: 1, status: 'waitbuyerreceive' }).orderIds;
		const result = await pollingTriggerBrowserCheck({
			executablePath: chromium,
			baseUrl: n8n.url,
			workflowId: workflow.id,
			nodeName: TRIGGER,
			screenshotsDir: SCREENSHOTS,
		});
		// n8n's trigger list drops the word "Trigger": the push trigger is "PandaPon", this one "PandaPon Polling".
		assert.ok(result.panelEntries.includes('PandaPon'), `nodes panel: ${result.panelEntries.join(', ')}`);
		assert.ok(result.panelEntries.includes('PandaPon Polling'), `nodes panel: ${result.panelEntries.join(', ')}`);
		assert.equal(result.triggerActions.length, 10, `its events as triggers: ${result.triggerActions.join(', ')}`);
		assert.match(result.newNodeEvents, /1688 Order Status Changed/, 'the picked event is preset');
		for (const labels of [result.parameters, result.newNodeParameters]) {
			assert.ok(labels.includes('Poll Times'), `trigger panel parameters: ${labels.join(', ')}`);
			assert.ok(labels.some((l) => l.startsWith('Events')), `trigger panel parameters: ${labels.join(', ')}`);
		}
		assert.match(result.outputText, /1688\.orderStatusChanged/, 'Fetch Test Event shows an item');
		assert.match(result.outputText, new RegExp(shipped), 'the newest shipped order (the status filter), all 19 digits');
	});
});
