/**
 * 1688 Product and 1688 Marketing in n8n's real engine against the sandbox: paths, bodies,
 * Return All / Limit over beginPage and pageNo, image search from a binary property and a URL.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { pandaPonNode, registerItemsNode, runPandaPon, runWorkflow, type SandboxCredentials } from '../helpers/engine';
import { OFFER, SELLER } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const IMAGE = Buffer.from('\x89PNG\r\n\x1a\nsandbox-image-bytes-for-search', 'binary');

/** A start node that emits one item per file, the file in binary property `data`. */
registerItemsNode('binaryItems', (files) =>
	files.map((f, i) => ({ json: { index: i }, binary: { data: { data: String(f.base64), mimeType: 'image/png', fileName: String(f.name) } } })),
);

async function runWithBinary(parameters: INodeParameters, creds: SandboxCredentials, files: Array<{ base64: string; name: string }>) {
	return runWorkflow({
		nodes: [
			{ id: 'bin', name: 'Binary Items', type: 'test.binaryItems', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(files) } },
			pandaPonNode(parameters),
		],
		connections: { 'Binary Items': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
		credentials: creds,
	});
}

const { sb, creds } = useSandbox();
let imageServer: http.Server;
let imageBase: string;

beforeAll(async () => {
	imageServer = http.createServer((req, res) => {
		if (req.url === '/shoe.png') {
			res.writeHead(200, { 'Content-Type': 'image/png' });
			res.end(IMAGE);
		} else {
			res.writeHead(404);
			res.end('missing');
		}
	});
	await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
	imageBase = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => imageServer?.close(resolve));
});


describe('1688 Product Get', () => {
	it('sends offerId as a bare integer and simplifies the offer to titles, images and SKUs', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'get', offerId: { __rl: true, mode: 'id', value: OFFER } },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/product/detail/get')).toBe(`{"offerId":${OFFER},"country":"en"}`);
		expect(items).toHaveLength(1);
		const p = items[0].json as { productId: string; skus: IDataObject[]; mainImage: string; skuCount: number; description?: string };
		expect(p.productId).toBe(OFFER);
		expect(p.skus[0]).toMatchObject({ skuId: expect.stringMatching(/^\d+$/), specId: 'e61a85a671bb3d0301d0412b51641c6b', priceYuan: '19.00' });
		// SKU attributes become one readable text, e.g. "color: black / size: S"
		expect(p.skus[0].properties).toMatch(/^[^:]+: [^/]+( \/ [^:]+: .+)*$/);
		expect(p.skuCount).toBe(p.skus.length);
		expect(p.mainImage).toMatch(/^https:/);
		expect(Object.keys(p).length).toBeLessThanOrEqual(15);
		expect(p.description).toBeUndefined();
	});

	it('takes the offer from a 1688 product URL and returns the raw record with Simplify off', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaProduct',
				operation: 'get',
				offerId: { __rl: true, mode: 'url', value: `https://detail.1688.com/offer/${OFFER}.html?spm=a26352` },
				simplify: false,
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items[0].json.productSkuInfos).toBeDefined();
		expect(items[0].json.description).toBeDefined();
	});
});

