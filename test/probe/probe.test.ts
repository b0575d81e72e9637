/**
 * `npm run probe` against the sandbox and its variants: what the probe concludes, what it sends
 * (never a write by default), when it stops, and what its report must never contain.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import { OPERATIONS } from '../../nodes/PandaPon/operations';
import { runProbe, type ProbeOptions, type ProbeRun } from '../../tools/probe/probe';
import { READ_STEPS, REJECTED_WRITES } from '../../tools/probe/plan';
import { toJson, toMarkdown } from '../../tools/probe/report';
import { useSandbox, withSandbox, type TestSandbox } from '../helpers/sandbox';
import { big, client } from '../sandbox/client';

const READS = OPERATIONS.filter((o) => o.catalogId !== 'custom' && !o.write);
const WRITES = OPERATIONS.filter((o) => o.catalogId !== 'custom' && o.write);

/** 'GET /v2/taobao/order/refund/cancel/{refundId}' matches 'GET /v2/taobao/order/refund/cancel/TQ1'. */
const routeRe = (method: string, path: string) => new RegExp(`^${method} ${path.replace(/\{\w+\}/g, '[^/]+')}$`);

/** Every signature, sign and nonce that reached the sandbox (its request log). */
function secretsSeen(sb: TestSandbox): Set<string> {
	const secrets = new Set<string>();
	for (const r of sb.requests()) {
		for (const name of ['signature', 'nonce-str']) {
			const v = r.headers[name];
			if (typeof v === 'string' && v) secrets.add(v);
		}
		const sign = new URL(r.url, 'http://x').searchParams.get('sign');
		if (sign) secrets.add(sign);
	}
	return secrets;
}

/** Refunds on both platforms, as an account with after-sales has them (the probe itself never writes). */
async function withRefunds(sb: TestSandbox): Promise<void> {
	const api = client(sb.url, sb.credentials);
	// A return (agreed at once), so its return-logistics form can be rendered too.
	sb.simulate('taobao.ship', { orderId: sb.state.fixtures.taobao.orderPaid });
	const tb = await api.post('/open/order/refund/submit', {
		subOrderId: big(sb.state.fixtures.taobao.orderPaidSubOrders[0]),
		refundType: 2,
		goodsStatus: 2,
		reasonId: 2001,
		refundFee: 1,
	});
	expect(tb.json.code).toBe(200);
	const al = sb.state.fixtures.alibaba;
	const ali = await api.post('/alibaba/refund/detail/create', {
		orderId: big(al.orderWaitSellerSend),
		orderEntryIds: [big(al.orderWaitSellerSendEntries[1])],
		disputeRequest: 'refund',
		applyPayment: 100,
		applyCarriage: 0,
		applyReasonId: 20002,
		description: 'probe test',
		goodsStatus: 'refundWaitSellerSend',
	});
	expect(ali.json.code).toBe(200);
	sb.resetCounters();
}

function probe(sb: TestSandbox, extra: Partial<ProbeOptions> = {}): Promise<ProbeRun> {
	return runProbe({ ...sb.credentials, baseUrl: sb.url, intervalMs: 0, ...extra });
}

const verdicts = (run: ProbeRun) => Object.fromEntries(run.result.operations.map((o) => [o.operation, o.verdict]));

describe('probe plan', () => {
	it('has one step for every read the node offers, and none for a write', () => {
		expect(READ_STEPS.map((s) => s.id).sort()).toEqual(READS.map((o) => o.catalogId).sort());
		expect(new Set(READ_STEPS.map((s) => s.id)).size).toBe(READ_STEPS.length);
		for (const w of REJECTED_WRITES) expect(WRITES.map((o) => o.catalogId)).toContain(w.id);
	});
});

