'use strict';

const { E } = require('../errors');
const { bigId, idString, parseLossless, numberValue } = require('../json');
const { formatTime, ensureUser, newTaobaoCartLine } = require('../state');
const { hashString } = require('../rng');
const c = require('./common');

const STATUS_NAMES = {
	12: 'ORDER_BULIDING',
	0: 'TAOBAO_ORDER_WAIT_BUYER_PAY',
	1: 'ORDER_PAY_STATUS',
	2: 'ORDER_FINANCE_PASS_STATUS',
	3: 'ORDER_FINANCE_REFUSE_STATUS',
	5: 'WAIT_FINANCE_PAY',
	10: 'WAIT_SELLER_SEND_GOODS',
	11: 'WAIT_BUYER_CONFIRM_GOODS',
	4: 'CANCEL',
	9: 'OTHER_STATUS',
};
const REFUND_STATUS_NAMES = {
	0: 'NOT_APPLY_FOR_REFUND',
	10: 'APPLIED_REFUND',
	20: 'AGREE_TO_REFUND',
	30: 'WAITING_SELLER_RECEIPT',
	100: 'REFUND_SUCCESSFUL',
	'-10': 'SELLER_REFUSES_REFUND',
	'-20': 'REFUND_CLOSED',
};
const ACTIVE_REFUND = [10, 20, 30];

/** Reverse-order reasons by goodsStatus (0/1 = goods not received, 2 = received). */
const REFUND_REASONS = {
	notReceived: [
		{ reasonId: 1001, reasonDesc: '不想要了', tips: '' },
		{ reasonId: 1002, reasonDesc: '拍错/多拍', tips: '' },
		{ reasonId: 1003, reasonDesc: '未按约定时间发货', tips: '请确认卖家未发货' },
	],
	received: [
		{ reasonId: 2001, reasonDesc: '质量问题', tips: '请上传凭证' },
		{ reasonId: 2002, reasonDesc: '商品与描述不符', tips: '请上传凭证' },
		{ reasonId: 2003, reasonDesc: '少件/漏发', tips: '' },
		{ reasonId: 2004, reasonDesc: '卖家发错货', tips: '' },
	],
};
function reasonsFor(goodsStatus) {
	return goodsStatus === 2 ? REFUND_REASONS.received : REFUND_REASONS.notReceived;
}

const RETURN_COMPANIES = [
	{ logisticsCompanyCode: 'SF', logisticsCompanyName: '顺丰速运' },
	{ logisticsCompanyCode: 'YTO', logisticsCompanyName: '圆通速递' },
	{ logisticsCompanyCode: 'ZTO', logisticsCompanyName: '中通快递' },
	{ logisticsCompanyCode: 'YUNDA', logisticsCompanyName: '韵达快递' },
];

// ------------------------------------------------------------------ views

function productView(p) {
	return {
		itemId: bigId(p.itemId),
		title: p.title,
		description: p.description,
		picUrls: p.picUrls,
		categoryId: p.categoryId,
		categoryName: p.categoryName,
		categoryPath: p.categoryPath,
		shopId: p.shopId,
		shopName: p.shopName,
		userNick: p.userNick,
		mpId: p.mpId,
		price: p.price,
		promotionPrice: p.promotionPrice,
		quantity: p.quantity,
		beginAmount: p.beginAmount,
		productUnit: p.productUnit,
		status: p.status,
		itemType: p.itemType,
		skuList: p.skuList.map((s) => ({
			skuId: s.skuId,
			mpSkuId: s.mpSkuId,
			price: s.price,
			promotionPrice: s.promotionPrice,
			quantity: s.quantity,
			status: s.status,
			picUrl: s.picUrl,
			properties: JSON.stringify(s.properties),
		})),
	};
}

function productSummary(p) {
	return {
		itemId: bigId(p.itemId),
		itemMapId: p.itemMapId,
		title: p.title,
		picUrl: p.picUrls[0],
		price: p.price,
		promotionPrice: p.promotionPrice,
		shopName: p.shopName,
		quantity: p.quantity,
	};
}

