import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

import type { OrderRecord, Platform, RefundRecord, TraceRecord, TraceStep } from './read';

/*
 * Compares what a poll read with the snapshot of the previous poll and says what changed.
 *
 * The snapshot keeps, per platform, only what a comparison needs: an order's status and amount,
 * an after-sale's status, a trace's step count and last step time. It is rebuilt from each poll's
 * records, so records that left the lookback window are dropped: its size is bounded by what one
 * poll can read (Max Calls per Poll × 100 records).
 */

type Value = string | number | null;

export interface Snapshot {
	v: 1;
	/** Start of the window the snapshot was read with (epoch ms). */
	from?: number;
	/** orderId → [status, amount]; a platform missing here has no baseline yet. */
	orders: Partial<Record<Platform, Record<string, [Value, Value]>>>;
	/** refundId → status. */
	refunds: Partial<Record<Platform, Record<string, Value>>>;
	/** orderId → [step count, last step time]. */
	traces: Partial<Record<Platform, Record<string, [number, string | null]>>>;
}

export type EventName = 'orderCreated' | 'orderStatusChanged' | 'orderPriceChanged' | 'afterSaleRefund' | 'logisticsUpdated';
export type EventKey = `${Platform}.${EventName}`;

export function emptySnapshot(): Snapshot {
	return { v: 1, orders: {}, refunds: {}, traces: {} };
}

const isMap = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The snapshot kept in static data, or an empty one (a new baseline) when it is missing or of another shape. */
export function loadSnapshot(stored: unknown): Snapshot {
	const s = stored as Partial<Snapshot> | undefined;
	if (!isMap(s) || s?.v !== 1 || !isMap(s.orders) || !isMap(s.refunds) || !isMap(s.traces)) return emptySnapshot();
	const from = typeof s.from === 'number' && Number.isFinite(s.from) ? s.from : undefined;
	return { v: 1, from, orders: { ...s.orders }, refunds: { ...s.refunds }, traces: { ...s.traces } };
}

/**
 * Whether a record the previous poll did not have is new, rather than one that only now falls
 * inside a window made longer (Lookback (Days) raised): new means created after the old window began.
 */
function isNew(createdMs: number | undefined, previous: Snapshot): boolean {
	return createdMs === undefined || previous.from === undefined || createdMs >= previous.from;
}

/** The push messageType with the same meaning, so workflows can switch triggers without rewiring. */
const MESSAGE_TYPES: Record<EventName, string | null> = {
	orderCreated: 'ORDER_CREATE',
	orderStatusChanged: 'ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
	orderPriceChanged: 'ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY',
	afterSaleRefund: 'ORDER_BUYER_VIEW_ORDER_BUYER_REFUND',
	logisticsUpdated: null,
};

export interface Change {
	event: EventKey;
	platform: Platform;
	orderId: string | null;
	refundId?: string;
	previousStatus: Value;
	status: Value;
	previousAmount?: Value;
	amount?: Value;
	newSteps?: TraceStep[];
	eventTime: string | null;
	/** What makes this change distinct (old and new status, time, step count…), for deliveryId. */
	identity: Value[];
	body: unknown;
}

