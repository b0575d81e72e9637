import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { JsonInteger } from '../../shared/transport/json';
import { pandaPonApiRequest } from '../../shared/transport/request';
import {
	goodsStatusFor,
	matchReason,
	noRefundableLines,
	readRefundOrder,
	readRefundReasons,
	refundableCarriageFen,
	refundableLines,
	type Read,
	type RefundOrder,
	type RefundReason,
} from '../helpers/alibabaRefund';
import { GOODS_STATUS_1688, GOODS_STATUS_1688_VALUES, alibabaOrderLocator } from '../helpers/alibabaFields';
import { MAX_IMAGE_BYTES, binaryImageProperty, readImageFile } from '../helpers/image';
import { locator } from '../helpers/locator';
import { compact, type Params } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';

const resource = 'alibabaAfterSale';

const orderEntryIds: INodeProperties = {
	displayName: 'Order Line Names or IDs',
	name: 'orderEntryIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getAlibabaOrderLines', loadOptionsDependsOn: ['orderId.value'] },
	default: [],
	description:
		'Lines of the order the refund covers (title · SKU · quantity · amount); none picked means every line still refundable. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const AUTO = 'auto';
const GOODS_STATUS_VALUES = [AUTO, ...GOODS_STATUS_1688_VALUES];

const goodsStatus: INodeProperties = {
	displayName: 'Goods Status',
	name: 'goodsStatus',
	type: 'options',
	options: [{ name: 'From the Order’s Status', value: AUTO }, ...GOODS_STATUS_1688],
	default: AUTO,
	description:
		'Where the goods are; decides which refund reasons PandaPon offers. From the order’s status: paid → before the seller ships, shipped → after shipping, received → after receipt, completed → after-sales claim.',
};

/** Signed reads Create Refund and Get Refund Reasons make before their own request. */
function readerFor(p: Params): Read {
	return (method, path, body) =>
		pandaPonApiRequest.call(p.ctx, { method, path, body, write: false, itemIndex: p.itemIndex });
}

interface RefundScope {
	orderId: string;
	entries: string[];
	goodsStatus: string;
	/** Read only when a default needed it. */
	order?: RefundOrder;
}

/**
 * Order, lines and goods status of a refund: the lines default to every line still refundable,
 * the goods status to what the order's state implies; the order is read only when needed.
 */
async function refundScope(p: Params, read: Read, needOrder = false): Promise<RefundScope> {
	const orderId = String(p.idInteger('orderId'));
	const entries = p.idIntegerList('orderEntryIds', { max: 100 }).map(String);
	let status = p.oneOf('goodsStatus', GOODS_STATUS_VALUES) as string;
	let order: RefundOrder | undefined;
	if (needOrder || entries.length === 0 || status === AUTO) order = await readRefundOrder(read, orderId);
	if (order) {
		if (entries.length === 0) entries.push(...refundableLines(order).map((l) => l.id));
		if (entries.length === 0) p.fail('orderId', `names an order with nothing to refund (${noRefundableLines(order)})`, 'Pick an order that is paid and whose lines have no open refund.');
		if (status === AUTO) {
			const implied = goodsStatusFor(order);
			if (!implied) p.fail('goodsStatus', `cannot follow order ${orderId}: its status ${order.status} allows no refund`, 'Pick a paid, shipped or received order.');
			status = implied;
		}
	}
	return { orderId, entries, goodsStatus: status, order };
}

/** Amount fields in yuan (Additional Fields), as fen: absent means the full refundable amount. */
function yuanField(p: Params, extra: IDataObject, key: string, label: string): number | undefined {
	return p.fenIn('additionalFields', `"${label}"`, extra[key]);
}

/**
 * Goods Amount (Fen) and Freight Amount (Fen) as earlier versions saved them (whole fen, top
 * level): hidden, still read, and overridden by the amounts in yuan.
 */
const legacyAmounts: INodeProperties[] = [
	{ displayName: 'Goods Amount (Fen)', name: 'applyPayment', type: 'hidden', default: '' },
	{ displayName: 'Freight Amount (Fen)', name: 'applyCarriage', type: 'hidden', default: '' },
];

function legacyFen(p: Params, name: string): number | undefined {
	return p.int(name, { min: 0 });
}

