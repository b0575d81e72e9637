/**
 * 1688 Order in n8n's real engine against the sandbox: previews (with 1688's nested success
 * flag), creation from defined lines and from input items, batch calls, payment, cancel,
 * receipt, list paging and the order list for the From List mode.
 */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, runPandaPon } from '../helpers/engine';
import { ALIBABA_ADDRESS, A_PAYABLE, A_SHIPPED, A_SHIPPED_ENTRY, A_WAIT_SEND, A_WAIT_SEND_ENTRIES, OFFER, SELLER, SPEC, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox({ orders: 250 });
let other: { offerId: string; specId: string; seller: string };

beforeAll(() => {
	const p = sb.state.alibaba.productList.find((x: { sellerOpenId: string }) => x.sellerOpenId !== SELLER);
	other = { offerId: String(p.offerId), specId: p.productSkuInfos[0].specId, seller: p.sellerOpenId };
});
const body = (route: string) => sb.lastBody(route) ?? '';
const status = (id: string) => sb.state.alibaba.orders.get(id).status as string;

describe('Preview', () => {
	it('sends the lines with offerId as a bare integer and returns the preview', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'preview',
				cargoSource: 'define',
				cargo: { line: [{ offerId: OFFER, specId: SPEC, quantity: 2 }] },
				addressParam: ALIBABA_ADDRESS,
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/order/create/preview')).toContain(`"cargoParamList":[{"offerId":${OFFER},"specId":"${SPEC}","quantity":2}]`);
		expect(JSON.parse(body('POST /alibaba/order/create/preview')).addressParam).toEqual(ALIBABA_ADDRESS.address);
		expect(items).toHaveLength(1);
		expect(items[0].json.success).toBe(true);
		const [seller] = items[0].json.orderPreviewResuslt as IDataObject[];
		expect(seller.sumPaymentNoCarriage).toBe(3800);
	});

	it('fails with 1688\'s errorCode when the preview reports success: false inside data', async () => {
		const { error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'preview',
				cargoSource: 'define',
				cargo: { line: [{ offerId: '999999999999', quantity: 1 }] },
			},
			creds,
		);
		expect(error?.message).toMatch(/1688 order preview failed: OFFER_NOT_FOUND/);
		expect(error?.description).toContain('success: false');
		expect(sb.count('POST /alibaba/order/create/preview')).toBe(1);
	});

	it('Preview Many covers several sellers: one item per seller preview', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'previewBatch',
				cargoSource: 'define',
				cargo: {
					line: [
						{ offerId: OFFER, specId: SPEC, quantity: 1, sellerOpenId: SELLER },
						{ offerId: other.offerId, specId: other.specId, quantity: 3, sellerOpenId: other.seller },
					],
				},
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(body('POST /alibaba/order/create/previewbatch')).toContain(`{"offerId":${other.offerId},"specId":"${other.specId}","quantity":3,"sellerOpenId":"${other.seller}"}`);
	});
});

