/**
 * Pickers instead of typed ids, in n8n's engine against the sandbox: Taobao item SKUs and Cart →
 * Add filled from the item, cart items of both platforms, Taobao sub-orders for after-sale with
 * amounts in yuan, 1688 flows and free-text cancel reasons, Taobao cart orders without phones,
 * saved receiving addresses for Taobao and 1688 (with the town 1688 needs), and the item search's
 * answer with v2 itemMapIds only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { listSearch, loadOptions, runPandaPon } from '../helpers/engine';
import { T_ITEM, rl } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox();

interface Sku {
	skuId: string;
	mpSkuId: string;
	price: number;
	promotionPrice: number;
	quantity: number;
	properties: Array<{ valueName: string }>;
}
const product = (id: string) =>
	sb.state.taobao.products.get(id) as { mpId: string; title: string; shopName: string; skuList: Sku[] };

describe('Taobao Cart → Add: SKUs from the picked item', () => {
	it('the SKU dropdown lists the item’s SKUs as attributes · price · stock', async () => {
		const p = product(T_ITEM);
		const options = await loadOptions('getTaobaoItemSkus', { resource: 'taobaoCart', operation: 'add', itemId: rl(T_ITEM) }, creds);
		expect(options.map((o) => o.value)).toEqual(p.skuList.map((s) => s.skuId));
		const s = p.skuList[0];
		expect(options[0].name).toBe(
			`${s.properties.map((x) => x.valueName).join(' / ')} · ¥${(s.promotionPrice / 100).toFixed(2)} · stock ${s.quantity}`,
		);
		expect(sb.lastQuery('GET /open/product/get').get('itemId')).toBe(T_ITEM);
	});

	it('says "pick an item first" before one is picked, sending nothing', async () => {
		await expect(loadOptions('getTaobaoItemSkus', { resource: 'taobaoCart', operation: 'add' }, creds)).rejects.toThrow(/Pick an item first/);
		expect(sb.counters().total).toBe(0);
	});

	it('Add with item and SKU only: MpId, MpSkuId, title, prices and attributes come from the item', async () => {
		const p = product(T_ITEM);
		const sku = p.skuList[1];
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'add', itemId: rl(T_ITEM), skuId: sku.skuId, quantity: 2 }, creds);
		expect(error).toBeUndefined();
		const sent = sb.lastJson('POST /open/cart/add');
		expect(sent).toMatchObject({
			skuId: sku.skuId,
			mpId: p.mpId,
			mpSkuId: sku.mpSkuId,
			itemTitle: p.title,
			price: sku.price,
			promotionPrice: sku.promotionPrice,
			shopName: p.shopName,
			quantity: 2,
		});
		expect(JSON.parse(String(sent.properties)).map((x: IDataObject) => x.valueName)).toEqual(sku.properties.map((x) => x.valueName));
	});

	it('prices typed in yuan win over the item’s, and are sent in fen', async () => {
		const p = product(T_ITEM);
		const sku = p.skuList[0];
		expect(sku.price).not.toBe(689); // the typed price is told apart from the item's
		const { error } = await runPandaPon(
			{ resource: 'taobaoCart', operation: 'add', itemId: rl(T_ITEM), skuId: sku.skuId, quantity: 1, additionalFields: { priceYuan: '6.89' } },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/cart/add')).toMatchObject({ price: 689, promotionPrice: sku.promotionPrice, mpSkuId: sku.mpSkuId });
	});

	it('a SKU the item does not have is refused, adding nothing', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'add', itemId: rl(T_ITEM), skuId: '999', quantity: 1 }, creds);
		expect(error?.message).toMatch(/"SKU Name or ID" "999" is not a SKU of item 672991141190/);
		expect(sb.count('POST /open/cart/add')).toBe(0);
	});
});

describe('cart items as dropdowns', () => {
	it('Taobao: the lines of the cart, and Delete takes the picked ones (multi-select array)', async () => {
		const options = await loadOptions('getTaobaoCartItems', { resource: 'taobaoCart', operation: 'delete' }, creds);
		const cart = sb.state.taobao.carts.get(creds.userId) as Array<{ id: number; itemTitle: string; quantity: number }>;
		expect(options.map((o) => o.value)).toEqual(cart.map((l) => String(l.id)));
		expect(options[0].name).toContain(`${cart[0].itemTitle} · `);
		expect(options[0].name).toContain(`×${cart[0].quantity}`);
		const picked = [options[0].value];
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'delete', ids: picked }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/delete')).toBe(`{"ids":[${picked[0]}]}`);
	});

	it('Taobao: Update takes a cart item from the dropdown', async () => {
		const [line] = await loadOptions('getTaobaoCartItems', { resource: 'taobaoCart', operation: 'updateQuantity' }, creds);
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'updateQuantity', id: line.value, quantity: 3 }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/cart/edit-quantity')).toBe(`{"id":${line.value},"quantity":3}`);
	});

	it('1688: the lines of every seller, and Delete takes the picked ones', async () => {
		const options = await loadOptions('getAlibabaCartItems', { resource: 'alibabaCart', operation: 'delete' }, creds);
		const cart = sb.state.alibaba.carts.get(creds.userId) as Array<{ id: number }>;
		expect(options.map((o) => o.value).sort()).toEqual(cart.map((l) => String(l.id)).sort());
		const { error } = await runPandaPon({ resource: 'alibabaCart', operation: 'delete', cartIds: [options[0].value] }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/cart/delete')).toBe(`{"cartIds":[${options[0].value}]}`);
	});

	it('an empty cart says so in the dropdown', async () => {
		const carts = sb.state.taobao.carts;
		const lines = carts.get(creds.userId) ?? [];
		carts.set(creds.userId, []);
		try {
			await expect(loadOptions('getTaobaoCartItems', {}, creds)).rejects.toThrow(/The Taobao cart is empty/);
		} finally {
			carts.set(creds.userId, lines);
		}
	});
});

describe('Taobao after-sale: sub-orders from the picked order', () => {
	const paidOrder = () =>
		(sb.state.taobao.orderList as Array<{ orderId: string; status: number; lines: Array<{ subOrderId: string; refundStatus: number; title: string }> }>).find(
			(o) => o.status === 10 && o.lines.every((l) => l.refundStatus === 0),
		)!;

	it('lists the order’s lines; Create Refund with a picked line and reason sends the amount in fen', async () => {
		const o = paidOrder();
		const lines = await loadOptions('getTaobaoOrderLines', { resource: 'taobaoAfterSale', operation: 'submit', orderId: rl(o.orderId) }, creds);
		expect(lines.map((l) => l.value)).toEqual(o.lines.map((l) => l.subOrderId));
		expect(lines[0].name).toContain(`${o.lines[0].title} · SKU `);
		const params = { resource: 'taobaoAfterSale', operation: 'submit', orderId: rl(o.orderId), subOrderId: lines[0].value, refundType: 1, goodsStatus: 1 };
		const [reason] = await loadOptions('getTaobaoRefundReasons', params, creds);
		const { error } = await runPandaPon({ ...params, reasonId: reason.value, additionalFields: { refundAmount: 0.5, refundDesc: 'x' } }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/order/refund/submit')).toMatchObject({ subOrderId: lines[0].value, reasonId: reason.value, refundFee: 50 });
	});

	it('says "pick an order first" without an order', async () => {
		await expect(loadOptions('getTaobaoOrderLines', { resource: 'taobaoAfterSale', operation: 'render' }, creds)).rejects.toThrow(/Pick an order first/);
	});
});

describe('fixed sets and what PandaPon documents', () => {
	it('1688 Order Cancel sends a reason in your own words (PandaPon’s example: 不想要了)', async () => {
		const order = (sb.state.alibaba.orderList as Array<{ id: string; status: string }>).find((o) => o.status === 'waitbuyerpay')!;
		const { error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'cancel', orderId: rl(order.id, 'id'), cancelReason: 'custom', cancelReasonText: '不想要了' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/order/cancel')).toBe(`{"webSite":"1688","orderId":${order.id},"cancelReason":"不想要了"}`);
	});

	it('1688 Order Cancel also takes free text from an expression, and still the suggested codes', async () => {
		const orders = (sb.state.alibaba.orderList as Array<{ id: string; status: string }>).filter((o) => o.status === 'waitbuyerpay');
		const free = await runPandaPon({ resource: 'alibabaOrder', operation: 'cancel', orderId: rl(orders[0].id, 'id'), cancelReason: '={{ "拍错了" }}' }, creds);
		expect(free.error).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/order/cancel').cancelReason).toBe('拍错了');
		const code = await runPandaPon({ resource: 'alibabaOrder', operation: 'cancel', orderId: rl(orders[1].id, 'id'), cancelReason: 'sellerGoodsLack' }, creds);
		expect(code.error).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/order/cancel').cancelReason).toBe('sellerGoodsLack');
	});

	it('Taobao Cart Create Order accepts an address with both phone fields empty, as PandaPon’s example sends', async () => {
		const [line] = await loadOptions('getTaobaoCartItems', {}, creds);
		const { error } = await runPandaPon(
			{
				resource: 'taobaoCart',
				operation: 'createOrder',
				ids: [line.value],
				orderAddress: { address: { name: 'a测试aa', state: '浙江省', city: '杭州市', district: '余杭区', address: '测试地址', zip: '11111', country: '中国' } },
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/cart/create/order').orderAddress).toMatchObject({ phone: '', mobile_phone: '', name: 'a测试aa' });
	});

	it('1688 Cart Create Order sends the flow picked from the list', async () => {
		const [line] = await loadOptions('getAlibabaCartItems', {}, creds);
		const { error } = await runPandaPon(
			{
				resource: 'alibabaCart',
				operation: 'createOrder',
				cartIds: [line.value],
				flow: 'saleproxy',
				addressParam: { address: { fullName: 'Zhang San', mobile: '18600888861', phone: '18600888861', provinceText: '浙江省', cityText: '杭州市', townText: '转塘街道', address: '转塘街道832号' } },
			},
			creds,
		);
		expect(error?.message).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/cart/create/order').flow).toBe('saleproxy');
	});
});

describe('Taobao item search with the v2 answer shape', () => {
	/** A server answering the search with v2 records: opaque itemMapIds, numeric itemIds only sometimes. */
	async function v2Search(records: IDataObject[]) {
		const server = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify({ code: 200, msg: 'success', requestId: 'r1', data: { data: records, totalRecords: records.length } }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
	}

	it('uses the numeric itemId when v2 records carry both', async () => {
		const server = await v2Search([{ itemMapId: 'WUnUC1cILiBjt-Jv3lDdlQ', itemId: 672991141190, title: 'Dress', price: 1990 }]);
		try {
			const { results } = await listSearch('searchTaobaoItems', {}, { ...creds, baseUrl: server.url }, 'dress');
			expect(results).toEqual([{ name: 'Dress · ¥19.90', value: '672991141190', url: 'https://item.taobao.com/item.htm?id=672991141190' }]);
		} finally {
			await server.close();
		}
	});

	it('says why when v2 records carry only itemMapIds', async () => {
		const server = await v2Search([{ itemMapId: 'WUnUC1cILiBjt-Jv3lDdlQ', title: 'Dress' }]);
		try {
			await expect(listSearch('searchTaobaoItems', {}, { ...creds, baseUrl: server.url }, 'dress')).rejects.toThrow(
				/answered with v2 itemMapIds only.*By ID/,
			);
		} finally {
			await server.close();
		}
	});
});

