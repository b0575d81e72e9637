/** Sandbox changes over time (sandbox/changes.js) through POST /__admin/simulate and the API. */
import { useSandbox } from '../helpers/sandbox';
import { admin, client, digits } from './client';

const { sb } = useSandbox({ orders: 10 });
let api: ReturnType<typeof client>;

beforeAll(() => {
	api = client(sb.url, sb.credentials);
});

/** The action's result (`{ok, result}` on success), or the admin error. */
async function simulate(body: Record<string, unknown>) {
	const res = await admin(sb.url, 'POST', 'simulate', body);
	return { ...res, json: res.status === 200 ? res.json.result : res.json };
}

test('new orders are dated now, listed first, and can be moved back in time', async () => {
	const created = await simulate({ action: '1688.createOrders', count: 3, status: 'waitsellersend' });
	expect(created.status).toBe(200);
	const ids: string[] = created.json.orderIds;
	expect(ids).toHaveLength(3);
	const page = await api.post('/v2/alibaba/order/page', { pageNo: 1, pageSize: 3 });
	expect(page.json.data.data.map((o: { baseInfo: { idOfStr: string } }) => o.baseInfo.idOfStr)).toEqual(ids);
	const created0 = page.json.data.data[0].baseInfo.createTime as string;
	expect(Math.abs(Date.parse(`${created0.replace(' ', 'T')}+08:00`) - Date.now())).toBeLessThan(120000);

	await simulate({ action: '1688.backdate', orderId: ids[0], days: 8 });
	const after = await api.post('/v2/alibaba/order/page', { pageNo: 1, pageSize: 2 });
	expect(after.json.data.data.map((o: { baseInfo: { idOfStr: string } }) => o.baseInfo.idOfStr)).toEqual(ids.slice(1));

	const tb = await simulate({ action: 'taobao.createOrders', count: 2, status: 10 });
	const list = await api.get('/open/order/page', { pageNo: 1, pageSize: 2 });
	expect(list.json.data.data.map((o: { orderId: unknown }) => digits(o.orderId))).toEqual(tb.json.orderIds);
});

test('refunds opened through the API handlers, and trace steps added to shipped orders', async () => {
	const [tbOrder] = (await simulate({ action: 'taobao.createOrders', status: 11 })).json.orderIds as string[];
	const refund = await simulate({ action: 'taobao.refundOpen', orderId: tbOrder });
	expect(refund.json).toMatchObject({ refundId: expect.stringMatching(/^TQ/), refundStatus: 10 });
	await simulate({ action: 'taobao.traceEvent', orderId: tbOrder, text: 'arrived' });
	const logistics = await api.get('/open/order/logistics/get', { orderId: tbOrder });
	expect(logistics.json.data.logisticsList[0].traces.at(-1).desc).toBe('arrived');

	const [alOrder] = (await simulate({ action: '1688.createOrders', status: 'waitbuyerreceive' })).json.orderIds as string[];
	const alRefund = await simulate({ action: '1688.refundOpen', orderId: alOrder });
	expect(alRefund.json.refundId).toMatch(/^TQ1688/);
	await simulate({ action: '1688.traceEvent', orderId: alOrder });
	const trace = await api.get('/alibaba/order/logistics/trace', { orderId: alOrder });
	expect(trace.json.data[0].logisticsSteps.at(-1).remark).toBe('快件已到达 派送站');
});

test('bad parameters are refused with the field named', async () => {
	const cases: Array<[Record<string, unknown>, RegExp]> = [
		[{ action: '1688.createOrders', count: 0 }, /count/],
		[{ action: '1688.createOrders', count: 5001 }, /count/],
		[{ action: '1688.createOrders', status: 'shipped' }, /status/],
		[{ action: 'taobao.createOrders', status: 99 }, /status/],
		[{ action: '1688.backdate', orderId: '1', days: 1 }, /Not found/],
		[{ action: 'taobao.traceEvent', orderId: sb.state.fixtures.taobao.orderWaitPay }, /only shipped orders/],
		[{ action: '1688.refundOpen', orderId: sb.state.fixtures.alibaba.orderWaitBuyerPay }, /refundOpen needs/],
	];
	for (const [body, message] of cases) {
		const res = await simulate(body);
		expect(res.status).toBe(400);
		expect(JSON.stringify(res.json)).toMatch(message);
	}
	const backdate = await simulate({ action: '1688.backdate', orderId: sb.state.fixtures.alibaba.orderWaitBuyerPay, days: -1 });
	expect(JSON.stringify(backdate.json)).toMatch(/days/);
});
