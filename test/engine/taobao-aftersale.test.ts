/**
 * Taobao After-Sale operations in n8n's real engine against the sandbox: render, the reason
 * dropdowns (reloading per sub-order / refund type / goods status), submit, get, get many,
 * modify, messages, return logistics (carrier dropdown), cancel with the ID in the path, bad input.
 */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, loadOptions, runPandaPon } from '../helpers/engine';
import { T_PAID, T_PAID_SUB, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox();

const refund = (id: string) => sb.state.taobao.refunds.get(id) as { refundStatus: number; reasonId: number; refundFee: number; refundDesc: string };

/** Sub-orders of other paid orders without a refund, for the tests that need fresh ones. */
function freshPaidSubOrders(): string[] {
	return (sb.state.taobao.orderList as Array<{ orderId: string; status: number; lines: Array<{ subOrderId: string; refundStatus: number }> }>)
		.filter((o) => o.status === 10 && o.orderId !== T_PAID)
		.flatMap((o) => o.lines.filter((l) => l.refundStatus === 0).map((l) => l.subOrderId));
}

const submitParams = (subOrderId: string, reasonId: unknown, extra: IDataObject = {}): INodeParameters => ({
	resource: 'taobaoAfterSale',
	operation: 'submit',
	subOrderId,
	refundType: 1,
	goodsStatus: 1,
	reasonId: reasonId as string,
	...extra,
});

async function submit(subOrderId: string, refundType = 1): Promise<string> {
	const { items, error } = await runPandaPon(submitParams(subOrderId, 1001, { refundType }), creds);
	expect(error).toBeUndefined();
	return String(items[0].json.refundId);
}

describe('Get Refund Options and the reason dropdown', () => {
	it('Get Refund Options posts the sub-order ID as a string and the codes as integers', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoAfterSale', operation: 'render', subOrderId: T_PAID_SUB, refundType: 1, goodsStatus: 2 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /v2/taobao/order/refund/render')).toBe(`{"subOrderId":"${T_PAID_SUB}","refundType":1,"goodsStatus":2}`);
		const template = items[0].json.refundOrderTemplate as { refundReasons: Array<{ reasonId: string }> };
		expect(template.refundReasons.map((r) => r.reasonId)).toEqual(['2001', '2002', '2003', '2004']);
	});

	it('the Reason dropdown lists the reasons of Get Refund Options and reloads when goods status or sub-order change', async () => {
		const params = submitParams(T_PAID_SUB, '');
		const notReceived = await loadOptions('getTaobaoRefundReasons', params, creds);
		expect(notReceived.map((o) => o.value)).toEqual([1001, 1002, 1003]);
		expect(notReceived[0].name).toBe('不想要了');
		const received = await loadOptions('getTaobaoRefundReasons', { ...params, goodsStatus: 2 }, creds);
		expect(received.map((o) => o.value)).toEqual([2001, 2002, 2003, 2004]);
		expect(received[0].description).toBe('请上传凭证');
		const other = freshPaidSubOrders()[0];
		await loadOptions('getTaobaoRefundReasons', { ...params, subOrderId: other }, creds);
		expect(sb.lastJson('POST /v2/taobao/order/refund/render').subOrderId).toBe(other);
		expect(sb.count('POST /v2/taobao/order/refund/render')).toBe(3);
	});

	it('the dropdown stays empty, sending nothing, until a sub-order ID is given', async () => {
		expect(await loadOptions('getTaobaoRefundReasons', submitParams('', ''), creds)).toEqual([]);
		expect(sb.counters().total).toBe(0);
	});

	it('the dropdown shows PandaPon\'s error for an unknown sub-order', async () => {
		await expect(loadOptions('getTaobaoRefundReasons', submitParams('3199999999999999999', ''), creds)).rejects.toThrow(/PandaPon error 40410/);
	});
});

