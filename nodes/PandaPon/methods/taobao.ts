import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { fenToYuan } from '../helpers/alibabaFields';
import { skuPropertiesText, taobaoStatusName } from '../helpers/simplify';
import { JsonInteger } from '../../shared/transport/json';
import { pandaPonApiRequest } from '../../shared/transport/request';
import { currentParameter } from './currentParameter';


const REFUND_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Fen as ¥ with two decimals. */
function yuan(fen: unknown): string {
	const n = Number(fen);
	return Number.isSafeInteger(n) && n >= 0 ? `¥${fenToYuan(n)}` : '';
}

function cartUser(ctx: ILoadOptionsFunctions, collection: string): string | undefined {
	let options: IDataObject = {};
	try {
		options = (ctx.getCurrentNodeParameter(collection) ?? {}) as IDataObject;
	} catch {
		// the operation has no such collection
	}
	const userId = String(options.userId ?? '').trim();
	return userId === '' || userId.startsWith('=') ? undefined : userId;
}

function fail(ctx: ILoadOptionsFunctions, message: string): never {
	throw new NodeOperationError(ctx.getNode(), message);
}

/** The picked Taobao item's SKUs (Get of Taobao Product), as "attributes · price · stock". */
export async function itemSkus(ctx: ILoadOptionsFunctions, itemId: string): Promise<IDataObject> {
	const envelope = await pandaPonApiRequest.call(ctx, { method: 'GET', path: '/open/product/get', query: { itemId }, write: false });
	return (envelope.data ?? {}) as IDataObject;
}

/** The reasons Get Refund Options offers for one sub-order, refund type and goods status. */
async function renderReasons(
	ctx: ILoadOptionsFunctions,
	subOrderId: string,
	refundType: number,
	goodsStatus: number,
): Promise<INodePropertyOptions[]> {
	const envelope = await pandaPonApiRequest.call(ctx, {
		method: 'POST',
		path: '/v2/taobao/order/refund/render',
		body: { subOrderId, refundType, goodsStatus },
		write: false,
	});
	const data = (envelope.data ?? {}) as IDataObject;
	const template = (data.refundOrderTemplate ?? {}) as IDataObject;
	const reasons = (Array.isArray(template.refundReasons) ? template.refundReasons : []) as IDataObject[];
	return reasons.map((r) => ({
		name: String(r.reasonDesc ?? r.reasonId),
		value: Number(r.reasonId),
		description: r.tips ? String(r.tips) : undefined,
	}));
}

