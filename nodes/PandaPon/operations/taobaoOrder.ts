import type { IDataObject } from 'n8n-workflow';

import { stringifyJson } from '../../shared/transport/json';
import { IMAGE_SOURCES, imageSourceProperties, readImageFile, readImageUrl } from '../helpers/image';
import { orderLines } from '../helpers/orderLines';
import { pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import {
	TAOBAO_ORDER_STATUS,
	readTaobaoAddress,
	taobaoAddressFields,
	taobaoOrderLocator,
} from '../helpers/taobaoFields';
import type { OperationSpec } from '../helpers/types';
import { simplifyTaobaoOrder } from '../helpers/simplify';
import { quantityProperty } from '../helpers/fields';

const resource = 'taobaoOrder';

const CHECK_ORDER = 'Get (Taobao Order) shows the order and its status';

/** One order line per SKU, typed or from the input items (stored names of earlier versions kept). */
const lines = orderLines<OrderLine>(
	{ source: 'orderLinesSource', fromItems: 'inputItems', lines: 'orderLines', itemParam: (field) => `line_${field}` },
	[
		{
			field: {
				displayName: 'Item ID',
				name: 'itemId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 600126245031041190',
				description: 'Distribution item ID of the Taobao product (keep long IDs as text)',
			},
		},
		{
			field: {
				displayName: 'SKU ID',
				name: 'skuId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 5016042822039',
				description: 'SKU ID of the variant (skuList[].skuId in Get of Taobao Product)',
			},
		},
		{
			field: quantityProperty('How many units to buy'),
		},
		{
			field: {
				displayName: 'Unit Price (Yuan)',
				name: 'priceYuan',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 19.90',
				description: 'Price of one unit in yuan (CNY); the node sends it in fen, as Taobao counts (19.90 → 1990)',
			},
		},
		{ field: { displayName: 'Currency', name: 'currency', type: 'string', default: 'CNY', description: 'Currency code of the price' } },
	],
	(line, index) => {
		const itemId = line.idString('itemId', 'Enter the distribution item ID, digits only.');
		const skuId = line.idString('skuId', 'Enter the SKU ID, digits only.');
		const quantity = line.int('quantity', { min: 1 });
		const price = line.fen('priceYuan');
		if (price === undefined) line.fail('priceYuan', 'is empty', 'Enter the price of one unit in yuan, e.g. 19.90.');
		const currency = line.text('currency') || 'CNY';
		return { itemId, orderLineNo: String(index + 1), quantity: String(quantity), price: String(price), currency, skuId };
	},
);

interface OrderLine {
	itemId: string;
	orderLineNo: string;
	quantity: string;
	price: string;
	currency: string;
	skuId: string;
}

/** The order body; `orderLineList` and `receiver` are JSON strings in the API. */
function orderBody(p: Params, lines: OrderLine[]): IDataObject {
	const receiver = readTaobaoAddress(p, 'receiver', { required: true });
	const computed = lines.reduce((sum, l) => sum + Number(l.price) * Number(l.quantity), 0);
	const given = p.fenIn('purchaseAmountYuan', '', p.raw('purchaseAmountYuan', '')) ?? 0;
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
			...lines.properties('order', 'The goods to buy, one entry per SKU'),
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
		...lines.spec((first, all) => ({ body: orderBody(first, all) })),
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
				query.orderId = p.idStringIn('filters', '"Order ID"', filters.orderId, 'Enter the 19-digit order ID.');
			}
			return { query };
		},
		paging: pages('pageNo', 100, 'query'),
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
		request: (p) => ({ query: { orderId: p.idString('orderId') } }),
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
			body: compact({ orderId: p.idString('orderId'), cancelReason: p.string('cancelReason', { maxLength: 200 }) }),
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
		request: (p) => ({ body: { orderId: p.idString('orderId') } }),
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
			...imageSourceProperties({
				label: 'Voucher',
				source: 'voucherSource',
				defaultSource: 'binary',
				url: 'voucherUrl',
				what: 'voucher image',
				urlPlaceholder: 'e.g. https://example.com/receipts/10042.jpg',
				urlDescription: 'Public URL of the voucher image',
			}),
		],
		request: async (p) => {
			const orderId = p.idString('orderId');
			if (p.oneOf('voucherSource', IMAGE_SOURCES) === 'url') return { body: { orderId, voucherUrl: readImageUrl(p, 'voucherUrl') } };
			const file = await readImageFile(p);
			if (file.mimeType && !/^image\//i.test(file.mimeType) && file.mimeType !== 'application/pdf') {
				p.fail('binaryPropertyName', `holds a ${file.mimeType} file, not an image`, 'Pass the voucher as an image (JPEG or PNG).');
			}
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
				orderId: p.idString('orderId'),
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
		request: (p) => ({ query: { orderId: p.idString('orderId') } }),
	},
];
