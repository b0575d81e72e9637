import {
	ALIBABA_ORDER_STATUS,
	alibabaAddressProperties,
	alibabaOrderLocator,
	alibabaOrderSettings,
	cargoLines,
	check1688Success,
	readAlibabaAddress,
	readAlibabaOrderSettings,
} from '../helpers/alibabaFields';
import { pages } from '../helpers/paging';
import { compact, type Params } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';
import { simplifyAlibabaOrder } from '../helpers/simplify';

const resource = 'alibabaOrder';

const CANCEL_REASONS = [
	{ name: 'Buyer Cancelled', value: 'buyerCancel', description: 'The buyer no longer wants the goods' },
	{ name: 'Seller Out of Stock', value: 'sellerGoodsLack', description: 'The seller cannot supply the goods' },
	{ name: 'Other', value: 'other', description: 'Any other reason; explain it in Remark' },
	{ name: 'Write Your Own', value: 'custom', description: 'Free text, as PandaPon’s own example sends (不想要了)' },
];

/** A suggested code, your own words (Write Your Own), or any text an expression gives. */
function cancelReasonOf(p: Params): string {
	const chosen = p.string('cancelReason', { required: true, maxLength: 200 });
	return chosen === 'custom' ? p.string('cancelReasonText', { required: true, maxLength: 200 }) : chosen;
}

/** An operation whose goods lines come from Order Lines or, in one request, from all input items. */
function cargoSpec(
	base: Omit<OperationSpec, 'properties' | 'request' | 'combineItems'>,
	opts: { withSeller: boolean; specRequired: boolean; addressRequired: boolean; flow?: 'required' | 'optional'; sends: 'order' | 'request' },
): OperationSpec {
	const lines = cargoLines(opts.withSeller, opts.specRequired);
	return {
		...base,
		properties: [
			...lines.properties(opts.sends, 'Goods to order: offer, SKU and quantity per line'),
			...alibabaAddressProperties(opts.addressRequired),
			...(opts.flow ? alibabaOrderSettings(opts.flow === 'required') : []),
		],
		...lines.spec(async (first, cargoParamList) => {
			const settings = opts.flow ? readAlibabaOrderSettings(first, opts.flow === 'required') : {};
			// last: a saved address is read from PandaPon only once the rest of the input is checked
			const addressParam = await readAlibabaAddress(first, opts.addressRequired);
			return { body: compact({ ...settings, addressParam, cargoParamList }) };
		}),
	};
}

const checkedPreview = check1688Success('order preview');

