'use strict';

const { E } = require('./errors');
const { idString, numberValue } = require('./json');
const tb = require('./handlers/taobao').helpers;
const al = require('./handlers/alibaba').helpers;

/**
 * Seller/platform-side events the API itself cannot trigger (shipping, price changes, refund
 * decisions). Used by POST /__admin/simulate and Sandbox.simulate(); each one pushes like the real
 * platform would.
 */
const ACTIONS = {
	'taobao.ship'(ctx, p) {
		const o = tbOrder(ctx, p);
		if (o.status !== 10) throw E.invalidState(`order ${o.orderId} is ${tb.STATUS_NAMES[o.status]}; only paid orders ship`);
		o.shipTime = Date.now();
		o.logistics = { companyName: '顺丰速运', logisticsNo: `SF${String(o.orderId).slice(-12)}` };
		o.status = 11;
		tb.statusPush(ctx, o);
		return tb.orderView(o);
	},
	'taobao.priceChange'(ctx, p) {
		const o = tbOrder(ctx, p);
		if (o.status !== 0) throw E.invalidState(`order ${o.orderId} is ${tb.STATUS_NAMES[o.status]}; prices change only before payment`);
		const amount = numberValue(p.purchaseAmount);
		if (!Number.isInteger(amount) || amount < 0) throw E.invalidParam('purchaseAmount', 'must be a non-negative integer (fen)');
		o.priceChanges.push({ from: o.purchaseAmount, to: amount, at: Date.now() });
		o.purchaseAmount = amount;
		tb.pricePush(ctx, o);
		return tb.orderView(o);
	},
	'taobao.setStatus'(ctx, p) {
		const o = tbOrder(ctx, p);
		o.status = numberValue(p.status);
		tb.statusPush(ctx, o);
		return tb.orderView(o);
	},
	'taobao.refundAgree': (ctx, p) => tbRefund(ctx, p, [10], () => 20),
	'taobao.refundComplete': (ctx, p) => tbRefund(ctx, p, [10, 20, 30], () => 100),
	'taobao.refundRefuse': (ctx, p) => tbRefund(ctx, p, [10, 20, 30], () => -10),
	'1688.ship'(ctx, p) {
		const o = alOrder(ctx, p);
		if (o.status !== 'waitsellersend') throw E.invalidState(`order ${o.id} is ${o.status}; only waitsellersend orders ship`);
		o.allDeliveredTime = Date.now();
		o.logisticsBillNo = `YT${o.id.slice(-13)}`;
		al.setStatus(ctx, o, 'waitbuyerreceive');
		return al.orderView(o);
	},
	'1688.complete'(ctx, p) {
		const o = alOrder(ctx, p);
		if (o.status !== 'confirm_goods') throw E.invalidState(`order ${o.id} is ${o.status}; only confirm_goods orders complete`);
		o.completeTime = Date.now();
		al.setStatus(ctx, o, 'success');
		return al.orderView(o);
	},
	'1688.priceChange'(ctx, p) {
		const o = alOrder(ctx, p);
		if (o.status !== 'waitbuyerpay') throw E.invalidState(`order ${o.id} is ${o.status}; prices change only before payment`);
		if (p.shippingFee !== undefined) o.shippingFee = numberValue(p.shippingFee);
		if (p.discount !== undefined) o.discount = numberValue(p.discount);
		if (p.totalAmount !== undefined) o.discount = Math.round((o.sumProductPayment + o.shippingFee - numberValue(p.totalAmount)) * 100) / 100;
		o.totalAmount = Math.round((o.sumProductPayment + o.shippingFee - o.discount) * 100) / 100;
		o.priceChanges.push({ totalAmount: o.totalAmount, at: Date.now() });
		al.pricePush(ctx, o);
		return al.orderView(o);
	},
	'1688.setStatus'(ctx, p) {
		const o = alOrder(ctx, p);
		al.setStatus(ctx, o, String(p.status));
		return al.orderView(o);
	},
	'1688.refundAgree': (ctx, p) =>
		alRefund(ctx, p, ['waitselleragree'], (r) => (r.disputeRequest === 'returnRefund' ? 'waitbuyersend' : 'refundsuccess')),
	'1688.refundComplete': (ctx, p) =>
		alRefund(ctx, p, ['waitselleragree', 'waitbuyersend', 'waitsellerreceive'], () => 'refundsuccess'),
	'1688.refundRefuse': (ctx, p) =>
		alRefund(ctx, p, ['waitselleragree', 'waitbuyersend', 'waitsellerreceive'], () => 'refundclose'),
};

// New orders, backdating, refunds opened, trace steps (sandbox/changes.js).
Object.assign(ACTIONS, require('./changes').CHANGE_ACTIONS);

function tbOrder(ctx, p) {
	const id = idString(p.orderId);
	const o = ctx.state.taobao.orders.get(id);
	if (!o) throw E.notFound('order', id);
	return o;
}

function alOrder(ctx, p) {
	const id = idString(p.orderId);
	const o = ctx.state.alibaba.orders.get(id);
	if (!o) throw E.notFound('order', id);
	return o;
}

function tbRefund(ctx, p, from, to) {
	const r = ctx.state.taobao.refunds.get(String(p.refundId));
	if (!r) throw E.notFound('refund', p.refundId);
	if (!from.includes(r.refundStatus)) throw E.invalidState(`refund ${r.refundId} is ${tb.REFUND_STATUS_NAMES[String(r.refundStatus)]}`);
	tb.setRefundStatus(ctx, r, to(r));
	return { refundId: r.refundId, refundStatus: r.refundStatus };
}

function alRefund(ctx, p, from, to) {
	const r = ctx.state.alibaba.refunds.get(String(p.refundId));
	if (!r) throw E.notFound('refund', p.refundId);
	if (!from.includes(r.status)) throw E.invalidState(`refund ${r.refundId} is ${r.status}`);
	al.setRefundStatus(ctx, r, to(r));
	return { refundId: r.refundId, status: r.status };
}

function simulate(ctx, action, params = {}) {
	const fn = ACTIONS[action];
	if (!fn) throw E.invalidParam('action', `must be one of ${Object.keys(ACTIONS).join(', ')}`);
	return fn(ctx, params);
}

module.exports = { simulate, ACTIONS };