interface Saved {
	id: number;
	name: string;
	province: string;
	city: string;
	district: string;
	address: string;
	phone: string;
	isDefault: boolean;
}
const savedAddresses = () => sb.state.addresses.get(creds.userId) as Saved[];

/** The 1688 addressParam a saved address is sent as: townText only with a town. */
const alibabaAddress = (a: Saved, town?: string) => ({
	fullName: a.name,
	mobile: a.phone,
	phone: a.phone,
	provinceText: a.province,
	cityText: a.city,
	areaText: a.district,
	...(town === undefined ? {} : { townText: town }),
	address: a.address,
});

/** Runs `fn` while the account has exactly these saved addresses. */
async function withSavedAddresses<T>(list: Saved[], fn: () => Promise<T>): Promise<T> {
	const before = savedAddresses();
	sb.state.addresses.set(creds.userId, list);
	try {
		return await fn();
	} finally {
		sb.state.addresses.set(creds.userId, before);
	}
}

describe('receiving address: a saved one or typed', () => {
	it('lists the saved addresses after "Enter an Address", and Taobao Create Order sends the picked one in the Taobao shape', async () => {
		const options = await loadOptions('getSavedAddresses', { resource: 'taobaoCart', operation: 'createOrder' }, creds);
		const saved = savedAddresses();
		expect(options[0]).toEqual({ name: 'Enter an Address', value: 'enter', description: 'Type the address below' });
		expect(options.slice(1).map((o) => o.value)).toEqual(saved.map((a) => String(a.id)));
		const [line] = await loadOptions('getTaobaoCartItems', {}, creds);
		const a = saved[1];
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'createOrder', ids: [line.value], savedAddressId: String(a.id) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /open/cart/create/order').orderAddress).toEqual({
			name: a.name,
			phone: '',
			mobile_phone: a.phone,
			state: a.province,
			city: a.city,
			district: a.district,
			address: a.address,
			zip: '',
			country: '中国',
		});
	});

	it('an address ID that is not saved is refused, creating nothing', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoCart', operation: 'createOrder', ids: ['101'], savedAddressId: '424242' }, creds);
		expect(error?.message).toMatch(/"Address Name or ID" is 424242, which is not among the \d+ saved addresses \[item 0\]/);
		expect(sb.count('POST /open/cart/create/order')).toBe(0);
	});
});

