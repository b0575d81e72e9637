/** Fault knobs: latency, HTTP 500, HTML, malformed JSON, reset, timeout, rate limit, qps, clock skew; counters. */
import { A_WAIT_SEND } from '../helpers/fixtures';
import { useSandbox, withSandbox } from '../helpers/sandbox';
import { admin, call, client } from './client';

const { sb } = useSandbox({ seed: 11 });
let api: ReturnType<typeof client>;
const DETAIL = 'POST /alibaba/order/detail';
const body = { webSite: '1688', orderId: A_WAIT_SEND };
const detail = () => api.post('/alibaba/order/detail', body);

beforeAll(() => {
	api = client(sb.url, sb.credentials);
});

async function startOfSecond(): Promise<void> {
	const ms = 1000 - (Date.now() % 1000);
	if (ms < 900) await new Promise((r) => setTimeout(r, ms + 5));
}

test('global latency', async () => {
	sb.setOptions({ latencyMs: 150 });
	const res = await detail();
	expect(res.json.code).toBe(200);
	expect(res.ms).toBeGreaterThanOrEqual(140);
});

test('per-route latency leaves other routes fast', async () => {
	sb.setFaults({ [DETAIL]: { latencyMs: 200 } });
	const slow = await detail();
	expect(slow.ms).toBeGreaterThanOrEqual(190);
	const fast = await api.get('/alibaba/refund/logistics/company/list');
	expect(fast.ms).toBeLessThan(150);
});

test('http500', async () => {
	sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['http500'] } });
	const res = await detail();
	expect(res.status).toBe(500);
	expect(res.json.code).toBe(50000);
	expect(res.json.msg).toBe('Internal error');
});

test('html', async () => {
	sb.setFaults({ errorRate: 1, errorKinds: ['html'] });
	const res = await detail();
	expect(res.status).toBe(502);
	expect(res.headers['content-type']).toContain('text/html');
	expect(res.text).toMatch(/^<!DOCTYPE html>/);
	expect(res.json).toBeUndefined();
});

test('malformedJson', async () => {
	sb.setFaults({ errorRate: 1, errorKinds: ['malformedJson'] });
	const res = await detail();
	expect(res.status).toBe(200);
	expect(res.headers['content-type']).toContain('application/json');
	expect(() => JSON.parse(res.text)).toThrow();
});

test('reset destroys the socket', async () => {
	sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['reset'] } });
	await expect(detail()).rejects.toThrow(/socket hang up|ECONNRESET/);
});

test('timeout holds the socket until the client gives up', async () => {
	sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['timeout'] } });
	const started = Date.now();
	await expect(api.post('/alibaba/order/detail', body, { timeoutMs: 300 })).rejects.toThrow(/client timeout/);
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
});

test('a held socket does not keep close() waiting', async () => {
	await withSandbox({ faults: { errorRate: 1, errorKinds: ['timeout'] } }, async (other) => {
		const pending = call(other.url, other.credentials, 'POST', '/alibaba/order/detail', { body }).catch((e: Error) => e);
		await new Promise((r) => setTimeout(r, 100));
		const started = Date.now();
		await other.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(String((await pending as Error).message)).toMatch(/socket hang up|ECONNRESET/);
	});
});

test('rateLimit fault answers the 42900 envelope', async () => {
	sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['rateLimit'] } });
	const res = await detail();
	expect(res.status).toBe(200);
	expect(res.json.code).toBe(42900);
	expect(res.json.msg).toBe('Too many requests: rate limit exceeded');
});

test('errorRate is seeded: same seed, same outcomes', async () => {
	const outcomes = (seed: number) =>
		withSandbox({ seed, faults: { errorRate: 0.5, errorKinds: ['http500', 'rateLimit'] } }, async (s) => {
			const c = client(s.url, s.credentials);
			const out: string[] = [];
			for (let i = 0; i < 20; i++) {
				const r = await c.post('/alibaba/order/detail', body);
				out.push(`${r.status}/${r.json.code}`);
			}
			return out;
		});
	const a = await outcomes(21);
	const b = await outcomes(21);
	expect(a).toEqual(b);
	expect(a.filter((x) => x === '200/200').length).toBeGreaterThan(2);
	expect(a.filter((x) => x !== '200/200').length).toBeGreaterThan(2);
});

test('global qps limit per one-second window', async () => {
	sb.setOptions({ qps: 3 });
	await startOfSecond();
	const codes = await Promise.all(Array.from({ length: 6 }, () => detail().then((r) => r.json.code)));
	expect(codes.filter((c) => c === 200)).toHaveLength(3);
	expect(codes.filter((c) => c === 42900)).toHaveLength(3);
	await new Promise((r) => setTimeout(r, 1000));
	expect((await detail()).json.code).toBe(200);
});

test('per-route qps fault', async () => {
	sb.setFaults({ [DETAIL]: { qps: 2 } });
	await startOfSecond();
	const codes: number[] = [];
	for (let i = 0; i < 4; i++) codes.push((await detail()).json.code);
	expect(codes).toEqual([200, 200, 42900, 42900]);
	expect((await api.get('/alibaba/refund/logistics/company/list')).json.code).toBe(200);
});

test('clockSkewMs fault per route', async () => {
	sb.setFaults({ [DETAIL]: { clockSkewMs: -3_600_000 } });
	expect((await detail()).json.code).toBe(40004);
	expect((await detail().then(() => api.post('/alibaba/order/detail', body, { timestamp: String(Date.now() - 3_600_000) }))).json.code).toBe(200);
	expect((await api.get('/alibaba/refund/logistics/company/list')).json.code).toBe(200);
});

test('counters count faulted requests per route; admin routes do not count', async () => {
	sb.resetCounters();
	sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['http500'] } });
	await detail();
	await detail();
	sb.setFaults({});
	await detail();
	await api.get('/alibaba/refund/logistics/company/list');
	await api.post('/no/such/path', {});
	await admin(sb.url, 'GET', 'state');
	const c = sb.counters();
	expect(c.byRoute[DETAIL]).toBe(3);
	expect(c.byRoute['GET /alibaba/refund/logistics/company/list']).toBe(1);
	expect(c.total).toBe(4);
	const viaAdmin = await admin(sb.url, 'GET', 'counters');
	expect(viaAdmin.json).toEqual(c);
	await admin(sb.url, 'POST', 'counters/reset');
	expect(sb.counters()).toEqual({ total: 0, byRoute: {} });
});

test('admin faults and options endpoints', async () => {
	const set = await admin(sb.url, 'POST', 'faults', { routes: { [DETAIL]: { errorRate: 1, errorKinds: ['rateLimit'] } } });
	expect(set.json.ok).toBe(true);
	expect((await detail()).json.code).toBe(42900);
	await admin(sb.url, 'POST', 'faults', {});
	expect((await detail()).json.code).toBe(200);
	const bad = await admin(sb.url, 'POST', 'faults', { errorRate: 1, errorKinds: ['meteor'] });
	expect(bad.status).toBe(400);
	const opts = await admin(sb.url, 'POST', 'options', { latencyMs: 120 });
	expect(opts.json.options.latencyMs).toBe(120);
	expect((await detail()).ms).toBeGreaterThanOrEqual(110);
	await admin(sb.url, 'POST', 'options', { latencyMs: 0 });
	const summary = await admin(sb.url, 'GET', 'state');
	expect(summary.json.fixtures.alibaba.orderWaitSellerSend).toBe(A_WAIT_SEND);
	expect(summary.json.credentials[0].accessKey).toBe('sandbox-access-key');
});
