import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locator } from './locator';
import { orderLines, type LineField, type OrderLines, type OrderLinesNames } from './orderLines';
import { compact, type Params } from './params';
import { ENTER_ADDRESS, readSavedAddress, savedAddressId, savedAddressProperty, type SavedAddress } from './savedAddress';
import { quantityProperty } from './fields';

/** Enum values from the catalog, shared by several operations. */
export const GOODS_STATUS_1688 = [
	{ name: 'Refund Before Seller Ships', value: 'refundWaitSellerSend' },
	{ name: 'Refund After Shipping, Before Receipt', value: 'refundWaitBuyerReceive' },
	{ name: 'Refund or Return After Receipt', value: 'refundBuyerReceived' },
	{ name: 'After-Sales Claim, Not Received', value: 'aftersaleBuyerNotReceived' },
	{ name: 'After-Sales Claim, Received', value: 'aftersaleBuyerReceived' },
] as const;

export const GOODS_STATUS_1688_VALUES = GOODS_STATUS_1688.map((o) => o.value);

/** 1688 trade statuses: the words the Status filter, the order picker and Simplify's statusName share. */
export const ALIBABA_ORDER_STATUS = [
	{ name: 'Awaiting Payment', value: 'waitbuyerpay' },
	{ name: 'Awaiting Shipment', value: 'waitsellersend' },
	{ name: 'Shipped, Awaiting Receipt', value: 'waitbuyerreceive' },
	{ name: 'Goods Received', value: 'confirm_goods' },
	{ name: 'Completed', value: 'success' },
	{ name: 'Cancelled', value: 'cancel' },
	{ name: 'Terminated', value: 'terminated' },
];

/** 1688's order flows (alibaba.trade.createCrossOrder); an expression can still give another. */
export const FLOW_1688: INodeProperties = {
	displayName: 'Flow',
	name: 'flow',
	type: 'options',
	options: [
		{ name: 'Distribution (Fenxiao)', value: 'fenxiao' },
		{ name: 'General (Wholesale Market)', value: 'general' },
		{ name: 'Sale Proxy (Dropshipping Market)', value: 'saleproxy' },
		{ name: 'Selected Source, Distribution Price', value: 'boutiquefenxiao' },
		{ name: 'Selected Source, Wholesale Price', value: 'boutiquepifa' },
	],
	default: 'general',
	required: true,
	description: '1688 order flow; General for normal purchases',
};

const ORDER_SETTINGS: INodeProperties[] = [
	{ displayName: 'Message', name: 'message', type: 'string', default: '', description: 'Buyer remark the seller sees' },
	{
		displayName: 'Shop Promotion ID',
		name: 'shopPromotionId',
		type: 'string',
		default: '',
		description: 'Shop promotion to apply (shopPromotionList of the preview)',
	},
	{
		displayName: 'Trade Type',
		name: 'tradeType',
		type: 'string',
		default: '',
		placeholder: 'e.g. assureTrade',
		description: 'Trade mode from the preview (tradeModelList / tradeModeNameList); leave empty for the default',
	},
];

