/**
 * Taobao Cart operations in n8n's real engine against the sandbox: add (properties as a JSON
 * string, item ID as a bare integer), get many (pages), update quantity, delete, preview and
 * create order, bad input.
 */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runPandaPon } from '../helpers/engine';
import { T_BIG_ITEM, T_ITEM, T_ITEM_SKU } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox();

const cart = () => sb.state.taobao.carts.get(creds.userId) as Array<{ id: number; quantity: number; itemId: string; mpSkuId: string }>;
const product = (id: string) =>
	sb.state.taobao.products.get(id) as { mpId: string; skuList: Array<{ skuId: string; mpSkuId: string }> };

const address = {
	address: { name: '仓库收货人', mobile_phone: '13800000000', state: '浙江省', city: '杭州市', district: '余杭区', address: '仓库路1号', zip: '311100', country: '中国' },
};

describe('Add', () => {
	it('adds an item from its URL: item ID as a bare integer, SKU properties as a JSON string', async () => {
		const before = cart().length;
		const p = product(T_ITEM);
		const params: INodeParameters = {
			resource: 'taobaoCart',
			operation: 'add',
			itemId: { __rl: true, mode: 'url', value: `https://item.taobao.com/item.htm?id=${T_ITEM}` },
			mpId: p.mpId,
			mpSkuId: p.skuList[0].mpSkuId,
			skuId: T_ITEM_SKU,
			quantity: 3,
			additionalFields: {
				priceYuan: '6.89',
				promotionPriceYuan: 5.76,
				properties: { property: [{ propId: 1627207, propName: '颜色分类', valueId: 28324, valueName: '黄色' }] },
			},
		};
		const { items, error } = await runPandaPon(params, creds);
		expect(error).toBeUndefined();
		const raw = sb.lastBody('POST /open/cart/add')!;
		expect(raw).toContain(`"itemId":${T_ITEM},`);
		const sent = JSON.parse(raw) as IDataObject;
		expect(sent).toMatchObject({ mpId: p.mpId, mpSkuId: p.skuList[0].mpSkuId, skuId: T_ITEM_SKU, quantity: 3, price: 689, promotionPrice: 576 });
		expect(sent.properties).toBe('[{"valueId":28324,"valueName":"黄色","propId":1627207,"propName":"颜色分类"}]');
		expect(items[0].json.id).toMatch(/^\d+$/);
		expect(cart()).toHaveLength(before + 1);
	});

	it('keeps a distribution item ID beyond 2^53 exact', async () => {
		const p = product(T_BIG_ITEM);
		const { error } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'add', itemId: { __rl: true, mode: 'id', value: T_BIG_ITEM }, mpId: p.mpId, mpSkuId: p.skuList[0].mpSkuId, quantity: 1 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/add')).toContain(`"itemId":${T_BIG_ITEM},`);
		expect(cart()[cart().length - 1].itemId).toBe(T_BIG_ITEM);
	});

	it('with no MpSkuId and no SKU picked, a multi-SKU item is refused after reading it, adding nothing', async () => {
		const { error } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'add', itemId: { __rl: true, mode: 'id', value: T_ITEM }, mpId: '1', mpSkuId: '={{ "" }}', quantity: 1 },
			creds,
		);
		expect(error?.message).toMatch(/"SKU Name or ID" is empty and item \d+ has \d+ SKUs \[item 0\]/);
		expect(sb.count('POST /open/cart/add')).toBe(0);
	});
});

describe('Get Many', () => {
	it('Return All lists every cart item, one item each', async () => {
		const { items, error } = await runPandaPon({ resource: 'taobaoCart', operation: 'getAll', returnAll: true }, creds);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(cart().map((l) => String(l.id)));
		expect(sb.count('GET /open/cart/list')).toBe(1);
		expect(sb.lastQuery('GET /open/cart/list').get('pageSize')).toBe('50');
	});

	it('Limit 2 with pages of 2; a user ID goes into the query', async () => {
		const { items } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'getAll', limit: 2, cartOptions: { userId: creds.userId } },
			creds,
		);
		expect(items).toHaveLength(2);
		expect(sb.lastQuery('GET /open/cart/list').get('userId')).toBe(creds.userId);
		expect(sb.lastQuery('GET /open/cart/list').get('pageSize')).toBe('2');
	});
});

describe('cart items', () => {
	it('Update sends the line ID as an integer', async () => {
		const line = cart()[0];
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'updateQuantity', id: String(line.id), quantity: 7 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/edit-quantity')).toBe(`{"id":${line.id},"quantity":7}`);
		expect(items[0].json).toEqual({ result: true });
		expect(line.quantity).toBe(7);
	});

	it('Preview Order sends the line IDs as integers and returns totals', async () => {
		const ids = cart().slice(0, 2).map((l) => l.id);
		const { items, error } = await runPandaPon({ resource: 'taobaoCart', operation: 'previewOrder', ids: ids.join(', ') }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/preview/order')).toBe(`{"ids":[${ids.join(',')}]}`);
		expect(items[0].json).toMatchObject({ currency: 'CNY', totalAmount: expect.any(Number) });
	});

	it('Create Order sends the address as an object and the lines leave the cart', async () => {
		const ids = cart().slice(0, 2).map((l) => l.id);
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'createOrder', ids: ids.join(','), orderAddress: address, cartOptions: { userId: creds.userId } },
			creds,
		);
		expect(error).toBeUndefined();
		const sent = sb.lastJson('POST /open/cart/create/order');
		expect(sent.orderAddress).toEqual({ phone: '', ...address.address });
		expect(sent.userId).toBe(creds.userId);
		expect(String(items[0].json.orderId)).toMatch(/^30\d{17}$/);
		expect(cart().map((l) => l.id)).not.toEqual(expect.arrayContaining(ids));
	});

	it('Delete removes the lines', async () => {
		const id = cart()[0].id;
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'delete', ids: String(id) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/delete')).toBe(`{"ids":[${id}]}`);
		expect(cart().map((l) => l.id)).not.toContain(id);
	});

	it.each([
		['delete', { ids: '101, abc' }, /"Cart Item Names or IDs" must be digits only, got "abc"/],
		['previewOrder', { ids: '={{ "" }}' }, /"Cart Item Names or IDs" is empty/],
		['updateQuantity', { id: '5', quantity: 0 }, /"Quantity" must be at least 1, got 0/],
		['createOrder', { ids: '101', orderAddress: {} }, /"Delivery Address" is empty/],
	])('%s with bad input %p is refused before sending', async (operation, extra, message) => {
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation, ...extra }, creds);
		expect(error?.message).toMatch(message);
		expect(sb.counters().total).toBe(0);
	});
});
