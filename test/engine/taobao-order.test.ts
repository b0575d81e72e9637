/**
 * Taobao Order operations in n8n's real engine against the sandbox: create (lines below or one
 * order from all input items), get many (pages), get, cancel, pay, voucher upload from a binary
 * property, warehouse, IM link, logistics, Continue On Fail and bad input.
 */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, pandaPonNode, registerItemsNode, runPandaPon, runWorkflow } from '../helpers/engine';
import { TAOBAO_RECEIVER, T_BIG_ITEM, T_BIG_ITEM_2, T_BIG_SKU, T_BIG_SKU_2, T_PAID, T_WAIT_PAY, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

const { sb, creds } = useSandbox({ orders: 250 });

const order = (id: string) => sb.state.taobao.orders.get(id) as { status: number; voucherUrl: string | null; warehouseName: string | null };
const ordersInStatus = (status: number) =>
	(sb.state.taobao.orderList as Array<{ orderId: string; status: number }>).filter((o) => o.status === status).map((o) => o.orderId);
/** Fen as the yuan text a user types: 1990 → "19.90". */
const yuan = (fen: number) => (fen / 100).toFixed(2);
const skuPrice = (item: string) => (sb.state.taobao.products.get(item) as { skuList: Array<{ price: number }> }).skuList[0].price;

const receiver = TAOBAO_RECEIVER;

/** Emits the items given, each carrying a JPEG voucher in binary property `voucher`. */
registerItemsNode('voucher', (list) =>
	list.map((json) => ({ json, binary: { voucher: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'receipt.jpg' } } })),
);

