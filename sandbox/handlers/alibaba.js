'use strict';

const { E } = require('../errors');
const { bigId, idString, parseLossless, numberValue } = require('../json');
const { formatTime, ensureUser, recomputeAlibabaTotals, newAlibabaCartLine } = require('../state');
const { hashString } = require('../rng');
const { isPlainObject, isIntegerValue } = require('../catalog');
const c = require('./common');

const SHIPPED = ['waitbuyerreceive', 'confirm_goods', 'success'];

/** Refund reasons per goodsStatus, and the order states each goodsStatus applies to. */
const REASONS = {
	refundWaitSellerSend: {
		orderStates: ['waitsellersend'],
		reasons: [
			{ id: 20001, name: '我不想要了', needVoucher: false, noRefundCarriage: false, tip: '' },
			{ id: 20002, name: '拍错/多拍', needVoucher: false, noRefundCarriage: false, tip: '' },
			{ id: 20003, name: '未按约定时间发货', needVoucher: false, noRefundCarriage: false, tip: '卖家超时未发货可申请' },
		],
	},
	refundWaitBuyerReceive: {
		orderStates: ['waitbuyerreceive'],
		reasons: [
			{ id: 20011, name: '快递一直未送达', needVoucher: false, noRefundCarriage: false, tip: '' },
			{ id: 20012, name: '快递无跟踪记录', needVoucher: false, noRefundCarriage: false, tip: '' },
			{ id: 20013, name: '我不想要了', needVoucher: false, noRefundCarriage: true, tip: '运费不退' },
		],
	},
	refundBuyerReceived: {
		orderStates: ['waitbuyerreceive', 'confirm_goods'],
		reasons: [
			{ id: 20021, name: '质量问题', needVoucher: true, noRefundCarriage: false, tip: '请上传商品问题照片' },
			{ id: 20022, name: '少件/漏发', needVoucher: true, noRefundCarriage: false, tip: '请上传包裹照片' },
			{ id: 20023, name: '商品与描述不符', needVoucher: true, noRefundCarriage: false, tip: '' },
			{ id: 20024, name: '七天无理由退货', needVoucher: false, noRefundCarriage: true, tip: '退货运费由买家承担' },
		],
	},
	aftersaleBuyerNotReceived: {
		orderStates: ['confirm_goods', 'success'],
		reasons: [
			{ id: 20031, name: '商品破损/丢失', needVoucher: true, noRefundCarriage: false, tip: '' },
			{ id: 20032, name: '物流长时间未更新', needVoucher: false, noRefundCarriage: false, tip: '' },
		],
	},
	aftersaleBuyerReceived: {
		orderStates: ['confirm_goods', 'success'],
		reasons: [
			{ id: 20041, name: '质量问题', needVoucher: true, noRefundCarriage: false, tip: '请上传凭证' },
			{ id: 20042, name: '发票问题', needVoucher: false, noRefundCarriage: true, tip: '' },
		],
	},
};
const ACTIVE_REFUND = ['waitselleragree', 'waitbuyermodify', 'waitbuyersend', 'waitsellerreceive'];

// ------------------------------------------------------------------ views

function productView(p) {
	const { monthSold, offerMapId, ...rest } = p;
	return {
		...rest,
		productSkuInfos: p.productSkuInfos.map((s) => ({ ...s, skuId: s.skuId })),
	};
}

function productSummary(p) {
	return {
		offerId: p.offerId,
		offerMapId: p.offerMapId,
		subject: p.subject,
		subjectTrans: p.subjectTrans,
		imageUrl: p.productImage.images[0],
		priceInfo: { price: p.productSkuInfos[0].price, consignPrice: p.productSkuInfos[0].consignPrice },
		monthSold: p.monthSold,
		repurchaseRate: '12%',
		categoryId: p.categoryId,
		sellerOpenId: p.sellerOpenId,
		isJxhy: p.isJxhy,
	};
}

function logisticsItems(o) {
	if (!SHIPPED.includes(o.status) || !o.logisticsBillNo) return null;
	return [
		{
			logisticsBillNo: o.logisticsBillNo,
			logisticsCompanyName: o.logisticsCompany[1],
			logisticsCompanyNo: o.logisticsCompany[0],
			deliveredTime: o.allDeliveredTime ? formatTime(o.allDeliveredTime) : null,
			subItemIds: o.items.map((it) => it.subItemID).join(','),
			status: 'alreadysend',
		},
	];
}

