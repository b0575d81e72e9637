import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	LANGUAGES,
	alibabaOfferLocator,
	readSearchFilters,
	searchFilterCollection,
} from '../helpers/alibabaFields';
import { IMAGE_SOURCES, MAX_IMAGE_BYTES, imageSourceProperties, readImageFile, readImageUrl } from '../helpers/image';
import { ALIBABA_GOODS_PAGING, pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';
import { simplifyAlibabaProduct } from '../helpers/simplify';

const resource = 'alibabaProduct';

/** The recommendation calls page with pageNo (documented for related offers). */
const pageNoPaging = pages('pageNo', 50, 'body');

const keyword = (required: boolean): INodeProperties => ({
	displayName: 'Keyword',
	name: 'keyword',
	type: 'string',
	default: '',
	required,
	placeholder: 'e.g. 男鞋 or men shoes',
	description: required
		? 'What to search for; Chinese keywords match 1688 titles best'
		: 'Only offers whose title contains this; leave empty for all',
});

const language: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: LANGUAGES,
	default: 'en',
	description: 'Language of the translated names',
};

async function imageBase64(p: Params): Promise<IDataObject> {
	if (p.oneOf('imageSource', IMAGE_SOURCES) === 'binary') {
		const file = await readImageFile(p, MAX_IMAGE_BYTES);
		return { imageBase64: file.buffer.toString('base64') };
	}
	const url = readImageUrl(p, 'imageUrl');
	let buffer: Buffer;
	try {
		const body = (await p.ctx.helpers.httpRequest({ method: 'GET', url, encoding: 'arraybuffer', json: false, timeout: 30000 })) as ArrayBuffer | Buffer;
		buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
	} catch (error) {
		const status = (error as { httpCode?: string; response?: { status?: number } }).response?.status;
		return p.fail('imageUrl', `could not be downloaded (${status ? `HTTP ${status}` : (error as Error).message.slice(0, 80)})`, 'Check that the image URL opens in a browser without logging in.');
	}
	if (buffer.length === 0) p.fail('imageUrl', 'points to an empty file', 'Use the URL of the image itself.');
	if (buffer.length > MAX_IMAGE_BYTES) p.fail('imageUrl', `points to ${buffer.length} bytes, more than 10 MB`, 'Use a smaller image.');
	// 1688 takes the picture as base64; the address goes along as documented (imageAddress)
	return { imageBase64: buffer.toString('base64'), imageAddress: url };
}