const withVoucher = (orderIds: string, parameters: INodeParameters, nodeExtra = {}) =>
	runWorkflow({
		nodes: [
			{ id: 'v', name: 'Voucher', type: 'test.voucher', typeVersion: 1, position: [0, 0], parameters: { items: orderIds.split(',').map((orderId) => ({ orderId })) } },
			pandaPonNode(parameters, nodeExtra),
		],
		connections: { Voucher: { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
		credentials: creds,
	});

describe('Create', () => {
	it('sends order lines and receiver as JSON strings, ids verbatim, amount summed in fen', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'taobaoOrder',
				operation: 'create',
				orderLinesSource: 'define',
				orderLines: {
					line: [
						{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 200, priceYuan: yuan(skuPrice(T_BIG_ITEM)), currency: 'CNY' },
						{ itemId: T_BIG_ITEM_2, skuId: T_BIG_SKU_2, quantity: 2, priceYuan: yuan(skuPrice(T_BIG_ITEM_2)), currency: 'CNY' },
					],
				},
				receiver,
				additionalFields: { orderSource: 'lazada', sellerOrderNumber: 'SO-1' },
			},
			creds,
		);
		expect(error).toBeUndefined();
		const sent = sb.lastJson('POST /open/order');
		expect(typeof sent.orderLineList).toBe('string');
		expect(sent.orderLineList).toBe(
			`[{"itemId":"${T_BIG_ITEM}","orderLineNo":"1","quantity":"200","price":"${skuPrice(T_BIG_ITEM)}","currency":"CNY","skuId":"${T_BIG_SKU}"},` +
				`{"itemId":"${T_BIG_ITEM_2}","orderLineNo":"2","quantity":"2","price":"${skuPrice(T_BIG_ITEM_2)}","currency":"CNY","skuId":"${T_BIG_SKU_2}"}]`,
		);
		expect(JSON.parse(sent.receiver as string)).toEqual(receiver.address);
		expect(sent.purchaseAmount).toBe(200 * skuPrice(T_BIG_ITEM) + 2 * skuPrice(T_BIG_ITEM_2));
		expect(sent).toMatchObject({ orderSource: 'lazada', sellerOrderNumber: 'SO-1' });
		expect(items).toHaveLength(1);
		expect(String(items[0].json.orderId)).toMatch(/^30\d{17}$/);
		expect(sb.count('POST /open/order')).toBe(1);
	});

	it('prices typed in yuan reach Taobao in fen, exactly (19.9 → 1990, 0.07 → 7, Purchase Amount 398 → 39800)', async () => {
		const { error } = await runPandaPon(
			{
				resource: 'taobaoOrder',
				operation: 'create',
				orderLinesSource: 'define',
				orderLines: {
					line: [
						{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 3, priceYuan: '19.9', currency: 'CNY' },
						{ itemId: T_BIG_ITEM_2, skuId: T_BIG_SKU_2, quantity: 1, priceYuan: 0.07, currency: 'CNY' },
					],
				},
				purchaseAmountYuan: '398',
				receiver,
			},
			creds,
		);
		// the sandbox checks purchaseAmount against the lines: only the request matters here
		void error;
		const sent = sb.lastJson('POST /open/order');
		expect((JSON.parse(sent.orderLineList as string) as IDataObject[]).map((l) => l.price)).toEqual(['1990', '7']);
		expect(sent.purchaseAmount).toBe(39800);
	});

	it('From Input Items makes ONE order from all items, paired with every item', async () => {
		const input = [
			{ id: T_BIG_ITEM, sku: T_BIG_SKU, qty: 1, price: yuan(skuPrice(T_BIG_ITEM)) },
			{ id: T_BIG_ITEM_2, sku: T_BIG_SKU_2, qty: 3, price: Number(yuan(skuPrice(T_BIG_ITEM_2))) },
			{ id: T_BIG_ITEM, sku: T_BIG_SKU, qty: 5, price: yuan(skuPrice(T_BIG_ITEM)) },
		];
		const { items, error } = await runPandaPon(
			{
				resource: 'taobaoOrder',
				operation: 'create',
				orderLinesSource: 'inputItems',
				line_itemId: '={{ $json.id }}',
				line_skuId: '={{ $json.sku }}',
				line_quantity: '={{ $json.qty }}',
				line_priceYuan: '={{ $json.price }}',
				line_currency: 'CNY',
				receiver,
			},
			creds,
			input,
		);
		expect(error).toBeUndefined();
		expect(sb.count('POST /open/order')).toBe(1);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const lines = JSON.parse(sb.lastJson('POST /open/order').orderLineList as string) as IDataObject[];
		expect(lines.map((l) => [l.itemId, l.quantity, l.orderLineNo])).toEqual([
			[T_BIG_ITEM, '1', '1'],
			[T_BIG_ITEM_2, '3', '2'],
			[T_BIG_ITEM, '5', '3'],
		]);
		expect((items[0].json.subOrders as unknown[]).length).toBe(3);
	});

	it('a bad line in one input item names the field and that item; nothing is sent', async () => {
		const { error } = await runPandaPon(
			{
				resource: 'taobaoOrder',
				operation: 'create',
				orderLinesSource: 'inputItems',
				line_itemId: '={{ $json.id }}',
				line_skuId: T_BIG_SKU,
				line_quantity: 1,
				line_priceYuan: '0.01',
				receiver,
			},
			creds,
			[{ id: T_BIG_ITEM }, { id: '60012624503104119O' }],
		);
		expect(error?.message).toMatch(/"Item ID" must be digits only, got "60012624503104119O" \[item 1\]/);
		expect(sb.counters().total).toBe(0);
	});

	it.each([
		['receiver without a name', { receiver: { address: { ...receiver.address, name: '' } } }, /"Receiver" has no Name \[item 0\]/],
		['no receiver at all', { receiver: {} }, /"Receiver" is empty \[item 0\]/],
		['no lines', { orderLines: {} }, /"Order Lines" is empty/],
		[
			'zero quantity',
			{ orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 0, priceYuan: '0.01' }] } },
			/"Order Lines" → line 1 "Quantity" must be at least 1, got 0/,
		],
		[
			'a lossy numeric item id',
			{ orderLines: { line: [{ itemId: '={{ 600126245031041190 }}', skuId: T_BIG_SKU, quantity: 1, priceYuan: '0.01' }] } },
			/"Order Lines" → line 1 "Item ID" (arrived as the number|must be digits)/,
		],
		[
			'a price with three decimals',
			{ orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 1, priceYuan: '19.999' }] } },
			/"Order Lines" → line 1 "Unit Price \(Yuan\)" must be an amount in yuan such as 19.90, got "19.999"/,
		],
		[
			'a price in fen where yuan is asked, with a currency sign',
			{ orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 1, priceYuan: '¥19.90' }] } },
			/"Unit Price \(Yuan\)" must be an amount in yuan/,
		],
	])('refuses %s before sending', async (_name, override, message) => {
		const { error } = await runPandaPon(
			{
				resource: 'taobaoOrder',
				operation: 'create',
				orderLinesSource: 'define',
				orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 1, priceYuan: '0.01' }] },
				receiver,
				...override,
			},
			creds,
		);
		expect(error?.message).toMatch(message);
		expect(sb.counters().total).toBe(0);
	});
});