describe('1688 Product searches', () => {
	it('Search by Keyword sends filters as the API wants them (sort as JSON text, yuan as decimal strings) and pages by Limit', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'alibabaProduct',
				operation: 'searchByKeyword',
				keyword: 'bag',
				limit: 7,
				filters: { sort: 'priceDesc', priceStart: '1', priceEnd: '999.5', filter: ['shipInToday'] },
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(7);
		const sent = sb.lastJson('POST /alibaba/product/keywords/query');
		expect(sent).toEqual({
			keyword: 'bag',
			country: 'en',
			filter: 'shipInToday',
			sort: '{"price":"desc"}',
			priceStart: '1',
			priceEnd: '999.5',
			beginPage: 1,
			pageSize: 7,
		});
		const prices = items.map((i) => Number((i.json.priceInfo as { price: string }).price));
		expect(prices).toEqual([...prices].sort((a, b) => b - a));
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sb.count('POST /alibaba/product/keywords/query')).toBe(1);
	});

	it('rejects a price that is not yuan, naming the field and item, before sending', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'searchByKeyword', keyword: 'bag', filters: { priceStart: '¥12' } },
			creds,
		);
		expect(error?.message).toMatch(/"Filters" → "Min Price \(Yuan\)" must be an amount in yuan such as 239.99, got "¥12" \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});

	it('Search in Shop sends the seller and an integer category, one item per offer of that seller', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'searchInShop', sellerOpenId: SELLER, returnAll: true, filters: {} },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(items.every((i) => i.json.sellerOpenId === SELLER)).toBe(true);
		expect(sb.lastJson('POST /alibaba/product/query/selleroffer')).toMatchObject({ sellerOpenId: SELLER, beginPage: 1, pageSize: 50 });
		await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'searchInShop', sellerOpenId: SELLER, filters: { categoryId: '72' } },
			creds,
		);
		expect(sb.lastBody('POST /alibaba/product/query/selleroffer')).toContain('"categoryId":72');
	});

	it('Search by Image sends the binary file as base64, one request per input item', async () => {
		const files = [
			{ base64: IMAGE.toString('base64'), name: 'a.png' },
			{ base64: Buffer.from('another picture').toString('base64'), name: 'b.png' },
		];
		const { items, error } = await runWithBinary(
			{ resource: 'alibabaProduct', operation: 'searchByImage', imageSource: 'binary', binaryPropertyName: 'data', limit: 3, filters: {} },
			creds,
			files,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(6);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 1, 1]);
		expect(sb.count('POST /alibaba/product/image/query')).toBe(2);
		const sent = sb.lastJson('POST /alibaba/product/image/query');
		expect(files.map((f) => f.base64)).toContain(sent.imageBase64);
		expect(sent).toMatchObject({ beginPage: 1, pageSize: 3, country: 'en' });
	});

	it('Search by Image names the missing binary property and sends nothing', async () => {
		const { error } = await runWithBinary(
			{ resource: 'alibabaProduct', operation: 'searchByImage', imageSource: 'binary', binaryPropertyName: 'photo', filters: {} },
			creds,
			[{ base64: IMAGE.toString('base64'), name: 'a.png' }],
		);
		expect(error?.message).toMatch(/"Input Binary Field" names binary property "photo", which this item does not have \[item 0\]/);
		expect(error?.description).toContain('data');
		expect(sb.counters().total).toBe(0);
	});

	it('Search by Image downloads a URL and sends it as base64 along with the address', async () => {
		const url = `${imageBase}/shoe.png`;
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'searchByImage', imageSource: 'url', imageUrl: url, limit: 2, filters: {} },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(sb.lastJson('POST /alibaba/product/image/query')).toMatchObject({ imageBase64: IMAGE.toString('base64'), imageAddress: url });
	});

	it('Search by Image reports an image URL that cannot be downloaded', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'searchByImage', imageSource: 'url', imageUrl: `${imageBase}/gone.png`, filters: {} },
			creds,
		);
		expect(error?.message).toMatch(/"Image URL" could not be downloaded \(HTTP 404\) \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('1688 Product lookups', () => {
	it('Get Category sends an integer category id and the language', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'getCategory', categoryId: '1031910', language: 'vi' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/product/category/get')).toBe('{"categoryId":1031910,"language":"vi"}');
		expect(items[0].json).toMatchObject({ categoryId: '1031910', translatedName: 'Men shoes', language: 'vi' });
	});

	it('Get Recommended walks every pageNo page with Return All', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'getRecommendations', returnAll: true, language: 'en' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(300);
		expect(sb.count('POST /alibaba/product/productRecommendQuery')).toBe(6);
		expect(sb.lastJson('POST /alibaba/product/productRecommendQuery')).toEqual({ language: 'en', pageNo: 6, pageSize: 50 });
		expect(new Set(items.map((i) => String(i.json.offerId))).size).toBe(300);
	});

	it('Get Related sends the seed offer as a string', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'getRelated', offerId: OFFER, language: 'en', limit: 5 },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items.length).toBeGreaterThan(0);
		expect(items.length).toBeLessThanOrEqual(5);
		expect(sb.lastBody('POST /v2/alibaba/product/productRelatedRecommendQuery')).toBe(
			`{"offerId":"${OFFER}","language":"en","pageNo":1,"pageSize":5}`,
		);
	});

	it('Get Seller Wangwang sends openUid and offerId as strings', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaProduct', operation: 'decryptWangwang', openUid: SELLER, offerId: OFFER },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastJson('POST /alibaba/product/openuid/decrypt')).toEqual({ openUid: SELLER, offerId: OFFER });
		expect(String(items[0].json.imUrl)).toMatch(/^https:\/\//);
	});
});

describe('1688 Marketing', () => {
	it.each([
		['globalStrictSelection', '/alibaba/marketing/globalStrictSelection'],
		['strictSelection', '/alibaba/marketing/strictSelection'],
		['hotSellingList', '/alibaba/marketing/hotList'],
	])('%s returns every offer with Return All, page by page', async (operation, path) => {
		const { items, error } = await runPandaPon({ resource: 'alibabaMarketing', operation, returnAll: true, country: 'en' }, creds);
		expect(error).toBeUndefined();
		const pages = sb.count(`POST ${path}`);
		expect(items.length).toBeGreaterThan(50);
		expect(pages).toBe(Math.ceil(items.length / 50));
		expect(sb.lastJson(`POST ${path}`)).toMatchObject({ country: 'en', beginPage: pages, pageSize: 50 });
	});

	it('passes the keyword and stops at the Limit', async () => {
		const { items } = await runPandaPon({ resource: 'alibabaMarketing', operation: 'hotSellingList', keyword: 'bag', limit: 4, country: 'en' }, creds);
		expect(items).toHaveLength(4);
		expect(sb.lastJson('POST /alibaba/marketing/hotList')).toEqual({ keyword: 'bag', country: 'en', beginPage: 1, pageSize: 4 });
	});
});
