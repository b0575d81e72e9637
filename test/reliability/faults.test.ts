/**
 * Faults: 1,000 mixed read items through four read operations with 20% injected faults (5xx,
 * HTML error page, malformed JSON, reset, timeout, rate limit), Continue On Fail on. Items out
 * match items in, every output is a result or an error item that says why, pairing is 1:1, and
 * transient faults are recovered by retry (accounted per item from the raw requests).
 *
 * Writes: every write operation, under timeout and reset on its route, is sent exactly once and
 * says that its outcome is unknown and how to check; with Continue On Fail each item's write is
 * sent exactly once.
 *
 * Clock: a sandbox clock 10 minutes off names the clock, for both timestamp units.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RequestRecord } from '../../sandbox';
import { ALIBABA_ADDRESS, OFFER, SPEC, TAOBAO_CART_ADDRESS, TAOBAO_RECEIVER, T_BIG_ITEM, T_BIG_SKU, T_WAIT_PAY, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';
import { BASELINES, OPERATIONS, keyOf, routeOf, runOp, type Spec } from './baselines';
import { id19, isErrorItem, pairedIndex, recordFigures, rng } from './lib';

const KINDS = ['http500', 'html', 'malformedJson', 'reset', 'timeout', 'rateLimit'] as const;
// A 5 s timeout: the sandbox answers in this same process, and with 200 requests in flight on a busy
// 2-core machine genuine answers can take seconds (2 s let 72 of 1,000 items time out 5 times once).
const FAST = { retries: 4, timeout: 5000, maxConcurrency: 5 };
const CHUNKS = 10;

const { sb, creds } = useSandbox({ seed: 20240601, orders: 1000 });
/** Faults the sandbox injected, by route and kind, as its fault hook reports them. */
const injectedLog: Array<{ route: string; kind: string }> = [];

beforeAll(() => {
	sb.onFault((r) => injectedLog.push({ route: r.key, kind: r.fault! }));
});

/** A read lane: one operation, its route, how to find an item's id in a raw request. */
interface Lane {
	name: string;
	route: string;
	params: INodeParameters;
	input: IDataObject[];
	idOf: (r: RequestRecord) => string | undefined;
	/** Result records expected for a successful item (refund reasons: one per reason). */
	recordsPerItem: (input: IDataObject) => number;
}

const fromBody = (field: string) => (r: RequestRecord) => new RegExp(`"${field}":"?(\\d+)`).exec(r.body)?.[1];
const fromQuery = (field: string) => (r: RequestRecord) => new URL(r.url, 'http://x').searchParams.get(field) ?? undefined;

function lanes(): Lane[] {
	const r = rng(9);
	const unknown = (n: number) => Array.from({ length: n }, () => id19(r));
	const alibaba = sb.state.alibaba.orderList as Array<{ id: string; status: string; items: Array<{ subItemID: string }> }>;
	const taobaoOrders = sb.state.taobao.orderList as Array<{ orderId: string }>;
	const taobaoItems = sb.state.taobao.productList as Array<{ itemId: string }>;
	const mix = (known: string[], count: number) => r.shuffle([...known.slice(0, count - 30), ...unknown(30)]);
	const refundable = alibaba.filter((o) => o.status === 'waitsellersend');
	const reasons = sb.reasonsFor('', 'refundWaitSellerSend').length;
	const refundInput = r.shuffle([
		...refundable.slice(0, 220).map((o) => ({ id: o.id, entries: o.items.map((i) => i.subItemID).join(',') })),
		...unknown(250 - Math.min(220, refundable.length)).map((id) => ({ id, entries: String(BigInt(id) + 1n) })),
	]);
	return [
		{
			name: '1688 order Get',
			route: 'POST /alibaba/order/detail',
			params: { resource: 'alibabaOrder', operation: 'get', orderId: byId('={{ $json.id }}') },
			input: mix(alibaba.map((o) => o.id), 250).map((id) => ({ id })),
			idOf: fromBody('orderId'),
			recordsPerItem: () => 1,
		},
		{
			name: 'Taobao product Get',
			route: 'GET /open/product/get',
			params: { resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ $json.id }}') },
			input: mix(taobaoItems.map((p) => p.itemId), 250).map((id) => ({ id })),
			idOf: fromQuery('itemId'),
			recordsPerItem: () => 1,
		},
		{
			name: 'Taobao order Get',
			route: 'GET /open/order/get',
			params: { resource: 'taobaoOrder', operation: 'get', orderId: byId('={{ $json.id }}') },
			input: mix(taobaoOrders.map((o) => o.orderId), 250).map((id) => ({ id })),
			idOf: fromQuery('orderId'),
			recordsPerItem: () => 1,
		},
		{
			name: '1688 refund reasons',
			route: 'POST /alibaba/refund/reason/list',
			params: {
				resource: 'alibabaAfterSale',
				operation: 'getRefundReasons',
				orderId: byId('={{ $json.id }}'),
				orderEntryIds: '={{ $json.entries }}',
				goodsStatus: 'refundWaitSellerSend',
			},
			input: refundInput,
			idOf: fromBody('orderId'),
			recordsPerItem: () => reasons,
		},
	];
}

