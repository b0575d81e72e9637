/**
 * A valid parameter set for every operation (taken from the engine tests), and a runner that
 * feeds binary input where an operation reads a file. The bad-input table mutates these one
 * field at a time; the write tests send them under faults.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { pandaPonNode, registerNodeType, runWorkflow, type RunResult, type SandboxCredentials } from '../helpers/engine';
import {
	ALIBABA_ADDRESS,
	A_PAYABLE,
	A_SHIPPED,
	A_SHIPPED_ENTRY,
	A_WAIT_SEND,
	A_WAIT_SEND_ENTRIES,
	LOGISTICS_RECEIVER,
	OFFER,
	RENDER_ID,
	SELLER,
	SPEC,
	TAOBAO_CART_ADDRESS,
	TAOBAO_RECEIVER,
	T_BIG_ITEM,
	T_BIG_SKU,
	T_ITEM,
	T_PAID,
	T_PAID_SUB,
	T_SOURCE_ITEM,
	T_WAIT_PAY,
	byId,
} from './lib';

/* eslint-disable @typescript-eslint/no-require-imports */
export const { OPERATIONS, RESOURCES } = require('../../dist/nodes/PandaPon/operations') as {
	OPERATIONS: Array<{
		resource: string;
		value: string;
		name: string;
		method: string;
		path: string;
		write: boolean;
		checkHint?: string;
		paging?: unknown;
		properties: Array<{
			name: string;
			displayName: string;
			type: string;
			required?: boolean;
			default?: unknown;
			typeOptions?: IDataObject;
			displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
			options?: unknown[];
		}>;
	}>;
	RESOURCES: Array<{ name: string; value: string }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type Spec = (typeof OPERATIONS)[number];
export const keyOf = (s: { resource: string; value: string }) => `${s.resource}:${s.value}`;
export const routeOf = (s: Spec) => `${s.method} ${s.path}`;

export interface Baseline {
	params: INodeParameters;
	/** The operation reads a file: input items carry a PNG in binary property `data`. */
	binary?: boolean;
}

export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

const cargo = { line: [{ offerId: OFFER, specId: SPEC, quantity: 1 }] };
const cargoWithSeller = { line: [{ offerId: OFFER, specId: SPEC, quantity: 1, sellerOpenId: SELLER }] };
const domesticInfos = JSON.stringify([{ lineItem: { itemId: '1', skuId: '2', quantity: 1 }, logisticNumer: 'X1', domesticLogisticInfo: [] }]);

export const BASELINES: Record<string, Baseline> = {
	'taobaoProduct:searchByImage': { params: { imageSource: 'url', imageUrl: 'https://img.alicdn.com/bao/x.jpg', limit: 5 } },
	'taobaoProduct:searchByKeyword': { params: { keyword: '新款', limit: 5 } },
	'taobaoProduct:getManyByIds': { params: { products: { product: [{ itemId: T_ITEM, skuIds: '' }] } } },
	'taobaoProduct:get': { params: { itemId: byId(T_BIG_ITEM) } },
	'taobaoProduct:getSourceInquiry': { params: { itemId: byId(T_SOURCE_ITEM), language: 'vi' } },

	'taobaoOrder:create': {
		params: {
			orderLinesSource: 'define',
			orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: 1, priceYuan: '0.01', currency: 'CNY' }] },
			receiver: TAOBAO_RECEIVER,
		},
	},
	'taobaoOrder:getAll': { params: { limit: 5, filters: {} } },
	'taobaoOrder:get': { params: { orderId: byId(T_PAID) } },
	'taobaoOrder:cancel': { params: { orderId: byId(T_WAIT_PAY), cancelReason: 'out of stock' } },
	'taobaoOrder:pay': { params: { orderId: byId(T_WAIT_PAY) } },
	'taobaoOrder:uploadPaymentVoucher': {
		params: { orderId: byId(T_WAIT_PAY), voucherSource: 'url', voucherUrl: 'https://example.com/receipt.jpg' },
	},
	'taobaoOrder:updateWarehouse': { params: { orderId: byId(T_PAID), warehouseName: '一号仓库', warehouseAddress: '广西省' } },
	'taobaoOrder:getImLink': { params: { sourceType: 'item', bizId: '700187748440' } },
	'taobaoOrder:getLogistics': { params: { orderId: byId(T_PAID) } },

	'taobaoCart:add': { params: { itemId: byId(T_ITEM), mpId: '1', mpSkuId: '2', skuId: '', quantity: 1 } },
	'taobaoCart:getAll': { params: { limit: 5 } },
	'taobaoCart:updateQuantity': { params: { id: '5', quantity: 2 } },
	'taobaoCart:delete': { params: { ids: '101' } },
	'taobaoCart:previewOrder': { params: { ids: '101' } },
	'taobaoCart:createOrder': { params: { ids: '101', orderAddress: TAOBAO_CART_ADDRESS } },

	'taobaoAfterSale:getAll': { params: { limit: 5, filters: {} } },
	'taobaoAfterSale:get': { params: { refundId: byId('TQ1') } },
	'taobaoAfterSale:render': { params: { subOrderId: T_PAID_SUB, refundType: 1, goodsStatus: 1 } },
	'taobaoAfterSale:submit': { params: { subOrderId: T_PAID_SUB, refundType: 1, goodsStatus: 1, reasonId: 1001 } },
	'taobaoAfterSale:modify': { params: { refundId: byId('TQ1'), updateFields: { refundDesc: 'late' } } },
	'taobaoAfterSale:cancel': { params: { refundId: byId('TQ1') } },
	'taobaoAfterSale:submitMessage': { params: { refundId: byId('TQ1'), refundMessage: 'hello', refundImages: '' } },
	'taobaoAfterSale:getMessages': { params: { refundId: byId('TQ1') } },
	'taobaoAfterSale:renderReturnLogistics': { params: { refundId: byId('TQ1') } },
	'taobaoAfterSale:submitReturnLogistics': { params: { refundId: byId('TQ1'), logisticsCompanyCode: 'SF', logisticsNo: 'SF1234567890123' } },

	'alibabaProduct:get': { params: { offerId: byId(OFFER) } },
	'alibabaProduct:searchByKeyword': { params: { keyword: 'bag', limit: 5, filters: {} } },
	'alibabaProduct:searchByImage': { params: { imageSource: 'binary', binaryPropertyName: 'data', limit: 3, filters: {} }, binary: true },
	'alibabaProduct:searchInShop': { params: { sellerOpenId: SELLER, limit: 5, filters: {} } },
	'alibabaProduct:getCategory': { params: { categoryId: '1031910', language: 'en' } },
	'alibabaProduct:getRecommendations': { params: { language: 'en', limit: 5 } },
	'alibabaProduct:getRelated': { params: { offerId: OFFER, language: 'en', limit: 5 } },
	'alibabaProduct:decryptWangwang': { params: { openUid: SELLER, offerId: OFFER } },

	'alibabaOrder:get': { params: { orderId: byId(A_WAIT_SEND) } },
	'alibabaOrder:getAll': { params: { limit: 3, orderFilters: {} } },
	'alibabaOrder:preview': { params: { cargoSource: 'define', cargo, addressParam: ALIBABA_ADDRESS } },
	'alibabaOrder:create': { params: { cargoSource: 'define', cargo, addressParam: ALIBABA_ADDRESS, flow: 'general' } },
	'alibabaOrder:previewBatch': { params: { cargoSource: 'define', cargo: cargoWithSeller } },
	'alibabaOrder:createBatch': { params: { cargoSource: 'define', cargo: cargoWithSeller, addressParam: ALIBABA_ADDRESS, flow: 'general' } },
	'alibabaOrder:submitAndPayBatch': { params: { orderIds: A_PAYABLE } },
	'alibabaOrder:getPaymentUrl': { params: { orderId: byId(A_PAYABLE) } },
	'alibabaOrder:cancel': { params: { orderId: byId(A_PAYABLE), cancelReason: 'buyerCancel', remark: '' } },
	'alibabaOrder:confirmReceipt': { params: { orderId: byId(A_SHIPPED), orderEntryIds: A_SHIPPED_ENTRY } },
	'alibabaOrder:getLogisticsTrace': { params: { orderId: byId(A_SHIPPED) } },

	'alibabaCart:add': { params: { offerId: byId(OFFER), specId: SPEC, quantity: 1 } },
	'alibabaCart:getAll': { params: {} },
	'alibabaCart:updateQuantity': { params: { id: '1', quantity: 2, cartFields: {} } },
	'alibabaCart:delete': { params: { cartIds: '1' } },
	'alibabaCart:previewOrder': { params: { cartIds: '1' } },
	'alibabaCart:createOrder': { params: { cartIds: '1', addressParam: ALIBABA_ADDRESS, flow: 'general' } },

	'alibabaAfterSale:getRefundReasons': {
		params: { orderId: byId(A_WAIT_SEND), orderEntryIds: A_WAIT_SEND_ENTRIES.join(', '), goodsStatus: 'refundWaitSellerSend' },
	},
	'alibabaAfterSale:createRefund': {
		params: {
			orderId: byId(A_WAIT_SEND),
			orderEntryIds: A_WAIT_SEND_ENTRIES[0],
			goodsStatus: 'refundWaitSellerSend',
			applyReasonId: 20001,
			disputeRequest: 'refund',
			applyPayment: 100,
			applyCarriage: 0,
			description: 'Wrong colour',
		},
	},
	'alibabaAfterSale:get': { params: { refundId: 'TQ1' } },
	'alibabaAfterSale:uploadVoucher': { params: { binaryPropertyName: 'data' }, binary: true },
	'alibabaAfterSale:submitReturnLogistics': { params: { refundId: 'TQ1', logisticsCompanyNo: 'SF', freightBill: 'SF1234521212678' } },
	'alibabaAfterSale:listLogisticsCompanies': { params: {} },

	'alibabaMarketing:globalStrictSelection': { params: { keyword: 'bag', country: 'en', limit: 5 } },
	'alibabaMarketing:strictSelection': { params: { keyword: 'bag', country: 'en', limit: 5 } },
	'alibabaMarketing:hotSellingList': { params: { keyword: 'bag', country: 'en', limit: 5 } },

	'address:get': { params: {} },
	'address:upsert': {
		params: { id: '', name: '李四', phone: '18600000000', province: '广东省', city: '深圳市', district: '宝安区', address: '西乡街道1号' },
	},

	'logistics:estimateItemFreight': {
		params: { itemId: '2048232789087639', skuId: '4970432383383', quantity: 2, price: '19.90', currency: 'CNY', receiverAddress: LOGISTICS_RECEIVER },
	},
	'logistics:previewOrderFreight': {
		params: {
			receiverAddress: LOGISTICS_RECEIVER,
			renderItems: { line: [{ itemId: '2048020617114736', skuId: '413185732720', quantity: 1, price: '10', currency: 'CNY', serviceId: '1' }] },
		},
	},
	'logistics:updateDomesticLogistics': { params: { orderId: '21', linesInput: 'json', logisticInfos: domesticInfos } },
	'logistics:createInternationalOrder': { params: { renderId: RENDER_ID, bookingFields: {} } },

	'customApiCall:request': { params: { method: 'POST', path: '/alibaba/order/detail', query: '{}', body: `{"orderId": ${A_WAIT_SEND}}` } },
};

