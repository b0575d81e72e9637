import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import {
	TAOBAO_GOODS_STATUS,
	TAOBAO_REFUND_STATUS,
	TAOBAO_REFUND_TYPE,
	taobaoOrderLocator,
	taobaoRefundLocator,
} from '../helpers/taobaoFields';
import type { OperationSpec } from '../helpers/types';

const resource = 'taobaoAfterSale';

const CHECK_REFUND = 'Get (Taobao After-Sale) shows the after-sale order as it is now';

/** Refund IDs such as TQ512345678901234567 go into a path: p.textId keeps them to letters and digits. */
const REFUND_ID_HINT = 'Copy the refundId exactly, e.g. TQ512345678901234567.';

/** Only there to list its lines in Sub-Order: the request names the sub-order alone. */
const lineOrder: INodeProperties = {
	...taobaoOrderLocator('orderId', 'The Taobao purchase order whose lines Sub-Order lists (not sent; By ID or an expression work too)'),
	required: false,
};

const subOrderId: INodeProperties = {
	displayName: 'Sub-Order Name or ID',
	name: 'subOrderId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTaobaoOrderLines', loadOptionsDependsOn: ['orderId.value'] },
	default: '',
	required: true,
	description:
		'The order line the after-sale concerns (title · SKU · quantity · price, lines without an open after-sale). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const refundType: INodeProperties = {
	displayName: 'Refund Type',
	name: 'refundType',
	type: 'options',
	options: TAOBAO_REFUND_TYPE,
	default: 1,
	required: true,
	description: 'What the buyer asks for (after-sales type code; codes are not documented by PandaPon)',
};

const goodsStatus: INodeProperties = {
	displayName: 'Goods Status',
	name: 'goodsStatus',
	type: 'options',
	options: TAOBAO_GOODS_STATUS,
	default: 1,
	required: true,
	description: 'Whether the goods have arrived; decides which reasons PandaPon offers (Get Refund Options lists the allowed ones)',
};

const refundFeeField = (description: string): INodeProperties => ({
	displayName: 'Refund Amount (CNY)',
	name: 'refundAmount',
	type: 'number',
	typeOptions: { minValue: 0.01, numberPrecision: 2 },
	default: 0,
	description,
});

/** The fen field earlier versions saved; still read, Refund Amount (CNY) replaces it. */
const legacyFeeField: INodeProperties = {
	displayName: 'Refund Amount (Fen, Earlier Versions)',
	name: 'refundFee',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 0,
	description: 'Whole fen, as workflows saved before Refund Amount (CNY) hold it; use Refund Amount (CNY) instead',
};

const refundDesc: INodeProperties = {
	displayName: 'Description',
	name: 'refundDesc',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: "The buyer's explanation shown to the seller",
};

function intOption(p: Params, name: string, allowed: Array<{ value: number }>): number {
	const n = p.int(name, { required: true }) as number;
	if (!allowed.some((o) => o.value === n)) {
		p.fail(name, `must be one of ${allowed.map((o) => o.value).join(', ')}, got ${n}`, 'Pick a value from the list.');
	}
	return n;
}

/** The refund amount: typed in yuan (refundAmount), or whole fen as saved by earlier versions (refundFee). */
function optionalFee(p: Params, extra: IDataObject, field: string): number | undefined {
	const yuan = extra.refundAmount;
	if (yuan !== undefined && yuan !== '' && yuan !== 0) {
		const fen = p.fenIn(field, '"Refund Amount (CNY)"', yuan) as number;
		if (fen < 1) p.failIn(field, '"Refund Amount (CNY)"', 'must be at least 0.01', 'Enter yuan, e.g. 19.9 for CNY 19.90; the node sends fen.');
		return fen;
	}
	if (extra.refundFee === undefined || extra.refundFee === '' || extra.refundFee === 0) return undefined;
	return p.intIn(field, '"Refund Amount (Fen)"', extra.refundFee, { min: 1, hint: 'Enter the amount in fen, e.g. 1990 for CNY 19.90.' });
}

