/**
 * `npm run bench`: the PandaPon node in n8n's real engine against the sandbox on loopback, in
 * one process and one run, next to n8n's own HTTP Request node (v4.2) using our credential as a
 * predefined credential type. Prints a table; bench/README.md explains how to read it.
 *
 * The HTTP Request node comes from the n8n installed for the end-to-end tests (e2e/n8n), so
 * its behaviour is measured, not assumed.
 */
// First: n8n-core (loaded by the harnesses below) keeps its settings in a temporary folder, not ~/.n8n.
import '../test/helpers/n8n-user-folder';
import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

import type { IDataObject, INode, INodeParameters, IVersionedNodeType } from 'n8n-workflow';

import {
	pandaPonNode,
	registerNodeType,
	runWorkflow,
	shutdownEngine,
	type RunResult,
	type SandboxCredentials,
} from '../test/helpers/engine';
import { startTestSandbox, type TestSandbox } from '../test/helpers/sandbox';
import { ratioSpread } from './spread';
import { startTriggerHarness } from '../test/trigger/harness';
import { sign } from '../test/trigger/push';

const root = path.resolve(__dirname, '..');
const HTTP_TYPE = 'n8n-nodes-base.httpRequest';
const QPS_OF_SCENARIO_1 = 20;

/** n8n's HTTP Request node from the n8n the end-to-end tests use (installed on first use). */
export async function loadHttpRequestNode(): Promise<void> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { ensureN8n } = require(path.join(root, 'e2e/lib/n8n.js'));
	await ensureN8n(path.join(root, 'e2e/n8n'));
	const file = path.join(root, 'e2e/n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(file) as { HttpRequest: new () => IVersionedNodeType };
	registerNodeType(HTTP_TYPE, new HttpRequest());
}

const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

interface Row {
	scenario: string;
	runner: string;
	wallMs: number;
	ok: number;
	rateLimited: number;
	other: number;
	note?: string;
}
const rows: Row[] = [];

function tally(result: RunResult): Pick<Row, 'ok' | 'rateLimited' | 'other'> {
	let ok = 0;
	let rateLimited = 0;
	let other = 0;
	for (const { json } of result.items) {
		const code = Number(json.code ?? (json.error ? NaN : 200));
		if (json.error === undefined && (json.code === undefined || code === 200)) ok++;
		else if (code === 42900) rateLimited++;
		else other++;
	}
	if (result.error) other++;
	return { ok, rateLimited, other };
}

async function timed(fn: () => Promise<RunResult>) {
	const start = performance.now();
	const result = await fn();
	return { result, wallMs: performance.now() - start };
}

export function httpNode(parameters: INodeParameters) {
	return {
		id: 'http',
		name: 'PandaPon',
		type: HTTP_TYPE,
		typeVersion: 4.2,
		position: [0, 0] as [number, number],
		parameters,
		credentials: { pandaPonApi: { id: '1', name: 'PandaPon sandbox' } },
		onError: 'continueRegularOutput' as const,
	};
}

// ---------------------------------------------------------------- 1. get product, rate limited