function orderView(o) {
	return {
		orderId: bigId(o.orderId),
		status: o.status,
		statusName: STATUS_NAMES[o.status],
		sellerOrderNumber: o.sellerOrderNumber,
		orderSource: o.orderSource,
		purchaseAmount: o.purchaseAmount,
		currency: o.currency,
		receiver: o.receiver,
		warehouseName: o.warehouseName,
		warehouseAddress: o.warehouseAddress,
		voucherUrl: o.voucherUrl,
		createTime: formatTime(o.createTime),
		payTime: o.payTime ? formatTime(o.payTime) : null,
		shipTime: o.shipTime ? formatTime(o.shipTime) : null,
		cancelTime: o.cancelTime ? formatTime(o.cancelTime) : null,
		cancelReason: o.cancelReason,
		orderLineList: o.lines.map((l) => ({
			subOrderId: bigId(l.subOrderId),
			orderLineNo: l.orderLineNo,
			itemId: bigId(l.itemId),
			skuId: l.skuId,
			title: l.title,
			picUrl: l.pic,
			quantity: l.quantity,
			price: String(l.price),
			currency: l.currency,
			refundStatus: l.refundStatus,
			refundId: l.refundId,
		})),
	};
}

function refundOrderView(r) {
	return {
		refundId: r.refundId,
		payOrderId: r.orderId,
		subOrderId: r.subOrderId,
		refundType: r.refundType,
		goodsStatus: r.goodsStatus,
		refundStatus: r.refundStatus,
		refundStatusName: REFUND_STATUS_NAMES[String(r.refundStatus)],
		refundFee: r.refundFee,
		reasonId: r.reasonId,
		reasonDesc: r.reasonDesc,
		refundDesc: r.refundDesc,
		feeTips: '',
		canEditFee: r.refundStatus === 10,
		timeoutDate: formatTime(r.createTime + 7 * 86400000),
		timeoutType: 'SELLER_AGREE',
		remainingTime: '7d',
		sellerRefuseReason: r.refundStatus === -10 ? 'sandbox seller refused' : '',
		sellerRefuseReasonDescribe: '',
		createTime: formatTime(r.createTime),
		modifyTime: formatTime(r.modifyTime),
	};
}

function refundAggregate(state, r) {
	const { order, line } = state.taobao.subOrders.get(r.subOrderId);
	return {
		distributorId: 'sandbox-distributor',
		currency: 'CNY',
		refundOrderAggregate: {
			logistics: {
				receiverAddress: '浙江省杭州市余杭区文一西路969号 退货仓 (sandbox)',
				returnGoodsDesc: r.refundType === 2 ? '请在7天内寄回' : '',
				buyerPhone: order.receiver.mobile_phone,
				logisticsCompany: r.logistics
					? { logisticsCompanyCode: r.logistics.logisticsCompanyCode, logisticsCompanyName: r.logistics.logisticsCompanyName }
					: null,
				logisticsNo: r.logistics ? r.logistics.logisticsNo : null,
				sellerAgreeReturnDescribe: r.refundStatus >= 20 ? '同意退货' : '',
			},
			refundOrder: refundOrderView(r),
			purchaseOrderLine: {
				salesOrderId: order.sellerOrderNumber,
				supplierId: 'sandbox-supplier',
				quantity: line.quantity,
				totalPrice: line.price * line.quantity,
				itemTitle: line.title,
				postFee: 0,
				productFee: line.price * line.quantity,
				salesMarket: order.orderSource,
				purchaseOrderLineId: bigId(line.subOrderId),
				createTime: formatTime(order.createTime),
				purchaseOrderId: bigId(order.orderId),
				price: line.price,
			},
		},
	};
}

// ------------------------------------------------------------------ pushes

function statusPush(ctx, o) {
	ctx.emit('TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', 0, {
		orderId: bigId(o.orderId),
		orderNo: o.sellerOrderNumber,
		status: o.status,
		orderStatus: STATUS_NAMES[o.status],
		payStatus: [10, 11].includes(o.status) ? 2 : 1,
		totalAmount: o.purchaseAmount,
		shippingFee: 0,
		productAmount: o.purchaseAmount,
		refundAmount: o.lines.filter((l) => l.refundStatus === 100).reduce((a, l) => a + l.price * l.quantity, 0),
		refundStatus: null,
		closeReason: o.cancelReason,
		tbCreateTime: formatTime(o.createTime),
		payTime: o.payTime ? formatTime(o.payTime) : null,
	});
}

function pricePush(ctx, o) {
	ctx.emit('TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', 0, {
		orderId: bigId(o.orderId),
		salesOrderId: o.sellerOrderNumber,
		subOrders: o.lines.map((l) => ({
			purchase_order_id: bigId(o.orderId),
			purchase_order_line_id: bigId(l.subOrderId),
			purchase_order_outer_id: o.sellerOrderNumber,
			purchase_order_line_outer_id: l.orderLineNo,
			close_time_without_payment: formatTime(o.createTime + 3 * 86400000),
			detail_error_code: '',
			product_amount: String(l.price * l.quantity),
			logistic_company_name: o.logistics ? o.logistics.companyName : '',
			logistic_number: o.logistics ? o.logistics.logisticsNo : '',
			quantity: l.quantity,
		})),
		purchaseOrderPriceDTO: {
			purchaseCurrency: 'CNY',
			purchaseTotalFee: o.purchaseAmount,
			purchaseProductFee: o.purchaseAmount,
			purchaseShippingFee: 0,
		},
	});
}

