'use strict';

const { E } = require('./errors');
const { idString, numberValue } = require('./json');
const { makeTaobaoOrder, makeAlibabaOrder } = require('./state');
const handlers = { ...require('./handlers/taobao'), ...require('./handlers/alibaba') };
const tb = require('./handlers/taobao').helpers;
const al = require('./handlers/alibaba').helpers;

/**
 * Changes over time, for the polling trigger and `npm start`: new orders dated now, records moved
 * back in time (out of a lookback window), refunds opened, logistics trace steps added. Merged
 * into the simulate actions (POST /__admin/simulate, Sandbox.simulate()).
 */

const MAX_CREATE = 5000;
const DAY_MS = 86400000;

function countOf(p) {
	const n = p.count === undefined ? 1 : numberValue(p.count);
	if (!Number.isInteger(n) || n < 1 || n > MAX_CREATE) throw E.invalidParam('count', `must be a whole number from 1 to ${MAX_CREATE}`);
	return n;
}

/** Times of new orders: the first now, each next one `spacingSeconds` earlier (default 60). */
function createdTimes(p, count) {
	const spacing = p.spacingSeconds === undefined ? 60 : numberValue(p.spacingSeconds);
	if (!Number.isFinite(spacing) || spacing < 0) throw E.invalidParam('spacingSeconds', 'must be a number of seconds, 0 or more');
	const now = Date.now();
	return Array.from({ length: count }, (_, i) => now - i * spacing * 1000);
}

function sortNewestFirst(list) {
	list.sort((a, b) => b.createTime - a.createTime);
}

const TAOBAO_STATUSES = [0, 1, 2, 3, 4, 5, 9, 10, 11, 12];
const ALIBABA_STATUSES = ['waitbuyerpay', 'waitsellersend', 'waitbuyerreceive', 'confirm_goods', 'success', 'cancel', 'terminated'];

function tbOrder(ctx, p) {
	const o = ctx.state.taobao.orders.get(idString(p.orderId));
	if (!o) throw E.notFound('order', p.orderId);
	return o;
}

function alOrder(ctx, p) {
	const o = ctx.state.alibaba.orders.get(idString(p.orderId));
	if (!o) throw E.notFound('order', p.orderId);
	return o;
}

function traceText(p, fallback) {
	const text = p.text === undefined ? fallback : String(p.text);
	if (text.length === 0 || text.length > 200) throw E.invalidParam('text', 'must be 1 to 200 characters');
	return text;
}

