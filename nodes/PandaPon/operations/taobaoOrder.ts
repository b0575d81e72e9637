import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { stringifyJson } from '../../shared/transport/json';
import { fenFromYuan } from '../helpers/alibabaFields';
import { compact, type Params } from '../helpers/params';
import {
	TAOBAO_ORDER_STATUS,
	digitsIn,
	positiveIn,
	readTaobaoAddress,
	taobaoAddressFields,
	taobaoOrderLocator,
} from '../helpers/taobaoFields';
import type { OperationSpec } from '../helpers/types';
import { simplifyTaobaoOrder } from '../helpers/simplify';

const resource = 'taobaoOrder';

const CHECK_ORDER = 'Get (Taobao Order) shows the order and its status';

const fromItems = { orderLinesSource: ['inputItems'] };
const defineBelow = { orderLinesSource: ['define'] };

const lineFields = (prefix: string, show?: IDataObject): INodeProperties[] => {
	const displayOptions = show ? { show: show as never } : undefined;
	const fields: INodeProperties[] = [
		{
			displayName: 'Item ID',
			name: `${prefix}itemId`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 600126245031041190',
			description: 'Distribution item ID of the Taobao product (keep long IDs as text)',
		},
		{
			displayName: 'SKU ID',
			name: `${prefix}skuId`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5016042822039',
			description: 'SKU ID of the variant (skuList[].skuId in Get of Taobao Product)',
		},
		{
			displayName: 'Quantity',
			name: `${prefix}quantity`,
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			required: true,
			description: 'How many units to buy',
		},
		{
			displayName: 'Unit Price (Yuan)',
			name: `${prefix}priceYuan`,
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 19.90',
			description: 'Price of one unit in yuan (CNY); the node sends it in fen, as Taobao counts (19.90 → 1990)',
		},
		{
			displayName: 'Currency',
			name: `${prefix}currency`,
			type: 'string',
			default: 'CNY',
			description: 'Currency code of the price',
		},
	];
	return displayOptions ? fields.map((f) => ({ ...f, displayOptions })) : fields;
};

interface Line {
	itemId: string;
	orderLineNo: string;
	quantity: string;
	price: string;
	currency: string;
	skuId: string;
}

/** One order line; `where` names the field in errors (Params.fail adds the item index). */
function readLine(p: Params, raw: IDataObject, where: (field: string) => string, index: number): Line {
	const itemId = digitsIn(p, where('Item ID'), raw.itemId, 'Enter the distribution item ID, digits only.');
	const skuId = digitsIn(p, where('SKU ID'), raw.skuId, 'Enter the SKU ID, digits only.');
	const quantity = positiveIn(p, where('Quantity'), raw.quantity, { min: 1 });
	const price = fenFromYuan(p, where('Unit Price (Yuan)'), raw.priceYuan);
	if (price === undefined) p.fail(where('Unit Price (Yuan)'), 'is empty', 'Enter the price of one unit in yuan, e.g. 19.90.');
	const currency = String(raw.currency ?? '').trim() || 'CNY';
	const lineNo = String(raw.orderLineNo ?? '').trim() || String(index + 1);
	return { itemId, orderLineNo: lineNo, quantity: String(quantity), price: String(price), currency, skuId };
}

/** The order body; `orderLineList` and `receiver` are JSON strings in the API. */
function orderBody(p: Params, lines: Line[]): IDataObject {
	if (lines.length === 0) p.fail('orderLines', 'is empty', 'Add at least one order line.');
	const receiver = readTaobaoAddress(p, 'receiver', { required: true });
	const computed = lines.reduce((sum, l) => sum + Number(l.price) * Number(l.quantity), 0);
	const given = fenFromYuan(p, 'purchaseAmountYuan', p.raw('purchaseAmountYuan', '')) ?? 0;
	const extra = p.collection('additionalFields');
	return compact({
		orderLineList: stringifyJson(lines),
		receiver: stringifyJson(receiver),
		purchaseAmount: given > 0 ? given : computed,
		orderSource: String(extra.orderSource ?? '').trim(),
		sellerOrderNumber: String(extra.sellerOrderNumber ?? '').trim(),
	});
}

