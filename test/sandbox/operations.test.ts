/**
 * Table-driven: every catalog operation answers a valid signed request (the catalog example where
 * it is usable, sandbox ids where the example holds placeholders) with code 200.
 */
import * as fs from 'fs';
import * as path from 'path';
import { useSandbox } from '../helpers/sandbox';
import { big, client, digits } from './client';

const catalog = JSON.parse(fs.readFileSync(path.join(__dirname, '../../sandbox/catalog.json'), 'utf8'));
type Req = { body?: Record<string, unknown>; query?: Record<string, string | number>; path?: Record<string, string> };

// Counters add up over the file: the last test checks that every route was called.
const { sb } = useSandbox({ seed: 7, orders: 80 }, { resetEach: false });
let api: ReturnType<typeof client>;
const ids: Record<string, any> = {};

const address1688 = {
	fullName: 'zhang',
	mobile: '18600888861',
	phone: '18600888861',
	postCode: '100000',
	cityText: '杭州市',
	provinceText: '浙江省',
	areaText: '西湖区',
	townText: '转塘',
	address: 'xxxxxxx',
};

beforeAll(async () => {
	api = client(sb.url, sb.credentials);
	const s = sb.state;
	const uid = sb.credentials.userId;
	const tbByStatus = (st: number) => s.taobao.orderList.filter((o: any) => o.status === st && o.orderId !== s.fixtures.taobao.orderWaitPay);
	const alByStatus = (st: string) => s.alibaba.orderList.filter((o: any) => o.status === st && !Object.values(s.fixtures.alibaba).includes(o.id));
	ids.tbWaitPay = tbByStatus(0);
	ids.tbShipped = tbByStatus(11);
	ids.tbPaid = tbByStatus(10);
	ids.alWaitPay = alByStatus('waitbuyerpay');
	ids.alWaitSend = alByStatus('waitsellersend');
	ids.alConfirmed = alByStatus('confirm_goods');
	ids.tbCart = s.taobao.carts.get(uid)!.map((x: any) => x.id);
	ids.alCart = s.alibaba.carts.get(uid)!.map((x: any) => x.id);
	ids.spec = s.alibaba.products.get(String(s.fixtures.alibaba.offerId)).productSkuInfos[0].specId;

	// Prepare refunds the after-sales operations act on.
	const r1 = await api.post('/open/order/refund/submit', { subOrderId: ids.tbShipped[0].lines[0].subOrderId, refundType: 2, goodsStatus: 2, reasonId: 2001, refundFee: 1 });
	expect(r1.json.code).toBe(200);
	ids.tbReturnRefund = r1.json.data.refundId;
	const r2 = await api.post('/open/order/refund/submit', { subOrderId: ids.tbPaid[0].lines[0].subOrderId, refundType: 1, goodsStatus: 1, reasonId: 1001 });
	expect(r2.json.code).toBe(200);
	ids.tbCancelRefund = r2.json.data.refundId;
	const r3 = await api.post('/open/order/refund/submit', { subOrderId: ids.tbPaid[1].lines[0].subOrderId, refundType: 1, goodsStatus: 1, reasonId: 1002 });
	ids.tbModifyRefund = r3.json.data.refundId;

	const a1 = ids.alWaitSend[0];
	const ra = await api.post('/alibaba/refund/detail/create', {
		orderId: big(a1.id),
		orderEntryIds: [big(a1.items[0].subItemID)],
		disputeRequest: 'refund',
		applyPayment: 100,
		applyCarriage: 0,
		applyReasonId: 20002,
		description: 'prep',
		goodsStatus: 'refundWaitSellerSend',
	});
	expect(ra.json.code).toBe(200);
	ids.alRefund = ra.json.data.refundId;
	const a2 = ids.alConfirmed[0];
	const rb = await api.post('/alibaba/refund/detail/create', {
		orderId: big(a2.id),
		orderEntryIds: [big(a2.items[0].subItemID)],
		disputeRequest: 'returnRefund',
		applyPayment: 100,
		applyCarriage: 0,
		applyReasonId: 20024,
		description: 'prep return',
		goodsStatus: 'refundBuyerReceived',
	});
	expect(rb.json.code).toBe(200);
	ids.alReturnRefund = rb.json.data.refundId;
});


