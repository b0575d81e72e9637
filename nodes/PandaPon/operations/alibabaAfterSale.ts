import { GOODS_STATUS_1688, GOODS_STATUS_1688_VALUES, alibabaOrderLocator } from './fields';
import { compact } from './params';
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
		checkHint: 'Look for the refund with Get Refund (1688 After-Sale) or in the PandaPon console',
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
];