const CHANGE_ACTIONS = {
	/** `{count?, status? (0), spacingSeconds? (60)}` → `{orderIds}`; pushes like an API-created order. */
	'taobao.createOrders'(ctx, p) {
		const status = p.status === undefined ? 0 : numberValue(p.status);
		if (!TAOBAO_STATUSES.includes(status)) throw E.invalidParam('status', `must be one of ${TAOBAO_STATUSES.join(', ')}`);
		const s = ctx.state;
		const orderIds = createdTimes(p, countOf(p)).map((at) => {
			const o = makeTaobaoOrder(s.rng, s.ids, s.taobao.productList, 0, { status, userId: ctx.userId });
			o.createTime = at;
			o.payTime = [10, 11].includes(status) ? at : null;
			o.shipTime = status === 11 ? at : null;
			s.taobao.orders.set(o.orderId, o);
			s.taobao.orderList.push(o);
			for (const l of o.lines) s.taobao.subOrders.set(l.subOrderId, { order: o, line: l });
			tb.statusPush(ctx, o);
			return o.orderId;
		});
		sortNewestFirst(s.taobao.orderList);
		return { orderIds };
	},
	/** `{count?, status? (waitbuyerpay), spacingSeconds? (60)}` → `{orderIds}`. */
	'1688.createOrders'(ctx, p) {
		const status = p.status === undefined ? 'waitbuyerpay' : String(p.status);
		if (!ALIBABA_STATUSES.includes(status)) throw E.invalidParam('status', `must be one of ${ALIBABA_STATUSES.join(', ')}`);
		const s = ctx.state;
		const orderIds = createdTimes(p, countOf(p)).map((at) => {
			const o = makeAlibabaOrder(s.rng, s.ids, s.alibaba.productList, 0, { status, userId: ctx.userId });
			o.createTime = at;
			o.modifyTime = at;
			o.payTime = ['waitbuyerpay', 'cancel'].includes(status) ? null : at;
			o.allDeliveredTime = ['waitbuyerreceive', 'confirm_goods', 'success'].includes(status) ? at : null;
			s.alibaba.orders.set(o.id, o);
			s.alibaba.orderList.push(o);
			al.statusPush(ctx, o);
			return o.id;
		});
		sortNewestFirst(s.alibaba.orderList);
		return { orderIds };
	},
	/** `{orderId, days}`: the order was created `days` earlier than it says (leaves a lookback window). */
	'taobao.backdate'(ctx, p) {
		const o = tbOrder(ctx, p);
		o.createTime -= daysOf(p) * DAY_MS;
		sortNewestFirst(ctx.state.taobao.orderList);
		return { orderId: o.orderId, createTime: o.createTime };
	},
	'1688.backdate'(ctx, p) {
		const o = alOrder(ctx, p);
		o.createTime -= daysOf(p) * DAY_MS;
		sortNewestFirst(ctx.state.alibaba.orderList);
		return { orderId: o.id, createTime: o.createTime };
	},
	/** `{refundId, days}`: a Taobao refund created `days` earlier. */
	'taobao.backdateRefund'(ctx, p) {
		const r = ctx.state.taobao.refunds.get(String(p.refundId));
		if (!r) throw E.notFound('refund', p.refundId);
		r.createTime -= daysOf(p) * DAY_MS;
		ctx.state.taobao.refundList.sort((a, b) => b.createTime - a.createTime);
		return { refundId: r.refundId, createTime: r.createTime };
	},
	/** `{orderId}` (paid or shipped): opens a refund-only after-sale on its first line, as the API would. */
	'taobao.refundOpen'(ctx, p) {
		const o = tbOrder(ctx, p);
		const line = o.lines[0];
		return handlers['taobao.afterSale.submit']({
			...ctx,
			body: { subOrderId: line.subOrderId, refundType: 1, goodsStatus: 1, reasonId: 1001 },
		});
	},
	/** `{orderId}`: opens a refund-only after-sale for the whole 1688 order, as the API would. */
	'1688.refundOpen'(ctx, p) {
		const o = alOrder(ctx, p);
		const goodsStatus = { waitsellersend: 'refundWaitSellerSend', waitbuyerreceive: 'refundWaitBuyerReceive' }[o.status];
		if (!goodsStatus) throw E.invalidState(`order ${o.id} is ${o.status}; refundOpen needs waitsellersend or waitbuyerreceive`);
		const reason = al.REASONS[goodsStatus].reasons.find((r) => !r.needVoucher);
		return handlers['1688.afterSale.create']({
			...ctx,
			body: { orderId: o.id, goodsStatus, applyReasonId: reason.id, disputeRequest: 'refund', applyPayment: 1, applyCarriage: 0 },
		});
	},
	/** `{orderId, text?}`: a shipped order's logistics trace gains a step (now). */
	'taobao.traceEvent'(ctx, p) {
		const o = tbOrder(ctx, p);
		if (o.status !== 11) throw E.invalidState(`order ${o.orderId} is ${tb.STATUS_NAMES[o.status]}; only shipped orders have a trace`);
		(o.extraTraces ||= []).push({ at: Date.now(), text: traceText(p, '快件已到达 派送站') });
		return { orderId: o.orderId, extraSteps: o.extraTraces.length };
	},
	'1688.traceEvent'(ctx, p) {
		const o = alOrder(ctx, p);
		if (!['waitbuyerreceive', 'confirm_goods', 'success'].includes(o.status)) {
			throw E.invalidState(`order ${o.id} is ${o.status}; only shipped orders have a trace`);
		}
		(o.extraTraces ||= []).push({ at: Date.now(), text: traceText(p, '快件已到达 派送站') });
		return { orderId: o.id, extraSteps: o.extraTraces.length };
	},
};

function daysOf(p) {
	const days = numberValue(p.days);
	if (!Number.isFinite(days) || days <= 0 || days > 3650) throw E.invalidParam('days', 'must be a number of days above 0');
	return days;
}

module.exports = { CHANGE_ACTIONS };
