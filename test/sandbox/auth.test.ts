/** Request signing: every auth failure has its own code; the logistics family also takes query timestamp + sign. */
import { A_WAIT_SEND, USER_ID } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';
import { call, client, md5Signature, nonce } from './client';

const { sb } = useSandbox({
	credentials: [
		{ accessKey: 'sandbox-access-key', accessSecret: 'sandbox-access-secret', userId: USER_ID },
		{ accessKey: 'second-key', accessSecret: 'second-secret', userId: '2100007349999' },
	],
});
const detail = { webSite: '1688', orderId: A_WAIT_SEND };

const post = (o: Parameters<typeof call>[4] = {}) => call(sb.url, sb.credentials, 'POST', '/alibaba/order/detail', { body: detail, ...o });

describe('system headers', () => {
	test('valid signature in seconds and in milliseconds', async () => {
		const s = await post({ timestamp: String(Math.floor(Date.now() / 1000)) });
		expect(s.json.code).toBe(200);
		const ms = await post({ timestamp: String(Date.now()) });
		expect(ms.json.code).toBe(200);
	});

	test('signature compare is case-insensitive', async () => {
		const ts = String(Date.now());
		const n = nonce();
		const sig = md5Signature(sb.credentials.accessKey, ts, n, sb.credentials.accessSecret).toLowerCase();
		const res = await post({ sign: false, headers: { 'access-key': sb.credentials.accessKey, timestamp: ts, 'nonce-str': n, 'user-id': sb.credentials.userId, signature: sig } });
		expect(res.json.code).toBe(200);
	});

	test.each(['access-key', 'timestamp', 'nonce-str', 'user-id', 'signature'])('missing %s → 40001', async (name) => {
		const res = await post({ omitHeader: name });
		expect(res.status).toBe(200);
		expect(res.json.code).toBe(40001);
		expect(res.json.msg).toBe(`Missing system header: ${name}`);
		expect(res.json.data).toBeNull();
	});

	test('no headers at all → 40001 for access-key', async () => {
		const res = await post({ sign: false });
		expect(res.json.code).toBe(40001);
		expect(res.json.msg).toBe('Missing system header: access-key');
	});

	test('unknown access key → 40002', async () => {
		const res = await call(sb.url, { ...sb.credentials, accessKey: 'nope' }, 'POST', '/alibaba/order/detail', { body: detail });
		expect(res.json.code).toBe(40002);
		expect(res.json.msg).toBe('Invalid access-key');
	});

	test('wrong secret → 40003', async () => {
		const res = await post({ signSecret: 'wrong-secret' });
		expect(res.json.code).toBe(40003);
		expect(res.json.msg).toBe('Signature verification failed');
	});

	test('secret of another credential → 40003; that credential with its own secret → 200', async () => {
		const wrong = await post({ signSecret: 'second-secret' });
		expect(wrong.json.code).toBe(40003);
		const second = await call(sb.url, { accessKey: 'second-key', accessSecret: 'second-secret', userId: '2100007349999' }, 'POST', '/alibaba/order/detail', { body: detail });
		expect(second.json.code).toBe(200);
	});

	test('stale timestamp in seconds → 40004', async () => {
		const res = await post({ timestamp: String(Math.floor(Date.now() / 1000) - 601) });
		expect(res.json.code).toBe(40004);
		expect(res.json.msg).toBe('Timestamp expired: request time is outside the 600 s window of server time');
	});

	test('stale timestamp in milliseconds → 40004 (past and future)', async () => {
		expect((await post({ timestamp: String(Date.now() - 601_000) })).json.code).toBe(40004);
		expect((await post({ timestamp: String(Date.now() + 601_000) })).json.code).toBe(40004);
		expect((await post({ timestamp: String(Date.now() - 590_000) })).json.code).toBe(200);
	});

	test('non-numeric timestamp → 40004', async () => {
		expect((await post({ timestamp: 'yesterday' })).json.code).toBe(40004);
	});

	test('nonce replay → 40005', async () => {
		const n = nonce();
		const first = await post({ nonce: n });
		expect(first.json.code).toBe(200);
		const again = await post({ nonce: n });
		expect(again.json.code).toBe(40005);
		expect(again.json.msg).toBe('Nonce already used');
	});

	test('the raw envelope carries developId as a bare integer', async () => {
		const res = await post({ signSecret: 'bad' });
		expect(res.text).toMatch(/^\{"requestId":"[0-9a-f]{32}","code":40003,"developId":1014533973088404335,"msg":"Signature verification failed","data":null\}$/);
	});
});

describe('logistics: query timestamp + sign', () => {
	const body = { orderId: '21', tmallOrderId: '12345667', logisticInfos: [] };
	const path = '/open/pp/logistics/updateLogisticInfo';
	const c = () => sb.credentials;

	test('query sign without a nonce', async () => {
		const ts = String(Date.now());
		const sign = md5Signature(c().accessKey, ts, '', c().accessSecret);
		const res = await call(sb.url, null, 'POST', path, { body, query: { timestamp: ts, sign } });
		expect(res.json.code).toBe(200);
	});

	test('query sign with nonce-str header (v2 style) and replay protection', async () => {
		const ts = String(Math.floor(Date.now() / 1000));
		const n = nonce();
		const sign = md5Signature(c().accessKey, ts, n, c().accessSecret);
		const v2 = '/v2/open/pp/logistics/itemLogisticsPrice';
		const v2body = { itemId: '1', skuId: '2', quantity: 1, currency: 'USD', price: '1.00', receiverAddress: { country: 'US' } };
		const res = await call(sb.url, null, 'POST', v2, { body: v2body, query: { timestamp: ts, sign }, headers: { 'nonce-str': n } });
		expect(res.json.code).toBe(200);
		const replay = await call(sb.url, null, 'POST', v2, { body: v2body, query: { timestamp: ts, sign }, headers: { 'nonce-str': n } });
		expect(replay.json.code).toBe(40005);
	});

	test('the header set works too', async () => {
		const res = await client(sb.url, c()).post(path, body);
		expect(res.json.code).toBe(200);
	});

	test('bad sign → 40003, stale → 40004, missing → 40001', async () => {
		const ts = String(Date.now());
		const bad = await call(sb.url, null, 'POST', path, { body, query: { timestamp: ts, sign: 'ABCDEF' } });
		expect(bad.json.code).toBe(40003);
		const oldTs = String(Date.now() - 700_000);
		const stale = await call(sb.url, null, 'POST', path, { body, query: { timestamp: oldTs, sign: md5Signature(c().accessKey, oldTs, '', c().accessSecret) } });
		expect(stale.json.code).toBe(40004);
		const missing = await call(sb.url, null, 'POST', path, { body, query: { timestamp: ts } });
		expect(missing.json.code).toBe(40001);
		expect(missing.json.msg).toBe('Missing system header: sign');
	});

	test('system-headers operations do not accept the query form', async () => {
		const ts = String(Date.now());
		const sign = md5Signature(c().accessKey, ts, '', c().accessSecret);
		const res = await call(sb.url, null, 'POST', '/alibaba/order/detail', { body: detail, query: { timestamp: ts, sign } });
		expect(res.json.code).toBe(40001);
	});
});

describe('clock skew', () => {
	test('clockSkewMs shifts server time', async () => {
		sb.setOptions({ clockSkewMs: 3_600_000 });
		try {
			expect((await post()).json.code).toBe(40004);
			expect((await post({ timestamp: String(Date.now() + 3_600_000) })).json.code).toBe(200);
		} finally {
			sb.setOptions({ clockSkewMs: 0 });
		}
		expect((await post()).json.code).toBe(200);
	});
});