/** Requests for operations whose catalog example is missing or holds placeholders. */
function requestFor(opId: string): Req | undefined {
	const f = sb.state.fixtures;
	const uid = sb.credentials.userId;
	const cargo = [{ offerId: f.alibaba.offerId, specId: ids.spec, quantity: 2 }];
	const table: Record<string, () => Req> = {
		'taobao.product.imageQuery': () => ({ body: { imageUrl: 'https://img.example/a.jpg', pageNo: 1, pageSize: 5 } }),
		'taobao.order.list': () => ({ query: { pageNo: 1, pageSize: 10 } }),
		'taobao.order.uploadPaymentVoucher': () => ({ body: { orderId: ids.tbWaitPay[0].orderId, voucherUrl: 'https://img.example/v.jpg' } }),
		'taobao.order.cancel': () => ({ body: { orderId: ids.tbWaitPay[1].orderId, cancelReason: 'test' } }),
		'taobao.order.updateWarehouse': () => ({ body: { warehouseAddress: '广西省', warehouseName: '一号仓库', orderId: f.taobao.orderPaid } }),
		'taobao.order.pay': () => ({ body: { orderId: ids.tbWaitPay[2].orderId } }),
		'taobao.order.get': () => ({ query: { orderId: f.taobao.orderWaitPay } }),
		'taobao.order.getLogistics': () => ({ query: { orderId: ids.tbShipped[1].orderId } }),
		'taobao.afterSale.render': () => ({ body: { subOrderId: f.taobao.orderPaidSubOrders[0], refundType: 1, goodsStatus: 1 } }),
		'taobao.afterSale.returnLogisticsRender': () => ({ query: { refundId: ids.tbReturnRefund } }),
		'taobao.afterSale.returnLogisticsSubmit': () => ({ body: { refundId: ids.tbReturnRefund, logisticsCompanyCode: 'SF', logisticsNo: 'SF1234567890' } }),
		'taobao.afterSale.cancel': () => ({ path: { refundId: ids.tbCancelRefund } }),
		'taobao.afterSale.submitMessage': () => ({ body: { refundId: ids.tbReturnRefund, refundMessage: 'hello', refundImages: '' } }),
		'taobao.afterSale.submit': () => ({ body: { subOrderId: ids.tbPaid[2].lines[0].subOrderId, refundType: 1, goodsStatus: 1, reasonId: 1003, refundDesc: 'late' } }),
		'taobao.afterSale.listMessages': () => ({ body: { refundId: ids.tbReturnRefund } }),
		'taobao.afterSale.modify': () => ({ body: { refundId: ids.tbModifyRefund, refundFee: 1 } }),
		'taobao.afterSale.get': () => ({ query: { refundId: ids.tbReturnRefund } }),
		'taobao.cart.createOrder': () => ({ body: { ids: [ids.tbCart[0]], userId: uid, orderAddress: { name: 'a', state: '浙江省', city: '杭州市', district: '余杭区', address: 'x', zip: '1', country: '中国', phone: '', mobile_phone: '1' } } }),
		'taobao.cart.previewOrder': () => ({ body: { ids: [ids.tbCart[1]] } }),
		'taobao.cart.list': () => ({ query: {} }),
		'taobao.cart.delete': () => ({ body: { ids: [ids.tbCart[2]] } }),
		'taobao.cart.editQuantity': () => ({ body: { id: ids.tbCart[3], quantity: 4 } }),
		'1688.product.get': () => ({ body: { offerId: f.alibaba.offerIdDetail, country: 'en' } }),
		'1688.product.getCategory': () => ({ body: { categoryId: 1033054, language: 'en' } }),
		'1688.product.recommend': () => ({ body: { pageNo: 1, pageSize: 5 } }),
		'1688.order.batchSubmitPay': () => ({ body: { orderIds: [ids.alWaitPay[2].id] } }),
		'1688.order.batchPreview': () => ({ body: { addressParam: address1688, cargoParamList: cargo } }),
		'1688.order.batchCreate': () => ({ body: { flow: 'general', addressParam: address1688, cargoParamList: cargo } }),
		'1688.order.getLogisticsTrace': () => ({ query: { orderId: f.alibaba.orderWaitBuyerReceive } }),
		'1688.order.list': () => ({ body: { pageNo: 1, pageSize: 10 } }),
		'1688.order.preview': () => ({ body: { addressParam: address1688, cargoParamList: cargo } }),
		'1688.order.create': () => ({ body: { flow: 'general', addressParam: address1688, cargoParamList: cargo } }),
		'1688.order.cancel': () => ({ body: { webSite: '1688', orderId: big(ids.alWaitPay[0].id), cancelReason: '不想要了' } }),
		'1688.order.pay': () => ({ query: { orderId: ids.alWaitPay[1].id } }),
		'1688.order.confirmReceipt': () => ({ body: { orderId: big(f.alibaba.orderWaitBuyerReceive), orderEntryIds: f.alibaba.orderWaitBuyerReceiveEntries.map(big) } }),
		'1688.order.get': () => ({ body: { webSite: '1688', orderId: f.alibaba.orderWaitSellerSend } }),
		'1688.afterSale.get': () => ({ body: { refundId: ids.alRefund } }),
		'1688.afterSale.listReasons': () => ({ body: { orderId: big(f.alibaba.orderWaitSellerSend), orderEntryIds: f.alibaba.orderWaitSellerSendEntries.map(big), goodsStatus: 'refundWaitSellerSend' } }),
		'1688.afterSale.uploadVoucher': () => ({ body: { imageBase64: 'aGVsbG8=' } }),
		'1688.afterSale.create': () => ({ body: { orderId: big(f.alibaba.orderWaitSellerSend), orderEntryIds: [big(f.alibaba.orderWaitSellerSendEntries[0])], disputeRequest: 'refund', applyPayment: 100, applyCarriage: 0, applyReasonId: 20001, description: 'x', goodsStatus: 'refundWaitSellerSend' } }),
		'1688.afterSale.submitReturnLogistics': () => ({ body: { refundId: ids.alReturnRefund, logisticsCompanyNo: 'SF', freightBill: 'SF1234567890' } }),
		'1688.afterSale.listLogisticsCompanies': () => ({ query: {} }),
		'1688.cart.createOrder': () => ({ body: { flow: 'general', addressParam: address1688, cartIds: [ids.alCart[0]], userId: uid } }),
		'1688.cart.delete': () => ({ body: { cartIds: [ids.alCart[1]] } }),
		'1688.cart.previewOrder': () => ({ body: { cartIds: [ids.alCart[2]], addressParam: address1688 } }),
		'1688.cart.editQuantity': () => ({ body: { id: ids.alCart[3], quantity: 3 } }),
		'1688.cart.add': () => ({ body: { offerId: f.alibaba.offerId, specId: ids.spec, quantity: 1 } }),
		'1688.cart.list': () => ({ query: {} }),
		'1688.marketing.globalStrictSelection': () => ({ body: { beginPage: 1, pageSize: 5 } }),
		'1688.marketing.strictSelection': () => ({ body: { beginPage: 1, pageSize: 5 } }),
		'1688.marketing.hotList': () => ({ body: { beginPage: 1, pageSize: 5 } }),
		'foundation.address.get': () => ({ query: {} }),
		'logistics.itemFreightEstimate': () => {
			const ex = catalog.operations.find((o: any) => o.id === 'logistics.itemFreightEstimate').example_request.body;
			return { body: { ...ex, currency: 'USD', price: '12.00' } };
		},
		'logistics.orderFreightPreview': () => {
			const ex = catalog.operations.find((o: any) => o.id === 'logistics.orderFreightPreview').example_request.body;
			return { body: { ...ex, renderItems: ex.renderItems.map((it: any) => ({ ...it, currency: 'USD', price: '10.00' })) } };
		},
	};
	return table[opId]?.();
}