/** Flow and the optional settings (Additional Fields) of a new 1688 order; `extra` adds settings. */
export function alibabaOrderSettings(flowRequired: boolean, extra: INodeProperties[] = []): INodeProperties[] {
	return [
		{ ...FLOW_1688, required: flowRequired },
		{
			displayName: 'Additional Fields',
			name: 'orderFields',
			type: 'collection',
			placeholder: 'Add Field',
			description: 'Optional order settings',
			default: {},
			options: [...ORDER_SETTINGS, ...extra].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** Flow, message, shop promotion and trade type as the 1688 order calls take them. */
export function readAlibabaOrderSettings(p: Params, flowRequired: boolean): IDataObject {
	const extra = p.collection('orderFields');
	return compact({
		flow: p.string('flow', { required: flowRequired }),
		message: String(extra.message ?? '').trim(),
		shopPromotionId: String(extra.shopPromotionId ?? '').trim(),
		tradeType: String(extra.tradeType ?? '').trim(),
	});
}

/** A 1688 order picked from a searchable list, by ID, or by its 1688 order page URL. */
export function alibabaOrderLocator(
	name = 'orderId',
	description = 'The 1688 order (main order ID, up to 19 digits)',
): INodeProperties {
	return locator({
		displayName: 'Order',
		name,
		description,
		list: { method: 'searchAlibabaOrders', placeholder: 'Select a 1688 order...' },
		id: { placeholder: 'e.g. 2542285634920880794', errorMessage: 'A 1688 order ID is digits only' },
		url: {
			placeholder: 'e.g. https://trade.1688.com/order/new_step_order_detail.htm?orderId=2542285634920880794',
			extract: '[?&]orderId=(\\d{1,20})',
			errorMessage: 'The URL has no orderId=… part',
		},
	});
}

// ------------------------------------------------------------------ 1688 offers

/** A 1688 offer (product) by its numeric ID or its detail.1688.com URL. */
export function alibabaOfferLocator(
	name = 'offerId',
	description = 'The 1688 offer (product): its numeric offer ID, or the URL of its 1688 product page',
): INodeProperties {
	return locator({
		displayName: 'Offer',
		name,
		description,
		id: { placeholder: 'e.g. 743470146022', errorMessage: 'A 1688 offer ID is digits only' },
		url: {
			placeholder: 'e.g. https://detail.1688.com/offer/743470146022.html',
			extract: 'offer/(\\d{1,20})\\.html',
			errorMessage: 'The URL has no offer/<digits>.html part',
		},
	});
}

// ------------------------------------------------------------------ 1688 product search filters

export const KEYWORD_FILTERS = [
	{ name: 'Ships Today', value: 'shipInToday', description: 'Only offers the seller ships the same day' },
	{ name: 'ksCiphertext', value: 'ksCiphertext', description: 'Flag used in the PandaPon examples; meaning not documented' },
];

export const SORTS: Record<string, string> = {
	priceAsc: '{"price":"asc"}',
	priceDesc: '{"price":"desc"}',
};

/** Optional filters of the 1688 keyword, image and shop searches. */
export function searchFilterCollection(): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Narrow or order the results',
		options: [
			{
				displayName: 'Category ID',
				name: 'categoryId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1031910',
				description: 'Only offers of this 1688 category (numeric ID, see Get Category)',
			},
			{
				displayName: 'Flags',
				name: 'filter',
				type: 'multiOptions',
				options: KEYWORD_FILTERS,
				default: [],
				description: 'Filter flags, sent comma-separated',
			},
			{
				displayName: 'Language',
				name: 'country',
				type: 'options',
				options: LANGUAGES,
				default: 'en',
				description: 'Language of the translated titles (PandaPon currently translates to English)',
			},
			{
				displayName: 'Max Price (Yuan)',
				name: 'priceEnd',
				type: 'string',
				default: '',
				placeholder: 'e.g. 99.50',
				description: 'Highest unit price in yuan (CNY) as a decimal, e.g. 99.50 for CNY 99.50',
			},
			{
				displayName: 'Min Price (Yuan)',
				name: 'priceStart',
				type: 'string',
				default: '',
				placeholder: 'e.g. 10',
				description: 'Lowest unit price in yuan (CNY) as a decimal, e.g. 10 or 9.90',
			},
			{
				displayName: 'Out Member ID',
				name: 'outMemberId',
				type: 'string',
				default: '',
				description: 'Your own ID for the end customer searching, passed through to 1688',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				options: [
					{ name: 'Best Match', value: '' },
					{ name: 'Price: Low to High', value: 'priceAsc' },
					{ name: 'Price: High to Low', value: 'priceDesc' },
				],
				default: '',
				description: 'Order of the results (sent to 1688 as a JSON string such as {"price":"asc"})',
			},
		],
	};
}

/** Reads the Filters collection into the body fields the 1688 searches take. */
export function readSearchFilters(p: Params, categoryIsInteger: boolean): IDataObject {
	const f = p.collection('filters');
	const body: IDataObject = { country: String(f.country || 'en') };
	const flags = Array.isArray(f.filter) ? (f.filter as string[]) : String(f.filter ?? '').split(',').filter(Boolean);
	if (flags.length) body.filter = flags.map((s) => s.trim()).join(',');
	const sort = String(f.sort ?? '');
	if (sort) {
		if (!SORTS[sort]) p.fail('filters', `has an unknown Sort "${sort.slice(0, 40)}"`, 'Pick a sort order from the list.');
		body.sort = SORTS[sort];
	}
	const priceStart = p.yuanIn('filters', '"Min Price (Yuan)"', f.priceStart);
	const priceEnd = p.yuanIn('filters', '"Max Price (Yuan)"', f.priceEnd);
	if (priceStart) body.priceStart = priceStart;
	if (priceEnd) body.priceEnd = priceEnd;
	if (priceStart && priceEnd && Number(priceStart) > Number(priceEnd)) {
		p.fail('filters', `has Min Price ${priceStart} above Max Price ${priceEnd}`, 'Swap the two prices.');
	}
	const category = String(f.categoryId ?? '').trim();
	if (category) {
		body.categoryId = categoryIsInteger
			? p.idIntegerIn('filters', '"Category ID"', category)
			: p.idStringIn('filters', '"Category ID"', category);
	}
	if (f.outMemberId) body.outMemberId = String(f.outMemberId);
	return body;
}

export const LANGUAGES = [
	{ name: 'English', value: 'en' },
	{ name: 'Vietnamese', value: 'vi' },
	{ name: 'Thai', value: 'th' },
	{ name: 'Spanish', value: 'es' },
];

// ------------------------------------------------------------------ 1688 China receiving address

const ADDRESS_FIELDS: Array<{ name: string; displayName: string; description: string; required: boolean; placeholder: string }> = [
	{ name: 'fullName', displayName: 'Full Name', description: 'Consignee at the China address, usually your forwarding warehouse', required: true, placeholder: 'e.g. Zhang San' },
	{ name: 'mobile', displayName: 'Mobile', description: 'Consignee mobile number', required: true, placeholder: 'e.g. 18600888861' },
	{ name: 'phone', displayName: 'Phone', description: 'Consignee phone (the mobile number again if there is no landline)', required: true, placeholder: 'e.g. 18600888861' },
	{ name: 'provinceText', displayName: 'Province', description: 'Province name in Chinese', required: true, placeholder: 'e.g. 浙江省' },
	{ name: 'cityText', displayName: 'City', description: 'City name in Chinese', required: true, placeholder: 'e.g. 杭州市' },
	{ name: 'areaText', displayName: 'District', description: 'District or county name in Chinese', required: false, placeholder: 'e.g. 西湖区' },
	{ name: 'townText', displayName: 'Town', description: 'Town or street-level area in Chinese', required: true, placeholder: 'e.g. 转塘街道' },
	{ name: 'address', displayName: 'Street Address', description: 'Detailed address line', required: true, placeholder: 'e.g. 转塘街道832号' },
	{ name: 'postCode', displayName: 'Post Code', description: 'Postal code', required: false, placeholder: 'e.g. 310024' },
];

/**
 * The 1688 receiving address: the Address dropdown (a saved PandaPon address, or Enter an
 * Address), the typed fields shown for Enter an Address, and the Town a saved address lacks.
 */
export function alibabaAddressProperties(required: boolean): INodeProperties[] {
	const need = required ? '. Required.' : '. Optional here; freight is computed for it.';
	return [
		savedAddressProperty(
			`Where in China the seller ships to (usually your forwarding warehouse): an address saved in PandaPon (Address → Get), or Enter an Address to type one below${required ? '' : ' (or leave it empty)'}`,
		),
		{
			displayName: 'Receiving Address',
			name: 'addressParam',
			type: 'fixedCollection',
			placeholder: 'Add Address',
			default: {},
			required,
			displayOptions: { show: { savedAddressId: [ENTER_ADDRESS] } },
			description: `Where in China the seller ships to (usually your forwarding warehouse)${need}`,
			options: [
				{
					displayName: 'Address',
					name: 'address',
					values: ADDRESS_FIELDS.map((f) => ({
						displayName: f.displayName,
						name: f.name,
						type: 'string' as const,
						default: '',
						placeholder: f.placeholder,
						description: required && f.required ? `${f.description}. Required.` : f.description,
					})),
				},
			],
		},
		{
			displayName: 'Town',
			name: 'savedAddressTown',
			type: 'string',
			default: '',
			required,
			placeholder: 'e.g. 转塘街道',
			displayOptions: { hide: { savedAddressId: [ENTER_ADDRESS] } },
			description: `Town or street-level area of the saved address in Chinese, typed or by expression: saved PandaPon addresses have none, and 1688 requires it${
				required ? '. Required.' : ' where it needs the address. Optional here.'
			}`,
		},
	];
}

/** A saved PandaPon address as 1688's addressParam; PandaPon's one phone is the mobile number and, for want of a landline, the phone. */
export function alibabaAddressFromSaved(a: SavedAddress, town: string): IDataObject {
	return compact({
		fullName: a.name,
		mobile: a.phone,
		phone: a.phone,
		provinceText: a.province,
		cityText: a.city,
		areaText: a.district,
		townText: town,
		address: a.address,
		postCode: a.postCode,
	});
}

/**
 * Builds addressParam from the typed fields or a saved address (one read of Address → Get, done
 * after the typed input is checked: callers read the rest of the item first). With `required`,
 * every field 1688 requires must be there.
 */
export async function readAlibabaAddress(p: Params, required: boolean): Promise<IDataObject | undefined> {
	const id = savedAddressId(p);
	if (id === undefined) return typedAlibabaAddress(p, required);
	const town = p.string('savedAddressTown', { maxLength: 100 });
	if (required && town === '') {
		p.fail(
			'savedAddressTown',
			'is empty',
			'Saved PandaPon addresses have no town, and 1688 requires one: enter the town or street-level area of the address in Chinese (e.g. 转塘街道), or give it by expression.',
		);
	}
	const saved = await readSavedAddress(p, id);
	const out = alibabaAddressFromSaved(saved, town);
	const missing = ADDRESS_FIELDS.filter((f) => f.required && !out[f.name]).map((f) => f.displayName);
	if (required && missing.length) {
		p.fail(
			'savedAddressId',
			`is address ${id}, which has no ${missing.join(', ')}`,
			'Complete the address in the PandaPon console (or with Address → Create or Update), or choose Enter an Address.',
		);
	}
	return out;
}

function typedAlibabaAddress(p: Params, required: boolean): IDataObject | undefined {
	const name = 'addressParam';
	const group = (p.collection(name).address ?? {}) as IDataObject;
	const out: IDataObject = {};
	for (const f of ADDRESS_FIELDS) {
		const v = String(group[f.name] ?? '').trim();
		if (v) out[f.name] = v;
	}
	if (!required && Object.keys(out).length === 0) return undefined;
	const missing = ADDRESS_FIELDS.filter((f) => f.required && !out[f.name]).map((f) => f.displayName);
	if (required && missing.length) {
		p.fail(name, `is missing ${missing.join(', ')}`, 'Fill in the China receiving address (Add Address), e.g. your forwarding warehouse.');
	}
	return out;
}

// ------------------------------------------------------------------ order lines (1688 order preview/create)

/** Stored names of earlier versions: cargoSource = define | items, cargo, cargoOfferId… */
const CARGO_NAMES: OrderLinesNames = {
	source: 'cargoSource',
	fromItems: 'items',
	lines: 'cargo',
	itemParam: (field) => `cargo${field[0].toUpperCase()}${field.slice(1)}`,
};

function cargoFields(withSeller: boolean, specRequired: boolean): LineField[] {
	const specHelp = `SKU spec ID: the 32-character specId from the product's SKUs (Get 1688 product)${specRequired ? '' : '; may be left empty for offers with a single SKU'}`;
	const fields: LineField[] = [
		{
			field: { displayName: 'Offer ID', name: 'offerId', type: 'string', default: '', placeholder: 'e.g. 743470146022', description: '1688 offer (product) ID, digits only' },
			fromItem: { default: '={{ $json.offerId }}', required: true },
		},
		{
			field: { displayName: 'Spec ID', name: 'specId', type: 'string', default: '', placeholder: 'e.g. e61a85a671bb3d0301d0412b51641c6b', description: specHelp },
			fromItem: { default: '={{ $json.specId }}' },
		},
		{
			field: quantityProperty('Pieces to buy', { optional: true }),
			fromItem: { type: 'string', default: '={{ $json.quantity }}', required: true },
		},
	];
	if (withSeller) {
		fields.push({
			field: {
				displayName: 'Seller Open ID',
				name: 'sellerOpenId',
				type: 'string',
				default: '',
				description: 'Encrypted seller ID (sellerOpenId from Get or a search), e.g. BBBgGWh2O6JFI6v1aQuZVgRIA; lets one request cover several sellers',
			},
			fromItem: { default: '={{ $json.sellerOpenId }}' },
		});
	}
	return fields;
}

/** The goods lines of 1688 order previews and creates, as `cargoParamList` entries. */
export function cargoLines(withSeller: boolean, specRequired: boolean): OrderLines<IDataObject> {
	return orderLines(CARGO_NAMES, cargoFields(withSeller, specRequired), (line) => {
		const specId = line.text('specId');
		if (specRequired && !specId) line.fail('specId', 'is empty', 'Copy the specId of the SKU from Get (1688 Product) → skus.');
		if (specId && !/^[0-9a-zA-Z]{1,64}$/.test(specId)) {
			line.fail('specId', `must be letters and digits only, got "${specId.slice(0, 40)}"`, 'Copy the 32-character specId from the product SKUs.');
		}
		return compact({
			offerId: line.idInteger('offerId'),
			specId,
			quantity: line.int('quantity', { min: 1, hint: 'Enter how many pieces to buy.' }),
			sellerOpenId: withSeller ? line.text('sellerOpenId') : undefined,
		});
	});
}

// ------------------------------------------------------------------ nested 1688 success flags

/**
 * 1688 reports some failures inside `data` with HTTP 200 and code 200:
 * `{success: false, errorCode, errorMsg | errorInfo}`. For OperationSpec.checkData.
 */
export function check1688Success(what: string) {
	return (data: unknown) => {
		const failure = find1688Failure(data);
		if (!failure) return undefined;
		return {
			code: failure.code,
			message: `1688 ${what} failed: ${failure.code}: ${failure.message}`,
			hint: `PandaPon answered code 200, but 1688 reported success: false with errorCode ${failure.code}. ${failure.hint}`,
		};
	};
}

/**
 * The first `success: false` record in `data` (an object, or an array of them as in batch
 * previews), as code, message and hint.
 */
export function find1688Failure(data: unknown): { code: string; message: string; hint: string } | undefined {
	const records = Array.isArray(data) ? data : [data];
	for (const record of records) {
		if (record && typeof record === 'object' && (record as IDataObject).success === false) {
			const r = record as IDataObject;
			const code = String(r.errorCode ?? '') || 'unknown';
			const message = String(r.errorMsg ?? r.errorInfo ?? '') || 'no message';
			return { code, message, hint: HINTS[code] ?? 'Check the ids, specs and state named in the message, then try again.' };
		}
	}
	return undefined;
}

const HINTS: Record<string, string> = {
	OFFER_NOT_FOUND: 'The offer ID is unknown or no longer on sale: search for it again.',
	SPEC_NOT_FOUND: 'The Spec ID does not belong to the offer: copy a specId from Get (1688 Product).',
	ORDER_STATUS_NOT_SUPPORT: 'The order is not waiting for receipt (waitbuyerreceive): Get the order to see its status.',
};