describe('Get Many', () => {
	it('Return All walks pages of 100 in the query and returns one simplified item per order', async () => {
		const total = sb.state.taobao.orderList.length;
		expect(total).toBeGreaterThan(200);
		const { items, error } = await runPandaPon({ resource: 'taobaoOrder', operation: 'getAll', returnAll: true }, creds);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(total);
		expect(sb.count('GET /open/order/page')).toBe(Math.ceil(total / 100));
		const ids = items.map((i) => String(i.json.orderId));
		expect(ids).toContain(T_WAIT_PAY);
		expect(new Set(ids).size).toBe(total);
		expect(items[0].json.lineCount).toBeGreaterThan(0);
		expect(items[0].json.orderLineList).toBeUndefined();
	});

	it('filters by status', async () => {
		const { items } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'getAll', limit: 5, filters: { status: 10 } },
			creds,
		);
		expect(sb.lastQuery('GET /open/order/page').get('status')).toBe('10');
		expect(sb.lastQuery('GET /open/order/page').get('pageSize')).toBe('5');
		expect(items.length).toBe(5);
		expect(items.every((i) => i.json.status === 10)).toBe(true);
	});

	it('From List pages through orders and finds one by its full ID', async () => {
		const first = await listSearch('searchTaobaoOrders', { resource: 'taobaoOrder', operation: 'get' }, creds);
		expect(first.results).toHaveLength(20);
		expect(first.paginationToken).toBe('2');
		const found = await listSearch('searchTaobaoOrders', { resource: 'taobaoOrder', operation: 'get' }, creds, T_PAID);
		expect(found.results.map((r) => r.value)).toEqual([T_PAID]);
		// The picker names the status in the words of Get Many's Status filter.
		expect(found.results[0].name).toContain(' · Paid, Awaiting Seller Shipment (10)');
	});
});

