import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locator } from './locator';
import type { Params } from './params';
import type { SavedAddress } from './savedAddress';

/**
 * Taobao order status codes (catalog enums.taobao_order_status, taken from the sister platform
 * Xportcn's docs; unconfirmed for PandaPon).
 */
export const TAOBAO_ORDER_STATUS = [
	{ name: 'Being Created (12)', value: 12 },
	{ name: 'Awaiting Payment (0)', value: 0 },
	{ name: 'Voucher Uploaded, Awaiting Finance Review (1)', value: 1 },
	{ name: 'Finance Approved the Payment (2)', value: 2 },
	{ name: 'Finance Rejected the Voucher (3)', value: 3 },
	{ name: 'Waiting for Finance to Pay (5)', value: 5 },
	{ name: 'Paid, Awaiting Seller Shipment (10)', value: 10 },
	{ name: 'Shipped by the Seller (11)', value: 11 },
	{ name: 'Closed / Cancelled (4)', value: 4 },
	{ name: 'Other (9)', value: 9 },
];

/** Taobao sub-order refund status codes (catalog enums.taobao_sub_order_refund_status; unconfirmed). */
export const TAOBAO_REFUND_STATUS = [
	{ name: 'Requested, Awaiting Seller (10)', value: 10 },
	{ name: 'Seller Agreed, Awaiting Return (20)', value: 20 },
	{ name: 'Return Shipped, Awaiting Seller Receipt (30)', value: 30 },
	{ name: 'Refund Completed (100)', value: 100 },
	{ name: 'Seller Refused (-10)', value: -10 },
	{ name: 'Refund Closed (-20)', value: -20 },
];

/** After-sales type codes (undocumented by PandaPon; the values the sandbox and Taobao Global use). */
export const TAOBAO_REFUND_TYPE = [
	{ name: 'Refund Only (1)', value: 1 },
	{ name: 'Return and Refund (2)', value: 2 },
];

/** Goods-received state codes (undocumented by PandaPon; Get Refund Options' goodsStatusList shows the allowed ones). */
export const TAOBAO_GOODS_STATUS = [
	{ name: 'Goods Not Received (1)', value: 1 },
	{ name: 'Goods Received (2)', value: 2 },
];

/** A Taobao purchase order picked from a searchable list or by ID. */
export function taobaoOrderLocator(
	name = 'orderId',
	description = 'The Taobao purchase order (PandaPon order ID, 19 digits, e.g. 3021045938172635401)',
): INodeProperties {
	return locator({
		displayName: 'Order',
		name,
		description,
		list: { method: 'searchTaobaoOrders', placeholder: 'Select a Taobao order...' },
		id: { placeholder: 'e.g. 3021045938172635401', errorMessage: 'A Taobao order ID is digits only' },
	});
}

/** A Taobao item picked by keyword search, by ID, or from its item.taobao.com / tmall URL. */
export function taobaoItemLocator(
	name = 'itemId',
	description = 'The Taobao item (numeric item ID, e.g. 672991141190; distribution item IDs can have 18 digits)',
): INodeProperties {
	return locator({
		displayName: 'Item',
		name,
		description,
		list: { method: 'searchTaobaoItems', placeholder: 'Search Taobao items by keyword...' },
		id: { placeholder: 'e.g. 672991141190', errorMessage: 'A Taobao item ID is digits only' },
		url: {
			placeholder: 'e.g. https://item.taobao.com/item.htm?id=672991141190',
			extract: '[?&]id=(\\d{1,20})',
			errorMessage: 'The URL has no id=… part',
		},
	});
}

/** A Taobao after-sales (reverse) order picked from a list or by ID (e.g. TQ512345678901234567). */
export function taobaoRefundLocator(
	name = 'refundId',
	description = 'The Taobao after-sales (reverse) order, e.g. TQ512345678901234567 (the refundId that Submit returns)',
): INodeProperties {
	return locator({
		displayName: 'After-Sale Order',
		name,
		description,
		list: { method: 'searchTaobaoRefunds', placeholder: 'Select an after-sale order...' },
		id: {
			placeholder: 'e.g. TQ512345678901234567',
			pattern: '[A-Za-z0-9_-]{1,64}',
			errorMessage: 'An after-sale order ID is letters and digits only, e.g. TQ512345678901234567',
		},
	});
}

