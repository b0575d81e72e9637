/** The polling trigger's pure parts: times, record shapes, traces, the snapshot and deliveryId. */
import { emptySnapshot, loadSnapshot, orderChanges, refundChanges, toItem, traceChanges, type Selection } from '../../nodes/PandaPonPollingTrigger/changes';
import { alibabaOrder, chinaTimeMs, isoOf, taobaoOrder, traceSteps } from '../../nodes/PandaPonPollingTrigger/read';
import { A_WAIT_SEND, A_WAIT_SEND_ENTRIES, T_WAIT_PAY } from '../helpers/fixtures';

const anyStatus: Selection = { has: () => true, statusWanted: () => true };

describe('times', () => {
	it('reads PandaPon\'s China time and epoch seconds or milliseconds', () => {
		expect(isoOf('2025-06-01 10:00:00')).toBe('2025-06-01T02:00:00.000Z');
		expect(chinaTimeMs(1748743200)).toBe(1748743200000);
		expect(chinaTimeMs('1748743200000')).toBe(1748743200000);
		expect(isoOf('yesterday')).toBeNull();
		expect(isoOf(undefined)).toBeNull();
		expect(isoOf('2025-13-45 99:99:99')).toBeNull();
	});
});

describe('records', () => {
	it('1688: id from idOfStr, after-sales grouped by refundId from the lines', () => {
		const order = alibabaOrder({
			baseInfo: { id: A_WAIT_SEND, idOfStr: A_WAIT_SEND, status: 'waitsellersend', totalAmount: 10.5, modifyTime: '2025-06-01 10:00:00' },
			productItems: [
				{ subItemIDString: A_WAIT_SEND_ENTRIES[0], refundId: 'TQ1', refundStatus: 'waitselleragree' },
				{ subItemIDString: A_WAIT_SEND_ENTRIES[1], refundId: 'TQ1', refundStatus: 'waitselleragree' },
				{ subItemIDString: '2542285634923880794', refundId: null },
			],
		});
		expect(order).toMatchObject({ orderId: A_WAIT_SEND, status: 'waitsellersend', amount: 10.5, updatedAt: '2025-06-01T02:00:00.000Z' });
		expect(order!.refunds).toHaveLength(1);
		expect(order!.refunds[0].record).toMatchObject({ refundId: 'TQ1', orderEntryIds: A_WAIT_SEND_ENTRIES });
	});

	it('records without a usable id are skipped, not guessed', () => {
		expect(alibabaOrder({ baseInfo: { id: 2.5 } })).toBeUndefined();
		expect(taobaoOrder({ orderId: 'abc' })).toBeUndefined();
		expect(taobaoOrder({ orderId: T_WAIT_PAY, status: 10, shipTime: null, payTime: '2025-06-01 10:00:00', createTime: '2025-06-01 09:00:00' })).toMatchObject({
			orderId: T_WAIT_PAY,
			updatedAt: '2025-06-01T02:00:00.000Z',
		});
	});

	it('traces: 1688 steps in order; Taobao lines sharing a tracking number count once', () => {
		expect(
			traceSteps('1688', [{ logisticsBillNo: 'YT1', logisticsSteps: [{ acceptTime: '2025-06-01 10:00:00', remark: 'a' }, { acceptTime: 'x', remark: 'b' }] }]),
		).toEqual([
			{ time: '2025-06-01T02:00:00.000Z', text: 'a', trackingNumber: 'YT1' },
			{ time: null, text: 'b', trackingNumber: 'YT1' },
		]);
		const line = { logisticsNo: 'SF1', traces: [{ time: '2025-06-01 10:00:00', desc: 'shipped' }] };
		expect(traceSteps('taobao', { logisticsList: [line, { ...line, subOrderId: '2' }] })).toHaveLength(1);
		expect(traceSteps('taobao', null)).toEqual([]);
		expect(traceSteps('1688', { not: 'a list' })).toEqual([]);
	});
});

describe('snapshot', () => {
	it('a missing or foreign snapshot means a new baseline', () => {
		expect(loadSnapshot(undefined)).toEqual(emptySnapshot());
		expect(loadSnapshot({ v: 2, orders: {} })).toEqual(emptySnapshot());
		expect(loadSnapshot({ v: 1, orders: [], refunds: {}, traces: {} })).toEqual(emptySnapshot());
	});

	it('compares as text across the JSON round trip (Taobao status numbers, amounts)', () => {
		const order = taobaoOrder({ orderId: T_WAIT_PAY, status: 10, purchaseAmount: 100 })!;
		const first = emptySnapshot();
		orderChanges('taobao', [order], { ...emptySnapshot(), orders: { taobao: {} } }, first, anyStatus);
		const reloaded = loadSnapshot(JSON.parse(JSON.stringify(first)));
		expect(orderChanges('taobao', [order], reloaded, emptySnapshot(), anyStatus)).toEqual([]);
		expect(orderChanges('taobao', [{ ...order, status: '11' }], reloaded, emptySnapshot(), anyStatus).map((c) => c.event)).toEqual(['taobao.orderStatusChanged']);
	});

	it('a record id such as "__proto__" or "constructor" is an ordinary key', () => {
		const next = emptySnapshot();
		const changes = refundChanges('taobao', [{ platform: 'taobao', refundId: 'constructor', orderId: null, status: 10, updatedAt: null, record: {} }], { ...emptySnapshot(), refunds: { taobao: {} } }, next);
		expect(changes).toHaveLength(1);
		expect(changes[0].previousStatus).toBeNull();
	});

	it('deliveryId: same change, same id; another status or time, another id', () => {
		const trace = { platform: '1688' as const, orderId: '1', steps: [{ time: 't1', text: 'a', trackingNumber: null }], record: [] };
		const prev = { ...emptySnapshot(), traces: { '1688': {} } };
		const a = toItem(traceChanges('1688', [trace], new Map(), prev, emptySnapshot())[0], 'now');
		const b = toItem(traceChanges('1688', [trace], new Map(), prev, emptySnapshot())[0], 'later');
		const c = toItem(traceChanges('1688', [{ ...trace, steps: [...trace.steps, { time: 't2', text: 'b', trackingNumber: null }] }], new Map(), prev, emptySnapshot())[0], 'now');
		expect(a.deliveryId).toBe(b.deliveryId);
		expect(c.deliveryId).not.toBe(a.deliveryId);
		expect(a.messageType).toBeNull();
	});
});
