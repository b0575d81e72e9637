import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { fenToYuan } from '../helpers/money';
import { TEXT_ID } from '../helpers/params';
import { skuPropertiesText, taobaoStatusName } from '../helpers/simplify';
import { JsonInteger } from '../../shared/transport/json';
import { pandaPonApiRequest } from '../../shared/transport/request';
import { currentParameter } from './currentParameter';


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

/** GET `path` for the after-sale order being edited (its Refund ID); undefined until one is picked. */
async function readForRefund(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject | undefined> {
	const refundId = currentParameter(ctx, 'refundId');
	if (!TEXT_ID.test(refundId)) return undefined;
	const envelope = await pandaPonApiRequest.call(ctx, { method: 'GET', path, query: { refundId }, write: false });
	return (envelope.data ?? {}) as IDataObject;
}

/** The picked Taobao item's SKUs (Get of Taobao Product), as "attributes · price · stock". */
export async function itemSkus(ctx: ILoadOptionsFunctions, itemId: string): Promise<IDataObject> {
	const envelope = await pandaPonApiRequest.call(ctx, { method: 'GET', path: '/open/product/get', query: { itemId }, write: false });
	return (envelope.data ?? {}) as IDataObject;
}

/** The reasons Get Refund Options offers for one sub-order, refund type and goods status; none until all three are set. */
async function renderReasons(
	ctx: ILoadOptionsFunctions,
	subOrderId: string,
	refundType: number,
	goodsStatus: number,
): Promise<INodePropertyOptions[]> {
	if (!/^\d{1,20}$/.test(subOrderId) || !Number.isInteger(refundType) || !Number.isInteger(goodsStatus)) return [];
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
		return renderReasons(this, currentParameter(this, 'subOrderId'), Number(currentParameter(this, 'refundType')), Number(currentParameter(this, 'goodsStatus')));
	},

	/**
	 * Reasons for an existing after-sale order: its sub-order, refund type and goods status come
	 * from Get, then Get Refund Options lists the reasons for them.
	 */
	async getTaobaoRefundReasonsForRefund(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const data = await readForRefund(this, '/v2/taobao/order/refund/query');
		if (!data) return [];
		const aggregate = data.refundOrderAggregate as IDataObject | undefined;
		const refund = (aggregate?.refundOrder ?? {}) as IDataObject;
		const line = (aggregate?.purchaseOrderLine ?? {}) as IDataObject;
		const subOrderId = String(refund.subOrderId ?? line.purchaseOrderLineId ?? '');
		return renderReasons(this, subOrderId, Number(refund.refundType), Number(refund.goodsStatus));
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
		const data = await readForRefund(this, '/open/order/refund/logistics/render');
		if (!data) return [];
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

const SEARCH_PAGE_SIZE = 20;

/** Results with an id whose text contains the search box's text (all of them when it is empty). */
function matching(needle: string, results: INodeListSearchItems[]): INodeListSearchItems[] {
	return results.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle)));
}

/**
 * One page of a searchable list; the pagination token is the page number. `toResults` turns the
 * page's records into results (and may drop some).
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	paginationToken: string | undefined,
	list: { method: 'GET' | 'POST'; path: string; extra?: IDataObject },
	toResults: (records: IDataObject[]) => INodeListSearchItems[],
): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const got = await listPage(ctx, list.method, list.path, page, SEARCH_PAGE_SIZE, list.extra);
	const more = got.total > 0 ? page * SEARCH_PAGE_SIZE < got.total : got.records.length === SEARCH_PAGE_SIZE;
	return { results: toResults(got.records), paginationToken: more ? String(page + 1) : undefined };
}

export const taobaoListSearch: Record<
	string,
	(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) => Promise<INodeListSearchResult>
> = {
	/** Taobao purchase orders, newest first, searchable by order ID, status or product title. */
	async searchTaobaoOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const needle = (filter ?? '').trim().toLowerCase();
		// A whole order ID is looked up directly.
		const extra = /^\d{19}$/.test(needle) ? { orderId: needle } : {};
		return searchPage(this, paginationToken, { method: 'GET', path: '/open/order/page', extra }, (records) =>
			matching(
				needle,
				records.map((o) => {
					const id = String(o.orderId ?? '');
					const lines = (Array.isArray(o.orderLineList) ? o.orderLineList : []) as IDataObject[];
					const title = lines[0]?.title ? ` · ${String(lines[0].title)}` : '';
					return { name: `${id} · ${taobaoStatusName(o.status ?? o.statusName)}${title}`, value: id };
				}),
			),
		);
	},

	/** Taobao items found by keyword (the search box text). */
	async searchTaobaoItems(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const keyword = (filter ?? '').trim();
		const list = { method: 'POST' as const, path: '/v2/taobao/product/item/search', extra: keyword ? { keyword } : {} };
		return searchPage(this, paginationToken, list, (records) => {
			const numeric = records.filter((p) => p.itemId !== undefined && p.itemId !== null && /^\d+$/.test(String(p.itemId)));
			if (numeric.length === 0 && records.some((p) => typeof p.itemMapId === 'string' && p.itemMapId !== '')) {
				// The v2 search may answer with opaque itemMapIds only; the item calls here take numeric ids.
				fail(this, "PandaPon's search answered with v2 itemMapIds only, which Taobao Product Get and Cart Add cannot take: enter the numeric item ID By ID or the item page By URL");
			}
			return numeric.map((p) => {
				const id = String(p.itemId);
				const price = p.promotionPrice ?? p.price;
				const priceText = typeof price === 'number' ? ` · ¥${(price / 100).toFixed(2)}` : '';
				return {
					name: `${String(p.title ?? id)}${priceText}`,
					value: id,
					url: `https://item.taobao.com/item.htm?id=${id}`,
				};
			});
		});
	},

	/** Taobao after-sale orders, newest first, searchable by ID, status or reason. */
	async searchTaobaoRefunds(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const needle = (filter ?? '').trim().toLowerCase();
		return searchPage(this, paginationToken, { method: 'POST', path: '/open/order/refund/queryList' }, (records) =>
			matching(
				needle,
				records.map((r) => {
					const id = String(r.refundId ?? '');
					const status = r.refundStatusName ?? r.refundStatus;
					const reason = r.reasonDesc ? ` · ${String(r.reasonDesc)}` : '';
					return { name: `${id} · ${String(status ?? '')}${reason}`, value: id };
				}),
			),
		);
	},
};