export const taobaoLoadOptions: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	/** After-sale reasons from Get Refund Options for the chosen sub-order, refund type and goods status. */
	async getTaobaoRefundReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const subOrderId = currentParameter(this, 'subOrderId');
		const refundType = Number(currentParameter(this, 'refundType'));
		const goodsStatus = Number(currentParameter(this, 'goodsStatus'));
		if (!/^\d{1,20}$/.test(subOrderId) || !Number.isInteger(refundType) || !Number.isInteger(goodsStatus)) return [];
		return renderReasons(this, subOrderId, refundType, goodsStatus);
	},

	/**
	 * Reasons for an existing after-sale order: its sub-order, refund type and goods status come
	 * from Get, then Get Refund Options lists the reasons for them.
	 */
	async getTaobaoRefundReasonsForRefund(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const refundId = currentParameter(this, 'refundId');
		if (!REFUND_ID.test(refundId)) return [];
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'GET',
			path: '/v2/taobao/order/refund/query',
			query: { refundId },
			write: false,
		});
		const aggregate = ((envelope.data ?? {}) as IDataObject).refundOrderAggregate as IDataObject | undefined;
		const refund = (aggregate?.refundOrder ?? {}) as IDataObject;
		const line = (aggregate?.purchaseOrderLine ?? {}) as IDataObject;
		const subOrderId = String(refund.subOrderId ?? line.purchaseOrderLineId ?? '');
		const refundType = Number(refund.refundType);
		const goodsStatus = Number(refund.goodsStatus);
		if (!/^\d{1,20}$/.test(subOrderId) || !Number.isInteger(refundType) || !Number.isInteger(goodsStatus)) return [];
		return renderReasons(this, subOrderId, refundType, goodsStatus);
	},

	/** The lines of the picked Taobao order that can start an after-sale (no open refund). */
	async getTaobaoOrderLines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const orderId = currentParameter(this, 'orderId');
		if (!/^\d{1,20}$/.test(orderId)) fail(this, 'Pick an order first (From List or By ID) to load its sub-orders');
		const envelope = await pandaPonApiRequest.call(this, { method: 'GET', path: '/open/order/get', query: { orderId }, write: false });
		const order = (envelope.data ?? {}) as IDataObject;
		const lines = (Array.isArray(order.orderLineList) ? order.orderLineList : []) as IDataObject[];
		// 0 = no refund asked; -10/-20 = refused or closed, a new request is possible
		const open = lines.filter((l) => [0, -10, -20, undefined, null].includes(l.refundStatus as number) && /^\d+$/.test(String(l.subOrderId ?? '')));
		if (open.length === 0) {
			fail(this, `Order ${orderId} has no lines open for an after-sale: status ${String(order.statusName ?? order.status ?? 'unknown')}${lines.length ? ', every line already has one' : ', no lines'}`);
		}
		return open.map((l) => ({
			name: `${String(l.title ?? l.itemId)} · SKU ${String(l.skuId ?? '')} · ×${String(l.quantity ?? '')} · ${yuan(l.price)}`,
			value: String(l.subOrderId),
			description: `Sub-order ${String(l.subOrderId)}`,
		}));
	},

	/** The SKUs of the picked Taobao item, for Taobao Cart → Add. */
	async getTaobaoItemSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const itemId = currentParameter(this, 'itemId');
		if (!/^\d{1,20}$/.test(itemId)) fail(this, 'Pick an item first (From List, By ID or By URL) to load its SKUs');
		const item = await itemSkus(this, itemId);
		const skus = (Array.isArray(item.skuList) ? item.skuList : []) as IDataObject[];
		if (skus.length === 0) fail(this, `Item ${itemId} lists no SKUs`);
		return skus.map((s) => ({
			name: [skuPropertiesText(s.properties, false) || `SKU ${String(s.skuId)}`, yuan(s.promotionPrice ?? s.price), `stock ${String(s.quantity ?? '?')}`].join(' · '),
			value: String(s.skuId),
			description: `SKU ${String(s.skuId)} · MpSkuId ${String(s.mpSkuId ?? '')}`,
		}));
	},

	/** SKUs of the item Estimate Freight ships: a Taobao item's, or a 1688 offer's. */
	async getFreightItemSkus(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const platform = currentParameter(this, 'itemPlatform') || 'taobao';
		const itemId = currentParameter(this, 'itemId');
		if (!/^\d{1,20}$/.test(itemId)) fail(this, `Pick the ${platform === '1688' ? '1688 offer' : 'Taobao item'} first to load its SKUs`);
		if (platform !== '1688') return taobaoLoadOptions.getTaobaoItemSkus.call(this);
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'POST',
			path: '/alibaba/product/detail/get',
			body: { offerId: new JsonInteger(itemId), country: 'en' },
			write: false,
		});
		const offer = (envelope.data ?? {}) as IDataObject;
		const skus = (Array.isArray(offer.productSkuInfos) ? offer.productSkuInfos : []) as IDataObject[];
		if (skus.length === 0) fail(this, `Offer ${itemId} lists no SKUs`);
		return skus.map((s) => {
			const attrs = (Array.isArray(s.skuAttributes) ? s.skuAttributes : []) as IDataObject[];
			const text = attrs.map((a) => String(a.value ?? '')).filter(Boolean).join(' / ');
			return {
				name: [text || `SKU ${String(s.skuId)}`, `¥${String(s.price ?? '')}`, `stock ${String(s.amountOnSale ?? '?')}`].join(' · '),
				value: String(s.skuId),
				description: `SKU ${String(s.skuId)} · spec ${String(s.specId ?? '')}`,
			};
		});
	},

	/** Items in the Taobao cart (the cart of Additional Fields → Cart User ID when set). */
	async getTaobaoCartItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const userId = cartUser(this, 'cartOptions');
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'GET',
			path: '/open/cart/list',
			query: { pageNo: 1, pageSize: 200, ...(userId ? { userId } : {}) },
			write: false,
		});
		const data = envelope.data as IDataObject | IDataObject[] | null;
		const lines = (Array.isArray(data) ? data : Array.isArray(data?.data) ? data.data : []) as IDataObject[];
		if (lines.length === 0) fail(this, 'The Taobao cart is empty: add items with Taobao Cart → Add first');
		return lines.map((l) => ({
			name: `${String(l.itemTitle ?? l.itemId)} · ${skuPropertiesText(l.properties, false) || `SKU ${String(l.skuId ?? '')}`} · ×${String(l.quantity ?? '')} · ${yuan(l.promotionPrice ?? l.price)}`,
			value: String(l.id),
			description: `Cart item ${String(l.id)}`,
		}));
	},

	/** Items in the 1688 cart, grouped by seller in the answer. */
	async getAlibabaCartItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const envelope = await pandaPonApiRequest.call(this, { method: 'GET', path: '/v2/alibaba/cart/list', write: false });
		const data = (envelope.data ?? {}) as IDataObject;
		const options: INodePropertyOptions[] = [];
		for (const [list, note] of [[data.enableList, ''], [data.disableList, ' (sold out)']] as const) {
			for (const seller of (Array.isArray(list) ? list : []) as IDataObject[]) {
				for (const l of (Array.isArray(seller.cartItemInfos) ? seller.cartItemInfos : []) as IDataObject[]) {
					options.push({
						name: `${String(l.itemTitle ?? l.offerId)} · ${skuPropertiesText(l.properties, false) || `spec ${String(l.specId ?? '')}`} · ×${String(l.quantity ?? '')} · ¥${String(l.price ?? '')}${note}`,
						value: String(l.id),
						description: `Cart item ${String(l.id)} · seller ${String(seller.sellerNickName ?? seller.sellerOpenId ?? '')}`,
					});
				}
			}
		}
		if (options.length === 0) fail(this, 'The 1688 cart is empty: add offers with 1688 Cart → Add first');
		return options;
	},

	/** Carriers Get Return Options offers for the after-sale order. */
	async getTaobaoReturnCarriers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const refundId = currentParameter(this, 'refundId');
		if (!REFUND_ID.test(refundId)) return [];
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'GET',
			path: '/open/order/refund/logistics/render',
			query: { refundId },
			write: false,
		});
		const data = (envelope.data ?? {}) as IDataObject;
		const list = (Array.isArray(data.logisticsCompanies) ? data.logisticsCompanies : []) as IDataObject[];
		return list.map((c) => ({
			name: String(c.logisticsCompanyName ?? c.logisticsCompanyCode),
			value: String(c.logisticsCompanyCode),
		}));
	},
};

