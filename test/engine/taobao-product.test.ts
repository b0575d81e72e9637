/**
 * Taobao Product operations in n8n's real engine against the sandbox: search by keyword / image
 * (paging), batch check (JSON string field, coalescing), get (simplify, URL locator), source
 * inquiry, item list search, bad input.
 */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { listSearch, pandaPonNode, registerItemsNode, runPandaPon, runWorkflow } from '../helpers/engine';
import { T_BIG_ITEM, T_BIG_SKU, T_ITEM, T_ITEM_SKU, T_SOURCE_ITEM, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

const { sb, creds } = useSandbox();


/** Emits one item with a PNG in binary property `data`. */
registerItemsNode('binaryImage', () => [{ json: { name: 'photo' }, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' } } }]);

function keywordMatches(keyword: string): number {
	return sb.state.taobao.productList.filter(
		(p: { title: string; categoryName: string }) => p.title.includes(keyword) || p.categoryName.includes(keyword),
	).length;
}

describe('Search by Keyword', () => {
	it('Return All walks every page of 40 and returns one item per product', async () => {
		const keyword = '新款';
		const expected = keywordMatches(keyword);
		expect(expected).toBeGreaterThan(40);
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'searchByKeyword', keyword, sort: 'tk_rate_desc', returnAll: true },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(expected);
		expect(sb.count('POST /v2/taobao/product/item/search')).toBe(Math.ceil(expected / 40));
		const sent = sb.lastJson('POST /v2/taobao/product/item/search');
		expect(sent).toMatchObject({ keyword, sort: 'tk_rate_desc', pageSize: 40 });
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(new Set(items.map((i) => String(i.json.itemId))).size).toBe(expected);
	});

	it('Limit asks for one page of that size', async () => {
		const { items } = await runPandaPon({ resource: 'taobaoProduct', operation: 'searchByKeyword', keyword: '新款', limit: 7 }, creds);
		expect(items).toHaveLength(7);
		expect(sb.count('POST /v2/taobao/product/item/search')).toBe(1);
		expect(sb.lastJson('POST /v2/taobao/product/item/search')).toMatchObject({ pageNo: 1, pageSize: 7 });
	});

	it('an empty keyword is refused before anything is sent', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoProduct', operation: 'searchByKeyword', keyword: '={{ "" }}' }, creds);
		expect(error?.message).toMatch(/"Keyword" is empty \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('Search by Image', () => {
	it('sends the image URL with paging', async () => {
		const imageUrl = 'https://img.alicdn.com/bao/uploaded/i1/x.jpg';
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'searchByImage', imageSource: 'url', imageUrl, limit: 5 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
		expect(sb.lastJson('POST /open/product/image/search')).toEqual({ imageUrl, pageNo: 1, pageSize: 5 });
	});

	it('sends a binary image base64-encoded', async () => {
		const { items, error } = await runWorkflow({
			nodes: [
				{ id: 'b', name: 'Binary Image', type: 'test.binaryImage', typeVersion: 1, position: [0, 0], parameters: {} },
				pandaPonNode({ resource: 'taobaoProduct', operation: 'searchByImage', imageSource: 'binary', binaryPropertyName: 'data', limit: 3 }),
			],
			connections: { 'Binary Image': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
			credentials: creds,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(sb.lastJson('POST /open/product/image/search').imageBase64).toBe(PNG.toString('base64'));
	});

	it('a missing binary property names the field and sends nothing', async () => {
		const { error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'searchByImage', imageSource: 'binary', binaryPropertyName: 'data' },
			creds,
		);
		expect(error?.message).toMatch(/"Input Binary Field" names binary property "data", which this item does not have/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('Check Availability', () => {
	const params = (products: IDataObject[]): INodeParameters => ({
		resource: 'taobaoProduct',
		operation: 'getManyByIds',
		products: { product: products } as INodeParameters,
	});

	it('sends the list as a JSON string with every digit, and reports unknown items', async () => {
		const { items, error } = await runPandaPon(
			params([{ itemId: T_BIG_ITEM, skuIds: T_BIG_SKU }, { itemId: T_ITEM }, { itemId: '123456789' }]),
			creds,
		);
		expect(error).toBeUndefined();
		const sent = sb.lastBody('POST /open/product/batch/check')!;
		const outer = JSON.parse(sent) as { params: string };
		expect(typeof outer.params).toBe('string');
		expect(outer.params).toBe(
			`[{"itemId":"${T_BIG_ITEM}","skuIds":["${T_BIG_SKU}"]},{"itemId":"${T_ITEM}"},{"itemId":"123456789"}]`,
		);
		expect(items).toHaveLength(1);
		const data = items[0].json as { mpProducts: Array<{ itemId: unknown }>; noMpProductItemIds: string[] };
		expect(data.mpProducts.map((p) => String(p.itemId))).toEqual([T_BIG_ITEM, T_ITEM]);
		expect(data.noMpProductItemIds).toEqual(['123456789']);
	});

	it('items asking for one product each share one request, each item getting its own part', async () => {
		const { items, error } = await runPandaPon(
			{ ...params([{ itemId: '={{ $json.id }}' }]) },
			creds,
			[{ id: T_BIG_ITEM }, { id: T_ITEM }, { id: '123456789' }],
		);
		expect(error).toBeUndefined();
		expect(sb.count('POST /open/product/batch/check')).toBe(1);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		const mp = items.map((i) => (i.json.mpProducts as Array<{ itemId: unknown }>).map((p) => String(p.itemId)));
		expect(mp).toEqual([[T_BIG_ITEM], [T_ITEM], []]);
		expect(items[2].json.noMpProductItemIds).toEqual(['123456789']);
	});

	it('a bad SKU ID names the product entry and sends nothing', async () => {
		const { error } = await runPandaPon(params([{ itemId: T_ITEM, skuIds: '12, x9' }]), creds);
		expect(error?.message).toMatch(/"Products" → product 1 "SKU IDs" must be digits only, got "x9" \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('Get', () => {
	it('sends the item ID in the query and returns a simplified product with exact ids', async () => {
		const { items, error } = await runPandaPon({ resource: 'taobaoProduct', operation: 'get', itemId: byId(T_BIG_ITEM) }, creds);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /open/product/get').get('itemId')).toBe(T_BIG_ITEM);
		const p = items[0].json as IDataObject;
		expect(p.productId).toBe(T_BIG_ITEM);
		expect(p.mainImage).toMatch(/^https:/);
		expect(p.description).toBeUndefined();
		expect(Object.keys(p).length).toBeLessThanOrEqual(15);
		const sku = (p.skus as IDataObject[])[0];
		expect(sku).toMatchObject({ skuId: T_BIG_SKU, mpSkuId: expect.stringMatching(/^\d+$/), priceFen: expect.any(Number) });
		// Taobao's properties JSON text becomes "name: value" pairs
		expect(sku.properties).toMatch(/^[^:[{]+: [^/]+( \/ .+)*$/);
	});

	it('takes the ID from a Taobao item URL, and Simplify off returns the whole record', async () => {
		const url = `https://item.taobao.com/item.htm?spm=a1z10&id=${T_ITEM}&ns=1`;
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'get', itemId: { __rl: true, mode: 'url', value: url }, simplify: false },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastQuery('GET /open/product/get').get('itemId')).toBe(T_ITEM);
		expect(items[0].json).toMatchObject({ itemId: '672991141190', mpId: '2048057995392326', categoryPath: expect.any(String) });
		expect((items[0].json.skuList as IDataObject[])[0].skuId).toBe(T_ITEM_SKU);
	});

	it('an ID with letters fails naming the field, before sending', async () => {
		const { error } = await runPandaPon({ resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ "67299x" }}') }, creds);
		expect(error?.message).toMatch(/"Item" must be digits only/);
		expect(sb.counters().total).toBe(0);
	});

	it('From List searches items by keyword, with item URLs', async () => {
		const page = await listSearch('searchTaobaoItems', { resource: 'taobaoProduct', operation: 'get' }, creds, '分销测试');
		expect(page.results.map((r) => r.value)).toEqual(expect.arrayContaining([T_BIG_ITEM]));
		const big = page.results.find((r) => r.value === T_BIG_ITEM)!;
		expect(big.url).toBe(`https://item.taobao.com/item.htm?id=${T_BIG_ITEM}`);
	});
});

describe('Get Source', () => {
	it('posts the item ID as a string and the language', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'getSourceInquiry', itemId: byId(T_SOURCE_ITEM), language: 'vi' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /open/product/source/get')).toBe(`{"itemId":"${T_SOURCE_ITEM}","language":"vi"}`);
		expect(items[0].json).toMatchObject({ language: 'vi' });
		expect(String(items[0].json.itemId)).toBe(T_SOURCE_ITEM);
	});
});
