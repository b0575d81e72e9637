/**
 * The sandbox's request log and fault hook: what tests read instead of listening on its server or
 * wrapping its internals.
 */
import { A_WAIT_SEND } from '../helpers/fixtures';
import { useSandbox, withSandbox } from '../helpers/sandbox';
import { admin, big, call, client } from './client';

const { sb } = useSandbox();
const DETAIL = 'POST /alibaba/order/detail';

describe('requests()', () => {
	it('logs each API request as received: method, path, route, url, headers, raw body', async () => {
		const before = Date.now();
		await client(sb.url, sb.credentials).post('/alibaba/order/detail', { webSite: '1688', orderId: big(A_WAIT_SEND) });
		await client(sb.url, sb.credentials).get('/v2/taobao/order/refund/cancel/TQ1', { reason: 'x' });
		const [detail, cancel] = sb.requests();
		expect(detail).toMatchObject({ method: 'POST', path: '/alibaba/order/detail', key: DETAIL, route: DETAIL, url: '/alibaba/order/detail', fault: null });
		expect(detail.body).toBe(`{"webSite":"1688","orderId":${A_WAIT_SEND}}`);
		expect(detail.headers['access-key']).toBe(sb.credentials.accessKey);
		expect(detail.at).toBeGreaterThanOrEqual(before);
		expect(cancel).toMatchObject({
			key: 'GET /v2/taobao/order/refund/cancel/TQ1',
			route: 'GET /v2/taobao/order/refund/cancel/{refundId}',
			url: '/v2/taobao/order/refund/cancel/TQ1?reason=x',
			body: '',
		});
		expect(cancel.seq).toBe(detail.seq + 1);
	});

	it('logs unknown paths with no route, and no admin calls', async () => {
		await call(sb.url, sb.credentials, 'GET', '/no/such/path');
		await admin(sb.url, 'GET', 'counters');
		expect(sb.requests().map((r) => [r.key, r.route])).toEqual([['GET /no/such/path', null]]);
	});

	it('clearRequests() empties it; resetCounters() leaves it', async () => {
		await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list');
		sb.resetCounters();
		expect(sb.requests()).toHaveLength(1);
		sb.clearRequests();
		expect(sb.requests()).toEqual([]);
	});

	it('keeps the last `requestLog` requests; 0 keeps none', async () => {
		await withSandbox({ requestLog: 3 }, async (small) => {
			for (let i = 0; i < 7; i++) await call(small.url, small.credentials, 'GET', `/no/path/${i}`);
			expect(small.requests().map((r) => r.path)).toEqual(['/no/path/4', '/no/path/5', '/no/path/6']);
			small.setOptions({ requestLog: 0 });
			await call(small.url, small.credentials, 'GET', '/no/path/7');
			expect(small.requests()).toEqual([]);
			expect(small.pathCounts()['GET /no/path/7']).toBe(1);
		});
	});
});

describe('onFault()', () => {
	it('reports each injected fault with its request, and marks the record; not the requests answered normally', async () => {
		const seen: Array<[string, string | null]> = [];
		const stop = sb.onFault((r) => seen.push([r.key, r.fault]));
		sb.setFaults({ [DETAIL]: { errorRate: 1, errorKinds: ['http500'] } });
		await call(sb.url, sb.credentials, 'POST', '/alibaba/order/detail', { body: { webSite: '1688', orderId: A_WAIT_SEND } });
		await call(sb.url, sb.credentials, 'GET', '/v2/alibaba/cart/list');
		expect(seen).toEqual([[DETAIL, 'http500']]);
		expect(sb.requests().map((r) => r.fault)).toEqual(['http500', null]);
		stop();
		await call(sb.url, sb.credentials, 'POST', '/alibaba/order/detail', { body: { webSite: '1688', orderId: A_WAIT_SEND } });
		expect(seen).toHaveLength(1);
	});
});