async function scenarioGetProducts(sb: TestSandbox, creds: SandboxCredentials) {
	const N = 1000;
	const QPS = QPS_OF_SCENARIO_1;
	const LATENCY = 50;
	const BATCH = 20; // entries per Taobao batch check call (the node's coalescing size)
	const ids = sb.state.taobao.productList.map((p: IDataObject) => String(p.itemId));
	const input = Array.from({ length: N }, (_, i) => ({ itemId: ids[i % ids.length] }));
	sb.setOptions({ latencyMs: LATENCY, qps: QPS });
	const scenario = `1. ${N} items "get product" (latency ${LATENCY} ms, limit ${QPS} req/s)`;

	const settle = () => new Promise((r) => setTimeout(r, 1100)); // a fresh rate window per runner

	await settle();
	sb.resetCounters();
	const ours = await timed(() =>
		runWorkflow({
			nodes: [
				pandaPonNode(
					{ resource: 'taobaoProduct', operation: 'getManyByIds', products: { product: [{ itemId: '={{ $json.itemId }}' }] } },
					{ onError: 'continueRegularOutput' },
				),
			],
			credentials: creds,
			input,
		}),
	);
	const ourRequests = sb.counters().total;
	rows.push({ scenario, runner: 'PandaPon node, defaults', wallMs: ours.wallMs, ...tally(ours.result), note: `${ourRequests} requests` });

	const body = '={{ JSON.stringify({ params: JSON.stringify([{ itemId: $json.itemId }]) }) }}';
	const httpBase = {
		method: 'POST',
		url: `${sb.url}/open/product/batch/check`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'pandaPonApi',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: body,
	};
	await settle();
	sb.resetCounters();
	const httpDefault = await timed(() => runWorkflow({ nodes: [httpNode({ ...httpBase, options: {} })], credentials: creds, input }));
	rows.push({
		scenario,
		runner: 'HTTP Request node, defaults',
		wallMs: httpDefault.wallMs,
		...tally(httpDefault.result),
		note: `${sb.counters().total} requests`,
	});

	await settle();
	sb.resetCounters();
	const tuned = await timed(() =>
		runWorkflow({
			nodes: [httpNode({ ...httpBase, options: { batching: { batch: { batchSize: QPS, batchInterval: 1000 } } } })],
			credentials: creds,
			input,
		}),
	);
	rows.push({
		scenario,
		runner: `HTTP Request node, Batching ${QPS} per 1000 ms`,
		wallMs: tuned.wallMs,
		...tally(tuned.result),
		note: `${sb.counters().total} requests`,
	});

	const calls = Math.ceil(N / BATCH);
	const limitMs = (calls / QPS) * 1000;
	rows.push({
		scenario,
		runner: `theoretical limit ceil(N/B)/QPS, B=${BATCH}`,
		wallMs: limitMs,
		ok: N,
		rateLimited: 0,
		other: 0,
		note: `without the QPS limit: ceil(N/B)·latency/concurrency = ${ms((calls * LATENCY) / 5)}`,
	});
	sb.setOptions({ latencyMs: 0, qps: 0 });
	return {
		speedupVsTuned: tuned.wallMs / ours.wallMs,
		vsLimit: ours.wallMs / limitMs,
		rateLimited: tally(ours.result).rateLimited,
		ok: tally(ours.result).ok,
	};
}

// ---------------------------------------------------------------- 2. Return All over 5,000 orders