/** Emits the items given in `items` (JSON), each with a PNG in binary property `data`. */
class BinaryInput implements INodeType {
	description = {
		displayName: 'Binary Input',
		name: 'relBinaryInput',
		group: ['input'],
		version: 1,
		description: 'Emits items with an image',
		defaults: { name: 'Binary Input' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [list.map((json) => ({ json, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'proof.png' } } }))];
	}
}
registerNodeType('test.relBinaryInput', new BinaryInput());

/** Runs one operation with the given parameters (resource and operation added from `key`). */
export async function runOp(
	key: string,
	params: INodeParameters,
	creds: SandboxCredentials,
	input: IDataObject[] = [{}],
	nodeExtra: IDataObject = {},
): Promise<RunResult> {
	const [resource, operation] = key.split(':');
	const parameters = { resource, operation, ...params };
	const node = pandaPonNode(parameters, nodeExtra);
	if (!BASELINES[key]?.binary) return runWorkflow({ nodes: [node], credentials: creds, input });
	return runWorkflow({
		nodes: [
			{ id: 'bin', name: 'Binary Input', type: 'test.relBinaryInput', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } },
			node,
		],
		connections: { 'Binary Input': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
		credentials: creds,
	});
}

/**
 * Whether n8n shows the property for these parameters (its show and hide conditions); a
 * parameter the baseline leaves out counts at its default, as n8n reads it.
 */
export function shown(prop: Spec['properties'][number], params: INodeParameters, spec: Spec): boolean {
	const value = (name: string) => (name in params ? params[name] : spec.properties.find((p) => p.name === name)?.default);
	const { show, hide } = prop.displayOptions ?? {};
	const matches = (name: string, values: unknown[]) => name === 'resource' || name === 'operation' || values.includes(value(name));
	if (show && !Object.entries(show).every(([name, values]) => matches(name, values))) return false;
	if (hide && Object.entries(hide).some(([name, values]) => name !== 'resource' && name !== 'operation' && matches(name, values))) return false;
	return true;
}

export { A_WAIT_SEND, A_PAYABLE };