function refundPush(ctx, r) {
	ctx.emit('TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', 0, {
		refundId: r.refundId,
		orderId: bigId(r.orderId),
		subOrderId: bigId(r.subOrderId),
		refundStatus: r.refundStatus,
		refundStatusName: REFUND_STATUS_NAMES[String(r.refundStatus)],
		refundFee: r.refundFee,
		refundType: r.refundType,
	});
}

// ------------------------------------------------------------------ lookups

function getOrder(ctx) {
	const id = c.requireId(ctx, ['orderId', 'purchaseOrderId', 'id']);
	const o = ctx.state.taobao.orders.get(id);
	if (!o) throw E.notFound('order', id);
	return o;
}

function getRefund(ctx) {
	const id = c.requireString(ctx, 'refundId');
	const r = ctx.state.taobao.refunds.get(id);
	if (!r) throw E.notFound('refund', id);
	return r;
}

function getProduct(state, itemId) {
	const p = state.taobao.products.get(String(itemId));
	if (!p) throw E.notFound('item', itemId);
	return p;
}

function setStatus(ctx, o, status) {
	o.status = status;
	statusPush(ctx, o);
}

function addOrder(state, o) {
	state.taobao.orders.set(o.orderId, o);
	state.taobao.orderList.unshift(o);
	for (const l of o.lines) state.taobao.subOrders.set(l.subOrderId, { order: o, line: l });
}

function newOrderId(state) {
	return state.ids.fresh(() => `30${state.rng.digits(17)}`);
}

function newSubOrderId(state) {
	return state.ids.fresh(() => `31${state.rng.digits(17)}`);
}

function newRefundId(state) {
	return `TQ${state.ids.fresh(() => `5${state.rng.digits(17)}`)}`;
}

function createOrderFromLines(ctx, lines, receiver, extra = {}) {
	const state = ctx.state;
	const now = Date.now();
	const o = {
		orderId: newOrderId(state),
		status: 0,
		orderSource: extra.orderSource || 'api',
		sellerOrderNumber: extra.sellerOrderNumber || null,
		purchaseAmount: lines.reduce((a, l) => a + l.price * l.quantity, 0),
		currency: 'CNY',
		receiver,
		warehouseName: null,
		warehouseAddress: null,
		voucherUrl: null,
		createTime: now,
		payTime: null,
		shipTime: null,
		cancelTime: null,
		cancelReason: null,
		logistics: null,
		lines: lines.map((l, i) => ({ ...l, subOrderId: newSubOrderId(state), orderLineNo: l.orderLineNo || String(i + 1), refundStatus: 0, refundId: null })),
		priceChanges: [],
		userId: ctx.userId,
	};
	addOrder(state, o);
	statusPush(ctx, o);
	return o;
}

function createResult(o) {
	return {
		orderId: bigId(o.orderId),
		status: o.status,
		purchaseAmount: o.purchaseAmount,
		sellerOrderNumber: o.sellerOrderNumber,
		subOrders: o.lines.map((l) => ({ subOrderId: bigId(l.subOrderId), orderLineNo: l.orderLineNo, itemId: bigId(l.itemId), skuId: l.skuId, quantity: l.quantity })),
	};
}

function userCart(ctx) {
	const uid = ensureUser(ctx.state, c.optionalString(ctx, 'userId') || ctx.userId);
	return ctx.state.taobao.carts.get(uid);
}

function pickCartLines(ctx, cart) {
	const ids = c.idList(ctx, 'ids', { required: true });
	return ids.map((id) => {
		const line = cart.find((x) => String(x.id) === id);
		if (!line) throw E.notFound('cart item', id);
		return line;
	});
}

function searchProducts(state, keyword, seedText) {
	let list = state.taobao.productList;
	if (keyword) list = list.filter((p) => p.title.includes(keyword) || p.categoryName.includes(keyword));
	if (seedText !== undefined) {
		const h = hashString(seedText);
		const n = list.length;
		const start = h % n;
		list = list.slice(start).concat(list.slice(0, start)).slice(0, 60);
	}
	return list;
}

// ------------------------------------------------------------------ handlers