describe('Create Refund, Get, Get Many, Update', () => {
	let refundId: string;

	it('Create Refund sends one request with a reason from the dropdown and returns the refund ID', async () => {
		const reasons = await loadOptions('getTaobaoRefundReasons', submitParams(T_PAID_SUB, ''), creds);
		sb.resetCounters();
		const { items, error } = await runPandaPon(
			submitParams(T_PAID_SUB, reasons[1].value, { additionalFields: { refundDesc: 'Changed my mind', refundFee: 1 } }),
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.count('POST /open/order/refund/submit')).toBe(1);
		expect(sb.lastBody('POST /open/order/refund/submit')).toBe(
			`{"subOrderId":"${T_PAID_SUB}","refundType":1,"goodsStatus":1,"reasonId":1002,"refundFee":1,"refundDesc":"Changed my mind"}`,
		);
		refundId = String(items[0].json.refundId);
		expect(refundId).toMatch(/^TQ\d+$/);
		expect(refund(refundId).refundStatus).toBe(10);
	});

	it('Get sends the refund ID in the query', async () => {
		const { items, error } = await runPandaPon({ resource: 'taobaoAfterSale', operation: 'get', refundId: byId(refundId) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /v2/taobao/order/refund/query').get('refundId')).toBe(refundId);
		const agg = items[0].json.refundOrderAggregate as { refundOrder: IDataObject; purchaseOrderLine: IDataObject };
		expect(agg.refundOrder).toMatchObject({ refundId, reasonId: '1002', refundFee: 1 });
		expect(String(agg.purchaseOrderLine.purchaseOrderId)).toBe(T_PAID);
	});

	it('Get Many filters by purchase order, one item per refund; From List finds it', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoAfterSale', operation: 'getAll', returnAll: true, filters: { purchaseOrderId: T_PAID, refundStatus: 10 } },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/refund/queryList')).toEqual({ purchaseOrderId: T_PAID, refundStatus: 10, pageNo: 1, pageSize: 100 });
		expect(items.map((i) => i.json.refundId)).toEqual([refundId]);
		const list = await listSearch('searchTaobaoRefunds', { resource: 'taobaoAfterSale', operation: 'get' }, creds, refundId.slice(0, 10));
		expect(list.results.map((r) => r.value)).toContain(refundId);
	});

	it('Get Many sends the time window as epoch milliseconds', async () => {
		const { error } = await runPandaPon(
			{
				resource: 'taobaoAfterSale',
				operation: 'getAll',
				limit: 10,
				filters: { refundStartTime: '2025-01-01T00:00:00.000Z', refundEndTime: '2099-01-01T00:00:00.000Z' },
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/refund/queryList')).toMatchObject({
			refundStartTime: Date.UTC(2025, 0, 1),
			refundEndTime: Date.UTC(2099, 0, 1),
			pageSize: 10,
		});
	});

	it('Update: the reason dropdown comes from Get Refund Options for this refund\'s sub-order, type and goods status', async () => {
		const reasons = await loadOptions(
			'getTaobaoRefundReasonsForRefund',
			{ resource: 'taobaoAfterSale', operation: 'modify', refundId: byId(refundId) },
			creds,
		);
		expect(reasons.map((o) => o.value)).toEqual([1001, 1002, 1003]);
		expect(sb.lastJson('POST /v2/taobao/order/refund/render')).toEqual({ subOrderId: T_PAID_SUB, refundType: 1, goodsStatus: 1 });
		const { items, error } = await runPandaPon(
			{
				resource: 'taobaoAfterSale',
				operation: 'modify',
				refundId: byId(refundId),
				updateFields: { reasonId: reasons[2].value, refundDesc: 'Late delivery' },
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/refund/modify')).toEqual({ refundId, reasonId: 1003, refundDesc: 'Late delivery' });
		expect(items[0].json).toMatchObject({ refundId, reasonId: '1003' });
		expect(refund(refundId).reasonId).toBe(1003);
	});

	it('Update with nothing to change is refused before sending', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoAfterSale', operation: 'modify', refundId: byId(refundId), updateFields: {} }, creds);
		expect(error?.message).toMatch(/"Update Fields" is empty \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});

	it('Send Message and Get Messages (one item per message)', async () => {
		for (const text of ['First', 'Second']) {
			const { error } = await runPandaPon(
				{ resource: 'taobaoAfterSale', operation: 'submitMessage', refundId: byId(refundId), refundMessage: text, refundImages: text === 'Second' ? 'https://a.example/1.jpg, https://a.example/2.jpg' : '' },
				creds,
			);
			expect(error).toBeUndefined();
		}
		expect(sb.lastJson('POST /open/order/refund/submit/message')).toEqual({
			refundId,
			refundMessage: 'Second',
			refundImages: 'https://a.example/1.jpg,https://a.example/2.jpg',
		});
		const { items } = await runPandaPon({ resource: 'taobaoAfterSale', operation: 'getMessages', refundId: byId(refundId) }, creds);
		expect(sb.lastJson('POST /open/order/refund/message/queryList')).toEqual({ refundId });
		expect(items.map((i) => i.json.content)).toEqual(['First', 'Second']);
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Cancel is a GET with the refund ID in the path, sent once', async () => {
		const { items, error } = await runPandaPon({ resource: 'taobaoAfterSale', operation: 'cancel', refundId: byId(refundId) }, creds);
		expect(error).toBeUndefined();
		expect(sb.count('GET /v2/taobao/order/refund/cancel/{refundId}')).toBe(1);
		expect(sb.lastUrl(`GET /v2/taobao/order/refund/cancel/${refundId}`)).toBe(`/v2/taobao/order/refund/cancel/${refundId}`);
		expect(items[0].json).toEqual({ result: true });
		expect(refund(refundId).refundStatus).toBe(-20);
	});
});

describe('return logistics', () => {
	it('Get Return Options, the carrier dropdown, and Submit Return Shipment', async () => {
		const refundId = await submit(freshPaidSubOrders()[0], 2);
		expect(refund(refundId).refundStatus).toBe(20);
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoAfterSale', operation: 'renderReturnLogistics', refundId: byId(refundId) },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /open/order/refund/logistics/render').get('refundId')).toBe(refundId);
		expect(items[0].json.receiverAddress).toBeDefined();
		const carriers = await loadOptions(
			'getTaobaoReturnCarriers',
			{ resource: 'taobaoAfterSale', operation: 'submitReturnLogistics', refundId: byId(refundId) },
			creds,
		);
		expect(carriers.map((c) => c.value)).toEqual(['SF', 'YTO', 'ZTO', 'YUNDA']);
		const submitted = await runPandaPon(
			{
				resource: 'taobaoAfterSale',
				operation: 'submitReturnLogistics',
				refundId: byId(refundId),
				logisticsCompanyCode: carriers[0].value,
				logisticsNo: 'SF1234567890123',
			},
			creds,
		);
		expect(submitted.error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/refund/logistics/submit')).toEqual({ refundId, logisticsCompanyCode: 'SF', logisticsNo: 'SF1234567890123' });
		expect(refund(refundId).refundStatus).toBe(30);
	});
});