async function scenarioReturnAll() {
	const ORDERS = 5000;
	const LATENCY = 50;
	const CONCURRENCY = 5;
	const PAGE = 100;
	const QPS = QPS_OF_SCENARIO_1;
	const pages = Math.ceil(ORDERS / PAGE);
	// Its own process: building 100-order pages is the server's work, not the node's.
	const { creds: remote, child } = await sandboxProcess(['--orders', String(ORDERS), '--latency', String(LATENCY)]);
	const admin = async (route: string, body?: IDataObject) => {
		const init = body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : undefined;
		return (await (await fetch(`${remote.baseUrl}/__admin/${route}`, init)).json()) as IDataObject;
	};
	const settle = () => new Promise((r) => setTimeout(r, 1100)); // a fresh rate window per runner

	/** One runner against a fresh rate window; `count` tells its records and refused pages. */
	const measure = async (fn: () => Promise<RunResult>, count: (r: RunResult) => { records: number; refused: number; other: number }) => {
		await settle();
		await admin('counters/reset', {});
		const { result, wallMs } = await timed(fn);
		return { wallMs, requests: Number((await admin('counters')).total), ...count(result) };
	};
	const ours = () =>
		measure(
			() => runWorkflow({ nodes: [pandaPonNode({ resource: 'taobaoOrder', operation: 'getAll', returnAll: true })], credentials: remote }),
			(r) => {
				const t = tally(r);
				return { records: t.ok, refused: t.rateLimited, other: t.other };
			},
		);
	// n8n's HTTP Request node pages the same endpoint itself: page number from $pageCount, one page
	// after another, until the page count the first answer's total implies (or an answer without data).
	const http = () =>
		measure(
			() =>
				runWorkflow({
					nodes: [
						httpNode({
							method: 'GET',
							url: `${remote.baseUrl}/open/order/page`,
							authentication: 'predefinedCredentialType',
							nodeCredentialType: 'pandaPonApi',
							sendQuery: true,
							queryParameters: { parameters: [{ name: 'pageSize', value: String(PAGE) }] },
							options: {
								pagination: {
									pagination: {
										paginationMode: 'updateAParameterInEachRequest',
										parameters: { parameters: [{ type: 'qs', name: 'pageNo', value: '={{ $pageCount + 1 }}' }] },
										paginationCompleteWhen: 'other',
										completeExpression: `={{ !$response.body.data || $pageCount >= Math.ceil($response.body.data.totalRecords / ${PAGE}) }}`,
									},
								},
							},
						}),
					],
					credentials: remote,
				}),
			(r) => {
				let records = 0;
				let refused = 0;
				let other = r.error ? 1 : 0;
				for (const { json } of r.items) {
					const list = (json.data as IDataObject | undefined)?.data;
					if (Array.isArray(list)) records += list.length;
					else if (Number(json.code) === 42900) refused++;
					else other++;
				}
				return { records, refused, other };
			},
		);

	const variants = [
		{ qps: QPS, label: `latency ${LATENCY} ms, limit ${QPS} req/s`, limitMs: (pages / QPS) * 1000, limitName: `limit: pages/QPS = ${pages}/${QPS}` },
		{ qps: 0, label: `latency ${LATENCY} ms, no limit`, limitMs: Math.ceil(pages / CONCURRENCY) * LATENCY, limitName: `limit: ceil(pages/${CONCURRENCY})·latency` },
	];
	const out: Array<{ qps: number; ours: Awaited<ReturnType<typeof ours>>; http: Awaited<ReturnType<typeof http>>; limitMs: number }> = [];
	for (const v of variants) {
		await admin('options', { qps: v.qps });
		const a = await ours();
		const b = await http();
		const scenario = `2. Return All over ${ORDERS.toLocaleString('en-US')} Taobao orders (${v.label})`;
		rows.push({ scenario, runner: 'PandaPon node, defaults', wallMs: a.wallMs, ok: a.records, rateLimited: a.refused, other: a.other, note: `${a.requests} page requests` });
		rows.push({
			scenario,
			runner: 'HTTP Request node, its pagination (page number)',
			wallMs: b.wallMs,
			ok: b.records,
			rateLimited: b.refused,
			other: b.other,
			note: `${b.requests} page requests`,
		});
		rows.push({ scenario, runner: v.limitName, wallMs: v.limitMs, ok: ORDERS, rateLimited: 0, other: 0, note: `${pages} pages of ${PAGE}` });
		out.push({ qps: v.qps, ours: a, http: b, limitMs: v.limitMs });
	}
	child.kill();
	return { total: ORDERS, limited: out[0], open: out[1] };
}

// ---------------------------------------------------------------- 3. per-item CPU overhead

/** The sandbox in its own process (so this process's CPU time is the engine's and the node's). */
export async function sandboxProcess(args: string[] = []): Promise<{ creds: SandboxCredentials; child: ChildProcess }> {
	const child = spawn(process.execPath, [path.join(root, 'sandbox/cli.js'), '--port', '0', ...args], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	// It prints its URL and credentials when it is ready.
	const creds = await new Promise<SandboxCredentials>((resolve, reject) => {
		let text = '';
		const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(text)?.[1];
		child.stdout!.on('data', (chunk: Buffer) => {
			text += chunk.toString();
			const [baseUrl, accessKey, accessSecret, userId] = ['Base URL', 'Access Key', 'Access Secret', 'User Id'].map(field);
			if (baseUrl && accessKey && accessSecret && userId) resolve({ baseUrl, accessKey, accessSecret, userId });
		});
		child.once('exit', () => reject(new Error('sandbox exited')));
	});
	return { creds, child };
}

/** Scenario 3's two nodes: Taobao Product → Get, and a GET of the same path with the same query. */
export function getProductNodes(baseUrl: string) {
	return {
		ours: pandaPonNode({ resource: 'taobaoProduct', operation: 'get', itemId: { __rl: true, mode: 'id', value: '={{ $json.itemId }}' } }),
		http: httpNode({
			method: 'GET',
			url: `${baseUrl}/open/product/get`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'pandaPonApi',
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'itemId', value: '={{ $json.itemId }}' }] },
			options: {},
		}),
	};
}

