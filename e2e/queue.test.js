'use strict';
/**
 * The package in n8n's queue mode, for real: Postgres and Redis (Debian packages, started here
 * under a temporary folder on free loopback ports), n8n 2.8.4 from e2e/n8n as one main, two
 * workers and two webhook processors, the package loaded in every process, the sandbox as
 * PandaPon. `npm run test:queue` (node:test); `-- --no-build` when dist/ is current.
 *
 * 1. Ten executions at once on the workers, 200 Taobao products each, the sandbox limited to
 *    20 requests/s for the whole account: all 2,000 items back, none failed.
 * 2. 1,000 signed pushes over both webhook processors, each re-delivered → 1,000 executions;
 *    then the same push to both processors at the same instant, 100 times: duplicates counted;
 *    the example that claims each deliveryId in Redis acts once per message, and n8n's Remove
 *    Duplicates on deliveryId is measured.
 * 3. The examples on the workers give the same results as `n8n execute` (single process); the
 *    refund automation runs from a push through a webhook processor and a worker.
 * 4. A worker SIGKILLed during a batch of writes: n8n marks the execution crashed, no write is
 *    sent twice.
 *
 * Figures are printed and written to $TMPDIR/pandapon-queue-figures.json (RELIABILITY.md).
 */
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const { ROOT, buildPackage, ensureN8n, killGroup, sleep } = require('./lib/n8n');
const { pandaPonCredential, readExamples, writeJson } = require('./lib/fixtures');
const { QueueCluster, ensureDebianPackages, startPostgres, startRedis, tempDir } = require('./lib/queue');
const { startSandbox } = require('../sandbox');

const N8N_DIR = path.join(ROOT, 'e2e', 'n8n');
const WORK = path.join(ROOT, 'e2e', '.n8n', 'queue'); // git-ignored, recreated on every run
const FIGURES_FILE = path.join(os.tmpdir(), 'pandapon-queue-figures.json');
const { parse: parseFlatted } = require(path.join(N8N_DIR, 'node_modules', 'flatted'));

const CREDENTIAL = { id: 'PandaPonSandbox1', name: 'PandaPon sandbox' };
const QPS = 20;
const figures = {};

let tmp;
let postgres;
let redis;
let sandbox;
let cluster;
const examples = Object.fromEntries(readExamples().map(({ file, workflow }) => [file, workflow]));

// ---------------------------------------------------------------- workflows used only here

const pandaPon = (id, name, parameters, position = [480, 0]) => ({
	id,
	name,
	type: 'n8n-nodes-pandapon.pandaPon',
	typeVersion: 1,
	position,
	parameters,
	credentials: { pandaPonApi: CREDENTIAL },
});

const webhook = (id, name, pathName, responseMode) => ({
	id,
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: `${pathName}-0000-4000-8000-000000000000`,
	parameters: { httpMethod: 'POST', path: pathName, responseMode, ...(responseMode === 'lastNode' ? { responseData: 'allEntries' } : {}), options: {} },
});

const splitOut = (id, field, destination) => ({
	id,
	name: 'One item per entry',
	type: 'n8n-nodes-base.splitOut',
	typeVersion: 1,
	position: [240, 0],
	parameters: { fieldToSplitOut: field, options: { destinationFieldName: destination } },
});

const chain = (...names) =>
	Object.fromEntries(names.slice(0, -1).map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));

/** A workflow of these nodes, not published yet. */
const workflow = (id, name, nodes, connections = {}) => ({ id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections });

/** Webhook → one item per entry of `field` → one PandaPon node; node ids are `<prefix>-1..3`. */
const webhookSplitPandaPon = ({ id, name, prefix, webhookName, pathName, responseMode, field, destination, nodeName, parameters }) =>
	workflow(
		id,
		name,
		[webhook(`${prefix}-1`, webhookName, pathName, responseMode), splitOut(`${prefix}-2`, field, destination), pandaPon(`${prefix}-3`, nodeName, parameters)],
		chain(webhookName, 'One item per entry', nodeName),
	);

