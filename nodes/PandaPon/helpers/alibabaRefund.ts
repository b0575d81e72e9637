import type { IDataObject } from 'n8n-workflow';

import { JsonInteger } from '../../shared/transport/json';
import type { PandaPonEnvelope } from '../../shared/transport/request';
import { fenToYuan, yuanToFen } from './money';

/*
 * What a 1688 refund needs to know about its order, shared by the editor's dropdowns
 * (methods/alibaba.ts) and Create Refund's defaults: the lines still refundable, the goods
 * status the order's state implies, the reasons PandaPon offers, and amounts in fen.
 */

/** Sends one read (the node's signed transport, bound to the caller's context). */
export type Read = (method: 'GET' | 'POST', path: string, body: IDataObject) => Promise<PandaPonEnvelope>;

export interface RefundLine {
	id: string;
	title: string;
	sku: string;
	quantity: number;
	/** Line amount in fen. */
	amountFen: number;
	refundStatus: string;
}

export interface RefundOrder {
	id: string;
	status: string;
	shippingFeeFen: number;
	lines: RefundLine[];
}

export interface RefundReason {
	id: string;
	name: string;
	needVoucher: boolean;
	noRefundCarriage: boolean;
	tip: string;
}

/** A line's refund is over or never started: 1688 accepts a new one (closed refunds may be re-applied). */
const REAPPLICABLE = ['', 'refundclose'];

/** Which goods status an order's trade status implies, for the reasons and the refund. */
const GOODS_STATUS_BY_ORDER: Record<string, string> = {
	waitsellersend: 'refundWaitSellerSend',
	waitbuyerreceive: 'refundWaitBuyerReceive',
	confirm_goods: 'refundBuyerReceived',
	success: 'aftersaleBuyerReceived',
};

export async function readRefundOrder(read: Read, orderId: string): Promise<RefundOrder> {
	const envelope = await read('POST', '/alibaba/order/detail', { webSite: '1688', orderId });
	const data = (envelope.data ?? {}) as IDataObject;
	const base = (data.baseInfo ?? {}) as IDataObject;
	const items = (Array.isArray(data.productItems) ? data.productItems : []) as IDataObject[];
	return {
		id: String(base.idOfStr ?? base.id ?? orderId),
		status: String(base.status ?? ''),
		shippingFeeFen: yuanToFen(base.shippingFee ?? 0) || 0,
		lines: items.map((it) => ({
			id: String(it.subItemIDString ?? it.subItemID ?? ''),
			title: String(it.name ?? ''),
			sku: skuText(it),
			quantity: Number(it.quantity ?? 0),
			amountFen: yuanToFen(it.itemAmount ?? 0) || 0,
			refundStatus: String(it.refundStatus ?? ''),
		})),
	};
}

function skuText(item: IDataObject): string {
	const infos = Array.isArray(item.skuInfos) ? (item.skuInfos as IDataObject[]) : [];
	const named = infos.map((s) => String(s.value ?? '')).filter(Boolean).join(' / ');
	if (named) return named;
	return item.skuID !== undefined && item.skuID !== null ? `SKU ${String(item.skuID)}` : 'no SKU';
}

export function refundableLines(order: RefundOrder): RefundLine[] {
	if (!GOODS_STATUS_BY_ORDER[order.status]) return [];
	return order.lines.filter((l) => /^\d{1,20}$/.test(l.id) && REAPPLICABLE.includes(l.refundStatus));
}

/** Why an order offers nothing to refund, in the words the editor shows. */
export function noRefundableLines(order: RefundOrder): string {
	const reason = GOODS_STATUS_BY_ORDER[order.status]
		? 'every line already has a refund'
		: 'refunds start once the order is paid (waitsellersend) and end after success';
	return `Order ${order.id} has no refundable lines: status ${order.status || 'unknown'}, ${reason}`;
}

export function goodsStatusFor(order: RefundOrder): string | undefined {
	return GOODS_STATUS_BY_ORDER[order.status];
}

/** One line as the Sub-Order Lines dropdown shows it: title · SKU · quantity · amount. */
export function lineLabel(line: RefundLine): string {
	const title = line.title.length > 60 ? `${line.title.slice(0, 59)}…` : line.title;
	return `${title || line.id} · ${line.sku} · ×${line.quantity} · ¥${fenToYuan(line.amountFen)}`;
}

export async function readRefundReasons(
	read: Read,
	orderId: string,
	entryIds: string[],
	goodsStatus: string,
): Promise<RefundReason[]> {
	const envelope = await read('POST', '/alibaba/refund/reason/list', {
		orderId: new JsonInteger(orderId),
		orderEntryIds: entryIds.map((e) => new JsonInteger(e)),
		goodsStatus,
	});
	const list = (Array.isArray(envelope.data) ? envelope.data : []) as IDataObject[];
	return list.map((r) => ({
		id: String(r.id),
		name: String(r.name ?? r.id),
		needVoucher: r.needVoucher === true,
		noRefundCarriage: r.noRefundCarriage === true,
		tip: String(r.tip ?? ''),
	}));
}

/** A reason named by its id, or by its text (exact, then contained; case and spaces ignored). */
export function matchReason(reasons: RefundReason[], wanted: string): RefundReason | undefined {
	const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
	const w = norm(wanted);
	if (w === '') return undefined;
	return (
		reasons.find((r) => r.id === wanted.trim()) ??
		reasons.find((r) => norm(r.name) === w) ??
		reasons.find((r) => norm(r.name).includes(w))
	);
}

/**
 * Freight 1688 refunds with these lines: the order's shipping fee when the refund covers every
 * line still refundable and the reason refunds freight; otherwise nothing.
 */
export function refundableCarriageFen(order: RefundOrder, chosen: string[], reason?: RefundReason): number {
	if (reason?.noRefundCarriage) return 0;
	const open = refundableLines(order).map((l) => l.id);
	return open.every((id) => chosen.includes(id)) ? order.shippingFeeFen : 0;
}