/** Scenario 3's measured rounds per node, and the items in each. */
const CPU_ROUNDS = 10;
const CPU_ROUND_ITEMS = 1_000;

async function scenarioCpu(itemId: string) {
	const N = CPU_ROUNDS * CPU_ROUND_ITEMS;
	const WARM_UP = 1_000;
	const { creds: remote, child } = await sandboxProcess();
	const url = remote.baseUrl;
	const input = Array.from({ length: CPU_ROUND_ITEMS }, () => ({ itemId }));
	const scenario = `3. CPU per item, ${N.toLocaleString('en-US')} items "get product", no latency`;

	const nodes = getProductNodes(url);
	const run = (node: INode, items = CPU_ROUND_ITEMS) =>
		runWorkflow({ nodes: [node], credentials: remote, input: input.slice(0, items) });
	/** Each measured round's CPU time (µs) is kept: the total and the ratio's spread come from them. */
	const totals = () => ({ rounds: [] as number[], wallMs: 0, ok: 0, rateLimited: 0, other: 0 });
	const cpuUs = (t: ReturnType<typeof totals>) => t.rounds.reduce((sum, us) => sum + us, 0);
	const measure = async (into: ReturnType<typeof totals>, node: INode) => {
		const before = process.cpuUsage();
		const { result, wallMs } = await timed(() => run(node));
		const used = process.cpuUsage(before);
		const t = tally(result);
		into.rounds.push(used.user + used.system);
		into.wallMs += wallMs;
		into.ok += t.ok;
		into.rateLimited += t.rateLimited;
		into.other += t.other;
	};
	// Unmeasured warm-up of both: whichever ran first would also pay for compiling the engine and
	// HTTP code both use. Then paired rounds, each pair in the order opposite to the last, so load
	// from other processes that drifts during the run falls on both alike.
	await run(nodes.ours, WARM_UP);
	await run(nodes.http, WARM_UP);
	const a = totals();
	const b = totals();
	const pair = [
		[a, nodes.ours],
		[b, nodes.http],
	] as const;
	for (let round = 0; round < CPU_ROUNDS; round++) {
		for (const [into, node] of round % 2 === 0 ? pair : [...pair].reverse()) await measure(into, node);
	}
	child.kill();

	// The node's own work per item, without the HTTP stack: sign, build, serialise, parse, map.
	const own = nodeOwnWorkUs(remote);
	const row = (runner: string, t: ReturnType<typeof totals>) =>
		rows.push({ scenario, runner, wallMs: t.wallMs, ok: t.ok, rateLimited: t.rateLimited, other: t.other, note: `${(cpuUs(t) / N).toFixed(0)} µs CPU/item` });
	row('PandaPon node: whole engine process', a);
	row('HTTP Request node: whole engine process', b);
	rows.push({ scenario, runner: "PandaPon node's own work (sign+build+parse+map)", wallMs: NaN, ok: N, rateLimited: 0, other: 0, note: `${own.toFixed(1)} µs CPU/item` });
	return { ownUs: own, oursUs: cpuUs(a) / N, httpUs: cpuUs(b) / N, spread: ratioSpread(a.rounds, b.rounds) };
}

