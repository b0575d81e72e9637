/** State machines, fixtures, pagination and 19-digit ids end to end. */
import { LosslessNumber, stringify } from 'lossless-json';
import { useSandbox, withSandbox } from '../helpers/sandbox';
import { big, client, digits } from './client';

const { sb } = useSandbox({ seed: 3 });
let api: ReturnType<typeof client>;

beforeAll(() => {
	api = client(sb.url, sb.credentials);
});

describe('fixtures', () => {
	test('1688 order 2542285634920880794 waits for shipment with two 19-digit sub-orders', async () => {
		const res = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: '2542285634920880794' });
		expect(res.json.code).toBe(200);
		const o = res.json.data;
		expect(o.baseInfo.id).toBeInstanceOf(LosslessNumber);
		expect(digits(o.baseInfo.id)).toBe('2542285634920880794');
		expect(res.text).toContain('"id":2542285634920880794');
		expect(o.baseInfo.status).toBe('waitsellersend');
		expect(o.productItems.map((i: any) => digits(i.subItemID))).toEqual(['2542285634921880794', '2542285634922880794']);
		expect(res.text).toContain('"subItemID":2542285634921880794');
		for (const k of ['totalAmount', 'sumProductPayment', 'shippingFee', 'createTime', 'buyerID', 'sellerID']) expect(o.baseInfo).toHaveProperty(k);
		for (const k of ['productID', 'name', 'price', 'quantity', 'itemAmount', 'productImgUrl', 'status']) expect(o.productItems[0]).toHaveProperty(k);
		expect(o.nativeLogistics).toHaveProperty('contactPerson');
	});

	test('1688 order 1024285237573584051 awaits receipt', async () => {
		const res = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: big('1024285237573584051') });
		expect(res.json.data.baseInfo.status).toBe('waitbuyerreceive');
	});

	test('Taobao item 600126245031041190 comes back as a bare integer beyond 2^53', async () => {
		const res = await api.get('/open/product/get', { itemId: '600126245031041190' });
		expect(res.text).toContain('"itemId":600126245031041190');
		expect(String(JSON.parse(res.text).data.itemId)).not.toBe('600126245031041190'); // plain JSON.parse loses it
		expect(digits(res.json.data.itemId)).toBe('600126245031041190');
	});

	test('fixtures do not depend on the seed', async () => {
		await withSandbox({ seed: 99, orders: 10 }, async (other) => {
			expect(other.state.alibaba.orders.get('2542285634920880794').status).toBe('waitsellersend');
			expect(other.state.taobao.orders.get(other.state.fixtures.taobao.orderWaitPay).status).toBe(0);
			expect(other.state.taobao.products.has('600126245031041190')).toBe(true);
		});
	});

	test('the same seed gives the same world', async () => {
		await withSandbox({ seed: 5, orders: 30 }, (a) =>
			withSandbox({ seed: 5, orders: 30 }, async (b) => {
				expect(a.state.taobao.orderList.map((o: any) => o.orderId)).toEqual(b.state.taobao.orderList.map((o: any) => o.orderId));
				expect(a.state.alibaba.orderList.map((o: any) => [o.id, o.status])).toEqual(b.state.alibaba.orderList.map((o: any) => [o.id, o.status]));
			}),
		);
	});
});

