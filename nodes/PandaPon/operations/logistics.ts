import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseJson } from '../../shared/transport/json';
import { alibabaOfferLocator } from '../helpers/alibabaFields';
import { compact, type Params } from '../helpers/params';
import { taobaoItemLocator } from '../helpers/taobaoFields';
import type { OperationSpec } from '../helpers/types';
import { quantityProperty } from '../helpers/fields';

/*
 * The /open/pp/logistics/ family authenticates with `timestamp` and `sign` in the query string;
 * the credential's authenticate() adds them (and the usual headers) for these paths.
 */

const resource = 'logistics';

const RECEIVER_FIELDS: Array<[string, string, string, string]> = [
	['name', 'Name', 'Recipient name', 'e.g. Ofir Birinbaum'],
	['country', 'Country', 'Two-letter country code', 'e.g. US'],
	['state', 'State', 'State or province', 'e.g. California'],
	['city', 'City', 'City', 'e.g. VALLEY VLG'],
	['zip', 'Zip', 'Postal code', 'e.g. 91607'],
	['address', 'Street Address', 'Street, number, apartment', 'e.g. 5818 WHITSETT AVE 401'],
	['phone', 'Phone', 'Phone number', 'e.g. 5083326888'],
	['mobilePhone', 'Mobile Phone', 'Mobile phone number', 'e.g. 5083326888'],
	['email', 'Email', 'Email address', 'e.g. name@example.com'],
	['taxId', 'Tax ID', 'Tax ID for customs clearance, where the destination requires one', ''],
];

function receiverAddress(required: boolean): INodeProperties {
	return {
		displayName: 'Receiver Address',
		name: 'receiverAddress',
		type: 'fixedCollection',
		placeholder: 'Add Address',
		default: {},
		required,
		description: `Overseas destination of the parcel${required ? '; Country is required' : ''}`,
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: RECEIVER_FIELDS.map(([name, displayName, description, placeholder]) => ({
					displayName,
					name,
					type: 'string' as const,
					default: '',
					placeholder,
					description,
				})),
			},
		],
	};
}

function readReceiver(p: Params, required: boolean): IDataObject | undefined {
	const group = (p.collection('receiverAddress').address ?? {}) as IDataObject;
	const out: IDataObject = {};
	for (const [name] of RECEIVER_FIELDS) {
		const v = String(group[name] ?? '').trim();
		if (v) out[name] = v;
	}
	if (out.country !== undefined) {
		if (!/^[A-Za-z]{2}$/.test(String(out.country))) {
			p.fail('receiverAddress', `has Country "${String(out.country).slice(0, 20)}", which is not a two-letter code`, 'Use an ISO country code such as US, DE or JP.');
		}
		out.country = String(out.country).toUpperCase();
	}
	if (required && !out.country) p.fail('receiverAddress', 'is missing Country', 'Add the address and fill in at least Country (e.g. US).');
	return Object.keys(out).length ? out : undefined;
}

const DECIMAL = /^\d{1,12}(\.\d{1,4})?$/;

function price(p: Params, name: string, at: string, value: unknown): string {
	const text = String(value ?? '').trim();
	if (!DECIMAL.test(text)) {
		p.failIn(name, at, `must be a decimal amount such as 19.90, got "${text.slice(0, 40)}"`, 'Enter the unit price as a plain number in the given currency, without a currency sign.');
	}
	return text;
}

function currency(p: Params, name: string, at: string, value: unknown): string {
	const text = String(value ?? '').trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(text)) p.failIn(name, at, `must be a three-letter currency code such as CNY, got "${text.slice(0, 20)}"`, 'Use an ISO currency code: CNY, USD…');
	return text;
}