describe('every catalog operation answers a valid signed request', () => {
	const seen = new Set<string>();

	const cases: Array<[string, any]> = catalog.operations.map((op: any) => [op.id, op]);
	test.each(cases)('%s', async (_id: string, op: any) => {
		const req: { body?: any; query?: any; path?: Record<string, string> } = requestFor(op.id) ?? {
			body: op.example_request?.body ?? {},
			query: op.example_request?.query ?? {},
		};
		let p: string = op.path;
		for (const [k, v] of Object.entries(req.path ?? {})) p = p.replace(`{${k}}`, encodeURIComponent(v));
		const res =
			op.method === 'GET'
				? await api.get(p, req.query ?? {})
				: await api.post(p, req.body ?? {});
		expect(res.status).toBe(200);
		expect(res.json).toBeDefined();
		if (res.json.code !== 200) throw new Error(`${op.id}: ${res.text}`);
		expect(res.json.code).toBe(200);
		expect(res.json.msg).toBe('成功');
		if (op.id !== 'foundation.address.addOrUpdate') {
			expect(res.json.requestId).toMatch(/^[0-9a-f]{32}$/);
			expect(digits(res.json.developId)).toBe('1014533973088404335');
			expect(res.text).toContain('"developId":1014533973088404335');
		}
		seen.add(`${op.method} ${op.path}`);
	});

	test('counters saw all 70 routes', () => {
		const byRoute = sb.counters().byRoute;
		for (const op of catalog.operations) expect(byRoute[`${op.method} ${op.path}`]).toBeGreaterThanOrEqual(1);
		expect(Object.keys(byRoute)).toHaveLength(70);
		expect(seen.size).toBe(70);
	});
});