interface Page {
	records: IDataObject[];
	total: number;
}

async function listPage(
	ctx: ILoadOptionsFunctions,
	method: 'GET' | 'POST',
	path: string,
	page: number,
	pageSize: number,
	extra: IDataObject = {},
): Promise<Page> {
	const paging = { pageNo: page, pageSize, ...extra };
	const envelope = await pandaPonApiRequest.call(ctx, {
		method,
		path,
		...(method === 'GET' ? { query: paging } : { body: paging }),
		write: false,
	});
	const data = envelope.data as IDataObject | IDataObject[] | null;
	if (Array.isArray(data)) return { records: data, total: data.length };
	const records = (Array.isArray(data?.data) ? data.data : []) as IDataObject[];
	return { records, total: Number(data?.totalRecords ?? 0) };
}

function nextToken(page: number, pageSize: number, got: Page): string | undefined {
	const more = got.total > 0 ? page * pageSize < got.total : got.records.length === pageSize;
	return more ? String(page + 1) : undefined;
}

export const taobaoListSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	/** Taobao purchase orders, newest first, searchable by order ID, status or product title. */
	async searchTaobaoOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const page = Number(paginationToken ?? 1) || 1;
		const pageSize = 20;
		const needle = (filter ?? '').trim().toLowerCase();
		// A whole order ID is looked up directly.
		const extra = /^\d{19}$/.test(needle) ? { orderId: needle } : {};
		const got = await listPage(this, 'GET', '/open/order/page', page, pageSize, extra);
		const results = got.records
			.map((o) => {
				const id = String(o.orderId ?? '');
				const lines = (Array.isArray(o.orderLineList) ? o.orderLineList : []) as IDataObject[];
				const title = lines[0]?.title ? ` · ${String(lines[0].title)}` : '';
				return { name: `${id} · ${taobaoStatusName(o.status ?? o.statusName)}${title}`, value: id };
			})
			.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle)));
		return { results, paginationToken: nextToken(page, pageSize, got) };
	},

	/** Taobao items found by keyword (the search box text). */
	async searchTaobaoItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const page = Number(paginationToken ?? 1) || 1;
		const pageSize = 20;
		const keyword = (filter ?? '').trim();
		const got = await listPage(this, 'POST', '/v2/taobao/product/item/search', page, pageSize, keyword ? { keyword } : {});
		const numeric = got.records.filter((p) => p.itemId !== undefined && p.itemId !== null && /^\d+$/.test(String(p.itemId)));
		if (numeric.length === 0 && got.records.some((p) => typeof p.itemMapId === 'string' && p.itemMapId !== '')) {
			// The v2 search may answer with opaque itemMapIds only; the item calls here take numeric ids.
			fail(this, "PandaPon's search answered with v2 itemMapIds only, which Taobao Product Get and Cart Add cannot take: enter the numeric item ID By ID or the item page By URL");
		}
		const results = numeric.map((p) => {
			const id = String(p.itemId);
			const price = p.promotionPrice ?? p.price;
			const priceText = typeof price === 'number' ? ` · ¥${(price / 100).toFixed(2)}` : '';
			return {
				name: `${String(p.title ?? id)}${priceText}`,
				value: id,
				url: `https://item.taobao.com/item.htm?id=${id}`,
			};
		});
		return { results, paginationToken: nextToken(page, pageSize, got) };
	},

	/** Taobao after-sale orders, newest first, searchable by ID, status or reason. */
	async searchTaobaoRefunds(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const page = Number(paginationToken ?? 1) || 1;
		const pageSize = 20;
		const needle = (filter ?? '').trim().toLowerCase();
		const got = await listPage(this, 'POST', '/open/order/refund/queryList', page, pageSize);
		const results = got.records
			.map((r) => {
				const id = String(r.refundId ?? '');
				const status = r.refundStatusName ?? r.refundStatus;
				const reason = r.reasonDesc ? ` · ${String(r.reasonDesc)}` : '';
				return { name: `${id} · ${String(status ?? '')}${reason}`, value: id };
			})
			.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle)));
		return { results, paginationToken: nextToken(page, pageSize, got) };
	},
};