describe('bad input', () => {
	it.each([
		['cancel', { refundId: byId('={{ "TQ1/../x" }}') }, /"After-Sale Order" must be letters and digits only/],
		['get', { refundId: byId('={{ "" }}') }, /"After-Sale Order" is empty/],
		['render', { subOrderId: '30210459381726354x', refundType: 1, goodsStatus: 1 }, /"Sub-Order Name or ID" must be digits only/],
		['render', { subOrderId: T_PAID_SUB, refundType: 7, goodsStatus: 1 }, /"Refund Type" must be one of 1, 2, got 7/],
		['submit', { subOrderId: T_PAID_SUB, refundType: 1, goodsStatus: 1, reasonId: '={{ "" }}' }, /"Reason Name or ID" is empty/],
		['submitMessage', { refundId: byId('TQ1'), refundMessage: '', refundImages: '' }, /"Message" and "Image URLs" are both empty/],
		['getAll', { limit: 5, filters: { refundStartTime: 'yesterday-ish' } }, /"Created After" is not a date/],
	])('%s with %p is refused, naming the field, before sending', async (operation, extra, message) => {
		const { error } = await runPandaPon({ resource: 'taobaoAfterSale', operation, ...extra }, creds);
		expect(error?.message).toMatch(message);
		expect(sb.counters().total).toBe(0);
	});

	it('Continue On Fail: a refund that cannot be cancelled becomes an error item with PandaPon\'s code', async () => {
		const refundId = await submit(freshPaidSubOrders()[1]);
		sb.resetCounters();
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoAfterSale', operation: 'cancel', refundId: byId('={{ $json.id }}') },
			creds,
			[{ id: refundId }, { id: refundId }, { id: 'TQ0' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json).toEqual({ result: true });
		expect(items[1].json.code).toBe(40900);
		expect(items[2].json.code).toBe(40410);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(sb.counters().total).toBe(3);
	});
});