/** Stable per change: the same change read again (after a restart) gets the same id. */
export function deliveryId(change: Pick<Change, 'event' | 'orderId' | 'refundId' | 'identity'>): string {
	const key = JSON.stringify(['poll', change.event, change.orderId, change.refundId ?? null, ...change.identity]);
	return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** The output item, shaped like PandaPon Trigger's (event, platform, messageType, body) plus the comparison. */
export function toItem(change: Change, receivedAt: string): IDataObject {
	const name = change.event.slice(change.event.indexOf('.') + 1) as EventName;
	const suffix = MESSAGE_TYPES[name];
	const item: IDataObject = {
		event: change.event,
		platform: change.platform,
		messageType: suffix === null ? null : `${change.platform === '1688' ? '1688' : 'TAOBAO'}_${suffix}`,
		messagePlatform: change.platform === '1688' ? 1 : 0,
		deliveryId: deliveryId(change),
		orderId: change.orderId,
		previousStatus: change.previousStatus,
		status: change.status,
		eventTime: change.eventTime,
		receivedAt,
		source: 'poll',
	};
	if (change.refundId !== undefined) item.refundId = change.refundId;
	if (change.previousAmount !== undefined || change.amount !== undefined) {
		item.previousAmount = change.previousAmount ?? null;
		item.amount = change.amount ?? null;
	}
	if (change.newSteps !== undefined) item.newSteps = change.newSteps as unknown as IDataObject[];
	item.body = change.body as IDataObject;
	return item;
}

const same = (a: Value | undefined, b: Value | undefined) => String(a ?? null) === String(b ?? null);

export interface Selection {
	has(event: EventKey): boolean;
	/** Whether a status passes the "Only … Statuses" option of its platform. */
	statusWanted(platform: Platform, status: Value): boolean;
}

/** Order events of one platform; fills `next.orders[platform]`. Nothing is reported without a baseline. */
export function orderChanges(platform: Platform, orders: OrderRecord[], previous: Snapshot, next: Snapshot, selection: Selection): Change[] {
	const before = previous.orders[platform];
	const after: Record<string, [Value, Value]> = {};
	const changes: Change[] = [];
	for (const order of orders) {
		after[order.orderId] = [order.status, order.amount];
		if (before === undefined) continue;
		const old = Object.prototype.hasOwnProperty.call(before, order.orderId) ? before[order.orderId] : undefined;
		const base = { platform, orderId: order.orderId, status: order.status, eventTime: order.updatedAt, body: order.record };
		if (old === undefined) {
			if (selection.has(`${platform}.orderCreated`) && isNew(order.createdMs, previous)) {
				changes.push({ ...base, event: `${platform}.orderCreated`, previousStatus: null, identity: ['created'] });
			}
			continue;
		}
		const [oldStatus, oldAmount] = old;
		if (!same(oldStatus, order.status) && selection.has(`${platform}.orderStatusChanged`) && selection.statusWanted(platform, order.status)) {
			changes.push({ ...base, event: `${platform}.orderStatusChanged`, previousStatus: oldStatus, identity: [oldStatus, order.status, order.updatedAt] });
		}
		if (!same(oldAmount, order.amount) && oldAmount !== null && order.amount !== null && selection.has(`${platform}.orderPriceChanged`)) {
			changes.push({
				...base,
				event: `${platform}.orderPriceChanged`,
				previousStatus: oldStatus,
				previousAmount: oldAmount,
				amount: order.amount,
				identity: [oldAmount, order.amount, order.updatedAt],
			});
		}
	}
	next.orders[platform] = after;
	return changes;
}

/** After-sale events (new, or status changed); fills `next.refunds[platform]`. */
export function refundChanges(platform: Platform, refunds: RefundRecord[], previous: Snapshot, next: Snapshot): Change[] {
	const before = previous.refunds[platform];
	const after: Record<string, Value> = {};
	const changes: Change[] = [];
	for (const refund of refunds) {
		after[refund.refundId] = refund.status;
		if (before === undefined) continue;
		const known = Object.prototype.hasOwnProperty.call(before, refund.refundId);
		if (known && same(before[refund.refundId], refund.status)) continue;
		if (!known && !isNew(refund.createdMs, previous)) continue;
		const previousStatus = known ? before[refund.refundId] : null;
		changes.push({
			event: `${platform}.afterSaleRefund`,
			platform,
			orderId: refund.orderId,
			refundId: refund.refundId,
			previousStatus,
			status: refund.status,
			eventTime: refund.updatedAt,
			identity: [previousStatus, refund.status, refund.updatedAt],
			body: refund.record,
		});
	}
	next.refunds[platform] = after;
	return changes;
}

/** Logistics events: a trace with more steps than last time; fills `next.traces[platform]`. */
export function traceChanges(platform: Platform, traces: TraceRecord[], statusOf: Map<string, Value>, previous: Snapshot, next: Snapshot): Change[] {
	const before = previous.traces[platform];
	const after: Record<string, [number, string | null]> = {};
	const changes: Change[] = [];
	for (const trace of traces) {
		const last = trace.steps.length > 0 ? trace.steps[trace.steps.length - 1].time : null;
		after[trace.orderId] = [trace.steps.length, last];
		if (before === undefined) continue;
		const seen = Object.prototype.hasOwnProperty.call(before, trace.orderId) ? before[trace.orderId][0] : 0;
		if (trace.steps.length <= seen) continue;
		const status = statusOf.get(trace.orderId) ?? null;
		changes.push({
			event: `${platform}.logisticsUpdated`,
			platform,
			orderId: trace.orderId,
			previousStatus: status,
			status,
			newSteps: trace.steps.slice(seen),
			eventTime: last,
			identity: [trace.steps.length, last],
			body: trace.record,
		});
	}
	next.traces[platform] = after;
	return changes;
}