/** Webhook (answers with the last node's items) → one item per id → Taobao Get Many by IDs. */
const READ_WORKFLOW = webhookSplitPandaPon({
	id: 'pandaponQRead001',
	name: 'Queue test: read Taobao products',
	prefix: 'q-read',
	webhookName: 'Product ids',
	pathName: 'queue-read',
	responseMode: 'lastNode',
	field: 'body.itemIds',
	destination: 'itemId',
	nodeName: 'Get products',
	parameters: {
		resource: 'taobaoProduct',
		operation: 'getManyByIds',
		products: { product: [{ itemId: '={{ $json.itemId }}' }] },
	},
});

/** Webhook (answers at once) → one item per line → Taobao Cart Add: a batch of writes. */
const WRITE_WORKFLOW = webhookSplitPandaPon({
	id: 'pandaponQWrite01',
	name: 'Queue test: batch of cart writes',
	prefix: 'q-write',
	webhookName: 'Cart lines',
	pathName: 'queue-write',
	responseMode: 'onReceived',
	field: 'body.lines',
	destination: 'line',
	nodeName: 'Add to cart',
	parameters: {
		resource: 'taobaoCart',
		operation: 'add',
		itemId: { __rl: true, mode: 'id', value: '={{ $json.line.itemId }}' },
		mpId: '={{ $json.line.mpId }}',
		mpSkuId: '={{ $json.line.mpSkuId }}',
		skuId: '={{ $json.line.skuId }}',
		quantity: '={{ $json.line.quantity }}',
	},
});

/** Only the trigger, with its defaults (re-delivery guard on): one execution per accepted push. */
const PUSH_WORKFLOW = workflow('pandaponQPush001', 'Queue test: pushes', [
	{
		id: 'q-push-1',
		name: 'On any push',
		type: 'n8n-nodes-pandapon.pandaPonTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: '5b0d7d4e-2f1c-4c55-9a3e-0000queue001',
		parameters: { events: ['*'], options: {} },
		credentials: { pandaPonApi: CREDENTIAL },
	},
]);

/** Trigger → Remove Duplicates on deliveryId across executions → a read: how many copies pass. */
const REMOVE_DUPLICATES_WORKFLOW = workflow(
	'pandaponQDedupe1',
	'Queue test: Remove Duplicates on deliveryId',
	[
		{ ...PUSH_WORKFLOW.nodes[0], id: 'q-dedupe-1', webhookId: '5b0d7d4e-2f1c-4c55-9a3e-0000queue002' },
		{
			id: 'q-dedupe-2',
			name: 'Once per delivery',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [240, 0],
			parameters: { operation: 'removeItemsSeenInPreviousExecutions', dedupeValue: '={{ $json.deliveryId }}', options: { historySize: 10000 } },
		},
		pandaPon('q-dedupe-3', 'Trace', {
			resource: 'alibabaOrder',
			operation: 'getLogisticsTrace',
			orderId: { __rl: true, mode: 'id', value: '={{ $json.body.orderId }}' },
		}),
	],
	chain('On any push', 'Once per delivery', 'Trace'),
);

/** A copy of an example that starts from a Webhook node named like its manual trigger. */
function webhookVariant(wf) {
	const suffix = wf.id.at(-1); // pandaponExampleA → pandaponQueueExA
	const manual = wf.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const drop = new Set(wf.nodes.filter((n) => /scheduleTrigger$/.test(n.type)).map((n) => n.name));
	const pathName = `queue-example-${suffix}`;
	return {
		...wf,
		id: `pandaponQueueEx${suffix}`,
		name: `${wf.name} (queue test)`,
		nodes: wf.nodes
			.filter((n) => !drop.has(n.name))
			.map((n) => (n === manual ? { ...webhook(`${n.id}-wh`, n.name, pathName, 'lastNode'), position: n.position } : n)),
		connections: Object.fromEntries(Object.entries(wf.connections).filter(([from]) => !drop.has(from))),
		pathName,
	};
}