function orderView(o) {
	const a = o.address;
	return {
		baseInfo: {
			id: bigId(o.id),
			idOfStr: o.id,
			status: o.status,
			tradeType: '50060',
			businessType: 'cb',
			flowTemplateCode: o.flow,
			buyerID: o.buyerID,
			sellerID: o.sellerID,
			sellerOpenId: o.sellerOpenId,
			createTime: formatTime(o.createTime),
			modifyTime: formatTime(o.modifyTime || o.createTime),
			payTime: o.payTime ? formatTime(o.payTime) : null,
			allDeliveredTime: o.allDeliveredTime ? formatTime(o.allDeliveredTime) : null,
			receivingTime: o.receivingTime ? formatTime(o.receivingTime) : null,
			completeTime: o.completeTime ? formatTime(o.completeTime) : null,
			totalAmount: o.totalAmount,
			sumProductPayment: o.sumProductPayment,
			shippingFee: o.shippingFee,
			discount: o.discount,
			refund: o.items.filter((it) => it.refundStatus === 'refundsuccess').reduce((x, it) => x + it.itemAmount, 0),
			currency: 'CNY',
			closeReason: o.cancelReason,
			remark: o.message || null,
			buyerRemark: o.message || null,
			receiverInfo: { toFullName: a.name, toMobile: a.mobile, toPhone: a.mobile, toPost: a.zip, toArea: `${a.province} ${a.city} ${a.area} ${a.address}`, toDivisionCode: a.areaCode },
		},
		productItems: o.items.map((it) => ({
			subItemID: bigId(it.subItemID),
			subItemIDString: it.subItemID,
			productID: it.productID,
			skuID: it.skuID,
			specId: it.specId,
			name: it.name,
			price: it.price,
			quantity: it.quantity,
			itemAmount: it.itemAmount,
			productImgUrl: it.productImgUrl,
			status: it.refundStatus === 'refundsuccess' ? 'cancel' : o.status,
			refundStatus: it.refundStatus,
			refundId: it.refundId,
			cargoNumber: it.cargoNumber,
			description: it.description,
			unit: it.unit,
			logisticsStatus: SHIPPED.includes(o.status) ? 2 : 1,
		})),
		nativeLogistics: {
			address: a.address,
			area: a.area,
			areaCode: a.areaCode,
			city: a.city,
			contactPerson: a.name,
			fax: null,
			mobile: a.mobile,
			province: a.province,
			telephone: a.mobile,
			zip: a.zip,
			logisticsItems: logisticsItems(o),
			townCode: null,
			town: a.town || null,
			caid: null,
			realLogisticsCompanyNo: SHIPPED.includes(o.status) ? o.logisticsCompany[0] : null,
		},
		tradeTerms: [
			{
				payStatus: o.payTime ? '2' : '1',
				payTime: o.payTime ? formatTime(o.payTime) : null,
				payWay: '13',
				phasAmount: o.totalAmount,
				phase: bigId(o.id),
				cardPay: false,
				expressPay: false,
				payWayDesc: 'cross-border pay',
			},
		],
		orderBizInfo: { odsCyd: false, creditOrder: null, dropshipping: true },
		guaranteesTerms: null,
		internationalLogistics: null,
		extAttributes: [],
		orderRateInfo: { buyerRateStatus: 5, sellerRateStatus: 5 },
		orderInvoiceInfo: null,
		customs: null,
		overseasExtraAddress: null,
	};
}

function refundView(state, r) {
	return {
		id: r.seq,
		refundId: r.refundId,
		orderId: bigId(r.orderId),
		orderEntryIds: r.orderEntryIds.map(bigId),
		createBy: r.userId,
		createById: r.seq,
		createTime: formatTime(r.createTime),
		updateBy: r.userId,
		updateById: r.seq,
		updateTime: formatTime(r.updateTime),
		remark: null,
		alipayPaymentId: null,
		applyCarriage: r.applyCarriage,
		applyExpect: r.applyPayment + r.applyCarriage,
		applyPayment: r.applyPayment,
		applyReason: r.applyReason,
		applyReasonId: r.applyReasonId,
		applySubReason: null,
		applySubReasonId: null,
		buyerAlipayId: null,
		buyerLogisticsName: r.returnLogistics ? r.returnLogistics.companyName : null,
		buyerMemberId: 'b2b-2210000000000cn',
		buyerSendGoods: !!r.returnLogistics,
		buyerUserId: 2210000000000,
		disputeRequest: r.disputeRequest,
		goodsStatus: r.goodsStatus,
		status: r.status,
		description: r.description,
		vouchers: r.vouchers,
		freightBill: r.returnLogistics ? r.returnLogistics.freightBill : null,
		logisticsCompanyNo: r.returnLogistics ? r.returnLogistics.companyNo : null,
		refundPayment: r.status === 'refundsuccess' ? r.applyPayment : 0,
		refundCarriage: r.status === 'refundsuccess' ? r.applyCarriage : 0,
		sellerMemberId: state.alibaba.orders.get(r.orderId).sellerID,
		orderEntryCountList: r.orderEntryCountList.map((x) => ({ id: bigId(x.id), count: x.count })),
	};
}

// ------------------------------------------------------------------ pushes

function statusPush(ctx, o) {
	ctx.emit('1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', 1, { orderId: bigId(o.id), status: o.status, ...orderView(o) });
}

function pricePush(ctx, o) {
	ctx.emit('1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', 1, { orderId: bigId(o.id), ...orderView(o) });
}

function refundPush(ctx, r) {
	ctx.emit('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', 1, {
		refundId: r.refundId,
		orderId: bigId(r.orderId),
		orderEntryIds: r.orderEntryIds.map(bigId),
		status: r.status,
		goodsStatus: r.goodsStatus,
		applyPayment: r.applyPayment,
		applyCarriage: r.applyCarriage,
	});
}