describe('Create', () => {
	let created: string;

	it('builds ONE order from all input items (Order Lines Source: From Input Items), paired with every item', async () => {
		const lines = [
			{ offerId: OFFER, specId: SPEC, quantity: 1 },
			{ offerId: OFFER, specId: sb.state.alibaba.products.get(OFFER).productSkuInfos[1].specId, quantity: 2 },
			{ offerId: OFFER, specId: SPEC, quantity: '3' },
		];
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'create',
				cargoSource: 'items',
				cargoOfferId: '={{ $json.offerId }}',
				cargoSpecId: '={{ $json.specId }}',
				cargoQuantity: '={{ $json.quantity }}',
				addressParam: ALIBABA_ADDRESS,
				flow: 'general',
				orderFields: { message: 'n8n test' },
			},
			creds,
			lines,
		);
		expect(error).toBeUndefined();
		expect(sb.count('POST /alibaba/order/create')).toBe(1);
		const sent = JSON.parse(body('POST /alibaba/order/create'));
		expect(sent.flow).toBe('general');
		expect(sent.message).toBe('n8n test');
		expect(sent.cargoParamList.map((c: IDataObject) => c.quantity)).toEqual([1, 2, 3]);
		expect(body('POST /alibaba/order/create')).toContain(`"offerId":${OFFER},`);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		created = String(items[0].json.orderId);
		expect(created).toMatch(/^\d{19}$/);
		expect(status(created)).toBe('waitbuyerpay');
	});

	it('names the input item with a bad quantity and sends nothing', async () => {
		const { error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'create',
				cargoSource: 'items',
				cargoOfferId: '={{ $json.offerId }}',
				cargoSpecId: '={{ $json.specId }}',
				cargoQuantity: '={{ $json.quantity }}',
				addressParam: ALIBABA_ADDRESS,
				flow: 'general',
			},
			creds,
			[
				{ offerId: OFFER, specId: SPEC, quantity: 1 },
				{ offerId: OFFER, specId: SPEC, quantity: 'two' },
			],
		);
		expect(error?.message).toMatch(/"Quantity" must be a whole number, got "two" \[item 1\]/);
		expect(sb.counters().total).toBe(0);
	});

	it('refuses a missing address or spec before sending', async () => {
		const base: INodeParameters = {
			resource: 'alibabaOrder',
			operation: 'create',
			cargoSource: 'define',
			cargo: { line: [{ offerId: OFFER, specId: SPEC, quantity: 1 }] },
			addressParam: ALIBABA_ADDRESS,
			flow: 'general',
		};
		const noAddress = await runPandaPon({ ...base, addressParam: { address: { ...ALIBABA_ADDRESS.address, townText: '', mobile: '' } } }, creds);
		expect(noAddress.error?.message).toMatch(/"Receiving Address" is missing Mobile, Town \[item 0\]/);
		const noSpec = await runPandaPon({ ...base, cargo: { line: [{ offerId: OFFER, specId: '', quantity: 1 }] } }, creds);
		expect(noSpec.error?.message).toMatch(/"Order Lines" → line 1 "Spec ID" is empty \[item 0\]/);
		const badOffer = await runPandaPon({ ...base, cargo: { line: [{ offerId: '7434x', specId: SPEC, quantity: 1 }] } }, creds);
		expect(badOffer.error?.message).toMatch(/"Order Lines" → line 1 "Offer ID" must be digits only, got "7434x" \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});

	it('Cancel sends the 19-digit id bare and the reason code; the order is cancelled', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'cancel', orderId: byId(created), cancelReason: 'buyerCancel', remark: 'test' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/order/cancel')).toBe(`{"webSite":"1688","orderId":${created},"cancelReason":"buyerCancel","remark":"test"}`);
		expect(items[0].json).toEqual({ result: true });
		expect(status(created)).toBe('cancel');
	});

	it('Cancel of an order past payment fails with PandaPon\'s state error; Continue On Fail keeps the others', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'cancel', orderId: byId('={{ $json.id }}'), cancelReason: 'other' },
			creds,
			[{ id: A_WAIT_SEND }, { id: 'abc' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.code).toBe(40900);
		expect(items[1].json.error).toMatch(/"Order" must be digits only.*\[item 1\]/);
		expect(sb.count('POST /alibaba/order/cancel')).toBe(1);
	});
});

describe('Create Many, Pay Many and Pay', () => {
	let ids: string[];

	it('Create Many splits lines of two sellers into two orders, one item each', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'createBatch',
				cargoSource: 'define',
				cargo: {
					line: [
						{ offerId: OFFER, specId: SPEC, quantity: 1, sellerOpenId: SELLER },
						{ offerId: other.offerId, specId: other.specId, quantity: 1, sellerOpenId: other.seller },
					],
				},
				addressParam: ALIBABA_ADDRESS,
				flow: 'general',
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		ids = items.map((i) => i.json.orderId as string);
		for (const id of ids) expect(status(id)).toBe('waitbuyerpay');
		// simplified: no trade terms
		expect(items[0].json.tradeTerms).toBeUndefined();
	});

	it('Pay Many sends the ids as strings and pays them', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'submitAndPayBatch', orderIds: ids.join(', ') },
			creds,
		);
		expect(error).toBeUndefined();
		expect(body('POST /alibaba/order/batch/submit/to/pay')).toBe(`{"orderIds":["${ids[0]}","${ids[1]}"]}`);
		expect(items[0].json.paidOrderList).toEqual(ids);
		for (const id of ids) expect(status(id)).toBe('waitsellersend');
	});

	it('Pay settles an order awaiting payment (orderId in the query)', async () => {
		const { items, error } = await runPandaPon({ resource: 'alibabaOrder', operation: 'getPaymentUrl', orderId: byId(A_PAYABLE) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastUrl('GET /alibaba/order/pay/url')).toContain(`orderId=${A_PAYABLE}`);
		expect(items[0].json).toMatchObject({ orderId: A_PAYABLE, protocolPaySuccess: true });
		expect(status(A_PAYABLE)).toBe('waitsellersend');
	});
});