export const taobaoOrderOperations: OperationSpec[] = [
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a Taobao order',
		description: 'Place a Taobao purchase order from the lines below or from all input items',
		catalogId: 'taobao.order.create',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/order',
		write: true,
		checkHint: 'Get Many (Taobao Order) lists the newest orders first: look for your Seller Order Number before creating it again',
		properties: [
			{
				displayName: 'Order Lines Source',
				name: 'orderLinesSource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Define Below', value: 'define', description: 'Enter the lines here; each input item creates its own order' },
					{
						name: 'From Input Items (One Order From All Items)',
						value: 'inputItems',
						description: 'Each input item is one line; all items make ONE order, sent once',
					},
				],
				default: 'define',
				description: 'Where the order lines come from',
			},
			{
				displayName: 'Order Lines',
				name: 'orderLines',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Order Line',
				default: {},
				required: true,
				description: 'The goods to buy, one entry per SKU',
				displayOptions: { show: defineBelow },
				options: [{ displayName: 'Line', name: 'line', values: lineFields('') }],
			},
			...lineFields('line_', fromItems).map((f) => ({
				...f,
				description: `${f.description}. Map it from each input item, e.g. {{ $json.${f.name.slice(5)} }}`,
			})),
			{
				displayName: 'Purchase Amount (Yuan)',
				name: 'purchaseAmountYuan',
				type: 'string',
				default: '',
				placeholder: 'e.g. 398.00',
				description:
					'Budgeted total of the order in yuan (CNY), sent in fen. Empty sends the sum of unit price × quantity of the lines.',
			},
			taobaoAddressFields('receiver', 'Receiver', 'Who receives the goods (Taobao address shape)'),
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					{
						displayName: 'Order Source',
						name: 'orderSource',
						type: 'string',
						default: '',
						placeholder: 'e.g. lazada',
						description: 'Name of your own sales channel',
					},
					{
						displayName: 'Seller Order Number',
						name: 'sellerOrderNumber',
						type: 'string',
						default: '',
						placeholder: 'e.g. SO-10042',
						description: 'Order number on your own platform, for reconciliation',
					},
				],
			},
		],
		request: (p) => {
			if (p.oneOf('orderLinesSource', ['define', 'inputItems']) === 'inputItems') {
				// One item alone (e.g. when combining is not possible): that item is the only line.
				const line = readLine(p, lineFromItem(p), (f) => `"${f}"`, 0);
				return { body: orderBody(p, [line]) };
			}
			const raw = (p.collection('orderLines').line ?? []) as IDataObject[];
			const lines = raw.map((l, i) => readLine(p, l, (f) => `"Order Lines" → line ${i + 1} "${f}"`, i));
			return { body: orderBody(p, lines) };
		},
		combineItems: {
			when: (first) => first.string('orderLinesSource') === 'inputItems',
			request: (all) => {
				const lines = all.map((p, i) => readLine(p, lineFromItem(p), (f) => `"${f}"`, i));
				return { body: orderBody(all[0], lines) };
			},
		},
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many Taobao orders',
		description: 'List Taobao purchase orders, newest first, optionally by status',
		catalogId: 'taobao.order.list',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/order/page',
		write: false,
		properties: [
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: TAOBAO_ORDER_STATUS,
						default: 0,
						description: 'Only orders in this status (codes from the Taobao distributor docs; unconfirmed for PandaPon)',
					},
					{
						displayName: 'Order ID',
						name: 'orderId',
						type: 'string',
						default: '',
						description: 'Only the order with this ID (19 digits)',
					},
				],
			},
		],
		request: (p) => {
			const filters = p.collection('filters');
			const query: IDataObject = {};
			if (filters.status !== undefined && filters.status !== '') {
				const n = Number(filters.status);
				if (!Number.isInteger(n)) p.fail('filters', `status must be a whole number, got "${String(filters.status)}"`, 'Pick a status from the list.');
				query.status = n;
			}
			if (filters.orderId !== undefined && String(filters.orderId).trim() !== '') {
				query.orderId = digitsIn(p, '"Filters" → "Order ID"', filters.orderId, 'Enter the 19-digit order ID.');
			}
			return { query };
		},
		paging: { pageParam: 'pageNo', sizeParam: 'pageSize', maxPageSize: 100, in: 'query', listPath: 'data', totalPath: 'totalRecords' },
		simplify: simplifyTaobaoOrder,
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a Taobao order',
		description: 'Get one Taobao purchase order with its status, receiver, amounts and lines',
		catalogId: 'taobao.order.get',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/order/get',
		write: false,
		properties: [taobaoOrderLocator()],
		request: (p) => ({ query: { orderId: p.idDigits('orderId') } }),
		simplify: simplifyTaobaoOrder,
	},
	{
		resource,
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a Taobao order',
		description: 'Cancel a Taobao purchase order that is not paid yet',
		catalogId: 'taobao.order.cancel',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/cancel',
		write: true,
		checkHint: `${CHECK_ORDER}: status 4 (CANCEL) means it was cancelled`,
		properties: [
			taobaoOrderLocator(),
			{
				displayName: 'Cancel Reason',
				name: 'cancelReason',
				type: 'string',
				default: '',
				placeholder: 'e.g. buyer_cancel',
				description: 'Why the order is cancelled (optional)',
			},
		],
		request: (p) => ({
			body: compact({ orderId: p.idDigits('orderId'), cancelReason: p.string('cancelReason', { maxLength: 200 }) }),
		}),
	},
	{
		resource,
		value: 'pay',
		name: 'Pay',
		action: 'Pay a Taobao order',
		description: "Pay a Taobao purchase order from the PandaPon account's balance",
		catalogId: 'taobao.order.pay',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/pay',
		write: true,
		checkHint: `${CHECK_ORDER}: status 10 (paid, awaiting shipment) means the payment went through`,
		properties: [taobaoOrderLocator()],
		request: (p) => ({ body: { orderId: p.idDigits('orderId') } }),
	},
	{
		resource,
		value: 'uploadPaymentVoucher',
		name: 'Upload Payment Voucher',
		action: 'Upload a payment voucher for a Taobao order',
		description: 'Upload proof of an offline payment (an image) for a Taobao order',
		catalogId: 'taobao.order.uploadPaymentVoucher',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/uploadVoucher',
		write: true,
		checkHint: `${CHECK_ORDER}: status 1 (voucher uploaded, awaiting finance review) means it arrived`,
		properties: [
			taobaoOrderLocator(),
			{
				displayName: 'Voucher Source',
				name: 'voucherSource',
				type: 'options',
				options: [
					{ name: 'Binary File', value: 'binary', description: 'An image in a binary property of the input item' },
					{ name: 'Image URL', value: 'url', description: 'A public link to the voucher image' },
				],
				default: 'binary',
				description: 'Where the voucher image comes from',
			},
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				description: 'Name of the binary property of the input item that holds the voucher image (e.g. data)',
				displayOptions: { show: { voucherSource: ['binary'] } },
			},
			{
				displayName: 'Voucher URL',
				name: 'voucherUrl',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. https://example.com/receipts/10042.jpg',
				description: 'Public URL of the voucher image',
				displayOptions: { show: { voucherSource: ['url'] } },
			},
		],
		request: async (p) => {
			const orderId = p.idDigits('orderId');
			if (p.oneOf('voucherSource', ['binary', 'url']) === 'url') {
				const url = p.string('voucherUrl', { required: true });
				if (!/^https?:\/\//i.test(url)) p.fail('voucherUrl', `must start with http:// or https://, got "${url.slice(0, 40)}"`, 'Enter a full, public image URL.');
				return { body: { orderId, voucherUrl: url } };
			}
			const file = await p.binary('binaryPropertyName');
			if (file.mimeType && !/^image\//i.test(file.mimeType) && file.mimeType !== 'application/pdf') {
				p.fail('binaryPropertyName', `holds a ${file.mimeType} file, not an image`, 'Pass the voucher as an image (JPEG or PNG).');
			}
			if (file.buffer.length === 0) p.fail('binaryPropertyName', 'holds an empty file', 'Check the node that produced the image.');
			return {
				body: { orderId, imageBase64: file.buffer.toString('base64'), fileName: file.fileName },
			};
		},
	},
	{
		resource,
		value: 'updateWarehouse',
		name: 'Update Warehouse',
		action: 'Update the warehouse of a Taobao order',
		description: 'Change the warehouse in China that a Taobao order ships to',
		catalogId: 'taobao.order.updateWarehouse',
		apiDocs: 'documented',
		method: 'POST',
		path: '/open/order/updateWarehouse',
		write: true,
		checkHint: `${CHECK_ORDER} with its warehouse`,
		properties: [
			taobaoOrderLocator(),
			{
				displayName: 'Warehouse Name',
				name: 'warehouseName',
				type: 'string',
				default: '',
				placeholder: 'e.g. 一号仓库',
				description: 'Name of the forwarding warehouse',
			},
			{
				displayName: 'Warehouse Address',
				name: 'warehouseAddress',
				type: 'string',
				default: '',
				placeholder: 'e.g. 广西省南宁市…',
				description: 'Address of the forwarding warehouse in China',
			},
		],
		request: (p) => {
			const body = compact({
				orderId: p.idDigits('orderId'),
				warehouseName: p.string('warehouseName', { maxLength: 200 }),
				warehouseAddress: p.string('warehouseAddress', { maxLength: 500 }),
			});
			if (!body.warehouseName && !body.warehouseAddress) {
				p.fail('warehouseName', 'and "Warehouse Address" are both empty', 'Fill in the warehouse name, its address, or both.');
			}
			return { body };
		},
	},
	{
		resource,
		value: 'getImLink',
		name: 'Get Chat Link',
		action: 'Get a chat link for a Taobao item or order',
		description: 'Get a link to the Taobao distributor chat about an item or order',
		catalogId: 'taobao.order.getImLink',
		apiDocs: 'partial',
		apiNote: "Sent in the form of PandaPon's documented example ({sourceType, bizId}).",
		method: 'POST',
		path: '/open/order/page/link/get',
		write: false,
		properties: [
			{
				displayName: 'Source Type',
				name: 'sourceType',
				type: 'string',
				default: 'item',
				required: true,
				description: 'What the chat is about; PandaPon\'s examples use "item"',
			},
			{
				displayName: 'Business ID',
				name: 'bizId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 700187748440',
				description: 'ID of that object, e.g. the Taobao item ID when Source Type is item',
			},
		],
		request: (p) => ({
			body: { sourceType: p.string('sourceType', { required: true }), bizId: p.string('bizId', { required: true }) },
		}),
	},
	{
		resource,
		value: 'getLogistics',
		name: 'Get Tracking',
		action: 'Get the tracking of a Taobao order',
		description: 'Get the China shipment tracking of a Taobao order: carrier, tracking number and steps',
		catalogId: 'taobao.order.getLogistics',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/order/logistics/get',
		write: false,
		properties: [taobaoOrderLocator()],
		request: (p) => ({ query: { orderId: p.idDigits('orderId') } }),
	},
];

function lineFromItem(p: Params): IDataObject {
	return {
		itemId: p.raw('line_itemId', ''),
		skuId: p.raw('line_skuId', ''),
		quantity: p.raw('line_quantity', ''),
		priceYuan: p.raw('line_priceYuan', ''),
		currency: p.raw('line_currency', 'CNY'),
	};
}