describe('Taobao order status machine', () => {
	const createBody = () => ({
		purchaseAmount: 400,
		receiver: JSON.stringify({ zip: '11111', country: '中国', address: '测试地址', city: '杭州市', phone: '', mobile_phone: '15068763421', district: '余杭区', name: 'a', state: '浙江省' }),
		orderLineList: JSON.stringify([
			{ itemId: '600126245031041190', orderLineNo: '1', quantity: '200', price: '1', currency: 'CNY', skuId: '5016042822039' },
			{ itemId: '600129202197070073', orderLineNo: '2', quantity: '200', price: '1', currency: 'CNY', skuId: '4860968496626' },
		]),
		orderSource: 'lazada',
		sellerOrderNumber: 'S-1',
	});

	test('create → voucher → pay; the detail follows', async () => {
		const created = await api.post('/open/order', createBody());
		expect(created.json.code).toBe(200);
		const orderId = digits(created.json.data.orderId);
		expect(orderId).toMatch(/^\d{19}$/);
		expect(created.text).toContain(`"orderId":${orderId}`);
		const get = async () => (await api.get('/open/order/get', { orderId })).json.data;
		expect((await get()).status).toBe(0);
		expect((await api.post('/open/order/uploadVoucher', { orderId, voucherUrl: 'https://x/y.jpg' })).json.code).toBe(200);
		expect((await get()).status).toBe(1);
		expect((await api.post('/open/order/pay', { orderId: big(orderId) })).json.code).toBe(200);
		const paid = await get();
		expect(paid.status).toBe(10);
		expect(paid.payTime).not.toBeNull();
		const cancel = await api.post('/open/order/cancel', { orderId });
		expect(cancel.json.code).toBe(40900);
		expect(cancel.json.msg).toMatch(/^Invalid state: /);
	});

	test('purchaseAmount must match the lines', async () => {
		const res = await api.post('/open/order', { ...createBody(), purchaseAmount: 399 });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toContain('purchaseAmount');
	});

	test('cancel an unpaid order → status 4, visible in list filter', async () => {
		const created = await api.post('/open/order', createBody());
		const orderId = digits(created.json.data.orderId);
		expect((await api.post('/open/order/cancel', { orderId, cancelReason: 'changed mind' })).json.code).toBe(200);
		const detail = await api.get('/open/order/get', { orderId });
		expect(detail.json.data.status).toBe(4);
		expect(detail.json.data.cancelReason).toBe('changed mind');
		const list = await api.get('/open/order/page', { status: 4, pageSize: 100 });
		expect(list.json.data.data.map((o: any) => digits(o.orderId))).toContain(orderId);
	});

	test('refund submit → query → cancel', async () => {
		const f = sb.state.fixtures.taobao;
		const sub = f.orderPaidSubOrders[0];
		const submitted = await api.post('/open/order/refund/submit', { subOrderId: big(sub), refundType: 1, goodsStatus: 1, reasonId: 1001, refundDesc: 'no' });
		expect(submitted.json.code).toBe(200);
		const refundId = submitted.json.data.refundId;
		expect(refundId).toMatch(/^TQ\d+$/);
		const q = await api.get('/v2/taobao/order/refund/query', { refundId });
		expect(q.json.data.refundOrderAggregate.refundOrder.refundStatus).toBe(10);
		expect(digits(q.json.data.refundOrderAggregate.purchaseOrderLine.purchaseOrderId)).toBe(f.orderPaid);
		const again = await api.post('/open/order/refund/submit', { subOrderId: sub, refundType: 1, goodsStatus: 1, reasonId: 1001 });
		expect(again.json.code).toBe(40900);
		expect((await api.get(`/v2/taobao/order/refund/cancel/${refundId}`)).json.code).toBe(200);
		const after = await api.get('/v2/taobao/order/refund/query', { refundId });
		expect(after.json.data.refundOrderAggregate.refundOrder.refundStatus).toBe(-20);
		const listed = await api.post('/open/order/refund/queryList', { refundId, pageSize: 10 });
		expect(listed.json.data.totalRecords).toBe(1);
	});
});

describe('1688 order status machine', () => {
	const cargo = () => {
		const f = sb.state.fixtures.alibaba;
		const spec = sb.state.alibaba.products.get(String(f.offerId)).productSkuInfos[0].specId;
		return [{ offerId: f.offerId, specId: spec, quantity: 3 }];
	};
	const addressParam = { fullName: 'zhang', mobile: '18600888861', phone: '18600888861', cityText: '杭州市', provinceText: '浙江省', townText: '转塘', address: 'x' };

	test('create → pay → ship (simulated) → confirm receipt', async () => {
		const created = await api.post('/alibaba/order/create', { flow: 'general', addressParam, cargoParamList: cargo() });
		expect(created.json.code).toBe(200);
		const orderId = digits(created.json.data.orderId);
		expect(created.text).toContain(`"orderId":${orderId}`);
		const detail = async () => (await api.post('/alibaba/order/detail', { webSite: '1688', orderId: big(orderId) })).json.data;
		expect((await detail()).baseInfo.status).toBe('waitbuyerpay');
		const pay = await api.get('/alibaba/order/pay/url', { orderId });
		expect(pay.json.data.protocolPaySuccess).toBe(true);
		expect((await detail()).baseInfo.status).toBe('waitsellersend');
		const early = await api.post('/alibaba/order/receivegoods', { orderId: big(orderId) });
		expect(early.json.code).toBe(200);
		expect(early.json.data.success).toBe(false);
		sb.simulate('1688.ship', { orderId });
		expect((await detail()).baseInfo.status).toBe('waitbuyerreceive');
		const trace = await api.get('/alibaba/order/logistics/trace', { orderId });
		expect(trace.json.data[0].logisticsSteps.length).toBeGreaterThan(0);
		const ok = await api.post('/alibaba/order/receivegoods', { orderId: big(orderId) });
		expect(ok.json.data).toEqual({ success: true, errorInfo: '', errorCode: '' });
		expect((await detail()).baseInfo.status).toBe('confirm_goods');
	});

	test('cancel before payment; cancelling a paid order is 40900', async () => {
		const f = sb.state.fixtures.alibaba;
		const paid = await api.post('/alibaba/order/cancel', { webSite: '1688', orderId: big(f.orderWaitSellerSend), cancelReason: '不想要了' });
		expect(paid.json.code).toBe(40900);
		const res = await api.post('/alibaba/order/cancel', { webSite: '1688', orderId: big(f.orderWaitBuyerPay), cancelReason: '不想要了' });
		expect(res.json).toMatchObject({ code: 200, data: true });
		const d = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: f.orderWaitBuyerPay });
		expect(d.json.data.baseInfo.status).toBe('cancel');
	});

	test('webSite must be 1688', async () => {
		const res = await api.post('/alibaba/order/detail', { webSite: 'taobao', orderId: '2542285634920880794' });
		expect(res.json.code).toBe(40010);
	});
});