describe('Receipt and logistics', () => {
	it('Get Tracking returns the shipment of a shipped order and nothing before shipping', async () => {
		const shipped = await runPandaPon({ resource: 'alibabaOrder', operation: 'getLogisticsTrace', orderId: byId(A_SHIPPED) }, creds);
		expect(shipped.error).toBeUndefined();
		expect(sb.lastUrl('GET /alibaba/order/logistics/trace')).toContain(`orderId=${A_SHIPPED}`);
		expect(shipped.items.length).toBeGreaterThan(0);
		expect(String(shipped.items[0].json.orderId)).toBe(A_SHIPPED);
		const waiting = await runPandaPon({ resource: 'alibabaOrder', operation: 'getLogisticsTrace', orderId: byId(A_WAIT_SEND) }, creds);
		expect(waiting.error).toBeUndefined();
		expect(waiting.items).toHaveLength(0);
	});

	it('Confirm Receipt sends bare integer ids and confirms; a second time fails with 1688\'s errorCode', async () => {
		const params = { resource: 'alibabaOrder', operation: 'confirmReceipt', orderId: byId(A_SHIPPED), orderEntryIds: A_SHIPPED_ENTRY };
		const first = await runPandaPon(params, creds);
		expect(first.error).toBeUndefined();
		expect(body('POST /alibaba/order/receivegoods')).toBe(`{"orderId":${A_SHIPPED},"orderEntryIds":[${A_SHIPPED_ENTRY}]}`);
		expect(first.items[0].json.success).toBe(true);
		expect(status(A_SHIPPED)).toBe('confirm_goods');
		const again = await runPandaPon(params, creds);
		expect(again.error?.message).toMatch(/1688 receipt confirmation failed: ORDER_STATUS_NOT_SUPPORT: order .* is confirm_goods/);
	});
});

describe('Get and Get Many', () => {
	it('Get simplifies the order but keeps ids, status, lines and amounts', async () => {
		const { items } = await runPandaPon({ resource: 'alibabaOrder', operation: 'get', orderId: byId(A_WAIT_SEND) }, creds);
		const o = items[0].json;
		expect(o).toMatchObject({
			orderId: A_WAIT_SEND,
			status: 'waitsellersend',
			statusName: 'Awaiting Shipment',
			lineCount: 2,
			subOrderIds: A_WAIT_SEND_ENTRIES.join(', '),
			totalYuan: expect.any(Number),
		});
		expect(Object.keys(o).length).toBeLessThanOrEqual(15);
		expect(Object.values(o).every((v) => v === null || typeof v !== 'object')).toBe(true);
		expect(o.tradeTerms).toBeUndefined();
	});

	it('Get Many with Return All walks every page (pageNo, 100 per page)', async () => {
		const total = sb.state.alibaba.orderList.length;
		const { items, error } = await runPandaPon({ resource: 'alibabaOrder', operation: 'getAll', returnAll: true, orderFilters: {} }, creds);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(total);
		expect(sb.count('POST /v2/alibaba/order/page')).toBe(Math.ceil(total / 100));
		expect(JSON.parse(body('POST /v2/alibaba/order/page'))).toEqual({ pageNo: Math.ceil(total / 100), pageSize: 100 });
		expect(new Set(items.map((i) => i.json.orderId)).size).toBe(total);
	});

	it('Get Many filters by status and stops at the Limit', async () => {
		const { items } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'getAll', limit: 3, orderFilters: { status: 'waitsellersend' } },
			creds,
		);
		expect(items).toHaveLength(3);
		expect(items.every((i) => i.json.status === 'waitsellersend')).toBe(true);
		expect(JSON.parse(body('POST /v2/alibaba/order/page'))).toEqual({ status: 'waitsellersend', pageNo: 1, pageSize: 3 });
	});

	it('the From List mode pages with the same pageNo paging', async () => {
		const first = await listSearch('searchAlibabaOrders', { resource: 'alibabaOrder', operation: 'get' }, creds);
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBe('2');
		const second = await listSearch('searchAlibabaOrders', { resource: 'alibabaOrder', operation: 'get' }, creds, undefined, '2');
		expect(JSON.parse(body('POST /v2/alibaba/order/page'))).toEqual({ pageNo: 2, pageSize: 20 });
		expect(second.results[0].value).not.toBe(first.results[0].value);
	});
});
