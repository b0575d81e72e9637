import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { pandaPonApiRequest } from '../transport/request';

function currentValue(ctx: ILoadOptionsFunctions, name: string): string {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	} catch {
		return '';
	}
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) value = (value as IDataObject).value;
	return String(value ?? '').trim();
}

const REFUND_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The reasons Render offers for one sub-order, refund type and goods status. */
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
	/** After-sale reasons from Render for the chosen sub-order, refund type and goods status. */
	async getTaobaoRefundReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const subOrderId = currentValue(this, 'subOrderId');
		const refundType = Number(currentValue(this, 'refundType'));
		const goodsStatus = Number(currentValue(this, 'goodsStatus'));
		if (!/^\d{1,20}$/.test(subOrderId) || !Number.isInteger(refundType) || !Number.isInteger(goodsStatus)) return [];
		return renderReasons(this, subOrderId, refundType, goodsStatus);
	},

	/**
	 * Reasons for an existing after-sale order: its sub-order, refund type and goods status come
	 * from Get, then Render lists the reasons for them.
	 */
	async getTaobaoRefundReasonsForRefund(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const refundId = currentValue(this, 'refundId');
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

	/** Carriers Render Return Logistics offers for the after-sale order. */
	async getTaobaoReturnCarriers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const refundId = currentValue(this, 'refundId');
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
				const status = o.statusName ?? o.status;
				return { name: `${id} · ${String(status ?? '')}${title}`, value: id };
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
		const results = got.records
			.filter((p) => p.itemId !== undefined && p.itemId !== null && /^\d+$/.test(String(p.itemId)))
			.map((p) => {
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