const lineFields = (withFreight: boolean, withTitle: boolean): INodeProperties[] => [
	{ displayName: 'Item ID', name: 'itemId', type: 'string', default: '', placeholder: 'e.g. 2048020617114736', description: 'Item ID, digits only' },
	{ displayName: 'SKU ID', name: 'skuId', type: 'string', default: '', placeholder: 'e.g. 413185732720', description: 'SKU ID, digits only' },
	quantityProperty('Pieces', { optional: true }),
	...(withTitle
		? ([
				{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'Line title' },
				{ displayName: 'Image URL', name: 'imageUrl', type: 'string', default: '', description: 'Picture of the goods' },
			] as INodeProperties[])
		: []),
	...(withFreight
		? ([
				{ displayName: 'Unit Price', name: 'price', type: 'string', default: '', placeholder: 'e.g. 19.90', description: 'Unit price as a decimal in Currency, e.g. 19.90' },
				{ displayName: 'Currency', name: 'currency', type: 'string', default: 'CNY', description: 'Currency of Unit Price, e.g. CNY' },
				{ displayName: 'Shipping Service ID', name: 'serviceId', type: 'string', default: '', placeholder: 'e.g. 1', description: 'International shipping service (serviceId from Estimate Freight)' },
				{ displayName: 'Carrier Name', name: 'companyName', type: 'string', default: '', description: 'Carrier of the service (may stay empty)' },
				{ displayName: 'Service Category', name: 'serviceCategory', type: 'string', default: '', description: 'Category of the service (may stay empty)' },
			] as INodeProperties[])
		: []),
];

