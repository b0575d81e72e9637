import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { JsonInteger, parseJson } from '../transport/json';
import { hintFor, pandaPonApiRequest } from '../transport/request';
import { newNonce, systemHeaders, timestampNow, type TimestampUnit } from '../transport/signing';

function currentId(ctx: ILoadOptionsFunctions, name: string): string {
	const value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	return String(value ?? '').trim();
}

export const loadOptions = {
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
};

export const listSearch = {
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
			body: { beginPage: page, pageSize },
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

export const credentialTest = {
	/**
	 * PandaPon answers HTTP 200 even for bad keys, so the body decides: code 200 passes,
	 * anything else shows PandaPon's code, message and a hint.
	 */
	async pandaPonApiTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		const timestamp = timestampNow((data.timestampUnit as TimestampUnit) ?? 'milliseconds');
		const headers = systemHeaders({
			accessKey: String(data.accessKey ?? ''),
			accessSecret: String(data.accessSecret ?? ''),
			userId: String(data.userId ?? ''),
			timestamp,
			nonce: newNonce(),
		});
		const baseUrl = String(data.baseUrl || 'https://api.pandapon.com').replace(/\/+$/, '');
		let text: string;
		try {
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			text = await this.helpers.request({
				method: 'GET',
				uri: `${baseUrl}/v2/alibaba/cart/list`,
				headers,
				json: false,
				timeout: 15000,
			});
		} catch (error) {
			const e = error as { statusCode?: number; cause?: { code?: string }; code?: string };
			const reason = e.statusCode ? `HTTP ${e.statusCode}` : (e.cause?.code ?? e.code ?? 'network error');
			return { status: 'Error', message: `Could not reach PandaPon at ${baseUrl}: ${reason}` };
		}
		let envelope: { code?: unknown; msg?: unknown; requestId?: unknown };
		try {
			envelope = parseJson(String(text)) as typeof envelope;
		} catch {
			return { status: 'Error', message: `${baseUrl} did not answer with PandaPon's JSON: check the Base URL` };
		}
		if (Number(envelope?.code) === 200) return { status: 'OK', message: 'Connection successful' };
		const env = { code: envelope?.code as number, msg: String(envelope?.msg ?? '') };
		return {
			status: 'Error',
			message: `PandaPon error ${env.code}: ${env.msg}. ${hintFor(env)} (request ID ${String(envelope?.requestId ?? 'none')})`,
		};
	},
};
