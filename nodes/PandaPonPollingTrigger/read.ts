import type { IDataObject, IPollFunctions, NodeOperationError } from 'n8n-workflow';

import { OPERATIONS } from '../PandaPon/operations';
import type { OperationSpec } from '../PandaPon/helpers/types';
import { forEachBounded, type Pacer } from '../shared/transport/pacer';
import { pandaPonApiRequest, type PandaPonContext, type PandaPonRequest } from '../shared/transport/request';

/*
 * Reads what a poll compares: the orders (and Taobao after-sales) created inside the lookback
 * window, newest first, page by page through the action node's operation records and the one
 * transport (pacing, retries, lossless ids), and the logistics traces of shipped orders.
 */

export type Platform = 'taobao' | '1688';

/** Records per list call: the lists' largest page. */
export const PAGE_SIZE = 100;
/** Trace reads running at once (the pacer still spaces their starts). */
const TRACE_CONCURRENCY = 4;

export interface RefundRecord {
	platform: Platform;
	refundId: string;
	orderId: string | null;
	status: string | number | null;
	updatedAt: string | null;
	/** Creation time (epoch ms), when readable. */
	createdMs?: number;
	record: IDataObject;
}

export interface OrderRecord {
	platform: Platform;
	orderId: string;
	status: string | number | null;
	/** 1688 totalAmount (yuan) or Taobao purchaseAmount (fen). */
	amount: string | number | null;
	/** Last change PandaPon reports (1688 modifyTime; Taobao the latest of its event times), ISO. */
	updatedAt: string | null;
	/** After-sales on the order's lines (1688 lines carry refundId and refundStatus). */
	refunds: RefundRecord[];
	/** Creation time (epoch ms), when readable. */
	createdMs?: number;
	record: IDataObject;
}

export interface TraceStep {
	time: string | null;
	text: string | null;
	trackingNumber: string | null;
}

export interface TraceRecord {
	platform: Platform;
	orderId: string;
	steps: TraceStep[];
	record: unknown;
}

/** Orders whose trace is read when logistics events are on: shipped, not yet finished. */
export const TRACKED_STATUSES: Record<Platform, Array<string | number>> = {
	'1688': ['waitbuyerreceive', 'confirm_goods'],
	taobao: [11],
};

export function isTracked(order: OrderRecord): boolean {
	return TRACKED_STATUSES[order.platform].some((s) => String(s) === String(order.status));
}

function spec(catalogId: string): OperationSpec {
	const found = OPERATIONS.find((o) => o.catalogId === catalogId);
	if (found === undefined) throw new Error(`No operation record ${catalogId}`);
	return found;
}

/** The action node's records for the reads a poll makes: one place for paths, methods and paging. */
export const SPECS = {
	taobaoOrders: spec('taobao.order.list'),
	alibabaOrders: spec('1688.order.list'),
	taobaoRefunds: spec('taobao.afterSale.list'),
	taobaoLogistics: spec('taobao.order.getLogistics'),
	alibabaTrace: spec('1688.order.getLogisticsTrace'),
};

/** Calls left in this poll, shared by every list and trace read. */
export class Budget {
	used = 0;

	constructor(
		readonly max: number,
		private readonly explain: (what: string) => NodeOperationError,
	) {}

	/** Refuses before the first of `count` calls when they would not all fit. */
	ensure(what: string, count: number): void {
		if (this.used + count > this.max) throw this.explain(what);
	}

	take(what: string): void {
		this.ensure(what, 1);
		this.used++;
	}
}

export interface ReadContext {
	fns: IPollFunctions;
	pacer: Pacer;
	budget: Budget;
	retries: number;
	/** Epoch ms: records created before this are outside the window. */
	windowStart: number;
}