// ------------------------------------------------------------------ helpers

function setStatus(ctx, o, status) {
	o.status = status;
	o.modifyTime = Date.now();
	statusPush(ctx, o);
}

function setRefundStatus(ctx, r, status) {
	r.status = status;
	r.updateTime = Date.now();
	const o = ctx.state.alibaba.orders.get(r.orderId);
	for (const it of o.items) if (r.orderEntryIds.includes(it.subItemID)) it.refundStatus = status;
	refundPush(ctx, r);
}

function checkWebSite(ctx) {
	const w = c.optionalString(ctx, 'webSite');
	if (w !== undefined && w !== '1688') throw E.invalidParam('webSite', 'must be 1688');
}

function getOrder(ctx, name = 'orderId') {
	const id = c.requireId(ctx, name);
	const o = ctx.state.alibaba.orders.get(id);
	if (!o) throw E.notFound('order', id);
	return o;
}

function getRefund(ctx) {
	const id = c.requireString(ctx, 'refundId');
	const r = ctx.state.alibaba.refunds.get(id);
	if (!r) throw E.notFound('refund', id);
	return r;
}

function findOffer(state, ref) {
	if (ref === undefined || ref === null || ref === '') return undefined;
	const s = idString(ref);
	return state.alibaba.products.get(s) || state.alibaba.productsByMapId.get(s);
}

function getOffer(state, ref, name = 'offerId') {
	if (ref === undefined || ref === null || ref === '') throw E.invalidParam(name, 'is required');
	const p = findOffer(state, ref);
	if (!p) throw E.notFound('offer', idString(ref));
	return p;
}

function entriesOf(ctx, o, name = 'orderEntryIds', required = false) {
	const ids = c.idList(ctx, name, { required });
	if (!ids) return undefined;
	const own = new Set(o.items.map((it) => it.subItemID));
	ids.forEach((id, i) => {
		if (!own.has(id)) throw E.invalidParam(`${name}[${i}]`, `${id} is not a sub-order of order ${o.id}`);
	});
	return ids;
}

/** Resolve cargo lines ({offerId|offerMapId, specId, quantity}); errors thrown or collected. */
function resolveCargo(state, list, { collect = false } = {}) {
	const lines = [];
	const problems = [];
	(list || []).forEach((cargo, i) => {
		const name = `cargoParamList[${i}]`;
		if (!isPlainObject(cargo)) throw E.invalidParam(name, 'must be an object');
		const ref = cargo.offerId ?? cargo.offerMapId;
		const p = findOffer(state, ref);
		if (!p) {
			if (collect) return problems.push({ offerId: ref === undefined ? null : idString(ref), error: 'OFFER_NOT_FOUND' });
			if (ref === undefined) throw E.invalidParam(`${name}.offerId`, 'is required');
			throw E.notFound('offer', idString(ref));
		}
		const specId = cargo.specId === undefined || cargo.specId === null ? undefined : String(cargo.specId);
		const sku = specId ? p.productSkuInfos.find((s) => s.specId === specId) : p.productSkuInfos.length === 1 ? p.productSkuInfos[0] : undefined;
		if (!sku) {
			if (collect) return problems.push({ offerId: p.offerId, error: 'SPEC_NOT_FOUND' });
			throw E.invalidParam(`${name}.specId`, specId ? `${specId} is not a spec of offer ${p.offerId}` : 'is required');
		}
		const quantity = numberValue(cargo.quantity);
		if (!Number.isInteger(quantity) || quantity < 1) throw E.invalidParam(`${name}.quantity`, 'must be a positive integer');
		lines.push({ product: p, sku, quantity });
	});
	return { lines, problems };
}

function groupBySeller(lines) {
	const groups = new Map();
	for (const l of lines) {
		const k = l.product.sellerOpenId;
		if (!groups.has(k)) groups.set(k, []);
		groups.get(k).push(l);
	}
	return [...groups.values()];
}

function postFeeFor(lines) {
	const qty = lines.reduce((a, l) => a + l.quantity, 0);
	return qty >= 10 ? 0 : 5; // yuan
}

function previewModel(groups, problems) {
	const orderPreviewResuslt = groups.map((lines) => {
		const goods = lines.reduce((a, l) => a + Math.round(Number(l.sku.price) * 100) * l.quantity, 0);
		const carriage = postFeeFor(lines) * 100;
		return {
			discountFee: 0,
			tradeModeNameList: ['assureTrade'],
			status: true,
			taoSampleSinglePromotion: false,
			sumPayment: goods + carriage,
			sumCarriage: carriage,
			sumPaymentNoCarriage: goods,
			additionalFee: 0,
			flowFlag: 'general',
			sellerOpenId: lines[0].product.sellerOpenId,
			cargoList: lines.map((l) => ({ offerId: l.product.offerId, specId: l.sku.specId, skuId: l.sku.skuId, amount: l.quantity, finalUnitPrice: Number(l.sku.price) })),
			shopPromotionList: [],
		};
	});
	return {
		orderPreviewResuslt,
		success: problems.length === 0,
		errorCode: problems.length ? problems[0].error : null,
		errorMsg: problems.length ? `${problems[0].error}: offer ${problems[0].offerId}` : null,
		postFeeByDescOfferList: [],
		consignOfferList: [],
		unsupportedCrossBorderPayOfferList: [],
	};
}