describe('1688 receiving address: a saved one with a town, or typed', () => {
	const TOWN = '转塘街道';

	it('the Address dropdown of 1688 Cart Create Order lists the saved addresses after "Enter an Address"', async () => {
		const options = await loadOptions('getSavedAddresses', { resource: 'alibabaCart', operation: 'createOrder' }, creds);
		const saved = savedAddresses();
		expect(saved.length).toBeGreaterThan(1);
		expect(options).toEqual([
			{ name: 'Enter an Address', value: 'enter', description: 'Type the address below' },
			...saved.map((a) => ({
				name: `${a.name} · ${a.province} · ${a.city} · ${a.district} · ${a.address}${a.isDefault ? ' (default)' : ''}`,
				value: String(a.id),
				description: `Address ${a.id} · tel. ${a.phone}`,
			})),
		]);
		expect(sb.count('GET /open/address/get')).toBe(1);
	});

	it('Cart Create Order with a picked address and a town sends exactly the 1688 addressParam', async () => {
		const [line] = await loadOptions('getAlibabaCartItems', {}, creds);
		const a = savedAddresses()[0];
		const { error } = await runPandaPon(
			{
				resource: 'alibabaCart',
				operation: 'createOrder',
				cartIds: [line.value],
				savedAddressId: String(a.id),
				savedAddressTown: TOWN,
				flow: 'general',
				orderFields: { districtCode: '330106' },
			},
			creds,
		);
		expect(error?.message).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/cart/create/order').addressParam).toEqual({ ...alibabaAddress(a, TOWN), districtCode: '330106' });
		// the address is read when the item runs, by the id the dropdown holds
		expect(sb.count('GET /open/address/get')).toBe(1);
	});

	it('1688 Order Create takes the town from an expression, per item', async () => {
		const a = savedAddresses()[1];
		const offer = (sb.state.alibaba.productList as Array<{ offerId: number; productSkuInfos: Array<{ specId: string }> }>)[0];
		const { error } = await runPandaPon(
			{
				resource: 'alibabaOrder',
				operation: 'create',
				cargoSource: 'define',
				cargo: { line: [{ offerId: String(offer.offerId), specId: offer.productSkuInfos[0].specId, quantity: 1 }] },
				savedAddressId: String(a.id),
				savedAddressTown: '={{ $json.town }}',
				flow: 'general',
			},
			creds,
			[{ town: '石桥街道' }],
		);
		expect(error?.message).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/order/create').addressParam).toEqual(alibabaAddress(a, '石桥街道'));
	});

	it('without a town, Create Order fails naming Town, the item and why, and sends nothing', async () => {
		const a = savedAddresses()[0];
		const { error } = await runPandaPon(
			{ resource: 'alibabaCart', operation: 'createOrder', cartIds: ['101'], savedAddressId: String(a.id), savedAddressTown: '  ', flow: 'general' },
			creds,
		);
		expect(error?.message).toBe('"Town" is empty [item 0]');
		expect(error?.description).toMatch(/^Saved PandaPon addresses have no town, and 1688 requires one: enter the town/);
		expect(sb.counters().total).toBe(0);
	});

	it('a preview needs no town: the saved address is sent without townText', async () => {
		const a = savedAddresses()[0];
		const [line] = await loadOptions('getAlibabaCartItems', {}, creds);
		const { error } = await runPandaPon({ resource: 'alibabaCart', operation: 'previewOrder', cartIds: [line.value], savedAddressId: String(a.id) }, creds);
		expect(error?.message).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/cart/create/preview').addressParam).toEqual(alibabaAddress(a));
	});

	it('a saved address lacking a field 1688 requires is refused before ordering', async () => {
		const a = { ...savedAddresses()[0], phone: '' };
		const { error } = await withSavedAddresses([a], () =>
			runPandaPon({ resource: 'alibabaCart', operation: 'createOrder', cartIds: ['101'], savedAddressId: String(a.id), savedAddressTown: TOWN, flow: 'general' }, creds),
		);
		expect(error?.message).toBe(`"Address Name or ID" is address ${a.id}, which has no Mobile, Phone [item 0]`);
		expect(error?.description).toMatch(/Complete the address in the PandaPon console/);
		expect(sb.count('POST /alibaba/cart/create/order')).toBe(0);
	});

	it('with no saved addresses the dropdown says why, keeping Enter an Address', async () => {
		const options = await withSavedAddresses([], () => loadOptions('getSavedAddresses', { resource: 'alibabaOrder', operation: 'create' }, creds));
		expect(options).toEqual([
			{
				name: 'Enter an Address',
				value: 'enter',
				description:
					'No saved addresses in this PandaPon account — add one in the PandaPon console (or with Address → Create or Update), or choose Enter an Address and type it below',
			},
		]);
	});

	it('typed fields stay the default in node versions 1 and 1.1: a saved workflow without the choice sends them', async () => {
		const [first, second] = await loadOptions('getAlibabaCartItems', {}, creds);
		const typed = { address: { fullName: 'Zhang San', mobile: '18600888861', phone: '18600888861', provinceText: '浙江省', cityText: '杭州市', townText: TOWN, address: '转塘街道832号' } };
		for (const [typeVersion, line] of [[1, first], [1.1, second]] as const) {
			const { error } = await runPandaPon(
				{ resource: 'alibabaCart', operation: 'createOrder', cartIds: [line.value], addressParam: typed, flow: 'general' },
				creds,
				[{}],
				{ typeVersion },
			);
			expect(error?.message).toBeUndefined();
			expect(sb.lastJson('POST /alibaba/cart/create/order').addressParam).toEqual(typed.address);
		}
		expect(sb.count('GET /open/address/get')).toBe(0);
	});
});