function nodeOwnWorkUs(creds: SandboxCredentials): number {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { PandaPonApi } = require(path.join(root, 'dist/credentials/PandaPonApi.credentials.js'));
	const { parseJson, stringifyJson, JsonInteger } = require(path.join(root, 'dist/nodes/shared/transport/json.js'));
	const { outputRecords, toRecords } = require(path.join(root, 'dist/nodes/PandaPon/executor.js'));
	const { OPERATIONS } = require(path.join(root, 'dist/nodes/PandaPon/operations/index.js'));
	/* eslint-enable @typescript-eslint/no-require-imports */
	const credential = new PandaPonApi();
	const get = OPERATIONS.find((o: { resource: string; value: string }) => o.resource === 'taobaoProduct' && o.value === 'get');
	// A typical answer: a product with SKUs and a 19-digit developId, ~2 KB.
	const text =
		'{"requestId":"4cfda0b725184ab8a1e3ee3b9051ec35","code":200,"developId":1014533973088404335,"msg":"成功","data":{"itemId":600126245031041190,"title":"2024新款夏季纯棉短袖T恤男士宽松半袖体恤衫潮牌","description":"<p>纯棉面料</p>","picUrls":["https://img.alicdn.com/a.jpg","https://img.alicdn.com/b.jpg"],"categoryId":"50000436","categoryName":"T恤","categoryPath":"男装->T恤","shopId":123456,"shopName":"潮牌店","userNick":"seller","mpId":"7188391828","price":5900,"promotionPrice":4900,"quantity":999,"beginAmount":0,"productUnit":null,"status":"active","itemType":"HAVE_MATERIAL","skuList":[' +
		Array.from({ length: 8 }, (_, i) => `{"skuId":"50160428220${i}","mpSkuId":"88${i}","price":5900,"promotionPrice":4900,"quantity":${100 + i},"status":"active","properties":"颜色:黑色;尺码:XL","picUrl":null}`).join(',') +
		']}}';
	const N = 10_000;
	const WARM_UP = 1_000; // unmeasured, as in the engine runs: compiled code, not the compiler, per item
	let sink = 0;
	let before = process.cpuUsage();
	for (let i = -WARM_UP; i < N; i++) {
		if (i === 0) before = process.cpuUsage();
		void credential.authenticate(creds, { url: '/open/product/get', method: 'GET', qs: { itemId: '600126245031041190' } });
		const body = stringifyJson({ itemId: new JsonInteger('600126245031041190'), params: [new JsonInteger(String(i))] });
		const envelope = parseJson(text);
		const records = outputRecords(get, toRecords(envelope, get.resultPath), true);
		sink += body.length + records.length;
	}
	const used = process.cpuUsage(before);
	if (sink === 0) throw new Error('unreachable');
	return (used.user + used.system) / N;
}

// ---------------------------------------------------------------- 4. trigger acknowledgement

async function scenarioTrigger() {
	const N = 1000;
	const secret = 'bench-secret-0123456789';
	const h = await startTriggerHarness({
		credentials: { accessKey: 'AK', accessSecret: secret, userId: '1', baseUrl: 'http://127.0.0.1:9', timestampUnit: 'milliseconds' },
		parameters: { events: ['*'] },
	});
	const latencies: number[] = [];
	for (let i = 0; i < N; i++) {
		const body = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY","messageBody":{"baseInfo":{"id":${2542285634920880794n + BigInt(i)},"totalAmount":${19 + i}}},"messagePlatform":1,"timestamp":"${Date.now()}"}`;
		const start = performance.now();
		const res = await fetch(h.prodUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: sign(body, secret) },
			body,
		});
		await res.text();
		latencies.push(performance.now() - start);
		if (res.status !== 200) throw new Error(`trigger answered ${res.status}`);
	}
	await h.waitForDeliveries(N, 60_000);
	const emitted = h.deliveries.filter((d) => d.emitted?.length).length;
	await h.close();
	latencies.sort((a, b) => a - b);
	const p = (q: number) => latencies[Math.min(N - 1, Math.floor(q * N))];
	rows.push({
		scenario: `4. Trigger: ${N} signed messages, one at a time`,
		runner: 'PandaPon Trigger (n8n webhook context)',
		wallMs: latencies.reduce((a, b) => a + b, 0),
		ok: emitted,
		rateLimited: 0,
		other: N - emitted,
		note: `ack p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms`,
	});
	return { p50: p(0.5), p99: p(0.99) };
}

// ---------------------------------------------------------------- main

function printTable() {
	const header = ['Scenario', 'Runner', 'Wall time', 'OK items', 'Rate-limited', 'Other errors', 'Note'];
	const lines = rows.map((r) => [
		r.scenario,
		r.runner,
		Number.isNaN(r.wallMs) ? '—' : ms(r.wallMs),
		String(r.ok),
		String(r.rateLimited),
		String(r.other),
		r.note ?? '',
	]);
	const out = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
	console.log(out.join('\n'));
}

