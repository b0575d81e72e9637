import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { JsonInteger } from '../transport/json';
import { pandaPonApiRequest } from '../transport/request';

function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	return String(value ?? '').trim();
}

export const alibabaLoadOptions = {
	/** Refund reasons for the chosen 1688 order, lines and goods status. */
	async getAlibabaRefundReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const orderId = currentId(this, 'orderId');
		const entries = String(this.getCurrentNodeParameter('orderEntryIds') ?? '')
			.split(/[\s,;]+/)
			.filter((s) => /^\d+$/.test(s));
		const goodsStatus = String(this.getCurrentNodeParameter('goodsStatus') ?? '');
		if (!/^\d+$/.test(orderId) || entries.length === 0 || !goodsStatus) return [];
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'POST',
			path: '/alibaba/refund/reason/list',
			body: {
				orderId: new JsonInteger(orderId),
				orderEntryIds: entries.map((e) => new JsonInteger(e)),
				goodsStatus,
			},
			write: false,
		});
		const reasons = Array.isArray(envelope.data) ? (envelope.data as IDataObject[]) : [];
		return reasons.map((r) => ({
			name: String(r.name),
			value: String(r.id),
			description: [r.needVoucher ? 'Needs a voucher image' : '', r.tip ? String(r.tip) : '']
				.filter(Boolean)
				.join('. '),
		}));
	},
	/** Carriers a 1688 return shipment can name (logisticsCompanyNo). */
	async getAlibabaLogisticsCompanies(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'GET',
			path: '/alibaba/refund/logistics/company/list',
			write: false,
		});
		const companies = Array.isArray(envelope.data) ? (envelope.data as IDataObject[]) : [];
		return companies
			.filter((c) => c.companyNo !== undefined && c.companyNo !== null && c.companyNo !== '')
			.map((c) => ({
				name: `${String(c.companyName ?? c.companyNo)}${c.spelling ? ` (${String(c.spelling)})` : ''}`,
				value: String(c.companyNo),
				description: [String(c.companyNo), c.companyPhone ? `tel. ${String(c.companyPhone)}` : ''].filter(Boolean).join(' · '),
			}));
	},
};

export const alibabaListSearch = {
	/** 1688 orders, newest first, searchable by order ID or product title. */
	async searchAlibabaOrders(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const page = Number(paginationToken ?? 1) || 1;
		const pageSize = 20;
		const envelope = await pandaPonApiRequest.call(this, {
			method: 'POST',
			path: '/v2/alibaba/order/page',
			// the same paging as 1688 Order → Get Many (the sandbox's pageNo; it also accepts beginPage)
			body: { pageNo: page, pageSize },
			write: false,
		});
		const data = (envelope.data ?? {}) as IDataObject;
		const orders = (Array.isArray(data.data) ? data.data : []) as IDataObject[];
		const needle = (filter ?? '').trim().toLowerCase();
		const results = orders
			.map((o) => {
				const base = (o.baseInfo ?? o) as IDataObject;
				const id = String(base.id ?? base.orderId ?? '');
				const items = (o.productItems ?? []) as IDataObject[];
				const title = items[0]?.name ? ` · ${String(items[0].name)}` : '';
				return { name: `${id} · ${String(base.status ?? '')}${title}`, value: id };
			})
			.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle)));
		const total = Number(data.totalRecords ?? 0);
		return { results, paginationToken: page * pageSize < total ? String(page + 1) : undefined };
	},
};