describe('1688 refunds', () => {
	const f = () => sb.state.fixtures.alibaba;

	test('reasons depend on goodsStatus and on the order', async () => {
		const body = (goodsStatus: string, order = f().orderWaitSellerSend, entries = f().orderWaitSellerSendEntries) => ({ orderId: big(order), orderEntryIds: entries.map(big), goodsStatus });
		const a = await api.post('/alibaba/refund/reason/list', body('refundWaitSellerSend'));
		expect(a.json.code).toBe(200);
		expect(a.json.data.length).toBeGreaterThan(0);
		for (const r of a.json.data) expect(Object.keys(r).sort()).toEqual(['id', 'name', 'needVoucher', 'noRefundCarriage', 'tip']);
		const b = await api.post('/alibaba/refund/reason/list', body('refundWaitBuyerReceive', f().orderWaitBuyerReceive, f().orderWaitBuyerReceiveEntries));
		expect(b.json.code).toBe(200);
		expect(b.json.data.map((r: any) => r.id)).not.toEqual(a.json.data.map((r: any) => r.id));
		const c = await api.post('/alibaba/refund/reason/list', body('refundBuyerReceived', f().orderWaitBuyerReceive, f().orderWaitBuyerReceiveEntries));
		expect(c.json.data.map((r: any) => r.id)).not.toEqual(b.json.data.map((r: any) => r.id));
		const missing = await api.post('/alibaba/refund/reason/list', body('refundWaitSellerSend', '1111111111111880794'));
		expect(missing.json.code).toBe(40410);
		const foreign = await api.post('/alibaba/refund/reason/list', body('refundWaitSellerSend', f().orderWaitSellerSend, f().orderWaitBuyerReceiveEntries));
		expect(foreign.json.code).toBe(40010);
		expect(foreign.json.msg).toContain('orderEntryIds[0]');
	});

	test('create refund → info readable → order items flagged; 19-digit ids survive', async () => {
		const entry = f().orderWaitSellerSendEntries[1];
		const reasons = await api.post('/alibaba/refund/reason/list', { orderId: big(f().orderWaitSellerSend), orderEntryIds: [big(entry)], goodsStatus: 'refundWaitSellerSend' });
		const reasonId = reasons.json.data[0].id;
		const bad = await api.post('/alibaba/refund/detail/create', { orderId: big(f().orderWaitSellerSend), orderEntryIds: [big(entry)], disputeRequest: 'refund', applyPayment: 100, applyCarriage: 0, applyReasonId: 20011, description: 'x', goodsStatus: 'refundWaitSellerSend' });
		expect(bad.json.code).toBe(40010);
		expect(bad.json.msg).toContain('applyReasonId');
		// body written by hand so the ids are bare 19-digit integers on the wire
		const raw = `{"orderId":${f().orderWaitSellerSend},"orderEntryIds":[${entry}],"disputeRequest":"refund","applyPayment":100,"applyCarriage":0,"applyReasonId":${reasonId},"description":"不想要了","goodsStatus":"refundWaitSellerSend"}`;
		const created = await api.call('POST', '/alibaba/refund/detail/create', { body: raw });
		expect(created.json.code).toBe(200);
		const refundId = created.json.data.refundId;
		expect(refundId).toMatch(/^TQ\d+$/);
		const info = await api.post('/alibaba/refund/info', { refundId });
		expect(info.json.code).toBe(200);
		expect(info.text).toContain(`"orderId":${f().orderWaitSellerSend}`);
		expect(info.text).toContain(`"orderEntryIds":[${entry}]`);
		expect(info.json.data).toMatchObject({ refundId, applyPayment: 100, applyReasonId: reasonId, status: 'waitselleragree' });
		const detail = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: f().orderWaitSellerSend });
		const item = detail.json.data.productItems.find((i: any) => digits(i.subItemID) === entry);
		expect(item.refundId).toBe(refundId);
		expect(item.refundStatus).toBe('waitselleragree');
		const dup = await api.call('POST', '/alibaba/refund/detail/create', { body: raw });
		expect(dup.json.code).toBe(40900);
	});

	test('return flow: returnRefund → waitbuyersend → goods/return → waitsellerreceive', async () => {
		const o = sb.state.alibaba.orderList.find((x: any) => x.status === 'confirm_goods' && x.items.every((i: any) => !i.refundId));
		const created = await api.post('/alibaba/refund/detail/create', { orderId: big(o.id), disputeRequest: 'returnRefund', applyPayment: 1, applyCarriage: 0, applyReasonId: 20024, description: 'return', goodsStatus: 'refundBuyerReceived' });
		expect(created.json.code).toBe(200);
		const refundId = created.json.data.refundId;
		const companies = await api.get('/alibaba/refund/logistics/company/list');
		const companyNo = companies.json.data[0].companyNo;
		const unknown = await api.post('/alibaba/refund/goods/return', { refundId, logisticsCompanyNo: 'NOPE', freightBill: '1' });
		expect(unknown.json.code).toBe(40010);
		const sent = await api.post('/alibaba/refund/goods/return', { refundId, logisticsCompanyNo: companyNo, freightBill: 'SF0001' });
		expect(sent.json.code).toBe(200);
		const info = await api.post('/alibaba/refund/info', { refundId });
		expect(info.json.data.status).toBe('waitsellerreceive');
		expect(info.json.data.freightBill).toBe('SF0001');
	});
});

