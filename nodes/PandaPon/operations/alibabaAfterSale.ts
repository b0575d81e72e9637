import { GOODS_STATUS_1688, GOODS_STATUS_1688_VALUES, alibabaOrderLocator } from './fields';
import { compact, type Params } from './params';
import type { OperationSpec } from './types';

const resource = 'alibabaAfterSale';

const orderEntryIds = {
	displayName: 'Sub-Order IDs',
	name: 'orderEntryIds',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: 'e.g. 2542285634921880794, 2542285634922880794',
	description:
		'IDs of the order lines (subItemID in Get Order) the refund covers, separated by commas',
};

const goodsStatus = {
	displayName: 'Goods Status',
	name: 'goodsStatus',
	type: 'options' as const,
	options: [...GOODS_STATUS_1688],
	default: 'refundWaitSellerSend',
	required: true,
	description: 'Where the goods are; decides which refund reasons PandaPon offers',
};

export const alibabaAfterSaleOperations: OperationSpec[] = [
	{
		resource,
		value: 'getRefundReasons',
		name: 'Get Refund Reasons',
		action: 'Get refund reasons for a 1688 order',
		description: 'List the refund and return reasons PandaPon accepts for these order lines and goods status',
		catalogId: '1688.afterSale.listReasons',
		method: 'POST',
		path: '/alibaba/refund/reason/list',
		write: false,
		properties: [alibabaOrderLocator(), orderEntryIds, goodsStatus],
		request: (p) => ({
			body: {
				orderId: p.id('orderId'),
				orderEntryIds: p.idList('orderEntryIds', { required: true, max: 100 }),
				goodsStatus: p.oneOf('goodsStatus', GOODS_STATUS_1688_VALUES),
			},
		}),
	},
	{
		resource,
		value: 'createRefund',
		name: 'Create Refund',
		action: 'Create a refund for a 1688 order',
		description: 'Apply for a refund (or return and refund) of 1688 order lines',
		catalogId: '1688.afterSale.create',
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
					'Reason PandaPon offers for these order lines and goods status. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				displayName: 'Goods Amount (Fen)',
				name: 'applyPayment',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				required: true,
				description:
					'Goods amount to refund as a whole number in fen (1/100 CNY; unit not stated by PandaPon, 1688 uses fen), e.g. 1990 for CNY 19.90',
			},
			{
				displayName: 'Freight Amount (Fen)',
				name: 'applyCarriage',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 0 },
				default: 0,
				required: true,
				description: 'Freight to refund, in fen like the goods amount',
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
						displayName: 'Voucher Image URLs',
						name: 'vouchers',
						type: 'string',
						default: '',
						description:
							'Proof image URLs (from Upload Voucher), separated by commas. Required when the reason needs a voucher.',
					},
				],
			},
		],
		request: (p) => {
			const extra = p.collection('additionalFields');
			const vouchers = String(extra.vouchers ?? '')
				.split(/[\s,]+/)
				.filter((s) => s !== '');
			return {
				body: compact({
					orderId: p.id('orderId'),
					orderEntryIds: p.idList('orderEntryIds', { required: true, max: 100 }),
					goodsStatus: p.oneOf('goodsStatus', GOODS_STATUS_1688_VALUES),
					applyReasonId: p.id('applyReasonId'),
					disputeRequest: p.oneOf('disputeRequest', ['refund', 'returnRefund', 'exchange']),
					applyPayment: p.int('applyPayment', { min: 0, required: true }),
					applyCarriage: p.int('applyCarriage', { min: 0, required: true }),
					description: p.string('description', { required: true, maxLength: 500 }),
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
		description: 'Get one 1688 after-sales (refund) record: status, reason, amounts (fen), return shipment',
		catalogId: '1688.afterSale.get',
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
		description:
			'Upload a proof image (from a binary property) for a refund or return; returns its URL for Vouchers in Create Refund and Submit Return Logistics (inferred endpoint)',
		catalogId: '1688.afterSale.uploadVoucher',
		method: 'POST',
		path: '/alibaba/refund/voucher/upload',
		write: true,
		checkHint: 'Upload the image again: an unused voucher does no harm',
		properties: [
			{
				displayName: 'Input Binary Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				hint: 'The name of the input binary field containing the image',
				description: 'Binary property of the input item that holds the proof image (JPEG or PNG), usually "data"',
			},
		],
		request: async (p) => {
			const file = await p.binary('binaryPropertyName');
			if (file.buffer.length === 0) p.fail('binaryPropertyName', `names an empty file (${file.fileName})`, 'Pass a JPEG or PNG image.');
			if (file.buffer.length > 10 * 1024 * 1024) {
				p.fail('binaryPropertyName', `names a file of ${file.buffer.length} bytes, more than 10 MB`, 'Resize the image first.');
			}
			return { body: { imageBase64: file.buffer.toString('base64'), fileName: file.fileName } };
		},
	},
	{
		resource,
		value: 'submitReturnLogistics',
		name: 'Submit Return Logistics',
		action: 'Submit the return shipment of a 1688 refund',
		description: 'After the seller agreed to a return: report the carrier and tracking number of the parcel sent back',
		catalogId: '1688.afterSale.submitReturnLogistics',
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
					'Carrier of the return parcel (companyNo from List Logistics Companies). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
				p.fail('logisticsCompanyNo', `must be a carrier code such as SF, got "${carrier.slice(0, 40)}"`, 'Pick the carrier from the list (List Logistics Companies shows the codes).');
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
		name: 'List Logistics Companies',
		action: 'List logistics companies for 1688 returns',
		description: 'All carriers a 1688 return shipment can name; one item per carrier (companyNo is the code) (inferred endpoint)',
		catalogId: '1688.afterSale.listLogisticsCompanies',
		method: 'GET',
		path: '/alibaba/refund/logistics/company/list',
		write: false,
		properties: [],
		request: () => ({}),
	},
];

function refundId(description: string) {
	return {
		displayName: 'Refund ID',
		name: 'refundId',
		type: 'string' as const,
		default: '',
		required: true,
		placeholder: 'e.g. TQ168812345678901234',
		description: `${description}: the 1688 refund ID from Create Refund, starting with TQ`,
	};
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