describe('probe against the sandbox', () => {
	const { sb } = useSandbox({}, { resetEach: false });
	let run: ProbeRun;
	const log: string[] = [];

	beforeAll(async () => {
		await withRefunds(sb);
		run = await probe(sb, { log: (l) => log.push(l) });
	});

	it('settles on the documented signature in milliseconds, notes that seconds work too, and checks the logistics sign', () => {
		const s = run.result.signing;
		expect(s.settled).toMatchObject({ construction: 'documented', timestampUnit: 'milliseconds' });
		expect(s.milliseconds).toBe(true);
		expect(s.seconds).toBe(true);
		expect(s.logistics).toEqual({ 'headers+query': 'path confirmed', headers: 'path confirmed', query: 'path confirmed' });
		expect(s.logisticsMode).toBe('headers+query');
		// the docs' curl form really went out without headers
		expect(s.attempts.find((a) => a.logistics === 'query')).toMatchObject({ verdict: 'path confirmed' });
	});

	it('confirms the path of every read operation, with the shape the node reads', () => {
		const v = verdicts(run);
		for (const op of READS) expect([op.catalogId, v[op.catalogId]]).toEqual([op.catalogId, 'path confirmed']);
		for (const o of run.result.operations.filter((x) => !x.write)) {
			expect([o.operation, o.shape?.missing]).toEqual([o.operation, []]);
			expect(o.requestId).toMatch(/^[0-9a-f]{32}$/);
		}
		// ids found in the lists fed the gets: the refunds created above were read back
		expect(run.result.errors).toEqual([]);
		const orderList = run.result.operations.find((o) => o.operation === '1688.order.list')!;
		expect(orderList.shape!.seen.record).toMatchObject({ baseInfo: 'object', 'baseInfo.status': 'string', productItems: 'array' });
	});

	it('stays inside the request cap', () => {
		expect(run.result.requestsSent).toBeLessThanOrEqual(80);
		expect(run.result.requestsSent).toBe(sb.counters().total);
	});

	it('with default flags never requests a write operation\'s path, and lists every write as not sent', () => {
		const hits = Object.keys(sb.pathCounts());
		expect(hits.length).toBeGreaterThan(30);
		for (const w of WRITES) {
			const re = routeRe(w.method, w.path);
			expect([w.catalogId, hits.filter((h) => re.test(h))]).toEqual([w.catalogId, []]);
			expect(run.result.operations.find((o) => o.operation === w.catalogId)).toMatchObject({ verdict: 'not probed', note: 'write: never sent' });
		}
	});

	it('never puts the secret, the key, a signature or a nonce in the report, the JSON or the progress lines', () => {
		const texts = [toMarkdown(run), toJson(run), log.join('\n')];
		expect(secretsSeen(sb).size).toBeGreaterThan(run.result.requestsSent);
		for (const text of texts) {
			expect(text).not.toContain(sb.credentials.accessSecret);
			for (const secret of secretsSeen(sb)) expect(text).not.toContain(secret);
		}
		for (const text of texts.slice(0, 2)) expect(text).not.toContain(sb.credentials.accessKey);
		expect(toMarkdown(run)).toContain('## Error codes seen');
	});

	it("keeps the account's data out of the report: field names and types, never values", () => {
		const user = sb.credentials.userId;
		const values = [
			...(sb.state.addresses.get(user) ?? []).flatMap((a: Record<string, unknown>) => [a.name, a.phone, a.address]),
			...(sb.state.alibaba.carts.get(user) ?? []).map((c: Record<string, unknown>) => c.itemTitle),
			...sb.state.taobao.orderList.slice(0, 3).map((o: Record<string, unknown>) => (o.receiver as Record<string, unknown>).mobile_phone),
		].map(String);
		expect(values.length).toBeGreaterThan(5);
		const texts = [toMarkdown(run), toJson(run)];
		for (const v of values) for (const text of texts) expect([v, text.includes(v)]).toEqual([v, false]);
		expect(JSON.parse(toJson(run)).signing.attempts.every((a: object) => !('data' in a))).toBe(true);
	});
});