export const alibabaProductOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a 1688 product',
		description: 'Get one 1688 product with titles, images, SKUs, prices and seller',
		catalogId: '1688.product.get',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/product/detail/get',
		write: false,
		properties: [
			alibabaOfferLocator(),
			{
				displayName: 'Additional Fields',
				name: 'productOptions',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{
						displayName: 'Language',
						name: 'country',
						type: 'options',
						options: LANGUAGES,
						default: 'en',
						description: 'Translation language (PandaPon currently translates to English)',
					},
					{
						displayName: 'Out Member ID',
						name: 'outMemberId',
						type: 'string',
						default: '',
						description: 'Your own ID for the end customer, passed through to 1688',
					},
				],
			},
		],
		request: (p) => {
			const o = p.collection('productOptions');
			return { body: compact({ offerId: p.idInteger('offerId'), country: String(o.country || 'en'), outMemberId: String(o.outMemberId ?? '') }) };
		},
		simplify: simplifyAlibabaProduct,
	},
	{
		resource,
		value: 'searchByKeyword',
		name: 'Search by Keyword',
		action: 'Search 1688 products by keyword',
		description: 'Find 1688 products by keyword, with price, category and sort filters',
		catalogId: '1688.product.keywordQuery',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/product/keywords/query',
		write: false,
		properties: [keyword(true), searchFilterCollection()],
		request: (p) => ({ body: { keyword: p.string('keyword', { required: true }), ...readSearchFilters(p, false) } }),
		paging: ALIBABA_GOODS_PAGING,
	},
	{
		resource,
		value: 'searchByImage',
		name: 'Search by Image',
		action: 'Search 1688 products by image',
		description: 'Find 1688 products that look like a picture, from a binary file or an image URL',
		catalogId: '1688.product.imageQuery',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/product/image/query',
		write: false,
		properties: [
			...imageSourceProperties({
				label: 'Image',
				source: 'imageSource',
				defaultSource: 'binary',
				url: 'imageUrl',
				what: 'picture',
				urlPlaceholder: 'e.g. https://cbu01.alicdn.com/img/ibank/O1CN01Gf8JoQ20i0lN5N8v2_!!2207943566882-0-cib.jpg',
				urlDescription: 'Public address of the image; it is downloaded and sent as base64 together with the URL',
			}),
			{
				displayName: 'Region',
				name: 'region',
				type: 'string',
				default: '',
				placeholder: 'e.g. 120,400,50,300',
				description: 'Which part of the picture to match (1688 subject region); leave empty to let 1688 choose',
			},
			searchFilterCollection(),
		],
		request: async (p) => {
			const filters = readSearchFilters(p, true);
			const image = await imageBase64(p);
			return { body: compact({ ...image, region: p.string('region'), ...filters }) };
		},
		paging: ALIBABA_GOODS_PAGING,
	},
	{
		resource,
		value: 'searchInShop',
		name: 'Search in Shop',
		action: 'Search a 1688 shop',
		description: 'Find the products of one 1688 seller, optionally by keyword',
		catalogId: '1688.product.shopQuery',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/product/query/selleroffer',
		write: false,
		properties: [
			{
				displayName: 'Seller Open ID',
				name: 'sellerOpenId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. BBBgGWh2O6JFI6v1aQuZVgRIA',
				description: 'Encrypted seller ID of the shop (sellerOpenId in Get or search results)',
			},
			keyword(false),
			searchFilterCollection(),
		],
		request: (p) => ({
			body: compact({
				sellerOpenId: p.string('sellerOpenId', { required: true }),
				keyword: p.string('keyword'),
				...readSearchFilters(p, true),
			}),
		}),
		paging: ALIBABA_GOODS_PAGING,
	},
	{
		resource,
		value: 'getCategory',
		name: 'Get Category',
		action: 'Get a 1688 category',
		description: 'Get a 1688 category by ID with its Chinese and translated name',
		catalogId: '1688.product.getCategory',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/product/category/get',
		write: false,
		properties: [
			{
				displayName: 'Category ID',
				name: 'categoryId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 1031910',
				description: 'Numeric 1688 category ID (categoryId in products and search results)',
			},
			language,
		],
		request: (p) => ({ body: { categoryId: p.idInteger('categoryId'), language: p.oneOf('language', LANGUAGES.map((l) => l.value)) } }),
	},
	{
		resource,
		value: 'getRecommendations',
		name: 'Get Recommended',
		action: 'Get recommended 1688 products',
		description: 'List the products 1688 recommends',
		catalogId: '1688.product.recommend',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/product/productRecommendQuery',
		write: false,
		properties: [
			language,
			{
				displayName: 'Out Member ID',
				name: 'outMemberId',
				type: 'string',
				default: '',
				description: 'Your own ID for the end customer, passed through to 1688',
			},
		],
		request: (p) => ({ body: compact({ language: p.oneOf('language', LANGUAGES.map((l) => l.value)), outMemberId: p.string('outMemberId') }) }),
		paging: pageNoPaging,
	},
	{
		resource,
		value: 'getRelated',
		name: 'Get Related',
		action: 'Get related 1688 products',
		description: 'List the products related to one 1688 product',
		catalogId: '1688.product.related',
		apiDocs: 'documented',
		method: 'POST',
		path: '/v2/alibaba/product/productRelatedRecommendQuery',
		write: false,
		properties: [
			{
				displayName: 'Offer ID',
				name: 'offerId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 743470146022 or f6vE-dfY1NV37oG_fz9WSA',
				description: 'The seed offer: its numeric offer ID, or its v2 offerMapId',
			},
			{ ...language, options: LANGUAGES.filter((l) => ['en', 'vi'].includes(l.value as string)), description: 'Language of the translated titles (en or vi)' },
		],
		request: (p) => {
			const offerId = p.string('offerId', { required: true });
			if (!/^[\w-]{1,64}$/.test(offerId)) p.fail('offerId', `must be an offer ID or offerMapId, got "${offerId.slice(0, 40)}"`, 'Use the digits of a 1688 offer ID or the offerMapId from a v2 result.');
			return { body: { offerId, language: p.oneOf('language', ['en', 'vi']) } };
		},
		paging: pageNoPaging,
	},
	{
		resource,
		value: 'decryptWangwang',
		name: 'Get Seller Wangwang',
		action: 'Get the Wangwang chat of a 1688 seller',
		description: "Turn a seller's encrypted open ID into the Wangwang (Aliwangwang) nickname and chat URL",
		catalogId: '1688.product.decryptWangwang',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/product/openuid/decrypt',
		write: false,
		properties: [
			{
				displayName: 'Open UID',
				name: 'openUid',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. BBBgGWh2O6JFI6v1aQuZVgRIA',
				description: "The seller's encrypted open ID (sellerOpenId of an offer)",
			},
			{
				displayName: 'Offer ID',
				name: 'offerId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 743470146022',
				description: 'An offer of that seller, digits only',
			},
		],
		// the API types this offerId as a string, unlike Get
		request: (p) => ({ body: { openUid: p.string('openUid', { required: true }), offerId: p.idString('offerId') } }),
	},
];