/** The Taobao address shape: {name, phone, mobile_phone, state, city, district, address, zip, country}. */
export function taobaoAddressFields(
	name: string,
	displayName: string,
	description: string,
	required = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Address',
		default: {},
		required,
		description,
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: "Consignee's full name",
					},
					{
						displayName: 'Mobile Phone',
						name: 'mobile_phone',
						type: 'string',
						default: '',
						placeholder: 'e.g. 15068763421',
						description: "Consignee's mobile number (sent as mobile_phone)",
					},
					{
						displayName: 'Phone',
						name: 'phone',
						type: 'string',
						default: '',
						description: 'Landline number; may stay empty',
					},
					{
						displayName: 'Country',
						name: 'country',
						type: 'string',
						default: '中国',
						description: "Country as PandaPon writes it (the examples use 中国 for China)",
					},
					{
						displayName: 'Province / State',
						name: 'state',
						type: 'string',
						default: '',
						placeholder: 'e.g. 浙江省',
						description: 'Province or state (sent as state)',
					},
					{
						displayName: 'City',
						name: 'city',
						type: 'string',
						default: '',
						placeholder: 'e.g. 杭州市',
						description: 'City of the address',
					},
					{
						displayName: 'District',
						name: 'district',
						type: 'string',
						default: '',
						placeholder: 'e.g. 余杭区',
						description: 'District or county',
					},
					{
						displayName: 'Street Address',
						name: 'address',
						type: 'string',
						default: '',
						description: 'Street, building and room (sent as address)',
					},
					{
						displayName: 'Postal Code',
						name: 'zip',
						type: 'string',
						default: '',
						description: 'Postal code (sent as zip)',
					},
				],
			},
		],
	};
}

const ADDRESS_KEYS = ['name', 'phone', 'mobile_phone', 'state', 'city', 'district', 'address', 'zip', 'country'];

/**
 * Reads an address fixedCollection into the Taobao shape; checks name, a phone and the street
 * address. `phoneOptional`: where PandaPon's own example sends both phone fields empty (cart orders).
 */
export function readTaobaoAddress(
	p: Params,
	name: string,
	opts: { required: boolean; phoneOptional?: boolean },
): IDataObject | undefined {
	const raw = (p.collection(name).address ?? {}) as IDataObject;
	const out: IDataObject = {};
	for (const key of ADDRESS_KEYS) {
		const v = raw[key];
		out[key] = v === undefined || v === null ? '' : String(v).trim();
	}
	const filled = ADDRESS_KEYS.some((k) => k !== 'country' && out[k] !== '');
	if (!filled) {
		if (opts.required) p.fail(name, 'is empty', 'Add the address and fill in at least Name, Mobile Phone and Street Address.');
		return undefined;
	}
	for (const [key, label] of [
		['name', 'Name'],
		['address', 'Street Address'],
	] as const) {
		if (out[key] === '') p.fail(name, `has no ${label}`, `Fill in ${label} of the address.`);
	}
	if (!opts.phoneOptional && out.mobile_phone === '' && out.phone === '') {
		p.fail(name, 'has neither Mobile Phone nor Phone', 'Fill in the consignee\'s Mobile Phone.');
	}
	return out;
}

/** A saved PandaPon address in the Taobao shape; its phone is the mobile number, as PandaPon documents it. */
export function taobaoAddressFromSaved(a: SavedAddress): IDataObject {
	return {
		name: a.name,
		phone: '',
		mobile_phone: a.phone,
		state: a.province,
		city: a.city,
		district: a.district,
		address: a.address,
		zip: a.postCode,
		country: a.country || '中国',
	};
}

/** Ids of cart items, user ID option and the like, shared by the cart operations. */
export const cartLineIds: INodeProperties = {
	displayName: 'Cart Item Names or IDs',
	name: 'ids',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTaobaoCartItems', loadOptionsDependsOn: ['cartOptions.userId'] },
	default: [],
	required: true,
	description:
		'Lines of the Taobao cart (title · SKU · quantity · price); IDs are field ID in Get Many of Taobao Cart. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const cartUserId: INodeProperties = {
	displayName: 'Cart User ID',
	name: 'userId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 2100007340000',
	description:
		"PandaPon user ID whose cart is used; leave empty for the credential's own user (sub-accounts have their own carts)",
};
