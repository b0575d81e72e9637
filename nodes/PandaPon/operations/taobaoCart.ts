import type { IDataObject } from 'n8n-workflow';

import { JsonInteger, stringifyJson } from '../transport/json';
import { compact, type Params } from './params';
import {
	cartLineIds,
	cartUserId,
	digitsIn,
	inferred,
	positiveIn,
	readTaobaoAddress,
	taobaoAddressFields,
	taobaoItemLocator,
} from './taobaoFields';
import type { OperationSpec } from './types';

const resource = 'taobaoCart';

const CHECK_CART = 'Get Many (Taobao Cart) lists the cart lines as they are now';

const cartOptions = {
	displayName: 'Options',
	name: 'cartOptions',
	type: 'collection' as const,
	placeholder: 'Add Option',
	default: {},
	options: [cartUserId],
};

function userIdOf(p: Params, name = 'cartOptions'): string | undefined {
	const v = String(p.collection(name).userId ?? '').trim();
	return v === '' ? undefined : v;
}

function cartIds(p: Params): JsonInteger[] {
	return p.idList('ids', { required: true, max: 200 });
}

export const taobaoCartOperations: OperationSpec[] = [
	{
		resource,
		value: 'add',
		name: 'Add',
		action: 'Add a Taobao product to the cart',
		description:
			'Put a Taobao product SKU into the PandaPon cart; mpId and mpSkuId come from Get of Taobao Product',
		catalogId: 'taobao.cart.add',
		method: 'POST',
		path: '/open/cart/add',
		write: true,
		checkHint: CHECK_CART,
		properties: [
			taobaoItemLocator('itemId', 'The Taobao item to add (its numeric item ID)'),
			{
				displayName: 'Distribution Product ID (MpId)',
				name: 'mpId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 2048057995392326',
				description: 'MpId of the product, from Get of Taobao Product',
			},
			{
				displayName: 'Distribution SKU ID (MpSkuId)',
				name: 'mpSkuId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 5214820394821',
				description: 'MpSkuId of the chosen SKU, from skuList in Get of Taobao Product',
			},
			{
				displayName: 'SKU ID',
				name: 'skuId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3452545926724',
				description: 'Taobao SKU ID of the variant (skuList[].skuId)',
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				required: true,
				description: 'How many units to put in the cart',
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
						displayName: 'Price (Fen)',
						name: 'price',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 0 },
						default: 0,
						description: 'Unit price in fen (1/100 CNY), e.g. 689 for CNY 6.89',
					},
					{
						displayName: 'Promotion Price (Fen)',
						name: 'promotionPrice',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 0 },
						default: 0,
						description: 'Discounted unit price in fen, e.g. 576 for CNY 5.76',
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
		request: (p) => {
			const extra = p.collection('additionalFields');
			const props = ((extra.properties as IDataObject | undefined)?.property ?? []) as IDataObject[];
			const properties = props.map((x, i) => {
				const where = `"SKU Properties" → property ${i + 1}`;
				return {
					valueId: positiveIn(p, `${where} "Value ID"`, x.valueId, { min: 0 }),
					valueName: String(x.valueName ?? ''),
					propId: positiveIn(p, `${where} "Property ID"`, x.propId, { min: 0 }),
					propName: String(x.propName ?? ''),
				};
			});
			const labels: Record<string, string> = { platform: 'Platform', price: 'Price (Fen)', promotionPrice: 'Promotion Price (Fen)' };
			const num = (key: string): number | undefined =>
				extra[key] === undefined || extra[key] === ''
					? undefined
					: positiveIn(p, `"Additional Fields" → "${labels[key]}"`, extra[key], { min: 0 });
			return {
				body: compact({
					userId: String(extra.userId ?? '').trim(),
					platform: num('platform'),
					itemId: p.id('itemId'),
					skuId: p.string('skuId'),
					itemTitle: String(extra.itemTitle ?? '').trim(),
					itemPic: String(extra.itemPic ?? '').trim(),
					mpId: p.string('mpId', { required: true, maxLength: 64 }),
					mpSkuId: p.string('mpSkuId', { required: true, maxLength: 64 }),
					price: num('price'),
					promotionPrice: num('promotionPrice'),
					properties: properties.length ? stringifyJson(properties) : undefined,
					quantity: p.int('quantity', { min: 1, required: true }),
					shopId: extra.shopId ? new JsonInteger(digitsIn(p, '"Additional Fields" → "Shop ID"', extra.shopId, 'Digits only.')) : undefined,
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
		action: 'Get many Taobao cart lines',
		description: inferred('List the lines of the Taobao cart: IDs, items, SKUs, quantities and prices (fen)'),
		catalogId: 'taobao.cart.list',
		method: 'GET',
		path: '/open/cart/list',
		write: false,
		properties: [cartOptions],
		request: (p) => ({ query: compact({ userId: userIdOf(p) }) }),
		paging: { pageParam: 'pageNo', sizeParam: 'pageSize', maxPageSize: 50, in: 'query', listPath: 'data', totalPath: 'totalRecords' },
	},
	{
		resource,
		value: 'updateQuantity',
		name: 'Update Quantity',
		action: 'Update the quantity of a Taobao cart line',
		description: inferred('Change how many units a Taobao cart line holds'),
		catalogId: 'taobao.cart.editQuantity',
		method: 'POST',
		path: '/open/cart/edit-quantity',
		write: true,
		checkHint: CHECK_CART,
		properties: [
			{
				displayName: 'Cart Line ID',
				name: 'id',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 75',
				description: 'ID of the cart line (field ID in Get Many of Taobao Cart)',
			},
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				required: true,
				description: 'The new number of units',
			},
		],
		request: (p) => ({ body: { id: p.id('id'), quantity: p.int('quantity', { min: 1, max: 9999, required: true }) } }),
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete Taobao cart lines',
		description: inferred('Remove lines from the Taobao cart'),
		catalogId: 'taobao.cart.delete',
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
		action: 'Preview an order from Taobao cart lines',
		description: inferred('Show what an order from these cart lines would cost (fen) before creating it'),
		catalogId: 'taobao.cart.previewOrder',
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
		action: 'Create a Taobao order from cart lines',
		description: 'Turn Taobao cart lines into one purchase order delivered to an address; the lines leave the cart',
		catalogId: 'taobao.cart.createOrder',
		method: 'POST',
		path: '/open/cart/create/order',
		write: true,
		checkHint: 'Get Many (Taobao Order) shows the new order, and Get Many (Taobao Cart) no longer lists the lines',
		properties: [
			cartLineIds,
			taobaoAddressFields('orderAddress', 'Delivery Address', 'Where the order is delivered (Taobao address shape)'),
			cartOptions,
		],
		request: (p) => ({
			body: compact({
				ids: cartIds(p),
				orderAddress: readTaobaoAddress(p, 'orderAddress', { required: true }),
				userId: userIdOf(p),
			}),
		}),
	},
];