export const logisticsOperations: OperationSpec[] = [
	{
		resource,
		value: 'estimateItemFreight',
		name: 'Estimate Freight',
		action: 'Estimate international shipping for an item',
		description: 'Quote the international shipping services for one item, quantity and destination',
		catalogId: 'logistics.itemFreightEstimate',
		apiDocs: 'documented',
		method: 'POST',
		path: '/v2/open/pp/logistics/itemLogisticsPrice',
		write: false,
		properties: [
			{
				displayName: 'Item From',
				name: 'itemPlatform',
				type: 'options',
				options: [
					{ name: 'Taobao', value: 'taobao' },
					{ name: '1688', value: '1688' },
				],
				default: 'taobao',
				description: 'Which platform the item is from; decides how it is picked and where its SKUs come from (not sent)',
			},
			{
				...taobaoItemLocator('itemId', 'The Taobao item to ship'),
				displayOptions: { show: { itemPlatform: ['taobao'] } },
			},
			{
				...alibabaOfferLocator('itemId', 'The 1688 offer to ship: its offer ID or product page URL'),
				displayName: 'Offer',
				displayOptions: { show: { itemPlatform: ['1688'] } },
			},
			{
				displayName: 'SKU Name or ID',
				name: 'skuId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getFreightItemSkus', loadOptionsDependsOn: ['itemPlatform', 'itemId.value'] },
				default: '',
				required: true,
				description:
					'The SKU of the item, listed from the picked item. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			quantityProperty('Pieces to ship'),
			{ displayName: 'Unit Price', name: 'price', type: 'string', default: '', required: true, placeholder: 'e.g. 19.90', description: 'Unit price of the item as a decimal in Currency, e.g. 19.90' },
			{ displayName: 'Currency', name: 'currency', type: 'string', default: 'CNY', required: true, description: 'Currency of Unit Price, e.g. CNY' },
			receiverAddress(true),
		],
		request: (p) => ({
			body: {
				// which platform only decides how the item is picked; it is checked, not sent
				itemId: p.oneOf('itemPlatform', ['taobao', '1688']) && p.idString('itemId'),
				skuId: p.idString('skuId'),
				quantity: p.int('quantity', { min: 1, max: 99999, required: true }),
				price: price(p, 'price', '', p.raw('price', '')),
				currency: currency(p, 'currency', '', p.raw('currency', '')),
				receiverAddress: readReceiver(p, true),
			},
		}),
	},
	{
		resource,
		value: 'previewOrderFreight',
		name: 'Preview Freight',
		action: 'Preview international shipping for an order',
		description: 'Quote international shipping for several lines with their chosen services',
		catalogId: 'logistics.orderFreightPreview',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/pp/logistics/orderRenderFreight',
		write: false,
		properties: [
			receiverAddress(true),
			{
				displayName: 'Lines',
				name: 'renderItems',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Line',
				default: {},
				required: true,
				description: 'Lines to quote: item, SKU, quantity, unit price and the shipping service',
				options: [{ displayName: 'Line', name: 'line', values: lineFields(true, false) }],
			},
		],
		request: (p) => {
			const lines = (p.collection('renderItems').line ?? []) as IDataObject[];
			if (lines.length === 0) p.fail('renderItems', 'has no lines', 'Add at least one line (item, SKU, quantity, price, service).');
			return {
				body: {
					receiverAddress: readReceiver(p, true),
					renderItems: lines.map((l, i) => {
						const at = `line ${i + 1}`;
						return {
							// item and SKU ids of the logistics family are strings of digits
							itemId: p.idStringIn('renderItems', `${at} "Item ID"`, l.itemId),
							skuId: p.idStringIn('renderItems', `${at} "SKU ID"`, l.skuId),
							quantity: p.intIn('renderItems', `${at} "Quantity"`, l.quantity, { min: 1 }),
							freightInfo: {
								serviceId: String(l.serviceId ?? '').trim(),
								companyName: String(l.companyName ?? '').trim(),
								serviceCategory: String(l.serviceCategory ?? '').trim(),
							},
							currency: currency(p, 'renderItems', `${at} "Currency"`, l.currency || 'CNY'),
							price: price(p, 'renderItems', `${at} "Unit Price"`, l.price),
						};
					}),
				},
			};
		},
	},
	{
		resource,
		value: 'updateDomesticLogistics',
		name: 'Update Domestic Shipping',
		action: 'Update the domestic shipping of a logistics order',
		description: "Report the China parcels and the international tracking number of a logistics order's lines",
		catalogId: 'logistics.updateDomesticLogistics',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/pp/logistics/updateLogisticInfo',
		write: true,
		checkHint: 'Sending the same tracking numbers again does no harm; check the logistics order in the PandaPon console',
		properties: [
			{ displayName: 'Logistics Order ID', name: 'orderId', type: 'string', default: '', required: true, placeholder: 'e.g. 21', description: 'ID of the logistics (booking) order' },
			{ displayName: 'Marketplace Order ID', name: 'tmallOrderId', type: 'string', default: '', placeholder: 'e.g. 12345667', description: 'Related marketplace order ID, if any' },
			{
				displayName: 'Lines Input',
				name: 'linesInput',
				type: 'options',
				options: [
					{ name: 'Define Below', value: 'define', description: 'One carrier per line, with one or more tracking numbers' },
					{ name: 'JSON', value: 'json', description: 'The logisticInfos array as PandaPon documents it' },
				],
				default: 'define',
				description: 'How to enter the lines',
			},
			{
				displayName: 'Lines',
				name: 'logisticLines',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Line',
				default: {},
				displayOptions: { show: { linesInput: ['define'] } },
				description: 'One entry per order line',
				options: [
					{
						displayName: 'Line',
						name: 'line',
						values: [
							...lineFields(false, true),
							{ displayName: 'International Tracking Number', name: 'logisticNumer', type: 'string', default: '', placeholder: 'e.g. FARJP2408000013YQ', description: 'International tracking number of the line' },
							{ displayName: 'Domestic Carrier', name: 'logisticCompanyName', type: 'string', default: '', placeholder: 'e.g. 顺丰', description: 'Chinese carrier of the domestic parcels' },
							{ displayName: 'Domestic Tracking Numbers', name: 'domesticNumbers', type: 'string', default: '', placeholder: 'e.g. SF1234521212678, SF1234521212679', description: 'Tracking numbers of the domestic parcels, separated by commas' },
							{ displayName: 'Ready to Ship Time', name: 'rtsTime', type: 'dateTime', default: '', description: 'When the domestic parcels were ready to ship (sent as epoch seconds)' },
						],
					},
				],
			},
			{
				displayName: 'Lines (JSON)',
				name: 'logisticInfos',
				type: 'json',
				default: '[]',
				displayOptions: { show: { linesInput: ['json'] } },
				description:
					'Array of {lineItem: {itemId, skuId, quantity, title, imageUrl}, logisticNumer, domesticLogisticInfo: [{logisticNumer, logisticCompanyName, rtsTime}]}; logisticNumer is spelled as the API spells it',
			},
		],
		request: (p) => {
			let infos: unknown;
			if (p.oneOf('linesInput', ['define', 'json']) === 'json') {
				infos = p.json('logisticInfos');
				if (!Array.isArray(infos) || infos.length === 0) p.fail('logisticInfos', 'must be a non-empty JSON array', 'Write [{"lineItem": {...}, "logisticNumer": "...", "domesticLogisticInfo": [...]}].');
			} else {
				const lines = (p.collection('logisticLines').line ?? []) as IDataObject[];
				if (lines.length === 0) p.fail('logisticLines', 'has no lines', 'Add at least one line.');
				infos = lines.map((l, i) => {
					const at = `line ${i + 1}`;
					const rts = String(l.rtsTime ?? '').trim();
					const seconds = rts ? Math.floor(Date.parse(rts) / 1000) : NaN;
					if (rts && !Number.isFinite(seconds)) p.failIn('logisticLines', `${at} "Ready to Ship Time"`, `is not a date, got "${rts.slice(0, 30)}"`, 'Pick a date and time.');
					const numbers = String(l.domesticNumbers ?? '').split(/[\s,;]+/).filter(Boolean);
					return compact({
						lineItem: compact({
							itemId: p.idStringIn('logisticLines', `${at} "Item ID"`, l.itemId),
							skuId: p.idStringIn('logisticLines', `${at} "SKU ID"`, l.skuId),
							quantity: p.intIn('logisticLines', `${at} "Quantity"`, l.quantity, { min: 1 }),
							title: String(l.title ?? '').trim(),
							imageUrl: String(l.imageUrl ?? '').trim(),
						}),
						logisticNumer: String(l.logisticNumer ?? '').trim(),
						domesticLogisticInfo: numbers.map((n) =>
							compact({
								logisticNumer: n,
								logisticCompanyName: String(l.logisticCompanyName ?? '').trim(),
								rtsTime: Number.isFinite(seconds) ? String(seconds) : '',
							}),
						),
					});
				});
			}
			return {
				body: compact({
					orderId: p.string('orderId', { required: true, maxLength: 64 }),
					tmallOrderId: p.string('tmallOrderId', { maxLength: 64 }),
					logisticInfos: infos as IDataObject[],
				}),
			};
		},
	},
	{
		resource,
		value: 'createInternationalOrder',
		name: 'Create Shipment',
		action: 'Create an international shipment',
		description: 'Book the international shipment of lines quoted by Preview Freight',
		catalogId: 'logistics.createInternationalOrder',
		apiDocs: 'partial',
		method: 'POST',
		path: '/open/pp/logistics/orderBookingFreight',
		write: true,
		checkHint: 'Check the bookings in the PandaPon console before booking again',
		properties: [
			{
				displayName: 'Render ID',
				name: 'renderId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. FF2024080200007',
				description: 'The render ID (renderId) returned by Preview Freight',
			},
			receiverAddress(false),
			{
				displayName: 'Additional Fields',
				name: 'bookingFields',
				type: 'collection',
				placeholder: 'Add Field',
				description: 'Optional booking details',
				default: {},
				options: [
					{
						displayName: 'Line Items (JSON)',
						name: 'lineItems',
						type: 'json',
						default: '[]',
						description: 'Lines to ship, as [{itemId, skuId, quantity, title, imageUrl, freightInfo: {serviceId, companyName, serviceCategory}, currency, price}]',
					},
					{ displayName: 'Marketplace Order ID', name: 'tmallOrderId', type: 'string', default: '', description: 'Related marketplace order ID' },
					{ displayName: 'Remark', name: 'remark', type: 'string', default: '', description: 'Free-text remark' },
				],
			},
		],
		request: (p) => {
			const extra = p.collection('bookingFields');
			const renderId = p.string('renderId', { required: true, maxLength: 64 });
			if (!/^[\w-]{1,64}$/.test(renderId)) p.fail('renderId', `must be letters and digits such as FF2024080200007, got "${renderId.slice(0, 40)}"`, 'Copy the renderId from Preview Freight (Logistics).');
			let lineItems: unknown;
			if (extra.lineItems !== undefined && String(extra.lineItems).trim() !== '') {
				try {
					lineItems = typeof extra.lineItems === 'string' ? parseJson(extra.lineItems) : extra.lineItems;
				} catch (error) {
					p.fail('bookingFields', `has Line Items (JSON) that is not valid JSON (${(error as Error).message})`, 'Fix the JSON array.');
				}
				if (!Array.isArray(lineItems)) p.fail('bookingFields', 'has Line Items (JSON) that is not an array', 'Write a JSON array of lines.');
			}
			const tmall = String(extra.tmallOrderId ?? '').trim();
			return {
				body: compact({
					renderId,
					receiverAddress: readReceiver(p, false),
					lineItems: lineItems as IDataObject[] | undefined,
					tmallOrderInfo: tmall ? { tmallOrderId: tmall } : undefined,
					remark: String(extra.remark ?? '').trim(),
				}),
			};
		},
	},
];