describe('parameter validation', () => {
	test('missing required body param → 40010 naming it', async () => {
		const res = await api.post('/alibaba/order/cancel', { webSite: '1688', cancelReason: 'x' });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toBe('Invalid parameter: orderId is required');
		expect(res.json.data).toBeNull();
	});

	test('wrong type → 40010', async () => {
		const res = await api.post('/alibaba/product/detail/get', { offerId: 'abc' });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toContain('offerId');
	});

	test('enum membership → 40010', async () => {
		const f = sb.state.fixtures.alibaba;
		const res = await api.post('/alibaba/refund/reason/list', { orderId: big(f.orderWaitSellerSend), orderEntryIds: [big(f.orderWaitSellerSendEntries[0])], goodsStatus: 'bogus' });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toMatch(/^Invalid parameter: goodsStatus must be one of refundWaitSellerSend/);
	});

	test('JSON-encoded string fields must be strings', async () => {
		const res = await api.post('/open/product/batch/check', { params: [{ itemId: sb.state.fixtures.taobao.itemId }] });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toContain('params');
	});

	test('query integer type checked on GET', async () => {
		const res = await api.get('/open/order/page', { pageNo: 'x' });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toContain('pageNo');
	});

	test('unknown path → 40400', async () => {
		const res = await api.post('/alibaba/order/nope', {});
		expect(res.json.code).toBe(40400);
		expect(res.json.msg).toBe('Unknown API path: POST /alibaba/order/nope');
		const wrongMethod = await api.get('/alibaba/order/detail');
		expect(wrongMethod.json.code).toBe(40400);
	});

	test('unknown id → 40410', async () => {
		const res = await api.post('/alibaba/order/detail', { webSite: '1688', orderId: '1111111111111111111' });
		expect(res.json.code).toBe(40410);
		expect(res.json.msg).toBe('Not found: order 1111111111111111111');
	});

	test('malformed JSON body → 40010', async () => {
		const res = await api.call('POST', '/alibaba/order/detail', { body: '{"webSite":' });
		expect(res.json.code).toBe(40010);
		expect(res.json.msg).toContain('body');
	});
});
