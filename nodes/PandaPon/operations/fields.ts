import type { INodeProperties } from 'n8n-workflow';

/** Enum values from the catalog, shared by several operations. */
export const GOODS_STATUS_1688 = [
	{ name: 'Refund Before Seller Ships', value: 'refundWaitSellerSend' },
	{ name: 'Refund After Shipping, Before Receipt', value: 'refundWaitBuyerReceive' },
	{ name: 'Refund or Return After Receipt', value: 'refundBuyerReceived' },
	{ name: 'After-Sales Claim, Not Received', value: 'aftersaleBuyerNotReceived' },
	{ name: 'After-Sales Claim, Received', value: 'aftersaleBuyerReceived' },
] as const;

export const GOODS_STATUS_1688_VALUES = GOODS_STATUS_1688.map((o) => o.value);

/** A 1688 order picked from a searchable list, by ID, or by its 1688 order page URL. */
export function alibabaOrderLocator(
	name = 'orderId',
	description = 'The 1688 order (main order ID, up to 19 digits)',
): INodeProperties {
	return {
		displayName: 'Order',
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a 1688 order...',
				typeOptions: { searchListMethod: 'searchAlibabaOrders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2542285634920880794',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\d{1,20}\\s*$', errorMessage: 'A 1688 order ID is digits only' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://trade.1688.com/order/new_step_order_detail.htm?orderId=2542285634920880794',
				extractValue: { type: 'regex', regex: '[?&]orderId=(\\d{1,20})' },
				validation: [
					{
						type: 'regex',
						properties: { regex: '.*[?&]orderId=\\d{1,20}.*', errorMessage: 'The URL has no orderId=… part' },
					},
				],
			},
		],
	};
}