export const taobaoAfterSaleOperations: OperationSpec[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many Taobao refunds',
		description: 'List Taobao refunds and returns, with filters',
		catalogId: 'taobao.afterSale.list',
		apiDocs: 'partial',
		apiNote: 'PandaPon marks this endpoint as still in development.',
		method: 'POST',
		path: '/open/order/refund/queryList',
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
						displayName: 'After-Sale Order ID',
						name: 'refundId',
						type: 'string',
						default: '',
						description: 'Only this after-sale order (refundId, e.g. TQ512345678901234567)',
					},
					{
						displayName: 'Created After',
						name: 'refundStartTime',
						type: 'dateTime',
						default: '',
						description: 'Only after-sale orders created at or after this time (sent as epoch milliseconds)',
					},
					{
						displayName: 'Created Before',
						name: 'refundEndTime',
						type: 'dateTime',
						default: '',
						description: 'Only after-sale orders created at or before this time (sent as epoch milliseconds)',
					},
					{
						displayName: 'Purchase Order ID',
						name: 'purchaseOrderId',
						type: 'string',
						default: '',
						description: 'Only after-sales of this Taobao purchase order (19 digits)',
					},
					{
						displayName: 'Sales Order ID',
						name: 'salesOrderId',
						type: 'string',
						default: '',
						description: 'Only after-sales of orders with this Seller Order Number (your own order number)',
					},
					{
						displayName: 'Status',
						name: 'refundStatus',
						type: 'options',
						options: TAOBAO_REFUND_STATUS,
						default: 10,
						description: 'Only after-sale orders in this status (codes from the Taobao distributor docs; unconfirmed)',
					},
				],
			},
		],
		request: (p) => {
			const f = p.collection('filters');
			const time = (key: string, label: string): number | undefined => {
				const v = f[key];
				if (v === undefined || v === '' || v === null) return undefined;
				const ms = typeof v === 'number' ? v : Date.parse(String(v));
				if (!Number.isFinite(ms)) p.fail('filters', `"${label}" is not a date, got "${String(v).slice(0, 40)}"`, 'Pick a date and time, or give an ISO date such as 2025-06-01T00:00:00Z.');
				return ms;
			};
			const id = (key: string, label: string): string | undefined =>
				String(f[key] ?? '').trim() === '' ? undefined : p.textIdIn('filters', `"${label}"`, f[key]);
			const status = f.refundStatus === undefined || f.refundStatus === '' ? undefined : Number(f.refundStatus);
			if (status !== undefined && !Number.isInteger(status)) p.fail('filters', '"Status" must be a whole number', 'Pick a status from the list.');
			return {
				body: compact({
					refundId: id('refundId', 'After-Sale Order ID'),
					purchaseOrderId: id('purchaseOrderId', 'Purchase Order ID'),
					salesOrderId: id('salesOrderId', 'Sales Order ID'),
					refundStatus: status,
					refundStartTime: time('refundStartTime', 'Created After'),
					refundEndTime: time('refundEndTime', 'Created Before'),
				}),
			};
		},
		paging: pages('pageNo', 100, 'body'),
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a Taobao refund',
		description: 'Get one Taobao refund with its status, amount, return shipment and order line',
		catalogId: 'taobao.afterSale.get',
		apiDocs: 'documented',
		method: 'GET',
		path: '/v2/taobao/order/refund/query',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ query: { refundId: p.textId('refundId', REFUND_ID_HINT) } }),
	},
	{
		resource,
		value: 'render',
		name: 'Get Refund Options',
		action: 'Get the refund options of a Taobao order line',
		description: 'Get the reasons, goods statuses and amount limits a refund of this order line may use',
		catalogId: 'taobao.afterSale.render',
		apiDocs: 'documented',
		method: 'POST',
		path: '/v2/taobao/order/refund/render',
		write: false,
		properties: [lineOrder, subOrderId, refundType, goodsStatus],
		request: (p) => ({
			body: {
				subOrderId: p.idString('subOrderId'),
				refundType: intOption(p, 'refundType', TAOBAO_REFUND_TYPE),
				goodsStatus: intOption(p, 'goodsStatus', TAOBAO_GOODS_STATUS),
			},
		}),
	},
	{
		resource,
		value: 'submit',
		name: 'Create Refund',
		action: 'Create a refund for a Taobao order line',
		description: 'Apply for a refund, or a return and refund, of a Taobao order line',
		catalogId: 'taobao.afterSale.submit',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/refund/submit',
		write: true,
		checkHint: 'Get Many (Taobao After-Sale) filtered by the purchase order shows whether the request was created',
		properties: [
			lineOrder,
			subOrderId,
			refundType,
			goodsStatus,
			{
				displayName: 'Reason Name or ID',
				name: 'reasonId',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getTaobaoRefundReasons',
					loadOptionsDependsOn: ['subOrderId', 'refundType', 'goodsStatus'],
				},
				default: '',
				required: true,
				description:
					'Reason PandaPon offers (Get Refund Options) for this sub-order, refund type and goods status. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					refundDesc,
					refundFeeField('Amount to refund, in yuan (sent in fen). Without it PandaPon refunds the maximum Get Refund Options shows (maxRefundFee).'),
					legacyFeeField,
				],
			},
		],
		request: (p) => {
			const extra = p.collection('additionalFields');
			return {
				body: compact({
					subOrderId: p.idString('subOrderId'),
					refundType: intOption(p, 'refundType', TAOBAO_REFUND_TYPE),
					goodsStatus: intOption(p, 'goodsStatus', TAOBAO_GOODS_STATUS),
					reasonId: p.int('reasonId', { required: true, min: 0 }),
					refundFee: optionalFee(p, extra, 'additionalFields'),
					refundDesc: String(extra.refundDesc ?? '').trim(),
				}),
			};
		},
	},
	{
		resource,
		value: 'modify',
		name: 'Update',
		action: 'Update a Taobao refund',
		description: 'Change the reason, amount or description of a refund the seller has not answered yet',
		catalogId: 'taobao.afterSale.modify',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/refund/modify',
		write: true,
		checkHint: CHECK_REFUND,
		properties: [
			taobaoRefundLocator(),
			{
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					refundDesc,
					{
						displayName: 'Reason Name or ID',
						name: 'reasonId',
						type: 'options',
						typeOptions: {
							loadOptionsMethod: 'getTaobaoRefundReasonsForRefund',
							loadOptionsDependsOn: ['refundId.value'],
						},
						default: '',
						description:
							'New reason, from those Get Refund Options offers for the sub-order, refund type and goods status of this after-sale order. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					refundFeeField('New amount to refund, in yuan (sent in fen)'),
					legacyFeeField,
				],
			},
		],
		request: (p) => {
			const u = p.collection('updateFields');
			let reasonId: number | undefined;
			if (u.reasonId !== undefined && u.reasonId !== '') {
				reasonId = Number(u.reasonId);
				if (!Number.isSafeInteger(reasonId)) p.fail('updateFields', `"Reason" must be a reason ID, got "${String(u.reasonId).slice(0, 40)}"`, 'Pick a reason from the list.');
			}
			const body = compact({
				refundId: p.textId('refundId', REFUND_ID_HINT),
				reasonId,
				refundFee: optionalFee(p, u, 'updateFields'),
				refundDesc: u.refundDesc === undefined ? undefined : String(u.refundDesc).trim(),
			});
			if (Object.keys(body).length === 1) {
				p.fail('updateFields', 'is empty', 'Add the reason, amount or description to change.');
			}
			return { body };
		},
	},
	{
		resource,
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a Taobao refund',
		description: 'Withdraw a Taobao refund request',
		catalogId: 'taobao.afterSale.cancel',
		apiDocs: 'documented',
		apiNote: 'Sent as a GET with the refund ID in the path, as PandaPon documents it.',
		method: 'GET',
		path: '/v2/taobao/order/refund/cancel/{refundId}',
		write: true,
		checkHint: `${CHECK_REFUND}: status -20 (closed) means it was withdrawn`,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ path: `/v2/taobao/order/refund/cancel/${encodeURIComponent(p.textId('refundId', REFUND_ID_HINT))}` }),
	},
	{
		resource,
		value: 'submitMessage',
		name: 'Send Message',
		action: 'Send a message on a Taobao refund',
		description: 'Add a message (text and/or image links) to a Taobao refund',
		catalogId: 'taobao.afterSale.submitMessage',
		apiDocs: 'partial',
		apiNote: 'PandaPon marks this endpoint as still in development.',
		method: 'POST',
		path: '/open/order/refund/submit/message',
		write: true,
		checkHint: 'Get Messages (Taobao After-Sale) lists the messages of the after-sale order',
		properties: [
			taobaoRefundLocator(),
			{
				displayName: 'Message',
				name: 'refundMessage',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Text of the message to the seller',
			},
			{
				displayName: 'Image URLs',
				name: 'refundImages',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://example.com/proof1.jpg, https://example.com/proof2.jpg',
				description: 'Links to proof images, separated by commas (format not documented; sent as one comma-separated string)',
			},
		],
		request: (p) => {
			const images = p
				.string('refundImages')
				.split(/[\s,]+/)
				.filter((s) => s !== '');
			const body = compact({
				refundId: p.textId('refundId', REFUND_ID_HINT),
				refundMessage: p.string('refundMessage', { maxLength: 2000 }),
				refundImages: images.join(','),
			});
			if (!body.refundMessage && !body.refundImages) {
				p.fail('refundMessage', 'and "Image URLs" are both empty', 'Write a message, add image links, or both.');
			}
			return { body };
		},
	},
	{
		resource,
		value: 'getMessages',
		name: 'Get Messages',
		action: 'Get the messages of a Taobao refund',
		description: 'List the messages exchanged on a Taobao refund, one item per message',
		catalogId: 'taobao.afterSale.listMessages',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/refund/message/queryList',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ body: { refundId: p.textId('refundId', REFUND_ID_HINT) } }),
	},
	{
		resource,
		value: 'renderReturnLogistics',
		name: 'Get Return Options',
		action: 'Get the return options of a Taobao refund',
		description: "Get the seller's return address and the carriers to choose from before sending goods back",
		catalogId: 'taobao.afterSale.returnLogisticsRender',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/order/refund/logistics/render',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ query: { refundId: p.textId('refundId', REFUND_ID_HINT) } }),
	},
	{
		resource,
		value: 'submitReturnLogistics',
		name: 'Submit Return Shipment',
		action: 'Submit the return shipment of a Taobao refund',
		description: 'Tell the seller which carrier and tracking number the returned goods travel with',
		catalogId: 'taobao.afterSale.returnLogisticsSubmit',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/open/order/refund/logistics/submit',
		write: true,
		checkHint: `${CHECK_REFUND}, including its return logistics`,
		properties: [
			taobaoRefundLocator(),
			{
				displayName: 'Carrier Name or ID',
				name: 'logisticsCompanyCode',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getTaobaoReturnCarriers',
					loadOptionsDependsOn: ['refundId.value'],
				},
				default: '',
				required: true,
				description:
					'Carrier of the return parcel, from Get Return Options. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tracking Number',
				name: 'logisticsNo',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. SF1234567890123',
				description: "The carrier's tracking number of the return parcel",
			},
		],
		request: (p) => ({
			body: {
				refundId: p.textId('refundId', REFUND_ID_HINT),
				logisticsCompanyCode: p.string('logisticsCompanyCode', { required: true, maxLength: 64 }),
				logisticsNo: p.string('logisticsNo', { required: true, maxLength: 64 }),
			},
		}),
	},
];