function addressFrom(addressParam) {
	const a = isPlainObject(addressParam) ? addressParam : {};
	return {
		name: a.fullName || 'sandbox',
		mobile: a.mobile || a.phone || '',
		zip: a.postCode || '',
		province: a.provinceText || '',
		city: a.cityText || '',
		area: a.areaText || '',
		town: a.townText || '',
		address: a.address || '',
		areaCode: a.districtCode || '',
	};
}

function createOrders(ctx, groups, addressParam) {
	const state = ctx.state;
	const now = Date.now();
	return groups.map((lines) => {
		const id = state.ids.fresh(() => `${state.rng.int(1, 2)}${state.rng.digits(12)}880794`);
		const seller = state.sellers.find((s) => s.sellerOpenId === lines[0].product.sellerOpenId);
		const o = {
			id,
			status: 'waitbuyerpay',
			sellerOpenId: lines[0].product.sellerOpenId,
			sellerID: seller ? seller.memberId : 'b2b-seller',
			buyerID: 'b2b-2210000000000cn',
			createTime: now,
			modifyTime: now,
			payTime: null,
			allDeliveredTime: null,
			receivingTime: null,
			completeTime: null,
			cancelReason: null,
			shippingFee: postFeeFor(lines),
			discount: 0,
			items: lines.map((l, i) => {
				const subItemID = state.ids.reserve((BigInt(id) + BigInt(i + 1) * 1000000n).toString());
				const price = Number(l.sku.price);
				return {
					subItemID,
					productID: l.product.offerId,
					skuID: l.sku.skuId,
					specId: l.sku.specId,
					name: l.product.subject,
					price,
					quantity: l.quantity,
					itemAmount: Math.round(price * l.quantity * 100) / 100,
					productImgUrl: [l.product.productImage.images[0]],
					cargoNumber: l.sku.cargoNumber,
					description: null,
					unit: '个',
					refundStatus: null,
					refundId: null,
				};
			}),
			address: addressFrom(addressParam),
			logisticsBillNo: null,
			logisticsCompany: state.logisticsCompanies.length ? [state.logisticsCompanies[1].companyNo, state.logisticsCompanies[1].companyName] : ['YTO', '圆通速递'],
			flow: c.optionalString(ctx, 'flow') || 'general',
			message: c.optionalString(ctx, 'message') || '',
			userId: ctx.userId,
			priceChanges: [],
		};
		recomputeAlibabaTotals(o);
		state.alibaba.orders.set(o.id, o);
		state.alibaba.orderList.unshift(o);
		statusPush(ctx, o);
		return o;
	});
}

function payOrder(ctx, o) {
	o.payTime = Date.now();
	setStatus(ctx, o, 'waitsellersend');
}

function userCart(ctx) {
	const uid = ensureUser(ctx.state, c.optionalString(ctx, 'userId') || ctx.userId);
	return ctx.state.alibaba.carts.get(uid);
}

function pickCartLines(ctx, cart, names = ['cartIds', 'ids']) {
	const name = names.find((n) => c.input(ctx, n) !== undefined) || names[0];
	const ids = c.idList(ctx, name, { required: true });
	return ids.map((id) => {
		const line = cart.find((x) => String(x.id) === id);
		if (!line) throw E.notFound('cart item', id);
		return line;
	});
}

function cartLinesToCargo(state, lines) {
	return lines.map((x) => {
		const product = state.alibaba.products.get(String(x.offerId));
		const sku = product.productSkuInfos.find((s) => s.specId === x.specId) || product.productSkuInfos[0];
		return { product, sku, quantity: x.quantity };
	});
}

function cartItemView(x) {
	return {
		id: x.id,
		offerId: x.offerId,
		offerMapId: x.offerMapId,
		specId: x.specId,
		skuId: x.skuId,
		itemTitle: x.itemTitle,
		itemPic: x.itemPic,
		price: x.price,
		quantity: x.quantity,
		amountOnSale: x.amountOnSale,
		properties: x.properties,
		productNo: x.productNo,
		container: x.container,
	};
}

function groupCart(state, lines) {
	const groups = new Map();
	for (const x of lines) {
		if (!groups.has(x.sellerOpenId)) groups.set(x.sellerOpenId, []);
		groups.get(x.sellerOpenId).push(x);
	}
	return [...groups.entries()].map(([sellerOpenId, items]) => {
		const seller = state.sellers.find((s) => s.sellerOpenId === sellerOpenId);
		return { sellerOpenId, sellerNickName: seller ? seller.nick : '', cartItemInfos: items.map(cartItemView) };
	});
}

