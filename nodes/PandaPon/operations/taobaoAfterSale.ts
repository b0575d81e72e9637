import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact, type Params } from './params';
import {
	TAOBAO_GOODS_STATUS,
	TAOBAO_REFUND_STATUS,
	TAOBAO_REFUND_TYPE,
	inferred,
	taobaoRefundLocator,
} from './taobaoFields';
import type { OperationSpec } from './types';

const resource = 'taobaoAfterSale';

const CHECK_REFUND = 'Get (Taobao After-Sale) shows the after-sale order as it is now';

/** A refund ID such as TQ512345678901234567: letters and digits only (it goes into a path). */
export function refundIdOf(p: Params, name = 'refundId'): string {
	const id = p.string(name, { required: true });
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
		p.fail(name, `must be letters and digits only, got "${id.slice(0, 40)}"`, 'Copy the refundId exactly, e.g. TQ512345678901234567.');
	}
	return id;
}

const subOrderId: INodeProperties = {
	displayName: 'Sub-Order ID',
	name: 'subOrderId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 3021045938172635412',
	description: 'The order line the after-sale concerns (subOrderId in orderLineList of Get of Taobao Order), 19 digits',
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
	description: 'Whether the goods have arrived; decides which reasons PandaPon offers (Render lists the allowed ones)',
};

const refundFeeField = (description: string): INodeProperties => ({
	displayName: 'Refund Amount (Fen)',
	name: 'refundFee',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 0,
	description,
});

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

function optionalFee(p: Params, extra: IDataObject): number | undefined {
	if (extra.refundFee === undefined || extra.refundFee === '' || extra.refundFee === 0) return undefined;
	const n = Number(extra.refundFee);
	if (!Number.isSafeInteger(n) || n < 1) {
		p.fail('additionalFields', `"Refund Amount (Fen)" must be a whole number of at least 1, got "${String(extra.refundFee)}"`, 'Enter the amount in fen, e.g. 1990 for CNY 19.90.');
	}
	return n;
}