describe('probe against sandbox variants', () => {
	it('reports "path not found" for paths the server answers 404, and signs with the next cheap read when the first is missing', async () => {
		await withSandbox({ notFoundPaths: ['/v2/alibaba/cart/list', '/alibaba/order/detail', '/open/order/get'] }, async (sb) => {
		const run = await probe(sb);
		const v = verdicts(run);
		expect(v['1688.cart.list']).toBe('path not found');
		expect(v['1688.order.get']).toBe('path not found');
		expect(v['taobao.order.get']).toBe('path not found');
		expect(run.result.signing.settled).toMatchObject({ construction: 'documented' });
		expect(run.result.signing.attempts.map((a) => a.operation).slice(0, 2)).toEqual(['1688.cart.list', 'foundation.address.get']);
		const others = READS.filter((o) => !['1688.cart.list', '1688.order.get', 'taobao.order.get'].includes(o.catalogId));
		for (const op of others) expect([op.catalogId, v[op.catalogId]]).not.toEqual([op.catalogId, 'path not found']);
		expect(run.result.errors.find((e) => e.code === 'HTTP 404')).toMatchObject({ count: 3 });
		// /open/order/get is inferred, /alibaba/order/detail is not
		expect(toMarkdown(run)).toMatch(/\(\*\*inferred\*\*\): \d+ of \d+ probed exist; not found: `\/open\/order\/get`\./);
		});
	});

	it('settles on seconds when the server accepts only seconds', async () => {
		await withSandbox({ timestampUnit: 'seconds' }, async (sb) => {
		const run = await probe(sb);
		expect(run.result.signing).toMatchObject({
			milliseconds: false,
			seconds: true,
			settled: { construction: 'documented', timestampUnit: 'seconds' },
		});
		expect(verdicts(run)['1688.order.list']).toBe('path confirmed');
		expect(verdicts(run)['logistics.orderFreightPreview']).toBe('path confirmed');
		});
	});

	it.each([
		['secret-first', undefined, 'milliseconds'],
		['hmac-sha256', 'seconds', 'seconds'],
	] as const)('finds the %s construction (server unit %s)', async (signature, timestampUnit, expected) => {
		await withSandbox({ signature, timestampUnit }, async (sb) => {
		const run = await probe(sb);
		expect(run.result.signing.settled).toMatchObject({ construction: signature, timestampUnit: expected });
		const search = run.result.signing.attempts.filter((a) => !a.logistics);
		// stops at the first that works: it is the last attempt of the search, and the only one accepted
		expect(search[search.length - 1]).toMatchObject({ construction: signature, timestampUnit: expected, verdict: 'path confirmed' });
		expect(search.filter((a) => a.verdict === 'path confirmed')).toHaveLength(1);
		expect(verdicts(run)['1688.order.list']).toBe('path confirmed');
		expect(verdicts(run)['logistics.itemFreightEstimate']).toBe('path confirmed');
		expect(run.result.stopped).toBeUndefined();
		const report = toMarkdown(run) + toJson(run);
		for (const secret of [sb.credentials.accessSecret, ...secretsSeen(sb)]) expect(report).not.toContain(secret);
		});
	});
});