export const alibabaOrderOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a 1688 order',
		description: 'Get one 1688 order with its lines, amounts and logistics',
		catalogId: '1688.order.get',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/order/detail',
		write: false,
		properties: [alibabaOrderLocator()],
		// The API types orderId as a string here (unlike refunds), so it is sent quoted.
		request: (p) => ({ body: { webSite: '1688', orderId: p.idString('orderId') } }),
		simplify: simplifyAlibabaOrder,
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many 1688 orders',
		description: 'List 1688 orders, newest first, optionally by status',
		catalogId: '1688.order.list',
		apiDocs: 'partial',
		apiNote: 'PandaPon publishes only the path: the status filter and paging fields are assumed.',
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
						options: ALIBABA_ORDER_STATUS,
						default: 'waitbuyerpay',
						description: 'Only orders in this 1688 trade status',
					},
				],
			},
		],
		request: (p) => {
			const f = p.collection('orderFilters');
			const status = String(f.status ?? '');
			if (status && !ALIBABA_ORDER_STATUS.some((s) => s.value === status)) {
				p.fail('orderFilters', `has an unknown Status "${status.slice(0, 40)}"`, `Use one of ${ALIBABA_ORDER_STATUS.map((s) => s.value).join(', ')}.`);
			}
			return { body: compact({ status }) };
		},
		paging: pages('pageNo', 100, 'body'),
		simplify: simplifyAlibabaOrder,
	},
	cargoSpec(
		{
			resource,
			value: 'preview',
			name: 'Preview',
			action: 'Preview a 1688 order',
			description: 'Price the lines of one seller before ordering: payment, freight, trade modes and promotions',
			catalogId: '1688.order.preview',
			apiDocs: 'partial',
			method: 'POST',
			path: '/alibaba/order/create/preview',
			write: false,
			checkData: checkedPreview,
		},
		{ withSeller: false, specRequired: false, addressRequired: false, sends: 'request' },
	),
	cargoSpec(
		{
			resource,
			value: 'create',
			name: 'Create',
			action: 'Create a 1688 order',
			description: 'Order lines from one seller; the order then waits for payment',
			catalogId: '1688.order.create',
			apiDocs: 'partial',
			method: 'POST',
			path: '/alibaba/order/create',
			write: true,
			checkHint: 'Look for the new order with Get Many (1688 Order, status Awaiting Payment) or in the PandaPon console',
		},
		{ withSeller: false, specRequired: true, addressRequired: true, flow: 'required', sends: 'order' },
	),
	cargoSpec(
		{
			resource,
			value: 'previewBatch',
			name: 'Preview Many',
			action: 'Preview 1688 orders of several sellers',
			description: 'Price the lines of several sellers at once, one item per seller',
			catalogId: '1688.order.batchPreview',
			apiDocs: 'partial',
			method: 'POST',
			path: '/alibaba/order/create/previewbatch',
			write: false,
			checkData: checkedPreview,
		},
		{ withSeller: true, specRequired: false, addressRequired: false, sends: 'request' },
	),
	cargoSpec(
		{
			resource,
			value: 'createBatch',
			name: 'Create Many',
			action: 'Create 1688 orders of several sellers',
			description: 'Order lines of several sellers in one call; 1688 makes one order per seller',
			catalogId: '1688.order.batchCreate',
			apiDocs: 'partial',
			method: 'POST',
			path: '/alibaba/order/batch/create',
			write: true,
			checkHint: 'Look for the new orders with Get Many (1688 Order, status Awaiting Payment) or in the PandaPon console',
			simplify: simplifyAlibabaOrder,
		},
		{ withSeller: true, specRequired: false, addressRequired: false, flow: 'optional', sends: 'request' },
	),
	{
		resource,
		value: 'submitAndPayBatch',
		name: 'Pay Many',
		action: 'Pay many 1688 orders',
		description: "Pay several existing 1688 orders from the account's balance in one call",
		catalogId: '1688.order.batchSubmitPay',
		apiDocs: 'partial',
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
		request: (p) => ({ body: { orderIds: p.idIntegerList('orderIds', { required: true, max: 100 }).map(String) } }),
	},
	{
		resource,
		value: 'getPaymentUrl',
		name: 'Pay',
		action: 'Pay a 1688 order',
		description: 'Pay a 1688 order at once with password-free payment, or get the cashier URL to finish paying',
		catalogId: '1688.order.pay',
		apiDocs: 'documented',
		method: 'GET',
		path: '/alibaba/order/pay/url',
		// may pay the order right away, so it is never re-sent automatically
		write: true,
		checkHint: 'Get the order (1688 Order → Get) and check whether its status left waitbuyerpay',
		properties: [alibabaOrderLocator('orderId', 'The 1688 order to pay (awaiting payment)')],
		request: (p) => ({ query: { orderId: p.idString('orderId') } }),
	},
	{
		resource,
		value: 'cancel',
		name: 'Cancel',
		action: 'Cancel a 1688 order',
		description: 'Cancel a 1688 order that is still awaiting payment',
		catalogId: '1688.order.cancel',
		apiDocs: 'documented',
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
				description: 'Why the order is cancelled: a 1688 reason code, or your own words',
			},
			{
				displayName: 'Reason Text',
				name: 'cancelReasonText',
				type: 'string',
				default: '',
				placeholder: 'e.g. 不想要了',
				description: 'The reason in your own words, sent as it is',
				displayOptions: { show: { cancelReason: ['custom'] } },
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
				orderId: p.idInteger('orderId'),
				cancelReason: cancelReasonOf(p),
				remark: p.string('remark', { maxLength: 500 }),
			}),
		}),
	},
	{
		resource,
		value: 'confirmReceipt',
		name: 'Confirm Receipt',
		action: 'Confirm receipt of a 1688 order',
		description: 'Confirm that the goods of a shipped 1688 order arrived',
		catalogId: '1688.order.confirmReceipt',
		apiDocs: 'documented',
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
			body: compact({ orderId: p.idInteger('orderId'), orderEntryIds: p.idIntegerList('orderEntryIds', { max: 100 }) }),
		}),
		checkData: check1688Success('receipt confirmation'),
	},
	{
		resource,
		value: 'getLogisticsTrace',
		name: 'Get Tracking',
		action: 'Get the tracking of a 1688 order',
		description: "Get the tracking steps of a 1688 order's shipments, one item per shipment",
		catalogId: '1688.order.getLogisticsTrace',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/alibaba/order/logistics/trace',
		write: false,
		properties: [alibabaOrderLocator()],
		request: (p) => ({ query: { orderId: p.idString('orderId') } }),
	},
];