async function main() {
	// `npm run bench -- 1 2` runs only those scenarios (the targets then list only those).
	const only = process.argv.slice(2).map(Number);
	const want = (n: number) => only.length === 0 || only.includes(n);
	await loadHttpRequestNode();
	const sb = await startTestSandbox();
	const creds = sb.nodeCredentials;
	const s1 = want(1) ? await scenarioGetProducts(sb, creds) : undefined;
	const itemId = String(sb.state.taobao.productList[0].itemId);
	await sb.close();
	const s2 = want(2) ? await scenarioReturnAll() : undefined;
	const s3 = want(3) ? await scenarioCpu(itemId) : undefined;
	const s4 = want(4) ? await scenarioTrigger() : undefined;

	console.log(`\nn8n-nodes-pandapon benchmark — ${new Date().toISOString()}, Node ${process.version}\n`);
	printTable();
	const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
	console.log('\nTargets');
	if (s1) console.log(
		`1. zero rate-limit errors: ${s1.rateLimited} (${verdict(s1.rateLimited === 0 && s1.ok === 1000)}); ` +
			`vs tuned HTTP Request: ${s1.speedupVsTuned.toFixed(1)}× faster (≥ 5×: ${verdict(s1.speedupVsTuned >= 5)}); ` +
			`vs limit: ${ratio(s1.vsLimit, 1)} (≤ 1.25×: ${verdict(s1.vsLimit <= 1.25)})`,
	);
	if (s2) {
		const { limited: l, open: o, total } = s2;
		const complete = (r: { records: number }) => `${r.records}/${total} records`;
		console.log(
			`2. Return All at ${QPS_OF_SCENARIO_1} req/s: PandaPon node ${complete(l.ours)}, ${ratio(l.ours.wallMs, l.limitMs)} the limit pages/QPS ` +
				`(≤ 1.25×: ${verdict(l.ours.records === total && l.ours.wallMs <= 1.25 * l.limitMs)}); ` +
				`HTTP Request node's pagination ${complete(l.http)}, ${ratio(l.http.wallMs, l.limitMs)} the limit ` +
				`(the PandaPon node takes ${ratio(l.ours.wallMs, l.http.wallMs)} its time)`,
		);
		console.log(
			`   without a limit (no target): PandaPon node ${complete(o.ours)}, ${ratio(o.ours.wallMs, o.limitMs)} ceil(pages/5)·latency; ` +
				`HTTP Request node ${complete(o.http)}, ${ratio(o.http.wallMs, o.limitMs)}`,
		);
	}
	if (s3) {
		const { low, high, min, max } = s3.spread;
		const reading = high < 1 ? 'below 1' : low > 1 ? 'above 1' : "spans 1: parity within this machine's noise";
		console.log(
			`3. whole engine process ${s3.oursUs.toFixed(0)} µs/item vs HTTP Request node ${s3.httpUs.toFixed(0)} µs/item, ` +
				`${ratio(s3.oursUs, s3.httpUs)} (≤ 1×: ${verdict(s3.oursUs <= s3.httpUs)}); ` +
				`node's own work ${s3.ownUs.toFixed(1)} µs/item (≤ 50 µs: ${verdict(s3.ownUs <= 50)})`,
		);
		console.log(
			`   over ${CPU_ROUNDS} paired rounds of ${CPU_ROUND_ITEMS.toLocaleString('en-US')} items: per round ${min.toFixed(2)}–${max.toFixed(2)}×, ` +
				`90% interval of the ratio ${low.toFixed(2)}–${high.toFixed(2)}× (${reading})`,
		);
	}
	if (s4) console.log(`4. trigger ack p50 ${s4.p50.toFixed(1)} ms, p99 ${s4.p99.toFixed(1)} ms (p99 ≤ 50 ms: ${verdict(s4.p99 <= 50)})`);
	shutdownEngine();
}

// Run as `npm run bench`; bench/profile.ts imports the helpers above.
if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