function keywordFilter(state, ctx, base) {
	let list = base || state.alibaba.productList;
	const keyword = c.optionalString(ctx, 'keyword');
	if (keyword) {
		const k = keyword.toLowerCase();
		list = list.filter((p) => p.subject.toLowerCase().includes(k) || p.subjectTrans.toLowerCase().includes(k));
	}
	const cat = c.optionalString(ctx, 'categoryId');
	if (cat && cat !== '0') list = list.filter((p) => String(p.categoryId) === cat);
	const lo = c.optionalString(ctx, 'priceStart');
	const hi = c.optionalString(ctx, 'priceEnd');
	if (lo !== undefined) {
		if (!Number.isFinite(Number(lo))) throw E.invalidParam('priceStart', 'must be a decimal amount in yuan');
		list = list.filter((p) => Number(p.productSkuInfos[0].price) >= Number(lo));
	}
	if (hi !== undefined) {
		if (!Number.isFinite(Number(hi))) throw E.invalidParam('priceEnd', 'must be a decimal amount in yuan');
		list = list.filter((p) => Number(p.productSkuInfos[0].price) <= Number(hi));
	}
	const sort = c.optionalString(ctx, 'sort');
	if (sort) {
		let spec;
		try {
			spec = parseLossless(sort);
		} catch {
			spec = null;
		}
		if (!isPlainObject(spec)) throw E.invalidParam('sort', 'must be a JSON-encoded object such as {"price":"desc"}');
		const [field, dir] = Object.entries(spec)[0] || [];
		const sign = String(dir).toLowerCase() === 'desc' ? -1 : 1;
		const key = field === 'price' ? (p) => Number(p.productSkuInfos[0].price) : (p) => p.monthSold;
		list = list.slice().sort((a, b) => sign * (key(a) - key(b)));
	}
	return list;
}

function rotate(list, text, max = 80) {
	if (list.length === 0) return list;
	const start = hashString(text) % list.length;
	return list.slice(start).concat(list.slice(0, start)).slice(0, max);
}

// ------------------------------------------------------------------ handlers

