import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	alibabaAddressProperty,
	alibabaOrderLocator,
	check1688Success,
	cargoProperties,
	readAlibabaAddress,
	readCargo,
	readCargoFromItems,
	simplifyAlibabaOrder,
} from './fields';
import { compact, type Params } from './params';
import type { OperationSpec, RequestParts } from './types';

const resource = 'alibabaOrder';

const TRADE_STATUS = [
	{ name: 'Awaiting Payment', value: 'waitbuyerpay' },
	{ name: 'Awaiting Shipment', value: 'waitsellersend' },
	{ name: 'Shipped, Awaiting Receipt', value: 'waitbuyerreceive' },
	{ name: 'Goods Received', value: 'confirm_goods' },
	{ name: 'Completed', value: 'success' },
	{ name: 'Cancelled', value: 'cancel' },
	{ name: 'Terminated', value: 'terminated' },
];

const CANCEL_REASONS = [
	{ name: 'Buyer Cancelled', value: 'buyerCancel', description: 'The buyer no longer wants the goods' },
	{ name: 'Seller Out of Stock', value: 'sellerGoodsLack', description: 'The seller cannot supply the goods' },
	{ name: 'Other', value: 'other', description: 'Any other reason; explain it in Remark' },
];

const orderOptions = (withFlowRequired: boolean): INodeProperties[] => [
	{
		displayName: 'Flow',
		name: 'flow',
		type: 'string',
		default: 'general',
		required: withFlowRequired,
		description: '1688 order flow; "general" for normal purchases',
	},
	{
		displayName: 'Additional Fields',
		name: 'orderFields',
		type: 'collection',
		placeholder: 'Add Field',
		description: 'Optional order settings',
		default: {},
		options: [
			{ displayName: 'Message', name: 'message', type: 'string', default: '', description: 'Buyer remark the seller sees' },
			{
				displayName: 'Shop Promotion ID',
				name: 'shopPromotionId',
				type: 'string',
				default: '',
				description: 'Shop promotion to apply (shopPromotionList in Preview)',
			},
			{
				displayName: 'Trade Type',
				name: 'tradeType',
				type: 'string',
				default: '',
				placeholder: 'e.g. assureTrade',
				description: 'Trade mode from the preview (tradeModelList / tradeModeNameList); leave empty for the default',
			},
		],
	},
];

function readOrderOptions(p: Params, flowRequired: boolean): IDataObject {
	const extra = p.collection('orderFields');
	return compact({
		flow: p.string('flow', { required: flowRequired }),
		message: String(extra.message ?? '').trim(),
		shopPromotionId: String(extra.shopPromotionId ?? '').trim(),
		tradeType: String(extra.tradeType ?? '').trim(),
	});
}

/** An operation whose goods lines come from a collection or, in one request, from all input items. */
function cargoSpec(
	base: Omit<OperationSpec, 'properties' | 'request' | 'combineItems'>,
	opts: { withSeller: boolean; specRequired: boolean; addressRequired: boolean; flow?: 'required' | 'optional'; extra?: INodeProperties[] },
): OperationSpec {
	const build = (first: Params, cargoParamList: IDataObject[]): RequestParts => ({
		body: compact({
			...(opts.flow ? readOrderOptions(first, opts.flow === 'required') : {}),
			addressParam: readAlibabaAddress(first, opts.addressRequired),
			cargoParamList,
		}),
	});
	return {
		...base,
		properties: [
			...cargoProperties(opts.withSeller, opts.specRequired),
			alibabaAddressProperty(opts.addressRequired),
			...(opts.flow ? orderOptions(opts.flow === 'required') : []),
			...(opts.extra ?? []),
		],
		request: (p) => {
			// A mode set by expression must still be one of the modes, not silently "define".
			p.oneOf('cargoSource', ['define', 'items']);
			return build(p, readCargo(p, opts.withSeller, opts.specRequired));
		},
		combineItems: {
			when: (first) => first.raw<string>('cargoSource', 'define') === 'items',
			request: (all) => build(all[0], readCargoFromItems(all, opts.withSeller, opts.specRequired)),
		},
	};
}

const checkedPreview = check1688Success('order preview');