describe('Estimate Freight: which platform’s item, and its SKUs', () => {
	it('a Taobao item’s SKUs, or a 1688 offer’s, and the estimate sends the picked ones', async () => {
		const taobao = await loadOptions('getFreightItemSkus', { resource: 'logistics', operation: 'estimateItemFreight', itemPlatform: 'taobao', itemId: rl(T_ITEM, 'id') }, creds);
		expect(taobao.map((o) => o.value)).toEqual(product(T_ITEM).skuList.map((s) => s.skuId));
		const offer = (sb.state.alibaba.productList as Array<{ offerId: number; productSkuInfos: Array<{ skuId: number; price: string; amountOnSale: number }> }>)[0];
		const alibaba = await loadOptions('getFreightItemSkus', { resource: 'logistics', operation: 'estimateItemFreight', itemPlatform: '1688', itemId: rl(String(offer.offerId), 'id') }, creds);
		expect(alibaba.map((o) => o.value)).toEqual(offer.productSkuInfos.map((s) => String(s.skuId)));
		expect(alibaba[0].name).toContain(`¥${offer.productSkuInfos[0].price} · stock ${offer.productSkuInfos[0].amountOnSale}`);
		await expect(loadOptions('getFreightItemSkus', { resource: 'logistics', operation: 'estimateItemFreight', itemPlatform: '1688' }, creds)).rejects.toThrow(/Pick the 1688 offer first/);

		const { error } = await runPandaPon(
			{
				resource: 'logistics',
				operation: 'estimateItemFreight',
				itemPlatform: '1688',
				itemId: rl(String(offer.offerId), 'id'),
				skuId: alibaba[0].value,
				quantity: 2,
				price: offer.productSkuInfos[0].price,
				currency: 'CNY',
				receiverAddress: { address: { name: 'x', country: 'US', state: 'CA', city: 'LA', zip: '90001', address: '1 Main St', phone: '1' } },
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /v2/open/pp/logistics/itemLogisticsPrice')).toMatchObject({ itemId: String(offer.offerId), skuId: alibaba[0].value, quantity: 2 });
	});
});
