import type { IDataObject } from 'n8n-workflow';

import { JsonInteger, stringifyJson } from '../../shared/transport/json';
import { pandaPonApiRequest } from '../../shared/transport/request';
import { pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import {
	cartLineIds,
	cartUserId,
	readTaobaoAddress,
	taobaoAddressFields,
	taobaoAddressFromSaved,
	taobaoItemLocator,
} from '../helpers/taobaoFields';
import { ENTER_ADDRESS, readSavedAddress, savedAddressId, savedAddressProperty } from '../helpers/savedAddress';
import type { OperationSpec } from '../helpers/types';
import { quantityProperty } from '../helpers/fields';

const resource = 'taobaoCart';

const CHECK_CART = 'Get Many (Taobao Cart) lists the cart items as they are now';

const cartOptions = {
	displayName: 'Additional Fields',
	name: 'cartOptions',
	type: 'collection' as const,
	placeholder: 'Add Field',
	default: {},
	options: [cartUserId],
};

function userIdOf(p: Params, name = 'cartOptions'): string | undefined {
	const v = String(p.collection(name).userId ?? '').trim();
	return v === '' ? undefined : v;
}

function cartIds(p: Params): JsonInteger[] {
	return p.idIntegerList('ids', { required: true, max: 200 });
}

/** Additional fields the user left blank do not hide what the item provides. */
function nonEmpty(fields: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

interface ItemDefaults {
	skuId?: string;
	mpId?: string;
	mpSkuId?: string;
	properties?: string;
	/** The SKU's (else the item's) unit prices, in fen as Taobao gives them. */
	priceFen?: number;
	promotionPriceFen?: number;
	extra: IDataObject;
}

/** A price the item gives in whole fen; anything else is left out. */
function wholeFen(value: unknown): number | undefined {
	const n = value === undefined || value === null || value === '' ? NaN : Number(value);
	return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/**
 * When MpId or MpSkuId is empty, reads the item (Get of Taobao Product) and takes them, with its
 * title, picture, prices, shop and the SKU's attributes, from the item and the chosen SKU.
 */
async function itemDefaults(p: Params): Promise<ItemDefaults> {
	if (p.string('mpId') !== '' && p.string('mpSkuId') !== '') return { extra: {} };
	const itemId = p.idString('itemId');
	const envelope = await pandaPonApiRequest.call(p.ctx, {
		method: 'GET',
		path: '/open/product/get',
		query: { itemId },
		write: false,
		itemIndex: p.itemIndex,
	});
	const item = (envelope.data ?? {}) as IDataObject;
	const skus = (Array.isArray(item.skuList) ? item.skuList : []) as IDataObject[];
	const wanted = p.string('skuId');
	const sku = wanted ? skus.find((s) => String(s.skuId) === wanted) : skus.length === 1 ? skus[0] : undefined;
	if (!sku) {
		p.fail(
			'skuId',
			wanted ? `"${wanted.slice(0, 40)}" is not a SKU of item ${itemId}` : `is empty and item ${itemId} has ${skus.length} SKUs`,
			'Pick the SKU from the list (it is loaded from the item).',
		);
	}
	const properties = typeof sku.properties === 'string' ? sku.properties : sku.properties ? stringifyJson(sku.properties) : undefined;
	return {
		skuId: String(sku.skuId),
		mpId: p.string('mpId') || String(item.mpId ?? ''),
		mpSkuId: p.string('mpSkuId') || String(sku.mpSkuId ?? ''),
		properties,
		priceFen: wholeFen(sku.price ?? item.price),
		promotionPriceFen: wholeFen(sku.promotionPrice ?? item.promotionPrice),
		extra: nonEmpty({
			itemTitle: item.title as string,
			itemPic: Array.isArray(item.picUrls) ? String(item.picUrls[0] ?? '') : undefined,
			shopId: item.shopId === undefined || item.shopId === null ? undefined : String(item.shopId),
			shopName: item.shopName as string,
			skuQuantity: sku.quantity === undefined ? undefined : String(sku.quantity),
			userNick: item.userNick as string,
		}),
	};
}

export const taobaoCartOperations: OperationSpec[] = [
	{
		resource,
		value: 'add',
		name: 'Add',
		action: 'Add a Taobao product to the cart',
		description: 'Put a Taobao product SKU into the cart',
		catalogId: 'taobao.cart.add',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/cart/add',
		write: true,
		checkHint: CHECK_CART,
		properties: [
			taobaoItemLocator('itemId', 'The Taobao item to add (its numeric item ID)'),
			{
				displayName: 'SKU Name or ID',
				name: 'skuId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTaobaoItemSkus', loadOptionsDependsOn: ['itemId.value'] },
				default: '',
				description:
					'The variant to add (attributes · price · stock), listed from the picked item; may stay empty for an item with one SKU. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			quantityProperty('How many units to put in the cart'),
			{
				displayName: 'Distribution Product ID (MpId)',
				name: 'mpId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2048057995392326',
				description: 'Leave empty: the node takes it from the item (Get of Taobao Product)',
			},
			{
				displayName: 'Distribution SKU ID (MpSkuId)',
				name: 'mpSkuId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 5214820394821',
				description: 'Leave empty: the node takes it from the chosen SKU',
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{
						displayName: 'Cart User ID',
						name: 'userId',
						type: 'string',
						default: '',
						description: "PandaPon user ID whose cart is used; empty for the credential's own user",
					},
					{
						displayName: 'Item Image URL',
						name: 'itemPic',
						type: 'string',
						default: '',
						description: 'Picture of the item shown in the cart',
					},
					{
						displayName: 'Item Title',
						name: 'itemTitle',
						type: 'string',
						default: '',
						description: 'Title of the item shown in the cart',
					},
					{
						displayName: 'Platform',
						name: 'platform',
						type: 'number',
						default: 1,
						description: 'Platform code (1 in the documented example; meaning not documented)',
					},
					{
						displayName: 'Price (Yuan)',
						name: 'priceYuan',
						type: 'string',
						default: '',
						placeholder: 'e.g. 6.89',
						description: 'Unit price in yuan (CNY); the node sends it in fen, as Taobao counts',
					},
					{
						displayName: 'Promotion Price (Yuan)',
						name: 'promotionPriceYuan',
						type: 'string',
						default: '',
						placeholder: 'e.g. 5.76',
						description: 'Discounted unit price in yuan (CNY), sent in fen',
					},
					{
						displayName: 'Shop ID',
						name: 'shopId',
						type: 'number',
						default: 0,
						description: 'Shop ID of the seller (shopId in Get of Taobao Product)',
					},
					{
						displayName: 'Shop Name',
						name: 'shopName',
						type: 'string',
						default: '',
						description: 'Shop name of the seller',
					},
					{
						displayName: 'SKU Properties',
						name: 'properties',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Property',
						default: {},
						description: 'Attributes of the chosen SKU (e.g. colour 黄色), sent as a JSON string',
						options: [
							{
								displayName: 'Property',
								name: 'property',
								values: [
									{
										displayName: 'Property ID',
										name: 'propId',
										type: 'number',
										default: 0,
										description: 'Attribute ID, e.g. 1627207 (颜色分类)',
									},
									{
										displayName: 'Property Name',
										name: 'propName',
										type: 'string',
										default: '',
										description: 'Attribute name, e.g. 颜色分类',
									},
									{
										displayName: 'Value ID',
										name: 'valueId',
										type: 'number',
										default: 0,
										description: 'Attribute value ID, e.g. 28324',
									},
									{
										displayName: 'Value Name',
										name: 'valueName',
										type: 'string',
										default: '',
										description: 'Attribute value, e.g. 黄色',
									},
								],
							},
						],
					},
					{
						displayName: 'SKU Stock',
						name: 'skuQuantity',
						type: 'string',
						default: '',
						description: 'Stock of the SKU as Get of Taobao Product shows it',
					},
					{
						displayName: 'User Nick',
						name: 'userNick',
						type: 'string',
						default: '',
						description: 'Seller nick (userNick in Get of Taobao Product)',
					},
				],
			},
		],
		request: async (p) => {
			const fromItem = await itemDefaults(p);
			const extra = { ...fromItem.extra, ...nonEmpty(p.collection('additionalFields')) };
			const props = ((extra.properties as IDataObject | undefined)?.property ?? []) as IDataObject[];
			const properties = props.map((x, i) => {
				const at = `property ${i + 1}`;
				return {
					valueId: p.intIn('properties', `${at} "Value ID"`, x.valueId, { min: 0 }),
					valueName: String(x.valueName ?? ''),
					propId: p.intIn('properties', `${at} "Property ID"`, x.propId, { min: 0 }),
					propName: String(x.propName ?? ''),
				};
			});
			const labels: Record<string, string> = { platform: 'Platform', priceYuan: 'Price (Yuan)', promotionPriceYuan: 'Promotion Price (Yuan)' };
			const fen = (key: string) => p.fenIn('additionalFields', `"${labels[key]}"`, extra[key]);
			const num = (key: string): number | undefined =>
				extra[key] === undefined || extra[key] === '' ? undefined : p.intIn('additionalFields', `"${labels[key]}"`, extra[key], { min: 0 });
			return {
				body: compact({
					userId: String(extra.userId ?? '').trim(),
					platform: num('platform'),
					itemId: p.idInteger('itemId'),
					skuId: fromItem.skuId ?? p.string('skuId'),
					itemTitle: String(extra.itemTitle ?? '').trim(),
					itemPic: String(extra.itemPic ?? '').trim(),
					mpId: fromItem.mpId ?? p.string('mpId', { required: true, maxLength: 64 }),
					mpSkuId: fromItem.mpSkuId ?? p.string('mpSkuId', { required: true, maxLength: 64 }),
					price: fen('priceYuan') ?? fromItem.priceFen,
					promotionPrice: fen('promotionPriceYuan') ?? fromItem.promotionPriceFen,
					properties: properties.length ? stringifyJson(properties) : fromItem.properties,
					quantity: p.int('quantity', { min: 1, required: true }),
					shopId: extra.shopId ? p.idIntegerIn('additionalFields', '"Shop ID"', extra.shopId, 'Digits only.') : undefined,
					shopName: String(extra.shopName ?? '').trim(),
					skuQuantity: String(extra.skuQuantity ?? '').trim(),
					userNick: String(extra.userNick ?? '').trim(),
				}),
			};
		},
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many Taobao cart items',
		description: 'List the items in the Taobao cart with their products, SKUs, quantities and prices',
		catalogId: 'taobao.cart.list',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/cart/list',
		write: false,
		properties: [cartOptions],
		request: (p) => ({ query: compact({ userId: userIdOf(p) }) }),
		paging: pages('pageNo', 50, 'query'),
	},
	{
		resource,
		value: 'updateQuantity',
		name: 'Update',
		action: 'Update the quantity of a Taobao cart item',
		description: 'Change how many units a Taobao cart item holds',
		catalogId: 'taobao.cart.editQuantity',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/cart/edit-quantity',
		write: true,
		checkHint: CHECK_CART,
		properties: [
			{
				displayName: 'Cart Item Name or ID',
				name: 'id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getTaobaoCartItems' },
				default: '',
				required: true,
				description:
					'The cart item to change; IDs are field ID in Get Many of Taobao Cart. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			quantityProperty('The new number of units'),
		],
		request: (p) => ({ body: { id: p.idInteger('id'), quantity: p.int('quantity', { min: 1, max: 9999, required: true }) } }),
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete Taobao cart items',
		description: 'Remove items from the Taobao cart',
		catalogId: 'taobao.cart.delete',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/cart/delete',
		write: true,
		checkHint: CHECK_CART,
		properties: [cartLineIds, cartOptions],
		request: (p) => ({ body: compact({ ids: cartIds(p), userId: userIdOf(p) }) }),
	},
	{
		resource,
		value: 'previewOrder',
		name: 'Preview Order',
		action: 'Preview an order from Taobao cart items',
		description: 'Show what an order of these cart items would cost before creating it',
		catalogId: 'taobao.cart.previewOrder',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/cart/preview/order',
		write: false,
		properties: [cartLineIds, cartOptions],
		request: (p) => ({ body: compact({ ids: cartIds(p), userId: userIdOf(p) }) }),
	},
	{
		resource,
		value: 'createOrder',
		name: 'Create Order',
		action: 'Create a Taobao order from cart items',
		description: 'Turn Taobao cart items into one order delivered to an address; the items leave the cart',
		catalogId: 'taobao.cart.createOrder',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/cart/create/order',
		write: true,
		checkHint: 'Get Many (Taobao Order) shows the new order, and Get Many (Taobao Cart) no longer lists the lines',
		properties: [
			cartLineIds,
			savedAddressProperty('A receiving address saved in PandaPon (Address → Get), or Enter an Address to type one below'),
			{
				...taobaoAddressFields('orderAddress', 'Delivery Address', 'Where the order is delivered (Taobao address shape)'),
				displayOptions: { show: { savedAddressId: [ENTER_ADDRESS] } },
			},
			cartOptions,
		],
		request: async (p) => {
			const ids = cartIds(p);
			const saved = savedAddressId(p);
			const orderAddress = saved
				? taobaoAddressFromSaved(await readSavedAddress(p, saved))
				: readTaobaoAddress(p, 'orderAddress', { required: true, phoneOptional: true });
			return { body: compact({ ids, orderAddress, userId: userIdOf(p) }) };
		},
	},
];