const NETWORK = /^Could not reach PandaPon: (PandaPon did not answer in time \(timeout\)|the connection to PandaPon was reset)$/;
const HTTP = /^PandaPon answered HTTP (500|502) instead of a JSON envelope$/;
const MALFORMED = /^PandaPon answered with a body that is not valid JSON$/;

describe('reads under 20% injected faults', () => {
	const injectedByKind: Record<string, number> = {};
	const totals = { lateAnswersTimedOut: 0, items: 0, outputs: 0, requests: 0, faultsInjected: 0, recoveredItems: 0, retriesUsed: 0, succeeded: 0, apiErrors: 0, failedAfterRetries: 0 };
	const byKind: Record<string, number> = {};
	let started = 0;

	beforeAll(() => {
		started = Date.now();
	});
	afterAll(() => {
		recordFigures('faults', { ...totals, injectedByKind, failedByKind: byKind, ms: Date.now() - started, faultRate: 0.2, options: FAST });
	});

	it('1,000 items through four read operations: items out = items in, results or clear errors, 1:1 pairing, retries recover', async () => {
		// All 1,000 items at once: each lane's 250 items as 10 executions of 25 (each execution has
		// its own pacer), all 40 executions side by side.
		const all = lanes();
		sb.setFaults(Object.fromEntries(all.map((lane) => [lane.route, { errorRate: 0.2, errorKinds: [...KINDS] }])));
		sb.resetCounters();
		sb.clearRequests();
		injectedLog.length = 0;
		const chunked = all.map((lane) => Array.from({ length: CHUNKS }, (_, c) => lane.input.slice(c * 25, c * 25 + 25)));
		const results = await Promise.all(
			all.map((lane, l) => Promise.all(chunked[l].map((input) => runPandaPon({ ...lane, input }, { onError: 'continueRegularOutput' })))),
		);
		for (const [l, lane] of all.entries()) {
			const chunks = chunked[l];
			const runs = results[l];
			const n = lane.input.length;
			expect(n).toBe(250);

			// Pairing: every input item appears, in order, with no duplicates or gaps; a result item
			// count matches what that input asked for, an error is exactly one item.
			const groups = new Map<number, INodeExecutionData[]>();
			let outputs = 0;
			runs.forEach(({ items, error }, c) => {
				expect(error).toBeUndefined();
				outputs += items.length;
				let last = -1;
				for (const out of items) {
					const local = pairedIndex(out);
					expect(local).toBeGreaterThanOrEqual(last);
					last = local;
					const i = c * 25 + local;
					groups.set(i, [...(groups.get(i) ?? []), out]);
				}
				expect(new Set(items.map(pairedIndex))).toEqual(new Set(chunks[c].map((_, k) => k)));
			});
			expect([...groups.keys()].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);

			// Rate-limit answers don't use up Retries (they are ridden out, bounded by the storm limit).
			const attempts = new Map<string, number>();
			const rateLimited = new Map<string, number>();
			for (const r of sb.sent(lane.route)) {
				const id = lane.idOf(r)!;
				attempts.set(id, (attempts.get(id) ?? 0) + 1);
				if (r.fault === 'rateLimit') rateLimited.set(id, (rateLimited.get(id) ?? 0) + 1);
			}
			let answeredByHandler = 0;
			for (let i = 0; i < n; i++) {
				const group = groups.get(i)!;
				const id = String(lane.input[i].id);
				const tries = attempts.get(id) ?? 0;
				const counted = tries - (rateLimited.get(id) ?? 0);
				expect(tries).toBeGreaterThanOrEqual(1);
				expect(counted).toBeLessThanOrEqual(FAST.retries + 1);
				const first = group[0].json;
				if (!isErrorItem(first)) {
					expect(group).toHaveLength(lane.recordsPerItem(lane.input[i]));
					for (const g of group) expect(isErrorItem(g.json)).toBe(false);
					totals.succeeded++;
					answeredByHandler++;
					if (tries > 1) totals.recoveredItems++;
					continue;
				}
				expect(group).toHaveLength(1);
				expect(typeof first.description).toBe('string');
				const message = String(first.error);
				if (first.code !== undefined && Number(first.code) !== 42900) {
					// PandaPon's own answer (unknown id): code, message and request ID, not retried.
					expect(message).toMatch(/^PandaPon error \d+: \S/);
					expect(String(first.requestId)).toMatch(/^[0-9a-f]{32}$/);
					expect(first.description).toContain(String(first.requestId));
					totals.apiErrors++;
					answeredByHandler++;
					if (tries > 1) totals.recoveredItems++;
					continue;
				}
				// Faults on every attempt: the reason is clear and the attempts are counted.
				totals.failedAfterRetries++;
				expect(counted).toBe(FAST.retries + 1);
				if (first.code !== undefined) {
					expect(message).toBe('PandaPon error 42900: Too many requests: rate limit exceeded');
					expect(String(first.requestId)).toMatch(/^[0-9a-f]{32}$/);
				} else {
					expect(message).toMatch(new RegExp(`${NETWORK.source}|${HTTP.source}|${MALFORMED.source}`));
				}
				expect(first.description).toContain(`after ${tries} attempts`);
				const kind = message.replace(/^(PandaPon error 42900).*|.*(timeout|reset|HTTP \d+|not valid JSON).*/, '$1$2');
				byKind[kind] = (byKind[kind] ?? 0) + 1;
			}
			const sent = sb.count(lane.route);
			expect(sent).toBe([...attempts.values()].reduce((a, b) => a + b, 0));
			const injected = injectedLog.filter((f) => f.route === lane.route).length;
			for (const f of injectedLog.filter((x) => x.route === lane.route)) injectedByKind[f.kind] = (injectedByKind[f.kind] ?? 0) + 1;
			// Every request was either a fault or answered by the API; a few answers may come too
			// late for the timeout on a busy machine and are retried like any timeout.
			expect(sent).toBeGreaterThanOrEqual(injected + answeredByHandler);
			totals.lateAnswersTimedOut += sent - injected - answeredByHandler;
			totals.items += n;
			totals.outputs += outputs;
			totals.requests += sent;
			totals.faultsInjected += injected;
			totals.retriesUsed += sent - n;
			expect(injected / sent).toBeGreaterThan(0.1);
			expect(injected / sent).toBeLessThan(0.35);
		}
		// About 20% of all requests were faulted, and retries turned almost all into answers.
		expect(totals.faultsInjected / totals.requests).toBeGreaterThan(0.15);
		expect(totals.faultsInjected / totals.requests).toBeLessThan(0.26);
		expect(totals.items).toBe(1000);
		expect(totals.recoveredItems).toBeGreaterThan(100);
		expect(totals.failedAfterRetries).toBeLessThanOrEqual(25);
		expect(totals.succeeded + totals.apiErrors + totals.failedAfterRetries).toBe(1000);
	}, 90_000);
});

