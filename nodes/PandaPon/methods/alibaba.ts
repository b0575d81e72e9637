import {
	NodeOperationError,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchResult,
	type INodePropertyOptions,
} from 'n8n-workflow';

import {
	goodsStatusFor,
	lineLabel,
	noRefundableLines,
	readRefundOrder,
	readRefundReasons,
	refundableLines,
	type Read,
} from '../helpers/alibabaRefund';
import { alibabaStatusName } from '../helpers/simplify';
import { pandaPonApiRequest } from '../../shared/transport/request';
import { currentParameter } from './currentParameter';


/** Reads for the editor's lists: signed like the node's requests, never retried as writes. */
function readerFor(ctx: ILoadOptionsFunctions): Read {
	return (method, path, body) => pandaPonApiRequest.call(ctx, { method, path, body, write: false });
}

/** The picked order, or an error the dropdown shows when there is none yet. */
async function pickedOrder(ctx: ILoadOptionsFunctions) {
	const orderId = currentParameter(ctx, 'orderId');
	if (!/^\d{1,20}$/.test(orderId)) {
		throw new NodeOperationError(ctx.getNode(), 'Pick an order first (From List or By ID) to load its lines and reasons');
	}
	return readRefundOrder(readerFor(ctx), orderId);
}

/** The sub-order ids picked in the editor: a multi-select array, or the older comma-separated text. */
function pickedEntries(ctx: ILoadOptionsFunctions): string[] {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter('orderEntryIds');
	} catch {
		return [];
	}
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[\s,;]+/);
	return list.map((s) => s.trim()).filter((s) => /^\d{1,20}$/.test(s));
}

export const alibabaLoadOptions = {
	/** The refundable lines of the picked 1688 order: title · SKU · quantity · amount. */
	async getAlibabaOrderLines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const order = await pickedOrder(this);
		const lines = refundableLines(order);
		if (lines.length === 0) throw new NodeOperationError(this.getNode(), noRefundableLines(order));
		return lines.map((l) => ({ name: lineLabel(l), value: l.id, description: `Sub-order ${l.id}` }));
	},

	/**
	 * Refund reasons for the picked 1688 order: its picked lines (all refundable ones when none
	 * is picked) and goods status (the one its status implies, unless chosen).
	 */
	async getAlibabaRefundReasons(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const order = await pickedOrder(this);
		let entries = pickedEntries(this);
		if (entries.length === 0) entries = refundableLines(order).map((l) => l.id);
		if (entries.length === 0) throw new NodeOperationError(this.getNode(), noRefundableLines(order));
		let goodsStatus = currentParameter(this, 'goodsStatus');
		if (goodsStatus === '' || goodsStatus === 'auto') {
			const implied = goodsStatusFor(order);
			if (!implied) throw new NodeOperationError(this.getNode(), noRefundableLines(order));
			goodsStatus = implied;
		}
		const reasons = await readRefundReasons(readerFor(this), order.id, entries, goodsStatus);
		if (reasons.length === 0) {
			throw new NodeOperationError(this.getNode(), `PandaPon offers no refund reason for order ${order.id} with goods status ${goodsStatus}`);
		}
		return reasons.map((r) => ({
			name: r.name,
			value: r.id,
			description: [r.needVoucher ? 'Needs a voucher image' : '', r.noRefundCarriage ? 'Freight not refunded' : '', r.tip]
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

/**
 * One page of 1688 orders, newest first, for the From-list searches, and the token of the next page.
 * The paging is 1688 Order → Get Many's (the sandbox's pageNo; it also accepts beginPage).
 */
async function alibabaOrderPage(
	ctx: ILoadOptionsFunctions,
	paginationToken: string | undefined,
	pageSize: number,
): Promise<{ orders: IDataObject[]; nextToken: string | undefined }> {
	const page = Number(paginationToken ?? 1) || 1;
	const envelope = await pandaPonApiRequest.call(ctx, {
		method: 'POST',
		path: '/v2/alibaba/order/page',
		body: { pageNo: page, pageSize },
		write: false,
	});
	const data = (envelope.data ?? {}) as IDataObject;
	const orders = (Array.isArray(data.data) ? data.data : []) as IDataObject[];
	const total = Number(data.totalRecords ?? 0);
	return { orders, nextToken: page * pageSize < total ? String(page + 1) : undefined };
}

export const alibabaListSearch = {
	/** 1688 orders, newest first, searchable by order ID or product title. */
	async searchAlibabaOrders(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const { orders, nextToken } = await alibabaOrderPage(this, paginationToken, 20);
		const needle = (filter ?? '').trim().toLowerCase();
		const results = orders
			.map((o) => {
				const base = (o.baseInfo ?? o) as IDataObject;
				const id = String(base.id ?? base.orderId ?? '');
				const items = (o.productItems ?? []) as IDataObject[];
				const title = items[0]?.name ? ` · ${String(items[0].name)}` : '';
				return { name: `${id} · ${alibabaStatusName(base.status)}${title}`, value: id };
			})
			.filter((r) => r.value !== '' && (!needle || r.name.toLowerCase().includes(needle)));
		return { results, paginationToken: nextToken };
	},
	/**
	 * 1688 refunds, newest orders first. PandaPon has no 1688 refund list, so the refunds come
	 * from the order lines that carry one (refundId on the line in the order list).
	 */
	async searchAlibabaRefunds(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const { orders, nextToken } = await alibabaOrderPage(this, paginationToken, 50);
		const needle = (filter ?? '').trim().toLowerCase();
		const seen = new Set<string>();
		const results: Array<{ name: string; value: string }> = [];
		for (const o of orders) {
			const base = (o.baseInfo ?? o) as IDataObject;
			for (const line of (Array.isArray(o.productItems) ? o.productItems : []) as IDataObject[]) {
				const refundId = String(line.refundId ?? '');
				if (refundId === '' || refundId === 'null' || seen.has(refundId)) continue;
				seen.add(refundId);
				const name = `${refundId} · ${String(line.refundStatus ?? '')} · order ${String(base.idOfStr ?? base.id ?? '')} · ${String(line.name ?? '')}`;
				if (!needle || name.toLowerCase().includes(needle)) results.push({ name, value: refundId });
			}
		}
		return { results, paginationToken: nextToken };
	},
};
