/**
 * A valid parameter set for every operation of the action node (taken from the engine tests), by
 * `resource:operation`. The unit layer builds each record's request from them; the reliability
 * suite mutates them one field at a time (bad input) and sends them under faults.
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	ALIBABA_ADDRESS,
	A_REFUND,
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
} from './fixtures';

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
	'alibabaAfterSale:createRefund': { params: A_REFUND },
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

	'customApiCall:request': { params: { method: 'POST', path: '/alibaba/order/detail', query: '{}', body: `{"webSite": "1688", "orderId": ${A_WAIT_SEND}}` } },
};