async function runPandaPon(lane: Pick<Lane, 'params' | 'input'>, nodeExtra: IDataObject = {}) {
	const { resource, operation, ...rest } = lane.params;
	return runOp(`${resource}:${operation}`, { ...rest, options: FAST }, creds, lane.input, nodeExtra);
}

/** Write operations, each with its valid parameters; the brief's list first. */
const WRITE_KEYS = OPERATIONS.filter((s) => s.write).map(keyOf);
const routeFor = (spec: Spec, params: INodeParameters) =>
	spec.resource === 'customApiCall' ? `${params.method} ${params.path}` : routeOf(spec);

describe('writes are sent at most once', () => {
	const writeCounts: Record<string, number> = {};
	afterAll(() => recordFigures('writes', { operations: WRITE_KEYS.length, counts: writeCounts }));

	it('covers every write operation the node declares', () => {
		expect(WRITE_KEYS.length).toBeGreaterThanOrEqual(30);
		for (const key of [
			'taobaoOrder:create',
			'taobaoOrder:pay',
			'taobaoOrder:cancel',
			'alibabaOrder:create',
			'alibabaOrder:cancel',
			'alibabaAfterSale:createRefund',
			'taobaoAfterSale:submit',
			'taobaoCart:createOrder',
			'alibabaCart:createOrder',
			'logistics:createInternationalOrder',
		]) {
			expect(WRITE_KEYS).toContain(key);
		}
	});

	const cases = WRITE_KEYS.flatMap((key) => (['timeout', 'reset'] as const).map((kind) => [key, kind] as const));
	it.each(cases)('%s under %s: sent once, outcome unknown, names how to check', async (key, kind) => {
		const spec = OPERATIONS.find((s) => keyOf(s) === key)!;
		const params = { ...BASELINES[key].params, options: { retries: 5, timeout: 250 } };
		const route = routeFor(spec, params);
		sb.setFaults({ [route]: { errorRate: 1, errorKinds: [kind] } });
		const { error } = await runOp(key, params, creds);
		expect(sb.count(route)).toBe(1);
		expect(sb.counters().total).toBe(1);
		writeCounts[`${key} ${kind}`] = sb.count(route);
		expect(error?.message).toBe(
			kind === 'timeout' ? 'Could not reach PandaPon: PandaPon did not answer in time (timeout)' : 'Could not reach PandaPon: the connection to PandaPon was reset',
		);
		expect(error?.description).toContain('The outcome is unknown');
		expect(error?.description).toContain('not re-sent');
		const hint = spec.checkHint ?? 'Check the current state with the matching Get operation';
		expect(error?.description).toContain(hint);
		expect(hint).toMatch(/\bGet\b|console|does no harm/);
	});

	/** Several items each doing their own write (lines defined per item, not combined). */
	const MANY: Array<[string, INodeParameters]> = [
		['taobaoOrder:create', BASELINES['taobaoOrder:create'].params],
		['taobaoOrder:pay', { orderId: byId('={{ $json.id }}') }],
		['taobaoOrder:cancel', { orderId: byId('={{ $json.id }}'), cancelReason: 'x' }],
		['alibabaOrder:create', BASELINES['alibabaOrder:create'].params],
		['alibabaOrder:cancel', { orderId: byId('={{ $json.id }}'), cancelReason: 'buyerCancel' }],
		['alibabaAfterSale:createRefund', BASELINES['alibabaAfterSale:createRefund'].params],
		['taobaoAfterSale:submit', BASELINES['taobaoAfterSale:submit'].params],
		['taobaoCart:createOrder', { ids: '={{ $json.id }}', orderAddress: TAOBAO_CART_ADDRESS }],
		['alibabaCart:createOrder', { cartIds: '={{ $json.id }}', addressParam: ALIBABA_ADDRESS, flow: 'general' }],
		['logistics:createInternationalOrder', BASELINES['logistics:createInternationalOrder'].params],
	];

	it.each(MANY)('%s with Continue On Fail and 5 items under timeout/reset: one request per item, five error items', async (key, params) => {
		const spec = OPERATIONS.find((s) => keyOf(s) === key)!;
		const route = routeOf(spec);
		sb.setFaults({ [route]: { errorRate: 1, errorKinds: ['timeout', 'reset'] } });
		const input = Array.from({ length: 5 }, (_, i) => ({ id: String(BigInt(T_WAIT_PAY) + BigInt(i)) }));
		const { items, error } = await runOp(key, { ...params, options: { retries: 5, timeout: 250, maxConcurrency: 5 } }, creds, input, {
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(sb.count(route)).toBe(5);
		writeCounts[`${key} x5`] = sb.count(route);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2, 3, 4]);
		for (const item of items) {
			expect(item.json.error).toMatch(NETWORK);
			expect(item.json.description).toContain('The outcome is unknown');
		}
	});

	it('with half the writes faulted, every pay is sent exactly once; answered ones took effect, the others say the outcome is unknown', async () => {
		const unpaid = (sb.state.taobao.orderList as Array<{ orderId: string; status: number }>).filter((o) => o.status === 0).slice(5, 25);
		expect(unpaid).toHaveLength(20);
		sb.setFaults({ 'POST /open/order/pay': { errorRate: 0.5, errorKinds: ['timeout', 'reset', 'http500', 'malformedJson', 'html'] } });
		const { items, error } = await runOp(
			'taobaoOrder:pay',
			{ orderId: byId('={{ $json.id }}'), options: { retries: 5, timeout: 250, maxConcurrency: 5 } },
			creds,
			unpaid.map((o) => ({ id: o.orderId })),
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(sb.count('POST /open/order/pay')).toBe(20);
		const bodies = sb.sent('POST /open/order/pay').map((r) => JSON.parse(r.body).orderId);
		expect(bodies.sort()).toEqual(unpaid.map((o) => o.orderId).sort());
		expect(items.map(pairedIndex)).toEqual([...Array(20).keys()]);
		let ok = 0;
		items.forEach((item, i) => {
			if (isErrorItem(item.json)) {
				expect(item.json.description).toContain('The outcome is unknown');
				expect(item.json.description).toContain('Get (Taobao Order)');
			} else {
				ok++;
				expect(item.json).toMatchObject({ orderId: unpaid[i].orderId, status: 10 });
			}
		});
		expect(ok).toBeGreaterThan(3);
		expect(ok).toBeLessThan(17);
		writeCounts['taobaoOrder:pay x20 at 50% faults'] = sb.count('POST /open/order/pay');
	});

	it('a Taobao order created from defined lines under a timeout is sent once even with the longest retry setting', async () => {
		sb.setFaults({ 'POST /open/order': { errorRate: 1, errorKinds: ['timeout'] } });
		const { error } = await runOp(
			'taobaoOrder:create',
			{
				orderLinesSource: 'define',
				orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 1, priceYuan: '0.01', currency: 'CNY' }] },
				receiver: TAOBAO_RECEIVER,
				options: { retries: 10, timeout: 250 },
			},
			creds,
		);
		expect(error?.description).toContain('Seller Order Number');
		expect(sb.count('POST /open/order')).toBe(1);
	});

	it('1688 Create from input items (one combined order) under reset is sent once for all items', async () => {
		sb.setFaults({ 'POST /alibaba/order/create': { errorRate: 1, errorKinds: ['reset'] } });
		const { error } = await runOp(
			'alibabaOrder:create',
			{
				cargoSource: 'items',
				cargoOfferId: '={{ $json.offerId }}',
				cargoSpecId: '={{ $json.specId }}',
				cargoQuantity: '={{ $json.quantity }}',
				addressParam: ALIBABA_ADDRESS,
				flow: 'general',
				options: { retries: 5, timeout: 250 },
			},
			creds,
			[1, 2, 3].map((quantity) => ({ offerId: OFFER, specId: SPEC, quantity })),
		);
		expect(error?.description).toContain('The outcome is unknown');
		expect(sb.count('POST /alibaba/order/create')).toBe(1);
	});
});