export const alibabaAfterSaleOperations: OperationSpec[] = [
	{
		resource,
		value: 'getRefundReasons',
		name: 'Get Refund Reasons',
		action: 'Get refund reasons for a 1688 order',
		description:
			'List the refund and return reasons PandaPon accepts for the order (all its refundable lines unless you pick some)',
		catalogId: '1688.afterSale.listReasons',
		apiDocs: 'documented',
		method: 'POST',
		path: '/alibaba/refund/reason/list',
		write: false,
		properties: [alibabaOrderLocator(), orderEntryIds, goodsStatus],
		request: async (p) => {
			const scope = await refundScope(p, readerFor(p));
			return {
				body: {
					orderId: p.idInteger('orderId'),
					orderEntryIds: scope.entries.map((id) => new JsonInteger(id)),
					goodsStatus: scope.goodsStatus,
				},
			};
		},
	},
	{
		resource,
		value: 'createRefund',
		name: 'Create Refund',
		action: 'Create a refund for a 1688 order',
		description: 'Apply for a refund, or a return and refund, of 1688 order lines',
		catalogId: '1688.afterSale.create',
		apiDocs: 'documented',
		method: 'POST',
		path: '/alibaba/refund/detail/create',
		write: true,
		checkHint: 'Look for the refund with Get (1688 After-Sale) or in the PandaPon console',
		properties: [
			alibabaOrderLocator(),
			orderEntryIds,
			goodsStatus,
			{
				displayName: 'Refund Reason Name or ID',
				name: 'applyReasonId',
				type: 'options',
				typeOptions: {
					loadOptionsMethod: 'getAlibabaRefundReasons',
					loadOptionsDependsOn: ['orderId.value', 'orderEntryIds', 'goodsStatus'],
				},
				default: '',
				required: true,
				description:
					'Reason PandaPon offers for this order; an expression may also give its text (e.g. 我不想要了), looked up for each order. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Request Type',
				name: 'disputeRequest',
				type: 'options',
				options: [
					{ name: 'Refund Only', value: 'refund' },
					{ name: 'Return and Refund', value: 'returnRefund' },
					{ name: 'Exchange', value: 'exchange' },
				],
				default: 'refund',
				required: true,
				description: 'What the buyer asks for (1688 dispute request type)',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				required: true,
				description: "The buyer's explanation shown to the seller",
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				description: 'Optional fields',
				default: {},
				options: [
					{
						displayName: 'Goods Amount (CNY)',
						name: 'refundAmount',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						description:
							'Goods amount to refund, in yuan (sent to 1688 in fen). Without it the node asks for the full amount of the chosen lines.',
					},
					{
						displayName: 'Freight Amount (CNY)',
						name: 'refundCarriage',
						type: 'number',
						typeOptions: { minValue: 0, numberPrecision: 2 },
						default: 0,
						description:
							'Freight to refund, in yuan (sent in fen). Without it: the order’s shipping fee when the refund covers every refundable line and the reason refunds freight, else 0.',
					},
					{
						displayName: 'Voucher Image URLs',
						name: 'vouchers',
						type: 'string',
						default: '',
						description:
							'Proof image URLs (from Upload Voucher), separated by commas. Required when the reason needs a voucher.',
					},
				],
			},
			...legacyAmounts,
		],
		request: async (p) => {
			const read = readerFor(p);
			const extra = p.collection('additionalFields');
			const typedGoods = yuanField(p, extra, 'refundAmount', 'Goods Amount (CNY)') ?? legacyFen(p, 'applyPayment');
			const typedFreight = yuanField(p, extra, 'refundCarriage', 'Freight Amount (CNY)') ?? legacyFen(p, 'applyCarriage');
			const wanted = p.string('applyReasonId', { required: true });
			const byId = /^\d{1,20}$/.test(wanted);
			const disputeRequest = p.oneOf('disputeRequest', ['refund', 'returnRefund', 'exchange']);
			const description = p.string('description', { required: true, maxLength: 500 });
			const vouchers = urlList(extra.vouchers);
			// Everything typed is checked above; reads for the defaults come after.
			const scope = await refundScope(p, read, typedGoods === undefined || typedFreight === undefined);

			// A reason given by its text, or freight left to the node, needs the reasons for this order.
			let reason: RefundReason | undefined;
			if (!byId || typedFreight === undefined) {
				const reasons = await readRefundReasons(read, scope.orderId, scope.entries, scope.goodsStatus);
				reason = matchReason(reasons, wanted);
				if (!reason && !byId) {
					p.fail('applyReasonId', `"${wanted.slice(0, 40)}" matches none of the reasons PandaPon offers for order ${scope.orderId} (${scope.goodsStatus}): ${reasons.map((r) => r.name).join(', ') || 'none'}`, 'Give one of these texts, or the reason ID from Get Refund Reasons.');
				}
			}
			const lines = scope.order?.lines ?? [];
			let goods = typedGoods;
			if (goods === undefined) {
				const unknown = scope.entries.find((id) => !lines.some((l) => l.id === id));
				if (unknown) p.fail('orderEntryIds', `has ${unknown}, which is not a line of order ${scope.orderId}`, 'Pick the lines from the list, or leave it empty for all lines.');
				goods = lines.filter((l) => scope.entries.includes(l.id)).reduce((sum, l) => sum + l.amountFen, 0);
			}
			const freight = typedFreight ?? refundableCarriageFen(scope.order as RefundOrder, scope.entries, reason);
			return {
				body: compact({
					orderId: p.idInteger('orderId'),
					orderEntryIds: scope.entries.map((id) => new JsonInteger(id)),
					goodsStatus: scope.goodsStatus,
					applyReasonId: new JsonInteger(byId ? wanted : (reason as RefundReason).id),
					disputeRequest,
					applyPayment: goods,
					applyCarriage: freight,
					description,
					vouchers,
				}),
			};
		},
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a 1688 refund',
		description: 'Get one 1688 refund with its status, reason, amounts and return shipment',
		catalogId: '1688.afterSale.get',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/refund/info',
		write: false,
		properties: [refundId('The refund to get')],
		request: (p) => ({ body: { refundId: readRefundId(p) } }),
	},
	{
		resource,
		value: 'uploadVoucher',
		name: 'Upload Voucher',
		action: 'Upload a 1688 refund voucher',
		description: 'Upload a proof image for a refund or return and get its URL',
		catalogId: '1688.afterSale.uploadVoucher',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/refund/voucher/upload',
		write: true,
		checkHint: 'Upload the image again: an unused voucher does no harm',
		properties: [binaryImageProperty('proof image')],
		request: async (p) => {
			const file = await readImageFile(p, MAX_IMAGE_BYTES);
			return { body: { imageBase64: file.buffer.toString('base64'), fileName: file.fileName } };
		},
	},
	{
		resource,
		value: 'submitReturnLogistics',
		name: 'Submit Return Shipment',
		action: 'Submit the return shipment of a 1688 refund',
		description: 'Tell the seller which carrier and tracking number the returned goods travel with',
		catalogId: '1688.afterSale.submitReturnLogistics',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/refund/goods/return',
		write: true,
		checkHint: 'Get the refund (1688 After-Sale → Get) and check freightBill and status',
		properties: [
			refundId('The return-and-refund whose parcel was sent back'),
			{
				displayName: 'Carrier Name or ID',
				name: 'logisticsCompanyNo',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAlibabaLogisticsCompanies' },
				default: '',
				required: true,
				description:
					'Carrier of the return parcel (companyNo from Get Return Carriers). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tracking Number',
				name: 'freightBill',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. SF1234521212678',
				description: 'Tracking number of the return parcel',
			},
			{
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				description: 'Optional fields',
				default: {},
				options: [
					{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'Note to the seller' },
					{
						displayName: 'Voucher Image URLs',
						name: 'vouchers',
						type: 'string',
						default: '',
						description: 'Proof image URLs (from Upload Voucher), separated by commas',
					},
				],
			},
		],
		request: (p) => {
			const extra = p.collection('additionalFields');
			const carrier = p.string('logisticsCompanyNo', { required: true });
			if (!/^[\w-]{1,40}$/.test(carrier)) {
				p.fail('logisticsCompanyNo', `must be a carrier code such as SF, got "${carrier.slice(0, 40)}"`, 'Pick the carrier from the list (Get Return Carriers shows the codes).');
			}
			return {
				body: compact({
					refundId: readRefundId(p),
					logisticsCompanyNo: carrier,
					freightBill: p.string('freightBill', { required: true, maxLength: 64 }),
					description: String(extra.description ?? '').trim(),
					vouchers: urlList(extra.vouchers),
				}),
			};
		},
	},
	{
		resource,
		value: 'listLogisticsCompanies',
		name: 'Get Return Carriers',
		action: 'Get the carriers for 1688 returns',
		description: 'List the carriers a 1688 return shipment can name',
		catalogId: '1688.afterSale.listLogisticsCompanies',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/alibaba/refund/logistics/company/list',
		write: false,
		properties: [],
		request: () => ({}),
	},
];

function refundId(description: string): INodeProperties {
	return locator({
		displayName: 'Refund',
		name: 'refundId',
		description: `${description}: the 1688 refund (TQ… ID from Create Refund)`,
		list: { method: 'searchAlibabaRefunds', placeholder: 'Select a 1688 refund...' },
		id: { placeholder: 'e.g. TQ168812345678901234', pattern: '[A-Za-z]{0,4}\\d{1,30}', errorMessage: 'A 1688 refund ID is TQ followed by digits' },
	});
}

function readRefundId(p: Params): string {
	const id = p.string('refundId', { required: true });
	if (!/^[A-Za-z]{0,4}\d{1,30}$/.test(id)) {
		p.fail('refundId', `must look like TQ followed by digits, got "${id.slice(0, 40)}"`, 'Copy the refundId returned by Create Refund.');
	}
	return id;
}

function urlList(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,]+/);
	return list.map((s) => s.trim()).filter((s) => s !== '');
}