module.exports = {
	'1688.product.get'(ctx) {
		return productView(getOffer(ctx.state, c.input(ctx, 'offerId')));
	},

	'1688.product.decryptWangwang'(ctx) {
		const openUid = c.requireString(ctx, 'openUid');
		const offer = findOffer(ctx.state, c.input(ctx, 'offerId'));
		const seller = offer ? ctx.state.sellers.find((s) => s.sellerOpenId === offer.sellerOpenId) : undefined;
		const nick = seller ? seller.nick : `wangwang_${hashString(openUid).toString(36)}`;
		return { openUid, wangwangNick: nick, imUrl: `https://amos.alicdn.com/getcid.aw?v=3&uid=${encodeURIComponent(nick)}&site=cnalichn` };
	},

	'1688.product.keywordQuery'(ctx) {
		return c.paginate(ctx, keywordFilter(ctx.state, ctx), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},

	'1688.product.imageQuery'(ctx) {
		const seed = `${c.optionalString(ctx, 'imageBase64') || ''}|${c.optionalString(ctx, 'imageAddress') || ''}`;
		return c.paginate(ctx, keywordFilter(ctx.state, ctx, rotate(ctx.state.alibaba.productList, seed)), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},

	'1688.product.shopQuery'(ctx) {
		const seller = c.optionalString(ctx, 'sellerOpenId');
		const base = seller ? ctx.state.alibaba.productList.filter((p) => p.sellerOpenId === seller) : ctx.state.alibaba.productList;
		return c.paginate(ctx, keywordFilter(ctx.state, ctx, base), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},

	'1688.product.getCategory'(ctx) {
		const id = c.requireId(ctx, 'categoryId');
		const cat = ctx.state.alibaba.categories.find((x) => String(x.id) === id);
		if (!cat) throw E.notFound('category', id);
		return { categoryId: cat.id, chineseName: cat.name, translatedName: cat.en, language: c.optionalString(ctx, 'language') || 'en', leaf: cat.parent !== 0, level: cat.parent === 0 ? 1 : 2, parentCateId: cat.parent };
	},

	'1688.product.recommend'(ctx) {
		const list = ctx.state.alibaba.productList.slice().sort((a, b) => b.monthSold - a.monthSold);
		return c.paginate(ctx, list, { map: productSummary, maxSize: 50 });
	},

	'1688.product.related'(ctx) {
		const ref = c.optionalString(ctx, 'offerId');
		const offer = findOffer(ctx.state, ref);
		let list = ctx.state.alibaba.productList;
		if (offer) list = list.filter((p) => p.categoryId === offer.categoryId && p !== offer);
		else list = rotate(list, ref || '');
		return c.paginate(ctx, list, { map: productSummary, maxSize: 50 });
	},

	'1688.order.batchSubmitPay'(ctx) {
		const ids = c.idList(ctx, 'orderIds', { required: true });
		const paid = [];
		const cantPay = [];
		for (const id of ids) {
			const o = ctx.state.alibaba.orders.get(id);
			if (o && o.status === 'waitbuyerpay') {
				payOrder(ctx, o);
				paid.push(bigId(id));
			} else cantPay.push(bigId(id));
		}
		return { protocolPaySuccess: cantPay.length === 0, payUrl: null, paidOrderList: paid, cantPayOrderList: cantPay };
	},

	'1688.order.batchPreview'(ctx) {
		const { lines, problems } = resolveCargo(ctx.state, c.input(ctx, 'cargoParamList'), { collect: true });
		return groupBySeller(lines).map((g) => previewModel([g], problems));
	},

	'1688.order.batchCreate'(ctx) {
		const { lines } = resolveCargo(ctx.state, c.input(ctx, 'cargoParamList'));
		if (lines.length === 0) throw E.invalidParam('cargoParamList', 'must not be empty');
		return createOrders(ctx, groupBySeller(lines), c.input(ctx, 'addressParam')).map(orderView);
	},

	'1688.order.getLogisticsTrace'(ctx) {
		const o = getOrder(ctx);
		if (!SHIPPED.includes(o.status) || !o.logisticsBillNo) return [];
		const t = o.allDeliveredTime || o.createTime;
		return [
			{
				logisticsId: `LP${o.id.slice(0, 12)}`,
				logisticsBillNo: o.logisticsBillNo,
				orderId: bigId(o.id),
				logisticsSteps: [
					{ acceptTime: formatTime(t), remark: '卖家已发货' },
					{ acceptTime: formatTime(t + 8 * 3600000), remark: `快件已到达 ${o.address.city || '杭州'}转运中心` },
					...(o.status !== 'waitbuyerreceive' ? [{ acceptTime: formatTime(t + 40 * 3600000), remark: '已签收' }] : []),
					// steps added by simulate 1688.traceEvent
					...(o.extraTraces || []).map((x) => ({ acceptTime: formatTime(x.at), remark: x.text })),
				],
			},
		];
	},

	'1688.order.list'(ctx) {
		let list = ctx.state.alibaba.orderList;
		const status = c.optionalString(ctx, 'status') || c.optionalString(ctx, 'orderStatus');
		if (status) list = list.filter((o) => o.status === status);
		return c.paginate(ctx, list, { style: 'pageNo', map: orderView, maxSize: 100 });
	},

	'1688.order.preview'(ctx) {
		const { lines, problems } = resolveCargo(ctx.state, c.input(ctx, 'cargoParamList'), { collect: true });
		return previewModel(groupBySeller(lines), problems);
	},

	'1688.order.create'(ctx) {
		const { lines } = resolveCargo(ctx.state, c.input(ctx, 'cargoParamList'));
		if (lines.length === 0) throw E.invalidParam('cargoParamList', 'must not be empty');
		const groups = groupBySeller(lines);
		if (groups.length > 1) throw E.invalidParam('cargoParamList', 'must hold offers of a single seller (use /alibaba/order/batch/create for several)');
		const [o] = createOrders(ctx, groups, c.input(ctx, 'addressParam'));
		return { orderId: bigId(o.id), totalSuccessAmount: Math.round(o.totalAmount * 100), postFee: Math.round(o.shippingFee * 100), failedOfferList: [] };
	},

	'1688.order.cancel'(ctx) {
		checkWebSite(ctx);
		const o = getOrder(ctx);
		if (o.status !== 'waitbuyerpay') throw E.invalidState(`order ${o.id} is ${o.status}; only waitbuyerpay orders can be cancelled`);
		o.cancelReason = c.optionalString(ctx, 'cancelReason');
		setStatus(ctx, o, 'cancel');
		return true;
	},

	'1688.order.pay'(ctx) {
		const o = getOrder(ctx);
		if (o.status !== 'waitbuyerpay') return { orderId: o.id, protocolPaySuccess: false, payUrl: null, cantPayOrderList: [bigId(o.id)] };
		payOrder(ctx, o);
		return { orderId: o.id, protocolPaySuccess: true, payUrl: `https://trade.1688.com/order/cashier.htm?orderId=${o.id}`, cantPayOrderList: null };
	},

	'1688.order.confirmReceipt'(ctx) {
		const o = getOrder(ctx);
		entriesOf(ctx, o);
		if (o.status !== 'waitbuyerreceive') {
			return { success: false, errorInfo: `order ${o.id} is ${o.status}; only waitbuyerreceive orders can be confirmed`, errorCode: 'ORDER_STATUS_NOT_SUPPORT' };
		}
		o.receivingTime = Date.now();
		setStatus(ctx, o, 'confirm_goods');
		return { success: true, errorInfo: '', errorCode: '' };
	},

	'1688.order.get'(ctx) {
		checkWebSite(ctx);
		return orderView(getOrder(ctx));
	},

	'1688.afterSale.get'(ctx) {
		return refundView(ctx.state, getRefund(ctx));
	},

	'1688.afterSale.listReasons'(ctx) {
		const o = getOrder(ctx);
		entriesOf(ctx, o, 'orderEntryIds', true);
		const goodsStatus = c.requireString(ctx, 'goodsStatus');
		const def = REASONS[goodsStatus];
		if (!def.orderStates.includes(o.status)) throw E.invalidState(`order ${o.id} is ${o.status}; goodsStatus ${goodsStatus} applies to ${def.orderStates.join('/')}`);
		return def.reasons;
	},

	'1688.afterSale.uploadVoucher'(ctx) {
		const data = c.optionalString(ctx, 'imageBase64') || c.optionalString(ctx, 'imageData') || c.optionalString(ctx, 'image') || c.optionalString(ctx, 'imageUrl');
		if (!data) throw E.invalidParam('imageBase64', 'is required');
		const name = `img/ibank/refund/${hashString(data).toString(16)}_${ctx.state.alibaba.vouchers.length + 1}.jpg`;
		ctx.state.alibaba.vouchers.push(name);
		return { imageDomain: 'cbu01.alicdn.com', imageRelativeUrl: name, url: `https://cbu01.alicdn.com/${name}` };
	},

	'1688.afterSale.create'(ctx) {
		const state = ctx.state;
		const o = getOrder(ctx);
		const entries = entriesOf(ctx, o) || o.items.map((it) => it.subItemID);
		if (entries.length === 0) throw E.invalidParam('orderEntryIds', 'must not be empty');
		const goodsStatus = c.requireString(ctx, 'goodsStatus');
		const def = REASONS[goodsStatus];
		if (!def.orderStates.includes(o.status)) throw E.invalidState(`order ${o.id} is ${o.status}; goodsStatus ${goodsStatus} applies to ${def.orderStates.join('/')}`);
		const reasonId = c.requireInt(ctx, 'applyReasonId');
		const reason = def.reasons.find((r) => r.id === reasonId);
		if (!reason) throw E.invalidParam('applyReasonId', `${reasonId} is not a refund reason for order ${o.id} with goodsStatus ${goodsStatus}`);
		const disputeRequest = c.requireString(ctx, 'disputeRequest');
		// the catalog: 1688 uses refund, returnRefund and exchange
		if (!['refund', 'returnRefund', 'exchange'].includes(disputeRequest)) throw E.invalidParam('disputeRequest', 'must be refund, returnRefund or exchange');
		if (disputeRequest !== 'refund' && ['refundWaitSellerSend', 'refundWaitBuyerReceive', 'aftersaleBuyerNotReceived'].includes(goodsStatus)) {
			throw E.invalidParam('disputeRequest', `${disputeRequest} is not possible with goodsStatus ${goodsStatus}`);
		}
		const vouchers = c.input(ctx, 'vouchers') || [];
		if (reason.needVoucher && (!Array.isArray(vouchers) || vouchers.length === 0)) throw E.invalidParam('vouchers', `are required for reason ${reasonId}`);
		const items = o.items.filter((it) => entries.includes(it.subItemID));
		const maxPayment = Math.round(items.reduce((a, it) => a + it.itemAmount, 0) * 100);
		const applyPayment = c.requireInt(ctx, 'applyPayment', { min: 0 });
		const applyCarriage = c.requireInt(ctx, 'applyCarriage', { min: 0 });
		if (applyPayment > maxPayment) throw E.invalidParam('applyPayment', `must not exceed ${maxPayment} (fen) for the selected sub-orders`);
		const maxCarriage = reason.noRefundCarriage ? 0 : Math.round(o.shippingFee * 100);
		if (applyCarriage > maxCarriage) throw E.invalidParam('applyCarriage', `must not exceed ${maxCarriage} (fen)`);
		const busy = items.find((it) => it.refundStatus && (ACTIVE_REFUND.includes(it.refundStatus) || it.refundStatus === 'refundsuccess'));
		if (busy) throw E.invalidState(`sub-order ${busy.subItemID} already has refund ${busy.refundId}`);
		const counts = c.input(ctx, 'orderEntryCountList');
		const orderEntryCountList = Array.isArray(counts)
			? counts.map((x, i) => {
					if (!isPlainObject(x) || !isIntegerValue(x.id)) throw E.invalidParam(`orderEntryCountList[${i}].id`, 'must be an integer');
					if (!entries.includes(idString(x.id))) throw E.invalidParam(`orderEntryCountList[${i}].id`, `${idString(x.id)} is not among orderEntryIds`);
					return { id: idString(x.id), count: numberValue(x.count) };
				})
			: items.map((it) => ({ id: it.subItemID, count: it.quantity }));
		const now = Date.now();
		const seq = state.counters.refundSeq++;
		const r = {
			seq,
			refundId: `TQ${state.ids.fresh(() => `1688${state.rng.digits(14)}`)}`,
			orderId: o.id,
			orderEntryIds: entries,
			orderEntryCountList,
			goodsStatus,
			disputeRequest,
			applyPayment,
			applyCarriage,
			applyReasonId: reasonId,
			applyReason: reason.name,
			description: c.optionalString(ctx, 'description') || '',
			vouchers: Array.isArray(vouchers) ? vouchers.map(String) : [],
			status: 'waitselleragree',
			createTime: now,
			updateTime: now,
			returnLogistics: null,
			userId: ctx.userId,
		};
		state.alibaba.refunds.set(r.refundId, r);
		state.alibaba.refundList.unshift(r);
		for (const it of items) it.refundId = r.refundId;
		setRefundStatus(ctx, r, 'waitselleragree');
		// The sandbox seller agrees to returns and exchanges at once, so the return-shipment call can be exercised.
		if (disputeRequest !== 'refund') setRefundStatus(ctx, r, 'waitbuyersend');
		return { refundId: r.refundId };
	},

	'1688.afterSale.submitReturnLogistics'(ctx) {
		const r = getRefund(ctx);
		const companyNo = c.requireString(ctx, 'logisticsCompanyNo');
		const company = ctx.state.logisticsCompanies.find((x) => x.companyNo === companyNo);
		if (!company) throw E.invalidParam('logisticsCompanyNo', `${companyNo} is not a known logistics company (see /alibaba/refund/logistics/company/list)`);
		const freightBill = c.requireString(ctx, 'freightBill');
		if (r.status !== 'waitbuyersend') throw E.invalidState(`refund ${r.refundId} is ${r.status}; return shipments need waitbuyersend`);
		r.returnLogistics = { companyNo, companyName: company.companyName, freightBill, description: c.optionalString(ctx, 'description') || '', vouchers: c.input(ctx, 'vouchers') || [] };
		setRefundStatus(ctx, r, 'waitsellerreceive');
		return true;
	},

	'1688.afterSale.listLogisticsCompanies'(ctx) {
		return ctx.state.logisticsCompanies;
	},

	'1688.cart.createOrder'(ctx) {
		const cart = userCart(ctx);
		const picked = pickCartLines(ctx, cart);
		const orders = createOrders(ctx, groupBySeller(cartLinesToCargo(ctx.state, picked)), c.input(ctx, 'addressParam'));
		for (const x of picked) cart.splice(cart.indexOf(x), 1);
		return orders.map(orderView);
	},

	'1688.cart.delete'(ctx) {
		const cart = userCart(ctx);
		for (const x of pickCartLines(ctx, cart)) cart.splice(cart.indexOf(x), 1);
		return true;
	},

	'1688.cart.previewOrder'(ctx) {
		const cart = userCart(ctx);
		const picked = pickCartLines(ctx, cart);
		return previewModel(groupBySeller(cartLinesToCargo(ctx.state, picked)), []);
	},

	'1688.cart.editQuantity'(ctx) {
		const cart = userCart(ctx);
		const id = c.requireId(ctx, 'id');
		const quantity = c.requireInt(ctx, 'quantity', { min: 1, max: 99999 });
		const line = cart.find((x) => String(x.id) === id);
		if (!line) throw E.notFound('cart item', id);
		line.quantity = quantity;
		if (c.optionalString(ctx, 'productNo') !== undefined) line.productNo = c.optionalString(ctx, 'productNo');
		if (c.optionalString(ctx, 'container') !== undefined) line.container = c.optionalString(ctx, 'container');
		return true;
	},

	'1688.cart.add'(ctx) {
		const cart = userCart(ctx);
		const ref = c.input(ctx, 'offerId') ?? c.input(ctx, 'offerMapId');
		const p = getOffer(ctx.state, ref);
		const specId = c.optionalString(ctx, 'specId');
		const sku = specId ? p.productSkuInfos.find((s) => s.specId === specId) : p.productSkuInfos[0];
		if (!sku) throw E.invalidParam('specId', `${specId} is not a spec of offer ${p.offerId}`);
		const quantity = c.optionalInt(ctx, 'quantity', { min: 1, max: 99999 }) ?? 1;
		const existing = cart.find((x) => x.offerId === p.offerId && x.specId === sku.specId);
		if (existing) {
			existing.quantity += quantity;
			return { id: existing.id };
		}
		const line = newAlibabaCartLine(ctx.state, ctx.userId, p, sku, quantity);
		cart.push(line);
		return { id: line.id };
	},

	'1688.cart.list'(ctx) {
		const cart = userCart(ctx);
		return {
			enableList: groupCart(ctx.state, cart.filter((x) => x.amountOnSale > 0)),
			disableList: groupCart(ctx.state, cart.filter((x) => x.amountOnSale <= 0)),
		};
	},

	'1688.marketing.globalStrictSelection'(ctx) {
		const base = ctx.state.alibaba.productList.filter((p) => p.isJxhy);
		return c.paginate(ctx, keywordFilter(ctx.state, ctx, base), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},

	'1688.marketing.strictSelection'(ctx) {
		const base = ctx.state.alibaba.productList.filter((p) => p.offerId % 3 === 0);
		return c.paginate(ctx, keywordFilter(ctx.state, ctx, base), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},

	'1688.marketing.hotList'(ctx) {
		const base = ctx.state.alibaba.productList.slice().sort((a, b) => b.monthSold - a.monthSold).slice(0, 100);
		return c.paginate(ctx, keywordFilter(ctx.state, ctx, base), { style: 'beginPage', map: productSummary, maxSize: 50 });
	},
};

module.exports.helpers = { REASONS, orderView, refundView, statusPush, pricePush, refundPush, setStatus, setRefundStatus };