describe('pagination', () => {
	// Start-up time is a benchmark figure, not a unit-test bound (it varies with machine load).
	test('5000 orders per platform page with totals', async () => {
		await withSandbox({ orders: 5000 }, async (big5k) => {
		const c = client(big5k.url, big5k.credentials);
		const tb = await c.get('/open/order/page', { pageNo: 3, pageSize: 50 });
		expect(tb.json.data).toMatchObject({ totalRecords: 5000, totalPage: 100, pageSize: 50, currentPage: 3 });
		expect(tb.json.data.data).toHaveLength(50);
		const al = await c.post('/v2/alibaba/order/page', { pageNo: 100, pageSize: 50 });
		expect(al.json.data).toMatchObject({ totalRecords: 5000, totalPage: 100, pageSize: 50, currentPage: 100 });
		expect(al.json.data.data).toHaveLength(50);
		const beyond = await c.post('/v2/alibaba/order/page', { pageNo: 101, pageSize: 50 });
		expect(beyond.json.data.data).toHaveLength(0);
		// every id unique across all pages
		const seen = new Set<string>();
		for (let p = 1; p <= 50; p++) {
			const page = await c.post('/v2/alibaba/order/page', { beginPage: p, pageSize: 100 });
			for (const o of page.json.data.data) seen.add(digits(o.baseInfo.id));
		}
		expect(seen.size).toBe(5000);
		const tooBig = await c.get('/open/order/page', { pageSize: 1000 });
		expect(tooBig.json.code).toBe(40010);
		});
	});

	test('1688 keyword query uses beginPage with totals', async () => {
		const res = await api.post('/alibaba/product/keywords/query', { keyword: '包', beginPage: 1, pageSize: 5, country: 'en' });
		expect(res.json.data).toMatchObject({ pageSize: 5, currentPage: 1 });
		expect(res.json.data.totalRecords).toBeGreaterThan(0);
		expect(res.json.data.totalPage).toBe(Math.ceil(res.json.data.totalRecords / 5));
	});

	test('Taobao keyword search caps pageSize at 40', async () => {
		expect((await api.post('/v2/taobao/product/item/search', { pageSize: 41 })).json.code).toBe(40010);
		expect((await api.post('/v2/taobao/product/item/search', { pageSize: 40 })).json.code).toBe(200);
	});
});

describe('lossless requests', () => {
	test('LosslessNumber and digit-string ids are equivalent', async () => {
		const viaNumber = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: new LosslessNumber('1024285237573584051') });
		const viaString = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: '1024285237573584051' });
		expect(viaNumber.text.replace(/"requestId":"\w+"/, '')).toBe(viaString.text.replace(/"requestId":"\w+"/, ''));
	});

	test('a rounded id (as JSON.parse would produce) is not found', async () => {
		const rounded = stringify({ webSite: '1688', orderId: Number('2542285634920880794') }) as string;
		const res = await api.call('POST', '/alibaba/order/detail', { body: rounded });
		expect(res.json.code).toBe(40410);
		expect(res.json.msg).toBe('Not found: order 2542285634920880600');
	});
});