describe('Get', () => {
	it('sends the order ID in the query; ids keep every digit; Simplify off gives the full record', async () => {
		const { items, error } = await runPandaPon({ resource: 'taobaoOrder', operation: 'get', orderId: byId(T_PAID) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /open/order/get').get('orderId')).toBe(T_PAID);
		expect(items[0].json).toMatchObject({
			orderId: T_PAID,
			status: 10,
			statusName: 'Paid, Awaiting Seller Shipment (10)',
			receiverName: expect.any(String),
			lineCount: 1,
			subOrderIds: '3021045938172635412',
		});
		const full = await runPandaPon({ resource: 'taobaoOrder', operation: 'get', orderId: byId(T_PAID), simplify: false }, creds);
		expect(full.items[0].json.receiver).toBeDefined();
		expect(full.items[0].json.orderLineList).toBeDefined();
	});

	it('Continue On Fail: an unknown and a malformed ID become error items, the others succeed', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'get', orderId: byId('={{ $json.id }}') },
			creds,
			[{ id: T_PAID }, { id: '3999999999999999999' }, { id: '30x' }, { id: T_WAIT_PAY }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect(items[0].json.orderId).toBe(T_PAID);
		expect(items[1].json.code).toBe(40410);
		expect(items[2].json.error).toMatch(/"Order" must be digits only.*\[item 2\]/);
		expect(items[3].json.orderId).toBe(T_WAIT_PAY);
		expect(sb.count('GET /open/order/get')).toBe(3);
	});
});

describe('writes', () => {
	it('Pay sends the order ID as a string and the order becomes paid', async () => {
		const id = ordersInStatus(0).find((o) => o !== T_WAIT_PAY)!;
		const { items, error } = await runPandaPon({ resource: 'taobaoOrder', operation: 'pay', orderId: byId(id) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/order/pay')).toBe(`{"orderId":"${id}"}`);
		expect(items[0].json).toMatchObject({ orderId: id, status: 10 });
		expect(order(id).status).toBe(10);
	});

	it('Cancel sends the reason; a second cancel fails with PandaPon\'s state error', async () => {
		const id = ordersInStatus(0).filter((o) => o !== T_WAIT_PAY)[1];
		const params = { resource: 'taobaoOrder', operation: 'cancel', orderId: byId(id), cancelReason: 'out of stock' };
		const { items, error } = await runPandaPon(params, creds);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/cancel')).toEqual({ orderId: id, cancelReason: 'out of stock' });
		expect(items[0].json).toEqual({ result: true });
		expect(order(id).status).toBe(4);
		const again = await runPandaPon(params, creds);
		expect(again.error?.message).toMatch(/PandaPon error 40900/);
		expect(sb.count('POST /open/order/cancel')).toBe(2);
	});

	it('Upload Payment Voucher sends the binary image base64-encoded, once per item', async () => {
		const id = T_WAIT_PAY;
		const { items, error } = await withVoucher(id, {
			resource: 'taobaoOrder',
			operation: 'uploadPaymentVoucher',
			orderId: byId('={{ $json.orderId }}'),
			voucherSource: 'binary',
			binaryPropertyName: 'voucher',
		});
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/uploadVoucher')).toEqual({
			orderId: id,
			imageBase64: JPEG.toString('base64'),
			fileName: 'receipt.jpg',
		});
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(order(id).status).toBe(1);
		expect(order(id).voucherUrl).toContain('receipt.jpg');
	});

	it('Upload Payment Voucher by URL', async () => {
		const id = ordersInStatus(0).filter((o) => o !== T_WAIT_PAY)[2];
		const voucherUrl = 'https://example.com/receipt.jpg';
		const { error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'uploadPaymentVoucher', orderId: byId(id), voucherSource: 'url', voucherUrl },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/uploadVoucher')).toEqual({ orderId: id, voucherUrl });
		expect(order(id).voucherUrl).toBe(voucherUrl);
	});

	it('Upload Payment Voucher with a wrong binary property names what the item has and sends nothing', async () => {
		const { error } = await withVoucher(T_WAIT_PAY, {
			resource: 'taobaoOrder',
			operation: 'uploadPaymentVoucher',
			orderId: byId(T_WAIT_PAY),
			voucherSource: 'binary',
			binaryPropertyName: 'data',
		});
		expect(error?.message).toMatch(/"Input Binary Field" names binary property "data", which this item does not have/);
		expect(error?.description).toContain('voucher');
		expect(sb.counters().total).toBe(0);
	});

	it('Update Warehouse sends name and address with the order ID as a string', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'updateWarehouse', orderId: byId(T_PAID), warehouseName: '一号仓库', warehouseAddress: '广西省' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/order/updateWarehouse')).toBe(
			`{"orderId":"${T_PAID}","warehouseName":"一号仓库","warehouseAddress":"广西省"}`,
		);
		expect(items[0].json).toMatchObject({ warehouseName: '一号仓库' });
		expect(order(T_PAID).warehouseName).toBe('一号仓库');
	});

	it('Update Warehouse with neither name nor address is refused before sending', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoOrder', operation: 'updateWarehouse', orderId: byId(T_PAID) }, creds);
		expect(error?.message).toMatch(/"Warehouse Name" and "Warehouse Address" are both empty \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('reads', () => {
	it('Get Chat Link sends the example form {sourceType, bizId} and returns the URL', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'getImLink', sourceType: 'item', bizId: '700187748440' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/page/link/get')).toEqual({ sourceType: 'item', bizId: '700187748440' });
		expect(String(items[0].json.result)).toMatch(/^https:\/\/distributor\.taobao\.global\/.*loginToken=/);
	});

	it('Get Tracking sends the order ID in the query', async () => {
		const shipped = ordersInStatus(11)[0];
		const { items, error } = await runPandaPon({ resource: 'taobaoOrder', operation: 'getLogistics', orderId: byId(shipped) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /open/order/logistics/get').get('orderId')).toBe(shipped);
		expect(items[0].json.orderId).toBe(shipped);
		expect((items[0].json.logisticsList as unknown[]).length).toBeGreaterThan(0);
	});
});