export const alibabaOrderOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a 1688 order',
		description: 'Get one 1688 order with its lines, amounts (yuan) and logistics',
		catalogId: '1688.order.get',
		method: 'POST',
		path: '/alibaba/order/detail',
		write: false,
		properties: [alibabaOrderLocator()],
		// The API types orderId as a string here (unlike refunds), so it is sent quoted.
		request: (p) => ({ body: { webSite: '1688', orderId: p.idDigits('orderId') } }),
		simplify: simplifyAlibabaOrder,
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many 1688 orders',
		description: 'List 1688 orders, newest first, optionally by status; one item per order (amounts in yuan)',
		catalogId: '1688.order.list',
		method: 'POST',
		path: '/v2/alibaba/order/page',
		write: false,
		properties: [
			{
				displayName: 'Filters',
				name: 'orderFilters',
				type: 'collection',
				placeholder: 'Add Filter',
				description: 'Optional filters for the order list',
				default: {},
				options: [
					{
						displayName: 'Status',
						name: 'status',
						type: 'options',
						options: TRADE_STATUS,
						default: 'waitbuyerpay',
						description: 'Only orders in this 1688 trade status',
					},
				],
			},
		],
		request: (p) => {
			const f = p.collection('orderFilters');
			const status = String(f.status ?? '');
			if (status && !TRADE_STATUS.some((s) => s.value === status)) {
				p.fail('orderFilters', `has an unknown Status "${status.slice(0, 40)}"`, `Use one of ${TRADE_STATUS.map((s) => s.value).join(', ')}.`);
			}
			return { body: compact({ status }) };
		},
		paging: { pageParam: 'pageNo', sizeParam: 'pageSize', in: 'body', listPath: 'data', totalPath: 'totalRecords', maxPageSize: 100 },
		simplify: simplifyAlibabaOrder,
	},
	cargoSpec(
		{
			resource,
			value: 'preview',
			name: 'Preview',
			action: 'Preview a 1688 order',
			description:
				'Price goods lines of one seller before ordering: payment and freight (fen), trade modes, promotions. Fails with 1688\'s error code when 1688 reports success: false.',
			catalogId: '1688.order.preview',
			method: 'POST',
			path: '/alibaba/order/create/preview',
			write: false,
			checkData: checkedPreview,
		},
		{ withSeller: false, specRequired: false, addressRequired: false },
	),
	cargoSpec(
		{
			resource,
			value: 'create',
			name: 'Create',
			action: 'Create a 1688 order',
			description: 'Order goods lines of ONE seller; the order waits for payment (see Get Payment URL)',
			catalogId: '1688.order.create',
			method: 'POST',
			path: '/alibaba/order/create',
			write: true,
			checkHint: 'Look for the new order with Get Many (1688 Order, status Awaiting Payment) or in the PandaPon console',
		},
		{ withSeller: false, specRequired: true, addressRequired: true, flow: 'required' },
	),
	cargoSpec(
		{
			resource,
			value: 'previewBatch',
			name: 'Preview Batch',
			action: 'Preview 1688 orders of several sellers',
			description:
				'Price goods lines of several sellers at once; one item per seller preview (fen). Fails with 1688\'s error code when 1688 reports success: false.',
			catalogId: '1688.order.batchPreview',
			method: 'POST',
			path: '/alibaba/order/create/previewbatch',
			write: false,
			checkData: checkedPreview,
		},
		{ withSeller: true, specRequired: false, addressRequired: false },
	),
	cargoSpec(
		{
			resource,
			value: 'createBatch',
			name: 'Create Batch',
			action: 'Create 1688 orders of several sellers',
			description: 'Order goods lines of several sellers in one call; 1688 splits them into one order per seller (one item each)',
			catalogId: '1688.order.batchCreate',
			method: 'POST',
			path: '/alibaba/order/batch/create',
			write: true,
			checkHint: 'Look for the new orders with Get Many (1688 Order, status Awaiting Payment) or in the PandaPon console',
			simplify: simplifyAlibabaOrder,
		},
		{ withSeller: true, specRequired: false, addressRequired: false, flow: 'optional' },
	),
	{
		resource,
		value: 'submitAndPayBatch',
		name: 'Submit and Pay Batch',
		action: 'Submit and pay 1688 orders in bulk',
		description: "Pay several existing 1688 orders from the developer account's balance in one call",
		catalogId: '1688.order.batchSubmitPay',
		method: 'POST',
		path: '/alibaba/order/batch/submit/to/pay',
		write: true,
		checkHint: 'Get each order (1688 Order → Get) and check that its status left waitbuyerpay',
		properties: [
			{
				displayName: 'Order IDs',
				name: 'orderIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 2542285634940880794, 2059624776425880794',
				description: '1688 order IDs (19 digits) awaiting payment, separated by commas, or an array from an expression',
			},
		],
		// the API takes these ids as strings
		request: (p) => ({ body: { orderIds: p.idList('orderIds', { required: true, max: 100 }).map(String) } }),
	},
	{
		resource,
		value: 'getPaymentUrl',
		name: 'Get Payment URL',
		action: 'Get the payment URL of a 1688 order',
		description:
			'Pay a 1688 order: with password-free (protocol) payment it is paid at once (protocolPaySuccess true); otherwise returns the cashier URL (payUrl) to finish payment',
		catalogId: '1688.order.pay',
		method: 'GET',
		path: '/alibaba/order/pay/url',
		// may pay the order right away, so it is never re-sent automatically
		write: true,
		checkHint: 'Get the order (1688 Order → Get) and check whether its status left waitbuyerpay',
		properties: [alibabaOrderLocator('orderId', 'The 1688 order to pay (awaiting payment)')],
		request: (p) => ({ query: { orderId: p.idDigits('orderId') } }),
	},
	{
		resource,
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a 1688 order',
		description: 'Cancel a 1688 order that is still awaiting payment (waitbuyerpay)',
		catalogId: '1688.order.cancel',
		method: 'POST',
		path: '/alibaba/order/cancel',
		write: true,
		checkHint: 'Get the order (1688 Order → Get) and check whether its status is cancel',
		properties: [
			alibabaOrderLocator('orderId', 'The 1688 order to cancel (must be awaiting payment)'),
			{
				displayName: 'Reason',
				name: 'cancelReason',
				type: 'options',
				options: CANCEL_REASONS,
				default: 'buyerCancel',
				required: true,
				description: 'Why the order is cancelled (1688 reason code)',
			},
			{
				displayName: 'Remark',
				name: 'remark',
				type: 'string',
				default: '',
				description: 'Free-text note stored with the cancellation',
			},
		],
		request: (p) => ({
			body: compact({
				webSite: '1688',
				orderId: p.id('orderId'),
				cancelReason: p.oneOf('cancelReason', CANCEL_REASONS.map((r) => r.value)),
				remark: p.string('remark', { maxLength: 500 }),
			}),
		}),
	},
	{
		resource,
		value: 'confirmReceipt',
		name: 'Confirm Receipt',
		action: 'Confirm receipt of a 1688 order',
		description:
			"Confirm that the goods of a shipped 1688 order arrived (waitbuyerreceive → confirm_goods). Fails with 1688's error code when 1688 reports success: false.",
		catalogId: '1688.order.confirmReceipt',
		method: 'POST',
		path: '/alibaba/order/receivegoods',
		write: true,
		checkHint: 'Get the order (1688 Order → Get) and check whether its status is confirm_goods',
		properties: [
			alibabaOrderLocator('orderId', 'The shipped 1688 order whose goods arrived'),
			{
				displayName: 'Sub-Order IDs',
				name: 'orderEntryIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1024285237574584051',
				description: 'Only these order lines (subItemID in Get Order), separated by commas; leave empty for the whole order',
			},
		],
		request: (p) => ({
			body: compact({ orderId: p.id('orderId'), orderEntryIds: p.idList('orderEntryIds', { max: 100 }) }),
		}),
		checkData: check1688Success('receipt confirmation'),
	},
	{
		resource,
		value: 'getLogisticsTrace',
		name: 'Get Logistics Trace',
		action: 'Get the logistics trace of a 1688 order',
		description: 'Tracking steps of the shipments of a 1688 order; one item per shipment, none before shipping (inferred endpoint)',
		catalogId: '1688.order.getLogisticsTrace',
		method: 'GET',
		path: '/alibaba/order/logistics/trace',
		write: false,
		properties: [alibabaOrderLocator()],
		request: (p) => ({ query: { orderId: p.idDigits('orderId') } }),
	},
];