describe('probe safety', () => {
	it('with wrong keys tries every known construction, then stops after two refused reads', async () => {
		await withSandbox({}, async (sb) => {
		const run = await probe(sb, { accessSecret: 'wrong-secret-value' });
		expect(run.result.signing.settled).toBeUndefined();
		expect(run.result.stopped).toMatch(/refused twice in a row/);
		const signing = run.result.signing.attempts.length;
		expect(run.result.requestsSent).toBe(signing + 2);
		expect(run.result.operations.filter((o) => o.verdict === 'signature refused')).toHaveLength(2);
		expect(toMarkdown(run)).not.toContain('wrong-secret-value');
		expect(toMarkdown(run)).toContain('**none of the known constructions**');
		});
	});

	it('never sends more than the request cap', async () => {
		await withSandbox({}, async (sb) => {
		const run = await probe(sb, { maxRequests: 7 });
		expect(run.result.requestsSent).toBe(7);
		expect(sb.counters().total).toBe(7);
		expect(run.result.stopped).toMatch(/request cap of 7/);
		expect(run.result.operations.filter((o) => o.verdict === 'not probed' && !o.write).length).toBeGreaterThan(20);
		});
	});

	it('keeps at least the interval between two requests', async () => {
		await withSandbox({}, async (sb) => {
		const started = Date.now();
		const run = await probe(sb, { maxRequests: 4, intervalMs: 150 });
		expect(run.result.requestsSent).toBe(4);
		expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 150 - 5);
		});
	});

	it('does not follow a redirect', async () => {
		let target = 0;
		const elsewhere = http.createServer((_req, res) => {
			target++;
			res.end('{}');
		});
		await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
		const to = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
		const redirecting = http.createServer((_req, res) => {
			res.writeHead(302, { Location: to });
			res.end();
		});
		await new Promise<void>((r) => redirecting.listen(0, '127.0.0.1', r));
		try {
			const run = await runProbe({
				accessKey: 'k-key-1234',
				accessSecret: 's-secret-1234',
				userId: 'u1',
				baseUrl: `http://127.0.0.1:${(redirecting.address() as AddressInfo).port}`,
				intervalMs: 0,
				maxRequests: 3,
			});
			expect(run.result.signing.attempts[0]).toMatchObject({ status: 302, verdict: 'other', note: 'redirect (HTTP 302), not followed' });
			expect(run.result.requestsSent).toBe(1);
			expect(run.result.stopped).toMatch(/no usable answer \(redirect \(HTTP 302\), not followed\): check --base-url/);
			expect(target).toBe(0);
		} finally {
			redirecting.close();
			elsewhere.close();
		}
	});

	it('searches other constructions only when the signature is refused, not when the server fails', async () => {
		await withSandbox({ faults: { 'GET /v2/alibaba/cart/list': { errorRate: 1, errorKinds: ['http500'] } } }, async (sb) => {
		const run = await probe(sb);
		expect(run.result.signing.attempts.filter((a) => a.operation === '1688.cart.list').map((a) => [a.construction, a.verdict])).toEqual([
			['documented', 'other'],
			['documented', 'other'],
		]);
		expect(run.result.signing.settled).toBeUndefined();
		expect(toMarkdown(run)).toContain('not settled: the signing read failed for another reason');
		// the reads still run (signed the documented way) and answer
		expect(verdicts(run)['1688.order.list']).toBe('path confirmed');
		});
	});

	it('stops at once when nothing answers', async () => {
		const server = http.createServer();
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const port = (server.address() as AddressInfo).port;
		await new Promise((r) => server.close(r));
		const run = await runProbe({ accessKey: 'k-key-1234', accessSecret: 's-secret-1234', userId: 'u1', baseUrl: `http://127.0.0.1:${port}`, intervalMs: 0 });
		expect(run.result.requestsSent).toBe(1);
		expect(run.result.stopped).toMatch(/no usable answer \(no answer: .*ECONNREFUSED/);
	});

	it('waits after a rate-limit answer', async () => {
		await withSandbox({ faults: { 'GET /open/address/get': { errorRate: 1, errorKinds: ['rateLimit'] } } }, async (sb) => {
		const started = Date.now();
		const run = await probe(sb, { maxRequests: 8 });
		// the address list is the 6th request; the 7th waits the pause out
		expect(Date.now() - started).toBeGreaterThanOrEqual(2990);
		const limited = run.result.operations.find((o) => o.operation === 'foundation.address.get')!;
		expect(limited).toMatchObject({ code: '42900', verdict: 'other', note: expect.stringMatching(/^rate limited: waiting 3000 ms/) });
		expect(run.result.errors.find((e) => e.code === '42900')).toMatchObject({ count: 1 });
		});
	}, 20000);

	it('--probe-rejected-writes sends only the listed writes, with bodies the sandbox rejects, and changes nothing', async () => {
		await withSandbox({}, async (sb) => {
		const before = JSON.stringify(sb.summary().alibaba);
		const run = await probe(sb, { probeRejectedWrites: true });
		const hits = Object.keys(sb.pathCounts());
		const listed = REJECTED_WRITES.map((w) => w.id);
		for (const w of WRITES) {
			const hit = hits.some((h) => routeRe(w.method, w.path).test(h));
			expect([w.catalogId, hit]).toEqual([w.catalogId, listed.includes(w.catalogId)]);
		}
		for (const id of listed) expect(run.result.operations.find((o) => o.operation === id)).toMatchObject({ verdict: 'parameter error', code: '40010' });
		expect(JSON.stringify(sb.summary().alibaba)).toBe(before);
		expect(toMarkdown(run)).toMatch(/Rejected-write probes were \*\*on\*\*/);
		});
	});
});
