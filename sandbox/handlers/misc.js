'use strict';

const { E } = require('../errors');
const { idString, numberValue } = require('../json');
const { formatTime, ensureUser } = require('../state');
const { hashString } = require('../rng');
const { isPlainObject } = require('../catalog');
const c = require('./common');

const FREIGHT_SERVICES = [
	{ serviceId: '1', companyName: 'PandaPon Express', serviceCategory: 'EXPRESS', baseUsd: 8.5, perItem: 2.1, days: '5-8' },
	{ serviceId: '2', companyName: 'PandaPon Economy', serviceCategory: 'STANDARD', baseUsd: 4.2, perItem: 1.3, days: '12-20' },
	{ serviceId: '3', companyName: 'PandaPon Sea', serviceCategory: 'SEA', baseUsd: 2.0, perItem: 0.6, days: '30-45' },
];

function quote(service, quantity, country) {
	const factor = 1 + (hashString(String(country || 'US')) % 30) / 100;
	return ((service.baseUsd + service.perItem * Math.max(1, quantity)) * factor).toFixed(2);
}

function freightOptions(quantity, country) {
	return FREIGHT_SERVICES.map((s) => ({
		serviceId: s.serviceId,
		companyName: s.companyName,
		serviceCategory: s.serviceCategory,
		price: quote(s, quantity, country),
		currency: 'USD',
		estimatedDeliveryDays: s.days,
	}));
}

function addressesOf(ctx) {
	return ctx.state.addresses.get(ensureUser(ctx.state, ctx.userId));
}

module.exports = {
	'foundation.address.get'(ctx) {
		return addressesOf(ctx);
	},

	'foundation.address.addOrUpdate'(ctx) {
		const list = addressesOf(ctx);
		const id = c.optionalId(ctx, 'id');
		const fields = ['name', 'province', 'city', 'district', 'address', 'phone'];
		let rec;
		if (id && id !== '0') {
			rec = list.find((a) => String(a.id) === id);
			if (!rec) throw E.notFound('address', id);
		} else {
			rec = { id: ++ctx.state.counters.addressId, isDefault: list.length === 0 };
			for (const f of fields) rec[f] = '';
			list.push(rec);
		}
		for (const f of fields) {
			const v = c.optionalString(ctx, f);
			if (v !== undefined) rec[f] = v;
		}
		// documented as answering only {code, msg}
		return { __bare: { code: 200, msg: '成功' } };
	},

	'logistics.itemFreightEstimate'(ctx) {
		const b = ctx.body;
		const qty = numberValue(b.quantity) || 1;
		const addr = isPlainObject(b.receiverAddress) ? b.receiverAddress : {};
		return {
			itemId: idString(b.itemId),
			skuId: idString(b.skuId),
			quantity: qty,
			country: addr.country || null,
			freightList: freightOptions(qty, addr.country),
		};
	},

	'logistics.orderFreightPreview'(ctx) {
		const b = ctx.body;
		const items = Array.isArray(b.renderItems) ? b.renderItems : [];
		const addr = isPlainObject(b.receiverAddress) ? b.receiverAddress : {};
		const state = ctx.state;
		const day = formatTime(Date.now()).slice(0, 10).replace(/-/g, '');
		const renderId = `FF${day}${String(++state.counters.renderSeq).padStart(5, '0')}`;
		const lines = items.map((it) => {
			const qty = numberValue(it.quantity) || 1;
			const chosen = isPlainObject(it.freightInfo) ? String(it.freightInfo.serviceId || '') : '';
			const service = FREIGHT_SERVICES.find((s) => s.serviceId === chosen) || FREIGHT_SERVICES[1];
			return {
				itemId: idString(it.itemId),
				skuId: idString(it.skuId),
				quantity: qty,
				freightInfo: { serviceId: service.serviceId, companyName: service.companyName, serviceCategory: service.serviceCategory },
				freightPrice: quote(service, qty, addr.country),
				currency: 'USD',
				freightOptions: freightOptions(qty, addr.country),
			};
		});
		const total = lines.reduce((a, l) => a + Number(l.freightPrice), 0).toFixed(2);
		const render = { renderId, createTime: Date.now(), currency: 'USD', items: lines, totalPrice: total, receiverAddress: addr };
		state.logistics.renders.set(renderId, render);
		return { renderId, totalPrice: total, currency: 'USD', renderItems: lines };
	},

	'logistics.updateDomesticLogistics'(ctx) {
		const b = ctx.body;
		const infos = Array.isArray(b.logisticInfos) ? b.logisticInfos : [];
		const rec = { orderId: idString(b.orderId) || null, tmallOrderId: idString(b.tmallOrderId) || null, logisticInfos: infos, updateTime: Date.now() };
		ctx.state.logistics.domestic.push(rec);
		return true;
	},

	'logistics.createInternationalOrder'(ctx) {
		const b = ctx.body;
		const state = ctx.state;
		const renderId = c.optionalString(ctx, 'renderId');
		if (renderId && !state.logistics.renders.has(renderId)) throw E.notFound('freight render', renderId);
		const lineItems = Array.isArray(b.lineItems) ? b.lineItems : [];
		if (!renderId && lineItems.length === 0) throw E.invalidParam('renderId', 'or lineItems is required');
		const render = renderId ? state.logistics.renders.get(renderId) : null;
		const bookingId = `PPL${String(state.counters.bookingSeq++).padStart(10, '0')}`;
		const booking = {
			bookingId,
			renderId: renderId || null,
			tmallOrderId: isPlainObject(b.tmallOrderInfo) ? idString(b.tmallOrderInfo.tmallOrderId) : null,
			status: 'BOOKED',
			totalPrice: render ? render.totalPrice : freightOptions(lineItems.length, null)[1].price,
			currency: 'USD',
			remark: c.optionalString(ctx, 'remark') || '',
			lineItems,
			createTime: Date.now(),
		};
		state.logistics.bookings.set(bookingId, booking);
		return {
			logisticsOrderId: bookingId,
			renderId: booking.renderId,
			tmallOrderId: booking.tmallOrderId,
			status: booking.status,
			totalPrice: booking.totalPrice,
			currency: booking.currency,
			createTime: formatTime(booking.createTime),
		};
	},
};