module.exports = {
	'taobao.product.imageQuery'(ctx) {
		const image = c.optionalString(ctx, 'imageUrl') || c.optionalString(ctx, 'imageBase64') || c.optionalString(ctx, 'picUrl') || '';
		return c.paginate(ctx, searchProducts(ctx.state, undefined, image), { map: productSummary, maxSize: 50 });
	},

	'taobao.product.keywordQuery'(ctx) {
		const keyword = c.optionalString(ctx, 'keyword');
		const list = searchProducts(ctx.state, keyword).slice();
		const sort = c.optionalString(ctx, 'sort');
		if (sort && /price_asc/i.test(sort)) list.sort((a, b) => a.price - b.price);
		if (sort && /price_desc/i.test(sort)) list.sort((a, b) => b.price - a.price);
		return c.paginate(ctx, list, { map: productSummary, maxSize: 40, defaultSize: 20 });
	},

	'taobao.product.batchQuery'(ctx) {
		const params = parseLossless(ctx.body.params);
		const mpProducts = [];
		const noMpProductItemIds = [];
		const noMpReasonList = [];
		params.forEach((entry) => {
			const itemId = idString(entry.itemId);
			const p = ctx.state.taobao.products.get(itemId);
			if (!p) {
				noMpProductItemIds.push(itemId);
				noMpReasonList.push({ itemId, reason: 'ITEM_NOT_IN_DISTRIBUTION', reasonDesc: '商品不在分销渠道' });
				return;
			}
			const wanted = Array.isArray(entry.skuIds) ? entry.skuIds.map(idString) : null;
			const view = productView(p);
			if (wanted) view.skuList = view.skuList.filter((s) => wanted.includes(s.skuId));
			mpProducts.push(view);
		});
		return { mpProducts, noMpProductItemIds, noMpReasonList };
	},

	'taobao.product.get'(ctx) {
		const id = c.requireId(ctx, 'itemId');
		return productView(getProduct(ctx.state, id));
	},

	'taobao.product.inquiry'(ctx) {
		const id = c.requireId(ctx, 'itemId');
		const p = getProduct(ctx.state, id);
		return { ...productView(p), language: c.optionalString(ctx, 'language') || 'zh' };
	},

	'taobao.order.create'(ctx) {
		const b = ctx.body;
		const lines = parseLossless(b.orderLineList);
		const receiver = parseLossless(b.receiver);
		if (lines.length === 0) throw E.invalidParam('orderLineList', 'must not be empty');
		const built = lines.map((l, i) => {
			const name = `orderLineList[${i}]`;
			const product = getProduct(ctx.state, idString(l.itemId));
			const sku = product.skuList.find((s) => s.skuId === idString(l.skuId));
			if (!sku) throw E.notFound('sku', idString(l.skuId));
			const quantity = numberValue(l.quantity);
			const price = numberValue(l.price);
			if (!Number.isInteger(quantity) || quantity < 1) throw E.invalidParam(`${name}.quantity`, 'must be a positive integer');
			if (!Number.isFinite(price) || price < 0) throw E.invalidParam(`${name}.price`, 'must be a non-negative amount in fen');
			return { itemId: product.itemId, skuId: sku.skuId, title: product.title, pic: product.picUrls[0], quantity, price, currency: l.currency || 'CNY', orderLineNo: idString(l.orderLineNo) };
		});
		const expected = built.reduce((a, l) => a + l.price * l.quantity, 0);
		const amount = numberValue(b.purchaseAmount);
		if (amount !== expected) throw E.invalidParam('purchaseAmount', `must equal the sum of price x quantity of the order lines in fen (${expected})`);
		const o = createOrderFromLines(ctx, built, receiver, { orderSource: c.optionalString(ctx, 'orderSource'), sellerOrderNumber: c.optionalString(ctx, 'sellerOrderNumber') });
		return createResult(o);
	},

	'taobao.order.list'(ctx) {
		let list = ctx.state.taobao.orderList;
		const status = c.optionalInt(ctx, 'status');
		if (status !== undefined) list = list.filter((o) => o.status === status);
		const orderId = c.optionalId(ctx, 'orderId');
		if (orderId) list = list.filter((o) => o.orderId === orderId);
		return c.paginate(ctx, list, { map: orderView, defaultSize: 20, maxSize: 100 });
	},

	'taobao.order.uploadPaymentVoucher'(ctx) {
		const o = getOrder(ctx);
		let url = c.optionalString(ctx, 'voucherUrl') || c.optionalString(ctx, 'voucher') || c.optionalString(ctx, 'imageUrl');
		const base64 = c.optionalString(ctx, 'imageBase64');
		if (!url && base64) {
			// An uploaded image (the real field is undocumented; base64 mirrors the 1688 voucher upload).
			if (!/^[A-Za-z0-9+/\r\n]+={0,2}$/.test(base64)) throw E.invalidParam('imageBase64', 'must be base64');
			url = `https://sandbox.invalid/voucher/${o.orderId}/${encodeURIComponent(c.optionalString(ctx, 'fileName') || 'voucher.jpg')}`;
		}
		if (!url) throw E.invalidParam('voucherUrl', 'or imageBase64 is required');
		if (![0, 3].includes(o.status)) throw E.invalidState(`order ${o.orderId} is ${STATUS_NAMES[o.status]} and does not await payment`);
		o.voucherUrl = url;
		setStatus(ctx, o, 1);
		return true;
	},

	'taobao.order.cancel'(ctx) {
		const o = getOrder(ctx);
		if (![0, 1, 3].includes(o.status)) throw E.invalidState(`order ${o.orderId} is ${STATUS_NAMES[o.status]} and cannot be cancelled`);
		o.cancelTime = Date.now();
		o.cancelReason = c.optionalString(ctx, 'cancelReason') || 'buyer_cancel';
		setStatus(ctx, o, 4);
		return true;
	},

	'taobao.order.updateWarehouse'(ctx) {
		const o = getOrder(ctx);
		if ([4, 11].includes(o.status)) throw E.invalidState(`order ${o.orderId} is ${STATUS_NAMES[o.status]}; the warehouse can no longer change`);
		const name = c.optionalString(ctx, 'warehouseName');
		const address = c.optionalString(ctx, 'warehouseAddress');
		if (!name && !address) throw E.invalidParam('warehouseName', 'or warehouseAddress is required');
		if (name) o.warehouseName = name;
		if (address) o.warehouseAddress = address;
		return { orderId: bigId(o.orderId), warehouseName: o.warehouseName, warehouseAddress: o.warehouseAddress };
	},

	'taobao.order.pay'(ctx) {
		const o = getOrder(ctx);
		if (![0, 1, 2, 3, 5].includes(o.status)) throw E.invalidState(`order ${o.orderId} is ${STATUS_NAMES[o.status]} and cannot be paid`);
		o.payTime = Date.now();
		setStatus(ctx, o, 10);
		return { orderId: bigId(o.orderId), status: o.status, payAmount: o.purchaseAmount, currency: 'CNY', payTime: formatTime(o.payTime) };
	},

	'taobao.order.getImLink'(ctx) {
		const sourceType = c.optionalString(ctx, 'sourceType');
		const bizId = c.optionalString(ctx, 'bizId');
		const loginName = c.optionalString(ctx, 'loginName');
		if (!(sourceType && bizId) && !loginName) throw E.invalidParam('sourceType', 'and bizId are required (or loginName, password, pageName, pageParamMap)');
		const token = Buffer.from(`${sourceType || loginName}:${bizId || ''}:${ctx.userId}`).toString('base64url');
		return `https://distributor.taobao.global/apps/open/imchat?loginToken=${token}`;
	},

	'taobao.order.get'(ctx) {
		return orderView(getOrder(ctx));
	},

	'taobao.order.getLogistics'(ctx) {
		const o = getOrder(ctx);
		const shipped = o.status === 11 && o.logistics;
		return {
			orderId: bigId(o.orderId),
			status: o.status,
			logisticsList: shipped
				? o.lines.map((l) => ({
						subOrderId: bigId(l.subOrderId),
						logisticsCompanyName: o.logistics.companyName,
						logisticsNo: o.logistics.logisticsNo,
						traces: [
							{ time: formatTime(o.shipTime), desc: '卖家已发货' },
							{ time: formatTime(o.shipTime + 6 * 3600000), desc: '快件已到达 杭州转运中心' },
							// steps added by simulate taobao.traceEvent
							...(o.extraTraces || []).map((x) => ({ time: formatTime(x.at), desc: x.text })),
						],
					}))
				: [],
		};
	},

	'taobao.afterSale.list'(ctx) {
		let list = ctx.state.taobao.refundList;
		const refundId = c.optionalString(ctx, 'refundId');
		const purchaseOrderId = c.optionalString(ctx, 'purchaseOrderId');
		const salesOrderId = c.optionalString(ctx, 'salesOrderId');
		const refundStatus = c.optionalInt(ctx, 'refundStatus');
		const start = c.optionalInt(ctx, 'refundStartTime');
		const end = c.optionalInt(ctx, 'refundEndTime');
		if (refundId) list = list.filter((r) => r.refundId === refundId);
		if (purchaseOrderId) list = list.filter((r) => r.orderId === purchaseOrderId);
		if (salesOrderId) list = list.filter((r) => ctx.state.taobao.orders.get(r.orderId).sellerOrderNumber === salesOrderId);
		if (refundStatus !== undefined) list = list.filter((r) => r.refundStatus === refundStatus);
		if (start !== undefined) list = list.filter((r) => r.createTime >= (start < 1e11 ? start * 1000 : start));
		if (end !== undefined) list = list.filter((r) => r.createTime <= (end < 1e11 ? end * 1000 : end));
		return c.paginate(ctx, list, { map: refundOrderView, maxSize: 100, defaultSize: 20 });
	},

	'taobao.afterSale.render'(ctx) {
		const goodsStatus = c.requireInt(ctx, 'goodsStatus');
		const refundType = c.requireInt(ctx, 'refundType');
		const subOrderId = c.optionalId(ctx, 'subOrderId');
		let maxFee = 0;
		if (subOrderId) {
			const entry = ctx.state.taobao.subOrders.get(subOrderId);
			if (!entry) throw E.notFound('subOrder', subOrderId);
			maxFee = entry.line.price * entry.line.quantity;
		}
		return {
			refundOrderTemplate: {
				refundReasons: reasonsFor(goodsStatus),
				goodsStatusList: ['1', '2'],
				refundOrder: { refundId: null, payOrderId: null, refundType, goodsStatus, refundStatus: 0, refundFee: maxFee, reasonId: null, reasonDesc: null, refundDesc: null, feeTips: `最多可退 ${maxFee} 分`, canEditFee: true, timeoutDate: null, timeoutType: null, remainingTime: null, sellerRefuseReason: null, sellerRefuseReasonDescribe: null },
				maxRefundFee: { minRefundFee: 1, refundFee: maxFee, feeTips: `最多可退 ${maxFee} 分`, canEditRefundFee: true },
			},
			distributorId: 'sandbox-distributor',
			currency: 'CNY',
			saleFlag: true,
		};
	},

	'taobao.afterSale.returnLogisticsRender'(ctx) {
		const r = getRefund(ctx);
		if (r.refundStatus !== 20) throw E.invalidState(`refund ${r.refundId} is ${REFUND_STATUS_NAMES[String(r.refundStatus)]}; return logistics needs AGREE_TO_REFUND`);
		return {
			refundId: r.refundId,
			receiverAddress: '浙江省杭州市余杭区文一西路969号 退货仓 (sandbox)',
			receiverName: '退货仓',
			receiverPhone: '0571-00000000',
			logisticsCompanies: RETURN_COMPANIES,
		};
	},

	'taobao.afterSale.returnLogisticsSubmit'(ctx) {
		const r = getRefund(ctx);
		const code = c.requireString(ctx, ['logisticsCompanyCode', 'companyCode']);
		const no = c.requireString(ctx, ['logisticsNo', 'trackingNumber', 'logisticsNumber']);
		const company = RETURN_COMPANIES.find((x) => x.logisticsCompanyCode === code);
		if (!company) throw E.invalidParam('logisticsCompanyCode', `must be one of ${RETURN_COMPANIES.map((x) => x.logisticsCompanyCode).join(', ')}`);
		if (r.refundStatus !== 20) throw E.invalidState(`refund ${r.refundId} is ${REFUND_STATUS_NAMES[String(r.refundStatus)]}; return logistics needs AGREE_TO_REFUND`);
		r.logistics = { ...company, logisticsNo: no };
		setRefundStatus(ctx, r, 30);
		return true;
	},

	'taobao.afterSale.cancel'(ctx) {
		const r = getRefund(ctx);
		if (!ACTIVE_REFUND.includes(r.refundStatus)) throw E.invalidState(`refund ${r.refundId} is ${REFUND_STATUS_NAMES[String(r.refundStatus)]} and cannot be cancelled`);
		setRefundStatus(ctx, r, -20);
		return true;
	},

	'taobao.afterSale.submitMessage'(ctx) {
		const r = getRefund(ctx);
		const content = c.optionalString(ctx, 'refundMessage');
		const images = c.optionalString(ctx, 'refundImages');
		if (!content && !images) throw E.invalidParam('refundMessage', 'or refundImages is required');
		const msg = { messageId: ctx.state.counters.messageSeq++, sender: 'buyer', content: content || '', images: images ? images.split(',') : [], createTime: formatTime(Date.now()) };
		r.messages.push(msg);
		return { messageId: msg.messageId, refundId: r.refundId };
	},

	'taobao.afterSale.submit'(ctx) {
		const state = ctx.state;
		const subOrderId = c.requireId(ctx, ['subOrderId', 'purchaseOrderLineId']);
		const entry = state.taobao.subOrders.get(subOrderId);
		if (!entry) throw E.notFound('subOrder', subOrderId);
		const { order, line } = entry;
		const refundType = c.optionalInt(ctx, 'refundType') ?? 1;
		const goodsStatus = c.optionalInt(ctx, 'goodsStatus') ?? (order.status === 11 ? 2 : 1);
		const reasonId = c.requireInt(ctx, 'reasonId');
		const maxFee = line.price * line.quantity;
		const refundFee = c.optionalInt(ctx, 'refundFee') ?? maxFee;
		if (![0, 1, 2].includes(refundType)) throw E.invalidParam('refundType', 'must be 1 (refund only) or 2 (return and refund)');
		if (![0, 1, 2].includes(goodsStatus)) throw E.invalidParam('goodsStatus', 'must be 1 (not received) or 2 (received)');
		const reason = reasonsFor(goodsStatus).find((x) => x.reasonId === reasonId);
		if (!reason) throw E.invalidParam('reasonId', `is not a reason for goodsStatus ${goodsStatus}`);
		if (refundFee < 1 || refundFee > maxFee) throw E.invalidParam('refundFee', `must be between 1 and ${maxFee}`);
		if (![10, 11].includes(order.status)) throw E.invalidState(`order ${order.orderId} is ${STATUS_NAMES[order.status]}; refunds need a paid order`);
		if (goodsStatus === 2 && order.status !== 11) throw E.invalidState(`order ${order.orderId} has not been shipped; goodsStatus 2 (received) is impossible`);
		if (ACTIVE_REFUND.includes(line.refundStatus) || line.refundStatus === 100) throw E.invalidState(`sub-order ${subOrderId} already has refund ${line.refundId}`);
		const now = Date.now();
		const r = {
			refundId: newRefundId(state),
			orderId: order.orderId,
			subOrderId,
			refundType: refundType === 0 ? 1 : refundType,
			goodsStatus,
			reasonId,
			reasonDesc: reason.reasonDesc,
			refundFee,
			refundDesc: c.optionalString(ctx, 'refundDesc') || '',
			refundStatus: 10,
			createTime: now,
			modifyTime: now,
			messages: [],
			logistics: null,
			userId: ctx.userId,
		};
		state.taobao.refunds.set(r.refundId, r);
		state.taobao.refundList.unshift(r);
		line.refundId = r.refundId;
		setRefundStatus(ctx, r, 10);
		// The sandbox seller agrees to returns at once, so the return-logistics calls can be exercised.
		if (r.refundType === 2) setRefundStatus(ctx, r, 20);
		return { refundId: r.refundId, refundStatus: r.refundStatus };
	},

	'taobao.afterSale.listMessages'(ctx) {
		const r = getRefund(ctx);
		return r.messages;
	},

	'taobao.afterSale.modify'(ctx) {
		const r = getRefund(ctx);
		if (r.refundStatus !== 10) throw E.invalidState(`refund ${r.refundId} is ${REFUND_STATUS_NAMES[String(r.refundStatus)]}; only APPLIED_REFUND can be modified`);
		const { line } = ctx.state.taobao.subOrders.get(r.subOrderId);
		const reasonId = c.optionalInt(ctx, 'reasonId');
		const refundFee = c.optionalInt(ctx, 'refundFee');
		const desc = c.optionalString(ctx, 'refundDesc');
		if (reasonId !== undefined) {
			const reason = reasonsFor(r.goodsStatus).find((x) => x.reasonId === reasonId);
			if (!reason) throw E.invalidParam('reasonId', `is not a reason for goodsStatus ${r.goodsStatus}`);
			r.reasonId = reasonId;
			r.reasonDesc = reason.reasonDesc;
		}
		if (refundFee !== undefined) {
			const maxFee = line.price * line.quantity;
			if (refundFee < 1 || refundFee > maxFee) throw E.invalidParam('refundFee', `must be between 1 and ${maxFee}`);
			r.refundFee = refundFee;
		}
		if (desc !== undefined) r.refundDesc = desc;
		r.modifyTime = Date.now();
		refundPush(ctx, r);
		return refundOrderView(r);
	},

	'taobao.afterSale.get'(ctx) {
		return refundAggregate(ctx.state, getRefund(ctx));
	},

	'taobao.cart.createOrder'(ctx) {
		const cart = userCart(ctx);
		const picked = pickCartLines(ctx, cart);
		const addr = c.input(ctx, 'orderAddress') || {};
		const lines = picked.map((x, i) => ({ itemId: x.itemId, skuId: x.skuId, title: x.itemTitle, pic: x.itemPic, quantity: x.quantity, price: x.promotionPrice || x.price, currency: 'CNY', orderLineNo: String(i + 1) }));
		const o = createOrderFromLines(ctx, lines, addr, { orderSource: 'cart' });
		for (const x of picked) cart.splice(cart.indexOf(x), 1);
		return createResult(o);
	},

	'taobao.cart.previewOrder'(ctx) {
		const cart = userCart(ctx);
		const picked = pickCartLines(ctx, cart);
		const items = picked.map((x) => ({ id: x.id, itemId: bigId(x.itemId), skuId: x.skuId, itemTitle: x.itemTitle, quantity: x.quantity, price: x.promotionPrice || x.price, amount: (x.promotionPrice || x.price) * x.quantity }));
		const productAmount = items.reduce((a, x) => a + x.amount, 0);
		return { items, productAmount, postFee: 0, totalAmount: productAmount, currency: 'CNY' };
	},

	'taobao.cart.list'(ctx) {
		return c.paginate(ctx, userCart(ctx), { map: (x) => ({ ...x, itemId: bigId(x.itemId), createTime: formatTime(x.createTime) }), maxSize: 200, defaultSize: 50 });
	},

	'taobao.cart.delete'(ctx) {
		const cart = userCart(ctx);
		const picked = pickCartLines(ctx, cart);
		for (const x of picked) cart.splice(cart.indexOf(x), 1);
		return true;
	},

	'taobao.cart.add'(ctx) {
		const cart = userCart(ctx);
		const itemId = c.optionalId(ctx, 'itemId');
		const quantity = c.optionalInt(ctx, 'quantity', { min: 1 }) ?? 1;
		const product = itemId ? ctx.state.taobao.products.get(itemId) : undefined;
		const sku = product ? product.skuList.find((s) => s.skuId === c.optionalString(ctx, 'skuId')) || product.skuList[0] : undefined;
		/** @type {Record<string, any>} a cart line; the mp ids are set below for both kinds */
		let line;
		if (product) {
			line = newTaobaoCartLine(ctx.state, ctx.userId, product, sku, quantity);
		} else {
			line = {
				id: ++ctx.state.counters.cartId,
				userId: ctx.userId,
				platform: c.optionalInt(ctx, 'platform') ?? 1,
				itemId: itemId || '0',
				skuId: c.optionalString(ctx, 'skuId') || null,
				itemTitle: c.optionalString(ctx, 'itemTitle') || '',
				itemPic: c.optionalString(ctx, 'itemPic') || '',
				price: c.optionalInt(ctx, 'price') ?? 0,
				promotionPrice: c.optionalInt(ctx, 'promotionPrice') ?? 0,
				properties: c.optionalString(ctx, 'properties') || '[]',
				quantity,
				shopId: c.optionalInt(ctx, 'shopId') ?? 0,
				shopName: c.optionalString(ctx, 'shopName') || '',
				skuQuantity: c.optionalString(ctx, 'skuQuantity') || '0',
				userNick: c.optionalString(ctx, 'userNick') || '',
				createTime: Date.now(),
			};
		}
		line.mpId = c.optionalString(ctx, 'mpId') || line.mpId;
		line.mpSkuId = c.optionalString(ctx, 'mpSkuId') || line.mpSkuId;
		cart.push(line);
		return { id: line.id };
	},

	'taobao.cart.editQuantity'(ctx) {
		const cart = userCart(ctx);
		const id = c.requireId(ctx, ['id', 'cartId']);
		const quantity = c.requireInt(ctx, 'quantity', { min: 1, max: 9999 });
		const line = cart.find((x) => String(x.id) === id);
		if (!line) throw E.notFound('cart item', id);
		line.quantity = quantity;
		return true;
	},
};

function setRefundStatus(ctx, r, status) {
	r.refundStatus = status;
	r.modifyTime = Date.now();
	const entry = ctx.state.taobao.subOrders.get(r.subOrderId);
	if (entry) entry.line.refundStatus = status;
	refundPush(ctx, r);
}

module.exports.helpers = { STATUS_NAMES, REFUND_STATUS_NAMES, orderView, statusPush, pricePush, refundPush, setRefundStatus, getProduct };