export const taobaoAfterSaleOperations: OperationSpec[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many Taobao after-sale orders',
		description:
			'List Taobao after-sales (refund / return) orders with filters. PandaPon flags this endpoint as still in development.',
		catalogId: 'taobao.afterSale.list',
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
			const id = (key: string, label: string): string | undefined => {
				const v = String(f[key] ?? '').trim();
				if (v === '') return undefined;
				if (!/^[A-Za-z0-9_-]{1,64}$/.test(v)) p.fail('filters', `"${label}" must be letters and digits only, got "${v.slice(0, 40)}"`, 'Copy the ID exactly.');
				return v;
			};
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
		paging: { pageParam: 'pageNo', sizeParam: 'pageSize', maxPageSize: 100, in: 'body', listPath: 'data', totalPath: 'totalRecords' },
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a Taobao after-sale order',
		description: 'Get one Taobao after-sales order with its status, amount (fen), return logistics and order line',
		catalogId: 'taobao.afterSale.get',
		method: 'GET',
		path: '/v2/taobao/order/refund/query',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ query: { refundId: refundIdOf(p) } }),
	},
	{
		resource,
		value: 'render',
		name: 'Render',
		action: 'Get after-sale options for a Taobao sub-order',
		description:
			'Show what may be requested for an order line: reasons, allowed goods statuses and the refund amount limits (fen)',
		catalogId: 'taobao.afterSale.render',
		method: 'POST',
		path: '/v2/taobao/order/refund/render',
		write: false,
		properties: [subOrderId, refundType, goodsStatus],
		request: (p) => ({
			body: {
				subOrderId: p.idDigits('subOrderId'),
				refundType: intOption(p, 'refundType', TAOBAO_REFUND_TYPE),
				goodsStatus: intOption(p, 'goodsStatus', TAOBAO_GOODS_STATUS),
			},
		}),
	},
	{
		resource,
		value: 'submit',
		name: 'Submit',
		action: 'Submit a Taobao after-sale request',
		description: inferred('Apply for a refund, or return and refund, of a Taobao order line'),
		catalogId: 'taobao.afterSale.submit',
		method: 'POST',
		path: '/open/order/refund/submit',
		write: true,
		checkHint: 'Get Many (Taobao After-Sale) filtered by the purchase order shows whether the request was created',
		properties: [
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
					'Reason PandaPon offers (Render) for this sub-order, refund type and goods status. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				options: [
					refundDesc,
					refundFeeField(
						'Amount to refund as a whole number in fen (1/100 CNY), e.g. 1990 for CNY 19.90. Empty lets PandaPon use the maximum Render shows (maxRefundFee).',
					),
				],
			},
		],
		request: (p) => {
			const extra = p.collection('additionalFields');
			return {
				body: compact({
					subOrderId: p.idDigits('subOrderId'),
					refundType: intOption(p, 'refundType', TAOBAO_REFUND_TYPE),
					goodsStatus: intOption(p, 'goodsStatus', TAOBAO_GOODS_STATUS),
					reasonId: p.int('reasonId', { required: true, min: 0 }),
					refundFee: optionalFee(p, extra),
					refundDesc: String(extra.refundDesc ?? '').trim(),
				}),
			};
		},
	},
	{
		resource,
		value: 'modify',
		name: 'Modify',
		action: 'Modify a Taobao after-sale request',
		description: inferred('Change the reason, amount or description of an after-sale request the seller has not answered yet'),
		catalogId: 'taobao.afterSale.modify',
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
							'New reason, from those Render offers for the sub-order, refund type and goods status of this after-sale order. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					refundFeeField('New amount to refund as a whole number in fen (1/100 CNY), e.g. 1990 for CNY 19.90'),
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
				refundId: refundIdOf(p),
				reasonId,
				refundFee: optionalFee(p, u),
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
		action: 'Cancel a Taobao after-sale request',
		description: 'Withdraw a Taobao after-sales request (GET with the ID in the path)',
		catalogId: 'taobao.afterSale.cancel',
		method: 'GET',
		path: '/v2/taobao/order/refund/cancel/{refundId}',
		write: true,
		checkHint: `${CHECK_REFUND}: status -20 (closed) means it was withdrawn`,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ path: `/v2/taobao/order/refund/cancel/${encodeURIComponent(refundIdOf(p))}` }),
	},
	{
		resource,
		value: 'submitMessage',
		name: 'Submit Message',
		action: 'Send a message on a Taobao after-sale order',
		description:
			'Add a message (text and/or image links) to a Taobao after-sales order. PandaPon flags this endpoint as still in development.',
		catalogId: 'taobao.afterSale.submitMessage',
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
				refundId: refundIdOf(p),
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
		action: 'Get the messages of a Taobao after-sale order',
		description: inferred('List the messages exchanged on a Taobao after-sales order, one item per message'),
		catalogId: 'taobao.afterSale.listMessages',
		method: 'POST',
		path: '/open/order/refund/message/queryList',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ body: { refundId: refundIdOf(p) } }),
	},
	{
		resource,
		value: 'renderReturnLogistics',
		name: 'Render Return Logistics',
		action: 'Get return shipping options for a Taobao after-sale order',
		description: inferred("Get the seller's return address and the carriers to choose from before shipping goods back"),
		catalogId: 'taobao.afterSale.returnLogisticsRender',
		method: 'GET',
		path: '/open/order/refund/logistics/render',
		write: false,
		properties: [taobaoRefundLocator()],
		request: (p) => ({ query: { refundId: refundIdOf(p) } }),
	},
	{
		resource,
		value: 'submitReturnLogistics',
		name: 'Submit Return Logistics',
		action: 'Submit the return shipment of a Taobao after-sale order',
		description: inferred('Tell the seller which carrier and tracking number the returned goods travel with'),
		catalogId: 'taobao.afterSale.returnLogisticsSubmit',
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
					'Carrier of the return parcel, from Render Return Logistics. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				refundId: refundIdOf(p),
				logisticsCompanyCode: p.string('logisticsCompanyCode', { required: true, maxLength: 64 }),
				logisticsNo: p.string('logisticsNo', { required: true, maxLength: 64 }),
			},
		}),
	},
];