const EXAMPLE_VARIANTS = {
	'1688-order-sync.json': webhookVariant(examples['1688-order-sync.json']),
	'1688-product-research.json': webhookVariant(examples['1688-product-research.json']),
};

// ---------------------------------------------------------------- helpers

const processorUrl = (proc, pathName) => `http://127.0.0.1:${proc.port}/webhook/${pathName}`;
const pushUrl = (proc, trigger) => processorUrl(proc, `${trigger.webhookId}/webhook`);
const triggerOf = (wf) => wf.nodes.find((n) => n.type === 'n8n-nodes-pandapon.pandaPonTrigger');

async function postJson(url, body) {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const text = await res.text();
	assert.equal(res.status, 200, `POST ${url} → HTTP ${res.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text);
}

/** Executions of a workflow straight from Postgres: [{id, status, mode}], oldest first. */
function executionsOf(workflowId) {
	const rows = postgres.psql(`select id, status, mode from execution_entity where "workflowId" = '${workflowId}' order by id`);
	return rows ? rows.split('\n').map((r) => r.split('|')).map(([id, status, mode]) => ({ id, status, mode })) : [];
}

async function waitUntil(check, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(250);
	}
}

/** Executions counted until the number stops growing for `quietMs` and none is still running. */
async function settledExecutions(workflowId, { quietMs = 3000, timeoutMs = 300000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let stableSince = Date.now();
	for (;;) {
		const rows = executionsOf(workflowId);
		const busy = rows.some((r) => ['new', 'running', 'waiting'].includes(r.status));
		if (rows.length !== last || busy) {
			last = rows.length;
			stableSince = Date.now();
		} else if (Date.now() - stableSince >= quietMs) {
			return rows;
		}
		if (Date.now() > deadline) assert.fail(`executions of ${workflowId} did not settle (${rows.length}, busy ${busy})`);
		await sleep(500);
	}
}

/** Run data of a stored execution, read through main's REST API. */
async function runDataOf(executionId) {
	const execution = await cluster.main.rest('GET', `/executions/${executionId}`);
	const data = typeof execution.data === 'string' ? parseFlatted(execution.data) : execution.data;
	return data.resultData;
}

/** Why executions of a workflow failed: id, status, the error and the node it names, from main's REST API. */
async function failuresOf(workflowId, most = 5) {
	const failed = executionsOf(workflowId).filter((r) => r.status !== 'success');
	return Promise.all(
		failed.slice(0, most).map(async (r) => {
			const result = await runDataOf(r.id).catch((e) => ({ error: { message: `run data unreadable: ${e.message}` } }));
			const nodeErrors = Object.entries(result?.runData ?? {})
				.map(([node, runs]) => [node, runs.at(-1)?.error?.message])
				.filter(([, message]) => message);
			return { ...r, error: result?.error?.message, node: result?.error?.node?.name, nodeErrors, worker: cluster.workerOf(r.id)?.name };
		}),
	);
}

const itemsOf = (runData, node) => (runData[node]?.at(-1)?.data?.main?.[0] ?? []).map((i) => i.json);

/** Runs `fn` over `list` with at most `limit` in flight. */
async function pool(list, limit, fn) {
	const results = new Array(list.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, list.length) }, async () => {
			while (next < list.length) {
				const i = next++;
				results[i] = await fn(list[i], i);
			}
		}),
	);
	return results;
}

function record(key, value) {
	figures[key] = value;
	console.log(`# ${key}: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------- set-up

before(async () => {
	const started = Date.now();
	if (!process.argv.includes('--no-build')) buildPackage();
	await ensureN8n(N8N_DIR);
	ensureDebianPackages();

	tmp = tempDir('pandapon-queue-');
	fs.rmSync(WORK, { recursive: true, force: true });
	fs.mkdirSync(WORK, { recursive: true });
	[postgres, redis] = await Promise.all([startPostgres(tmp), startRedis(tmp)]);
	sandbox = await startSandbox({ port: 0, pushRetryDelaysMs: [], pushTimeoutMs: 10000 });

	cluster = new QueueCluster({
		n8nDir: N8N_DIR,
		workDir: WORK,
		postgres,
		redis,
		workers: 2,
		webhooks: 2,
		env: {
			// A dead worker's job is declared stalled within ~40 s: its 30 s lock (default), then a
			// check every 10 s (default 30 s). A shorter lock let busy workers lose live jobs on a
			// loaded machine, and main's queue recovery run every few seconds (default: 3 hours)
			// marked live executions `crashed` between job end and status update; both left as is.
			QUEUE_WORKER_STALLED_INTERVAL: '10000',
		},
	});
	await cluster.start({
		beforeStart: async (main) => {
			// The dedupe example claims each deliveryId in the queue's own Redis.
			const redisCredential = { id: 'PandaPonRedis001', name: 'Redis (queue mode)', type: 'redis', data: { host: '127.0.0.1', port: redis.port, database: 0, password: '' } };
			await main.import('credentials', writeJson(path.join(WORK, 'import', 'credentials.json'), [pandaPonCredential(sandbox), redisCredential]));
			const dir = path.join(WORK, 'import', 'workflows');
			for (const [file, wf] of Object.entries(examples)) writeJson(path.join(dir, file), wf);
			for (const wf of [READ_WORKFLOW, WRITE_WORKFLOW, PUSH_WORKFLOW, REMOVE_DUPLICATES_WORKFLOW, ...Object.values(EXAMPLE_VARIANTS)]) {
				writeJson(path.join(dir, `${wf.id}.json`), wf);
			}
			await main.import('workflow', dir);
		},
	});
	for (const wf of [READ_WORKFLOW, WRITE_WORKFLOW, PUSH_WORKFLOW, REMOVE_DUPLICATES_WORKFLOW, ...Object.values(EXAMPLE_VARIANTS)]) await cluster.main.activate(wf.id);
	for (const file of ['1688-refund-automation.json', 'pandapon-push-once-per-delivery.json']) await cluster.main.activate(examples[file].id);
	record('setupSeconds', Math.round((Date.now() - started) / 1000));
});

after(async () => {
	await cluster?.stop();
	await sandbox?.close();
	await redis?.stop();
	await postgres?.stop();
	if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
	fs.writeFileSync(FIGURES_FILE, JSON.stringify(figures, null, 2));
	console.log(`# figures written to ${FIGURES_FILE}`);
});

// ---------------------------------------------------------------- scenarios

describe('n8n 2.8.4 in queue mode: main, 2 workers, 2 webhook processors, Postgres, Redis', () => {
	it('every process runs with the package loaded', async () => {
		for (const proc of cluster.all()) {
			assert.equal(proc.child.exitCode, null, `${proc.name} is running`);
		}
		const res = await fetch(`${cluster.main.url}/types/nodes.json`, { headers: { cookie: cluster.main.cookie, 'browser-id': 'pandapon-e2e' } });
		const names = new Set((await res.json()).map((t) => t.name));
		for (const type of ['n8n-nodes-pandapon.pandaPon', 'n8n-nodes-pandapon.pandaPonTrigger', 'n8n-nodes-pandapon.pandaPonTool']) {
			assert.ok(names.has(type), `main knows ${type}`);
		}
		// Workers and webhook processors load community packages from their own user folder: the
		// scenarios below only pass if they do (an unknown node type fails the execution or the webhook).
	});

	it('1. ten executions at once, 200 Taobao products each, 20 requests/s for the whole account: all 2,000 items, none failed', async () => {
		const ids = sandbox.state.taobao.productList.slice(0, 200).map((p) => String(p.itemId));
		sandbox.setOptions({ qps: QPS });
		sandbox.resetCounters();
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: 10 }, (_, i) => postJson(processorUrl(cluster.webhooks[i % 2], 'queue-read'), { itemIds: ids })),
		)
			.catch(async (error) => {
				await settledExecutions(READ_WORKFLOW.id, { quietMs: 500 }).catch(() => undefined);
				throw new Error(`${error.message}\nfailed executions: ${JSON.stringify(await failuresOf(READ_WORKFLOW.id))}`);
			})
			// The limit is this scenario's only: a failure here must not rate-limit the ones after it.
			.finally(() => sandbox.setOptions({ qps: 0 }));
		const wallMs = Date.now() - started;

		let items = 0;
		for (const answer of answers) {
			assert.equal(answer.length, 200, 'one output item per product id');
			answer.forEach((item, i) => {
				assert.equal(item.error, undefined, `item ${i}: ${JSON.stringify(item.error)}`);
				assert.equal(String(item.mpProducts?.[0]?.itemId), ids[i], `item ${i} is product ${ids[i]}`);
			});
			items += answer.length;
		}
		const runs = await settledExecutions(READ_WORKFLOW.id, { quietMs: 500 });
		assert.equal(runs.length, 10);
		assert.ok(runs.every((r) => r.status === 'success'), JSON.stringify(await failuresOf(READ_WORKFLOW.id)));
		const workers = new Set(runs.map((r) => cluster.workerOf(r.id)?.name));
		assert.ok(!workers.has(undefined), 'every execution ran on a worker');

		const requests = sandbox.counters().byRoute['POST /open/product/batch/check'] ?? 0;
		const ideal = (10 * 200) / QPS / 20; // 100 batch requests at 20 per second
		record('scenario1', {
			executions: 10,
			items,
			failed: 0,
			wallSeconds: +(wallMs / 1000).toFixed(1),
			idealSeconds: ideal,
			ratio: +(wallMs / 1000 / ideal).toFixed(2),
			batchRequests: requests,
			rateLimitAnswers: requests - 100,
			workers: [...workers].sort(),
		});
		assert.equal(items, 2000);
		assert.ok(requests >= 100);
	});

	it('2a. 1,000 signed pushes over both webhook processors, each re-delivered once → exactly 1,000 executions', async () => {
		const trigger = triggerOf(PUSH_WORKFLOW);
		const urls = cluster.webhooks.map((w) => pushUrl(w, trigger));
		const messages = Array.from({ length: 1000 }, (_, i) => ({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			messageBody: { orderId: `90000000000${String(i).padStart(8, '0')}`, status: 'waitsellersend' },
			timestamp: String(Date.now() + i),
		}));
		const send = async (round) => {
			const started = Date.now();
			// One at a time, alternating processors (the second round starts on the other one).
			const acks = await pool(messages, 1, async (m, i) => (await sandbox.push({ ...m, urls: [urls[(i + round) % 2]] }))[0].attempts[0]);
			const bad = acks.filter((a) => a.status !== 200);
			assert.equal(bad.length, 0, `every push acknowledged: ${JSON.stringify(bad.slice(0, 3))}`);
			return { seconds: +((Date.now() - started) / 1000).toFixed(1), slowestAckMs: Math.max(...acks.map((a) => a.ms)) };
		};
		const first = await send(0);
		const firstRuns = await settledExecutions(PUSH_WORKFLOW.id);
		const again = await send(1);
		const runs = await settledExecutions(PUSH_WORKFLOW.id);
		record('scenario2a', { pushes: 1000, redeliveries: 1000, executions: runs.length, afterFirstRound: firstRuns.length, first, again });
		assert.equal(firstRuns.length, 1000, 'each first delivery started one execution');
		assert.equal(runs.length, 1000, 're-deliveries started nothing');
		assert.ok(runs.every((r) => r.status === 'success' && r.mode === 'webhook'), JSON.stringify(await failuresOf(PUSH_WORKFLOW.id)));
		const first3 = await runDataOf(runs[0].id);
		const item = itemsOf(first3.runData, 'On any push')[0];
		assert.match(String(item.deliveryId ?? ''), /\S/, 'the trigger item carries a deliveryId');
	});

	it('2b. the same push to both webhook processors at the same instant, 100 times: duplicates counted; the example claiming deliveryId in Redis acts once per message', async () => {
		const before = executionsOf(PUSH_WORKFLOW.id).length;
		const example = examples['pandapon-push-once-per-delivery.json'];
		const orders = sandbox.state.alibaba.orderList.map((o) => String(o.id));
		sandbox.resetCounters();
		const both = (wf) => cluster.webhooks.map((w) => pushUrl(w, triggerOf(wf)));
		for (let i = 0; i < 100; i++) {
			const message = {
				messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
				messageBody: { orderId: orders[i % orders.length], status: 'waitsellersend', modifyTime: `2026-11-29 12:${String(i).padStart(4, '0')}` },
				timestamp: String(Date.now()),
			};
			// One push to both processors of each workflow at once (sandbox.push sends in parallel).
			const entries = (await Promise.all([PUSH_WORKFLOW, example, REMOVE_DUPLICATES_WORKFLOW].map((wf) => sandbox.push({ ...message, urls: both(wf) })))).flat();
			assert.ok(entries.every((e) => e.attempts[0].status === 200), 'acknowledged');
		}
		const runs = (await settledExecutions(PUSH_WORKFLOW.id)).slice(before);
		const exampleRuns = await settledExecutions(example.id);
		const removeDuplicatesRuns = await settledExecutions(REMOVE_DUPLICATES_WORKFLOW.id);
		const passed = sandbox.counters().byRoute['POST /alibaba/order/detail'] ?? 0;
		const passedRemoveDuplicates = sandbox.counters().byRoute['GET /alibaba/order/logistics/trace'] ?? 0;
		const duplicates = runs.length - 100;
		// n8n's Remove Duplicates records its history in Postgres; two copies checked at the same
		// instant can both insert the same value, and the second execution then fails on the
		// primary key (n8n's behaviour, not the package's): counted, and nothing else may fail.
		const removeDuplicatesFailures = await failuresOf(REMOVE_DUPLICATES_WORKFLOW.id, Infinity);
		const onConflict = removeDuplicatesFailures.filter((f) =>
			f.nodeErrors.some(([node, message]) => node === 'Once per delivery' && /duplicate key value violates unique constraint/.test(message)),
		);
		record('scenario2b', {
			simultaneousPairs: 100,
			triggerExecutions: runs.length,
			duplicateExecutions: duplicates,
			duplicateRate: duplicates / 100,
			example: { executions: exampleRuns.length, actedOn: passed },
			removeDuplicates: {
				executions: removeDuplicatesRuns.length,
				passed: passedRemoveDuplicates,
				duplicatesPassed: passedRemoveDuplicates - 100,
				failedOnUniqueConstraint: onConflict.length,
			},
		});
		assert.ok(runs.length >= 100 && runs.length <= 200, 'each pair starts one or two executions');
		// Both copies of a message carry the same deliveryId, so a workflow can drop the second.
		const idsPerMessage = new Map();
		for (const r of runs) {
			const result = await runDataOf(r.id);
			const item = itemsOf(result.runData, 'On any push')[0];
			assert.ok(item, `execution ${r.id} (${r.status}) has the trigger item: ${JSON.stringify(result).slice(0, 600)}`);
			const key = `${item.body.orderId} ${item.body.modifyTime}`;
			idsPerMessage.set(key, new Set([...(idsPerMessage.get(key) ?? []), String(item.deliveryId)]));
		}
		assert.equal(idsPerMessage.size, 100, 'every message started at least one execution');
		for (const [key, ids] of idsPerMessage) assert.equal(ids.size, 1, `one deliveryId for both copies of ${key}`);
		assert.ok(exampleRuns.every((r) => r.status === 'success'), JSON.stringify(await failuresOf(example.id)));
		assert.equal(passed, 100, 'the example ran Get order once per message');
		assert.deepEqual(removeDuplicatesFailures, onConflict, 'Remove Duplicates failed only on its own history insert');
		assert.ok(passedRemoveDuplicates >= 100 && passedRemoveDuplicates <= removeDuplicatesRuns.length, 'Remove Duplicates lets every message through at least once');
	});

	it('2c. distinct pushes arriving concurrently, then each re-delivered: how many re-deliveries the trigger still recognises', async () => {
		const trigger = triggerOf(PUSH_WORKFLOW);
		const urls = cluster.webhooks.map((w) => pushUrl(w, trigger));
		const before = executionsOf(PUSH_WORKFLOW.id).length;
		const messages = Array.from({ length: 200 }, (_, i) => ({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			messageBody: { orderId: `91000000000${String(i).padStart(8, '0')}`, status: 'waitbuyerreceive' },
			timestamp: String(Date.now() + i),
		}));
		await pool(messages, 10, (m, i) => sandbox.push({ ...m, urls: [urls[i % 2]] }));
		const first = (await settledExecutions(PUSH_WORKFLOW.id)).length - before;
		await pool(messages, 1, (m, i) => sandbox.push({ ...m, urls: [urls[(i + 1) % 2]] }));
		const total = (await settledExecutions(PUSH_WORKFLOW.id)).length - before;
		record('scenario2c', { pushes: 200, inFlight: 10, executionsAfterFirstRound: first, redeliveriesLetThrough: total - first, rate: (total - first) / 200 });
		assert.equal(first, 200, 'every distinct push started one execution');
		assert.ok(total - first <= 200);
	});

	it('3. the examples on the workers give the same results as in a single process', async () => {
		for (const [file, variant] of Object.entries(EXAMPLE_VARIANTS)) {
			const single = await cluster.main.execute(examples[file].id); // `n8n execute`: regular mode, in-process
			assert.ok(single.ok, `${file} in a single process:\n${single.output.slice(-3000)}`);
			const before = executionsOf(variant.id).length;
			await postJson(processorUrl(cluster.webhooks[1], variant.pathName), {});
			const runs = await settledExecutions(variant.id, { quietMs: 500 });
			assert.equal(runs.length, before + 1);
			const run = runs.at(-1);
			assert.equal(run.status, 'success');
			assert.ok(cluster.workerOf(run.id), `${file} ran on a worker`);
			const queued = (await runDataOf(run.id)).runData;
			const local = single.data.data.resultData.runData;
			const counts = (rd) => Object.fromEntries(Object.keys(rd).map((n) => [n, itemsOf(rd, n).length]));
			console.log(`# ${file}: queue ${JSON.stringify(counts(queued))}, single process ${JSON.stringify(counts(local))}`);
			for (const node of examples[file].nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote' && !/Trigger$/.test(n.type))) {
				// The order sync stamps each row with the time it ran.
				const timeless = (items) => items.map(({ 'Synced at': _time, ...rest }) => rest);
				const a = timeless(itemsOf(queued, node.name));
				const b = timeless(itemsOf(local, node.name));
				assert.equal(a.length, b.length, `${file} › ${node.name}: same number of items`);
				assert.ok(a.length > 0, `${file} › ${node.name}: has output`);
				if (node.parameters.operation === 'add') {
					// Writes answer new ids (cart line ids); the same fields come back.
					a.forEach((item, i) => assert.deepEqual(Object.keys(item).sort(), Object.keys(b[i]).sort()));
				} else {
					assert.deepEqual(a, b, `${file} › ${node.name}: same items`);
				}
			}
		}
		figures.scenario3 = { examples: Object.keys(EXAMPLE_VARIANTS) };
	});

	it('3. the refund automation runs end to end: push → webhook processor → worker → refund created', async () => {
		const wf = examples['1688-refund-automation.json'];
		const orderId = sandbox.state.fixtures.alibaba.orderWaitBuyerPay;
		sandbox.setOptions({ callbackUrls: [pushUrl(cluster.webhooks[0], triggerOf(wf))] });
		sandbox.simulate('1688.setStatus', { orderId, status: 'waitsellersend' });
		const run = await waitUntil(() => executionsOf(wf.id).find((r) => r.status === 'success' || r.status === 'error'), 60000, 'the refund execution').finally(() =>
			sandbox.setOptions({ callbackUrls: [] }),
		);
		assert.equal(run.status, 'success');
		assert.equal(run.mode, 'webhook');
		assert.ok(cluster.workerOf(run.id), 'ran on a worker');
		const refund = sandbox.state.alibaba.refundList.find((r) => r.orderId === orderId);
		assert.ok(refund, `a refund exists for order ${orderId}`);
		assert.equal(refund.applyReasonId, 20001);
	});

	it('4. a worker SIGKILLed during a batch of writes: n8n marks the execution failed, no write sent twice', async () => {
		const products = sandbox.state.taobao.productList.slice(200, 240);
		const lines = products.map((p, i) => ({ itemId: String(p.itemId), mpId: String(p.mpId), mpSkuId: String(p.skuList[0].mpSkuId), skuId: String(p.skuList[0].skuId), quantity: i + 1 }));
		const userId = sandbox.credentials.userId;
		const cartOf = () => sandbox.state.taobao.carts.get(String(userId)) ?? [];
		const cartBefore = cartOf().length;
		sandbox.resetCounters();
		sandbox.setFaults({ 'POST /open/cart/add': { latencyMs: 250 } }); // 40 writes, one at a time: ≥ 10 s
		await postJson(processorUrl(cluster.webhooks[0], 'queue-write'), { lines });
		const writes = () => sandbox.counters().byRoute['POST /open/cart/add'] ?? 0;
		await waitUntil(() => writes() >= 8, 60000, 'the first writes');
		const run = executionsOf(WRITE_WORKFLOW.id).at(-1);
		const worker = await waitUntil(() => cluster.workerOf(run.id), 10000, 'the worker running it');
		killGroup(worker.child.pid, 'SIGKILL');
		await worker.exited;
		const atKill = writes();
		const killedAt = Date.now();

		const status = await waitUntil(() => {
			const s = executionsOf(WRITE_WORKFLOW.id).find((r) => r.id === run.id)?.status;
			return s && !['new', 'running'].includes(s) ? s : undefined;
		}, 120000, 'n8n to mark the execution');
		const recoverySeconds = +((Date.now() - killedAt) / 1000).toFixed(1);
		await sleep(3000); // a re-run would send writes again by now
		sandbox.setFaults({});
		const cart = cartOf().slice(cartBefore);
		const perItem = new Map();
		for (const line of cart) perItem.set(String(line.itemId), (perItem.get(String(line.itemId)) ?? 0) + 1);
		const result = await runDataOf(run.id);
		const message = String(result.error?.message ?? '');
		record('scenario4', { writesPlanned: 40, writesSentBeforeKill: atKill, writesTotal: writes(), cartLines: cart.length, status, error: message.slice(0, 80), recoverySeconds, worker: worker.name });

		// The webhook processor that queued the job sees it fail as stalled (its worker holds no lock
		// any more) and stores n8n's MaxStalledCountError; main's queue recovery would mark it
		// `crashed` if no process were waiting for it.
		assert.ok(['error', 'crashed'].includes(status), `marked by n8n (${status})`);
		assert.match(message, /failed to be processed too many times|crashed/i);
		assert.equal(itemsOf(result.runData, 'Add to cart').length, 0, 'n8n has no record of the writes that went through');
		assert.ok(atKill < 40, 'killed mid-batch');
		assert.ok(writes() <= atKill + 1, 'nothing was sent after the kill but the request in flight');
		assert.ok([...perItem.values()].every((n) => n === 1), 'no item was added twice');
		assert.ok(cart.length <= writes() && cart.length >= atKill - 1, 'one cart line per write request (the one in flight may be lost)');
		for (const line of cart) {
			const planned = lines.find((l) => l.itemId === String(line.itemId));
			assert.equal(Number(line.quantity), planned.quantity, 'quantity as sent once');
		}
		const executions = executionsOf(WRITE_WORKFLOW.id);
		assert.equal(executions.length, 1, 'n8n did not start the execution again');
	});
});