describe('clock skew', () => {
	it.each([
		['milliseconds', 10 * 60 * 1000 + 5000],
		['milliseconds', -(10 * 60 * 1000 + 5000)],
		['seconds', 10 * 60 * 1000 + 5000],
		['seconds', -(10 * 60 * 1000 + 5000)],
	] as const)('timestamps in %s with the server clock %d ms off: the error names the clock', async (timestampUnit, skew) => {
		sb.setOptions({ clockSkewMs: skew });
		const { error } = await runOp('alibabaOrder:get', BASELINES['alibabaOrder:get'].params, { ...creds, timestampUnit });
		expect(error?.message).toBe('PandaPon error 40004: Timestamp expired: request time is outside the 600 s window of server time');
		expect(error?.description).toContain("Check this machine's clock");
		expect(error?.description).toContain('Timestamp Unit');
		// a clock error is not retried: the same clock gives the same answer
		expect(sb.count('POST /alibaba/order/detail')).toBe(1);
	});

	it.each(['milliseconds', 'seconds'] as const)('timestamps in %s within the window still pass (9 minutes off)', async (timestampUnit) => {
		sb.setOptions({ clockSkewMs: 9 * 60 * 1000 });
		const { error } = await runOp('alibabaOrder:get', BASELINES['alibabaOrder:get'].params, { ...creds, timestampUnit });
		expect(error).toBeUndefined();
	});
});