/** PandaPon times are China time (UTC+8) `yyyy-MM-dd HH:mm:ss`; epoch numbers are accepted too. */
export function chinaTimeMs(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value < 1e11 ? value * 1000 : value;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
	if (m === null) return /^\d{9,16}$/.test(text) ? chinaTimeMs(Number(text)) : undefined;
	const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
	const utc = Date.UTC(y, mo - 1, d, h, mi, s);
	// Date.UTC rolls 2025-13-45 over into another date: such a text is no time.
	if (new Date(utc).toISOString().slice(0, 19) !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`) return undefined;
	return utc - 8 * 3600 * 1000;
}

export function isoOf(value: unknown): string | null {
	const ms = chinaTimeMs(value);
	return ms === undefined || Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function obj(value: unknown): IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

/** Ids as digit strings (the transport already turned unsafe integers into digit strings). */
function idText(value: unknown): string | null {
	if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
	return null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function scalar(value: unknown): string | number | null {
	return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function latestIso(values: unknown[]): string | null {
	const times = values.map(chinaTimeMs).filter((t): t is number => t !== undefined && !Number.isNaN(t));
	return times.length === 0 ? null : new Date(Math.max(...times)).toISOString();
}

export function alibabaOrder(record: IDataObject): OrderRecord | undefined {
	const base = obj(record.baseInfo);
	const orderId = idText(base.idOfStr) ?? idText(base.id);
	if (orderId === null) return undefined;
	const byRefund = new Map<string, { status: unknown; entries: string[] }>();
	for (const line of Array.isArray(record.productItems) ? record.productItems.map(obj) : []) {
		const refundId = text(line.refundId);
		if (refundId === null) continue;
		const entry = byRefund.get(refundId) ?? { status: line.refundStatus, entries: [] };
		const lineId = idText(line.subItemIDString) ?? idText(line.subItemID);
		if (lineId !== null) entry.entries.push(lineId);
		byRefund.set(refundId, entry);
	}
	const updatedAt = isoOf(base.modifyTime);
	const createdMs = chinaTimeMs(base.createTime);
	return {
		platform: '1688',
		orderId,
		createdMs,
		status: scalar(base.status),
		amount: scalar(base.totalAmount),
		updatedAt,
		refunds: [...byRefund].map(([refundId, r]) => ({
			platform: '1688' as const,
			refundId,
			orderId,
			status: scalar(r.status),
			updatedAt,
			createdMs,
			record: { refundId, orderId, orderEntryIds: r.entries, refundStatus: scalar(r.status), order: record },
		})),
		record,
	};
}

export function taobaoOrder(record: IDataObject): OrderRecord | undefined {
	const orderId = idText(record.orderId);
	if (orderId === null) return undefined;
	return {
		platform: 'taobao',
		orderId,
		status: scalar(record.status),
		amount: scalar(record.purchaseAmount),
		updatedAt: latestIso([record.createTime, record.payTime, record.shipTime, record.cancelTime]),
		createdMs: chinaTimeMs(record.createTime),
		refunds: [],
		record,
	};
}

export function taobaoRefund(record: IDataObject): RefundRecord | undefined {
	const refundId = text(record.refundId);
	if (refundId === null) return undefined;
	return {
		platform: 'taobao',
		refundId,
		orderId: idText(record.payOrderId) ?? idText(record.orderId),
		status: scalar(record.refundStatus),
		updatedAt: isoOf(record.modifyTime),
		createdMs: chinaTimeMs(record.createTime),
		record,
	};
}

type Plan = Omit<PandaPonRequest, 'write' | 'pacer' | 'retry'>;

async function call(ctx: ReadContext, what: string, request: Plan): Promise<unknown> {
	ctx.budget.take(what);
	// IPollFunctions carries every member the transport uses (getCredentials, getNode,
	// helpers.httpRequestWithAuthentication); the transport's context type predates polling.
	const envelope = await pandaPonApiRequest.call(ctx.fns as unknown as PandaPonContext, {
		...request,
		write: false,
		pacer: ctx.pacer,
		retry: { retries: ctx.retries, baseDelayMs: 500 },
	});
	return envelope.data;
}

function at(data: unknown, path: string): unknown {
	if (path === '') return data;
	return path.split('.').reduce<unknown>((v, key) => obj(v)[key], data);
}

/**
 * Pages through a newest-first list until a record older than the window, a short page or the
 * reported total. Records created before the window are left out; records without a readable
 * creation time are kept (and do not end the paging).
 */
async function readWindow(ctx: ReadContext, what: string, op: OperationSpec, filters: IDataObject): Promise<IDataObject[]> {
	const paging = op.paging;
	if (paging === undefined) throw new Error(`${op.catalogId} has no paging`);
	const records: IDataObject[] = [];
	for (let page = 1; ; page++) {
		const params = { ...filters, [paging.pageParam]: page, [paging.sizeParam]: PAGE_SIZE };
		const data = await call(
			ctx,
			what,
			paging.in === 'query' ? { method: op.method, path: op.path, query: params } : { method: op.method, path: op.path, body: params },
		);
		const list = at(data, paging.listPath);
		const rows = Array.isArray(list) ? list.map(obj) : [];
		let older = false;
		for (const row of rows) {
			const created = chinaTimeMs(row.createTime ?? obj(row.baseInfo).createTime);
			if (created !== undefined && created < ctx.windowStart) older = true;
			else records.push(row);
		}
		const total = Number(paging.totalPath ? at(data, paging.totalPath) : NaN);
		if (older || rows.length < PAGE_SIZE || (Number.isFinite(total) && page * PAGE_SIZE >= total)) return records;
	}
}

/** Orders of one platform created inside the window, newest first, each id once. */
export async function readOrders(ctx: ReadContext, platform: Platform): Promise<OrderRecord[]> {
	const rows =
		platform === '1688'
			? await readWindow(ctx, '1688 orders', SPECS.alibabaOrders, {})
			: await readWindow(ctx, 'Taobao orders', SPECS.taobaoOrders, {});
	const seen = new Set<string>();
	const orders: OrderRecord[] = [];
	for (const row of rows) {
		const order = platform === '1688' ? alibabaOrder(row) : taobaoOrder(row);
		// New orders arriving while we page push older ones onto the next page: keep the first.
		if (order === undefined || seen.has(order.orderId)) continue;
		seen.add(order.orderId);
		orders.push(order);
	}
	return orders;
}

/** Taobao after-sales created inside the window (the list filters by creation time). */
export async function readTaobaoRefunds(ctx: ReadContext): Promise<RefundRecord[]> {
	const rows = await readWindow(ctx, 'Taobao after-sales', SPECS.taobaoRefunds, { refundStartTime: ctx.windowStart });
	const seen = new Set<string>();
	const refunds: RefundRecord[] = [];
	for (const row of rows) {
		const refund = taobaoRefund(row);
		if (refund === undefined || seen.has(refund.refundId)) continue;
		seen.add(refund.refundId);
		refunds.push(refund);
	}
	return refunds;
}

/** Steps of a 1688 trace (`[{logisticsBillNo, logisticsSteps: [{acceptTime, remark}]}]`) or a Taobao one. */
export function traceSteps(platform: Platform, data: unknown): TraceStep[] {
	const steps: TraceStep[] = [];
	if (platform === '1688') {
		for (const parcel of Array.isArray(data) ? data.map(obj) : []) {
			const number = text(parcel.logisticsBillNo);
			for (const step of Array.isArray(parcel.logisticsSteps) ? parcel.logisticsSteps.map(obj) : []) {
				steps.push({ time: isoOf(step.acceptTime), text: text(step.remark), trackingNumber: number });
			}
		}
		return steps;
	}
	// Taobao lists one entry per order line; lines shipped together share a tracking number.
	const parcels = new Set<string>();
	const lines = obj(data).logisticsList;
	for (const line of Array.isArray(lines) ? lines.map(obj) : []) {
		const number = text(line.logisticsNo);
		const key = number ?? JSON.stringify(line.traces ?? null);
		if (parcels.has(key)) continue;
		parcels.add(key);
		for (const step of Array.isArray(line.traces) ? line.traces.map(obj) : []) {
			steps.push({ time: isoOf(step.time), text: text(step.desc), trackingNumber: number });
		}
	}
	return steps;
}

/** One trace call per shipped order given; refuses up front when the budget cannot cover them. */
export async function readTraces(ctx: ReadContext, platform: Platform, orders: OrderRecord[]): Promise<TraceRecord[]> {
	const tracked = orders.filter(isTracked);
	const what = `the logistics traces of ${tracked.length} shipped ${platform === '1688' ? '1688' : 'Taobao'} orders (one call each)`;
	ctx.budget.ensure(what, tracked.length);
	const op = platform === '1688' ? SPECS.alibabaTrace : SPECS.taobaoLogistics;
	const traces: TraceRecord[] = new Array(tracked.length);
	await forEachBounded(tracked.length, TRACE_CONCURRENCY, async (i) => {
		const order = tracked[i];
		const data = await call(ctx, what, { method: op.method, path: op.path, query: { orderId: order.orderId } });
		traces[i] = { platform, orderId: order.orderId, steps: traceSteps(platform, data), record: data };
	});
	return traces;
}
