import type { IDataObject } from 'n8n-workflow';

import { stringifyJson } from '../../shared/transport/json';
import { IMAGE_SOURCES, imageSourceProperties, readImageFile, readImageUrl } from '../helpers/image';
import { pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import { taobaoItemLocator } from '../helpers/taobaoFields';
import type { OperationSpec } from '../helpers/types';
import { simplifyTaobaoProduct } from '../helpers/simplify';

const resource = 'taobaoProduct';

export const taobaoProductOperations: OperationSpec[] = [
	{
		resource,
		value: 'searchByImage',
		name: 'Search by Image',
		action: 'Search Taobao products by image',
		description: 'Find Taobao products that look like a picture, from an image URL or a binary file',
		catalogId: 'taobao.product.imageQuery',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/product/image/search',
		write: false,
		properties: [
			...imageSourceProperties({
				label: 'Image',
				source: 'imageSource',
				defaultSource: 'url',
				url: 'imageUrl',
				what: 'picture',
				urlPlaceholder: 'e.g. https://img.alicdn.com/bao/uploaded/i1/263669477/O1CN01fH0cbf2JsW8fvHFwx.jpg',
				urlDescription: 'Public URL of the picture to search with',
			}),
		],
		request: async (p) => {
			if (p.oneOf('imageSource', IMAGE_SOURCES) === 'binary') {
				const file = await readImageFile(p);
				return { body: { imageBase64: file.buffer.toString('base64') } };
			}
			return { body: { imageUrl: readImageUrl(p, 'imageUrl') } };
		},
		paging: pages('pageNo', 20, 'body'),
	},
	{
		resource,
		value: 'searchByKeyword',
		name: 'Search by Keyword',
		action: 'Search Taobao products by keyword',
		description: 'Find Taobao products whose title matches a keyword',
		catalogId: 'taobao.product.keywordQuery',
		apiDocs: 'documented',
		apiNote: "Uses PandaPon's v2 search: results carry v2 item IDs (itemMapId).",
		method: 'POST',
		path: '/v2/taobao/product/item/search',
		write: false,
		properties: [
			{
				displayName: 'Keyword',
				name: 'keyword',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 电动车',
				description: 'Search text; Chinese keywords match Taobao titles best',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Default', value: '', description: "PandaPon's default order" },
					{ name: 'Commission Rate, High to Low', value: 'tk_rate_desc', description: 'Taobao affiliate commission rate, descending (the documented example)' },
					{ name: 'Price, Low to High', value: 'price_asc', description: 'Not in the docs; may be ignored by PandaPon' },
					{ name: 'Price, High to Low', value: 'price_desc', description: 'Not in the docs; may be ignored by PandaPon' },
				],
				default: '',
				description: 'Order of the results',
			},
		],
		request: (p) => ({
			body: compact({ keyword: p.string('keyword', { required: true }), sort: p.string('sort') }),
		}),
		paging: pages('pageNo', 40, 'body'),
	},
	{
		resource,
		value: 'getManyByIds',
		name: 'Check Availability',
		action: 'Check whether Taobao products can be bought',
		description: 'Check which Taobao items and SKUs can be bought through PandaPon, and why others cannot',
		catalogId: 'taobao.product.batchQuery',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/product/batch/check',
		write: false,
		properties: [
			{
				displayName: 'Products',
				name: 'products',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Product',
				default: {},
				required: true,
				description: 'Items to check; each with optional SKU IDs',
				options: [
					{
						displayName: 'Product',
						name: 'product',
						values: [
							{
								displayName: 'Item ID',
								name: 'itemId',
								type: 'string',
								default: '',
								placeholder: 'e.g. 672991141190',
								description: 'Numeric Taobao item ID, e.g. 672991141190 (the number at the end of an item.taobao.com link)',
							},
							{
								displayName: 'SKU IDs',
								name: 'skuIds',
								type: 'string',
								default: '',
								placeholder: 'e.g. 3452545926724, 3452545926725',
								description: 'SKU IDs of this item to check, separated by commas; empty checks the item as a whole',
							},
						],
					},
				],
			},
		],
		request: (p) => batchCheckRequest(batchCheckEntries(p)),
		// Several items' checks share one request (node option Batch Requests); each item gets
		// the answer's parts about its own products.
		coalesce: {
			max: 20,
			entries: batchCheckEntries,
			request: batchCheckRequest,
			pick: (data, entries) => [batchCheckPart(data, entries)],
		},
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a Taobao product',
		description: 'Get one Taobao product with its SKUs, prices and the IDs that Add to Cart needs',
		catalogId: 'taobao.product.get',
		apiDocs: 'partial',
		method: 'GET',
		path: '/open/product/get',
		write: false,
		properties: [taobaoItemLocator()],
		request: (p) => ({ query: { itemId: p.idString('itemId') } }),
		simplify: simplifyTaobaoProduct,
	},
	{
		resource,
		value: 'getSourceInquiry',
		name: 'Get Source',
		action: 'Get the source goods of a Taobao product',
		description: 'Get the source (original) goods of a Taobao item, translated into a language',
		catalogId: 'taobao.product.inquiry',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/product/source/get',
		write: false,
		properties: [
			taobaoItemLocator(),
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. vi',
				description: 'Language code for translated content (e.g. en, vi, th); empty for Chinese',
			},
		],
		request: (p) => ({
			body: compact({ itemId: p.idString('itemId'), language: p.string('language', { maxLength: 10 }) }),
		}),
	},
];

/** One `{itemId, skuIds?}` per product of the item; item and SKU IDs stay strings of digits. */
function batchCheckEntries(p: Params): IDataObject[] {
	const entries = (p.collection('products').product ?? []) as IDataObject[];
	if (entries.length === 0) p.fail('products', 'is empty', 'Add at least one product with its Item ID.');
	return entries.map((e, i) => {
		const itemId = p.idStringIn('products', `product ${i + 1} "Item ID"`, e.itemId, 'Enter the numeric Taobao item ID.');
		const skuIds = String(e.skuIds ?? '')
			.split(/[\s,;]+/)
			.filter((s) => s !== '')
			.map((s) => p.idStringIn('products', `product ${i + 1} "SKU IDs"`, s, 'SKU IDs are digits, separated by commas.'));
		return skuIds.length ? { itemId, skuIds } : { itemId };
	});
}

/** The API wants the list as a JSON string inside the `params` field. */
function batchCheckRequest(entries: IDataObject[]) {
	return { body: { params: stringifyJson(entries) } };
}

/** The parts of a shared batch answer that concern these entries (same shape as the whole answer). */
function batchCheckPart(data: unknown, entries: IDataObject[]): IDataObject {
	const all = (data ?? {}) as IDataObject;
	const ids = new Set(entries.map((e) => String(e.itemId)));
	const mine = (list: unknown, key?: string) =>
		(Array.isArray(list) ? list : []).filter((x) => ids.has(String(key ? (x as IDataObject)?.[key] : x)));
	return {
		...all,
		mpProducts: mine(all.mpProducts, 'itemId'),
		noMpProductItemIds: mine(all.noMpProductItemIds),
		noMpReasonList: mine(all.noMpReasonList, 'itemId'),
	};
}
