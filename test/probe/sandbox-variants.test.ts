/** The sandbox variants the probe is tested against, checked directly with the sandbox tests' own client. */
import crypto from 'crypto';

import { T_ITEM, T_ITEM_SKU } from '../helpers/fixtures';
import { startTestSandbox, withSandbox } from '../helpers/sandbox';
import { call, nonce } from '../sandbox/client';

const hmacUpper = (key: string, text: string) => crypto.createHmac('sha256', key).update(text).digest('hex').toUpperCase();

describe('sandbox variants', () => {
	it('notFoundPaths: HTTP 404 with a gateway body for those paths only, counted per path', async () => {
		await withSandbox({ notFoundPaths: ['/alibaba/order/detail'] }, async (sb) => {
		const gone = await call(sb.url, sb.credentials, 'POST', '/alibaba/order/detail', { body: { orderId: '1' } });
		expect(gone.status).toBe(404);
		expect(JSON.parse(gone.text)).toMatchObject({ status: 404, error: 'Not Found', path: '/alibaba/order/detail' });
		const other = await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list');
		expect(other.json.code).toBe(200);
		await call(sb.url, sb.credentials, 'GET', '/no/such/path');
		expect(sb.pathCounts()).toEqual({ 'POST /alibaba/order/detail': 1, 'GET /v2/alibaba/cart/list': 1, 'GET /no/such/path': 1 });
		expect(sb.counters().byRoute['POST /alibaba/order/detail']).toBeUndefined();
		sb.resetCounters();
		expect(sb.pathCounts()).toEqual({});
		});
	});

	it('timestampUnit: the other unit fails like an expired timestamp', async () => {
		await withSandbox({ timestampUnit: 'seconds' }, async (sb) => {
		const ms = await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list', { timestamp: String(Date.now()) });
		expect(ms.json.code).toBe(40004);
		const s = await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list', { timestamp: String(Math.floor(Date.now() / 1000)) });
		expect(s.json.code).toBe(200);
		sb.setOptions({ timestampUnit: 'milliseconds' });
		expect((await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list')).json.code).toBe(40004);
		});
	});

	it('signature: refuses the documented construction and accepts the chosen one, in headers and in the logistics query', async () => {
		await withSandbox({ signature: 'hmac-sha256' }, async (sb) => {
		const c = sb.credentials;
		expect((await call(sb.url, c, 'GET', '/v2/alibaba/cart/list')).json.code).toBe(40003);
		const ts = String(Date.now());
		const n = nonce();
		const headers = { 'access-key': c.accessKey, timestamp: ts, 'nonce-str': n, 'user-id': c.userId, signature: hmacUpper(c.accessSecret, c.accessKey + ts + n) };
		expect((await call(sb.url, null, 'GET', '/v2/alibaba/cart/list', { headers })).json.code).toBe(200);
		const body = { itemId: T_ITEM, skuId: T_ITEM_SKU, quantity: 1, price: '1.00', currency: 'CNY', receiverAddress: { country: 'US' } };
		const sign = hmacUpper(c.accessSecret, c.accessKey + ts);
		const q = await call(sb.url, null, 'POST', '/v2/open/pp/logistics/itemLogisticsPrice', { query: { timestamp: ts, sign }, body });
		expect(q.json.code).toBe(200);
		});
	});

	it('rejects an unknown variant at start', async () => {
		await expect(startTestSandbox({ signature: 'nope' as never })).rejects.toThrow(/Unknown signature construction nope/);
		await expect(startTestSandbox({ timestampUnit: 'minutes' as never })).rejects.toThrow(/Unknown timestampUnit minutes/);
	});
});
