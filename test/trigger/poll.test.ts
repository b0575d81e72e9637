/**
 * PandaPon Polling Trigger in n8n's engine (PollContext, TriggersAndPollers.runPoll, static data
 * saved as n8n saves it) against the sandbox, whose orders and refunds change on request.
 */
import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { POLL_NODE_NAME, loadPollingNodeType, startPollHarness, type PollHarness } from './poll-harness';

const ORDERS = 'POST /v2/alibaba/order/page';
const TB_ORDERS = 'GET /open/order/page';
const TB_REFUNDS = 'POST /open/order/refund/queryList';
const TRACE_1688 = 'GET /alibaba/order/logistics/trace';
const TB_LOGISTICS = 'GET /open/order/logistics/get';

// Seeded orders are dated 2025; the window only sees orders the tests create (dated now).
const { sb } = useSandbox({ orders: 10 });

beforeEach(() => {
	sb.reset({ orders: 10 });
});

function create(platform: '1688' | 'taobao', count: number, status: string | number): string[] {
	return (sb.simulate(`${platform}.createOrders`, { count, status }) as { orderIds: string[] }).orderIds;
}

function snapshot(data: IDataObject): IDataObject {
	return ((data[`node:${POLL_NODE_NAME}`] as IDataObject | undefined)?.snapshot ?? {}) as IDataObject;
}

function ordersIn(data: IDataObject, platform: string): Record<string, unknown> {
	return ((snapshot(data).orders as IDataObject | undefined)?.[platform] ?? {}) as Record<string, unknown>;
}

async function harness(parameters: IDataObject): Promise<PollHarness> {
	return await startPollHarness(sb.nodeCredentials, parameters);
}

describe('node type as n8n loads it', () => {
	it('gets n8n\'s Poll Times parameter and turns it into a cron expression', async () => {
		const type = await loadPollingNodeType();
		expect(type.description.polling).toBe(true);
		expect(type.description.properties[0].name).toBe('pollTimes');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		expect(h.cronExpressions()).toHaveLength(1);
		expect(h.cronExpressions()[0].split(' ')).toHaveLength(6);
	});
});

describe('1688 order status', () => {
	it('records a baseline at activation and emits nothing', async () => {
		const ids = create('1688', 5, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged', '1688.orderCreated'] });
		const first = await h.activate();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeUndefined();
		expect(Object.keys(ordersIn(h.saved(), '1688')).sort()).toEqual([...ids].sort());
	});

	it('one status change gives exactly one item, shaped like the push trigger\'s; no change gives none', async () => {
		const [shipped, other] = create('1688', 2, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		expect((await h.poll()).items).toBeUndefined();

		sb.simulate('1688.ship', { orderId: shipped });
		const { items, error } = await h.poll();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const item = items![0];
		expect(item).toMatchObject({
			event: '1688.orderStatusChanged',
			platform: '1688',
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			messagePlatform: 1,
			orderId: shipped,
			previousStatus: 'waitsellersend',
			status: 'waitbuyerreceive',
			source: 'poll',
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		expect(((item.body as IDataObject).baseInfo as IDataObject).idOfStr).toBe(shipped);
		// The 19-digit id is exact in the body too (lossless parsing in the transport).
		expect(String(((item.body as IDataObject).baseInfo as IDataObject).id)).toBe(shipped);
		expect(items!.some((i) => i.orderId === other)).toBe(false);

		sb.resetCounters();
		expect((await h.poll()).items).toBeUndefined();
		expect(sb.counters().total).toBe(1); // 2 orders: one page
	});

	it('500 orders with 50 changes in one poll give exactly those 50 items', async () => {
		const ids = create('1688', 500, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		expect(Object.keys(ordersIn(h.saved(), '1688'))).toHaveLength(500);
		// The README's size bound: about 50 bytes per order.
		expect(JSON.stringify(h.saved()).length / 500).toBeLessThan(60);
		const changed = ids.filter((_, i) => i % 10 === 3);
		for (const orderId of changed) sb.simulate('1688.ship', { orderId });
		sb.resetCounters();
		const { items } = await h.poll();
		expect(items).toHaveLength(50);
		expect(items!.map((i) => i.orderId).sort()).toEqual([...changed].sort());
		expect(new Set(items!.map((i) => i.deliveryId)).size).toBe(50);
		// 500 new orders fill 5 pages of 100; the 6th starts with the seeded orders, older than the window.
		expect(sb.count(ORDERS)).toBe(6);
	});

	it('only chosen statuses: a change to another status is not emitted, and not emitted later either', async () => {
		const [a, b] = create('1688', 2, 'waitbuyerpay');
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { alibabaStatuses: ['waitbuyerreceive'] } });
		await h.activate();
		sb.simulate('1688.setStatus', { orderId: a, status: 'waitsellersend' });
		expect((await h.poll()).items).toBeUndefined();
		sb.simulate('1688.ship', { orderId: a });
		sb.simulate('1688.setStatus', { orderId: b, status: 'cancel' });
		const { items } = await h.poll();
		expect(items).toEqual([expect.objectContaining({ orderId: a, previousStatus: 'waitsellersend', status: 'waitbuyerreceive' })]);
	});

	it('new orders and price changes', async () => {
		const [order] = create('1688', 1, 'waitbuyerpay');
		const h = await harness({ events: ['1688.orderCreated', '1688.orderPriceChanged'] });
		await h.activate();
		const [fresh] = create('1688', 1, 'waitbuyerpay');
		sb.simulate('1688.priceChange', { orderId: order, discount: 1 });
		const { items } = await h.poll();
		expect(items).toHaveLength(2);
		const created = items!.find((i) => i.event === '1688.orderCreated');
		const price = items!.find((i) => i.event === '1688.orderPriceChanged');
		expect(created).toMatchObject({ orderId: fresh, previousStatus: null, status: 'waitbuyerpay', messageType: '1688_ORDER_CREATE' });
		expect(price).toMatchObject({ orderId: order, messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY' });
		expect(Number(price!.previousAmount) - Number(price!.amount)).toBeCloseTo(1, 5);
	});
});

describe('restart, downtime and the window', () => {
	it('after a restart (static data reloaded) nothing is emitted twice', async () => {
		const [a, b] = create('1688', 2, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		sb.simulate('1688.ship', { orderId: a });
		expect((await h.poll()).items).toHaveLength(1);

		const restarted = await h.restart();
		expect(restarted.error).toBeUndefined();
		expect(restarted.items).toBeUndefined();
		expect((await h.poll()).items).toBeUndefined();

		sb.simulate('1688.ship', { orderId: b });
		const after = await h.poll();
		expect(after.items?.map((i) => i.orderId)).toEqual([b]);
	});

	it('a change made while n8n was down is emitted by the first poll after the restart, once', async () => {
		const [a] = create('1688', 3, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		sb.simulate('1688.ship', { orderId: a }); // n8n is down
		const first = await h.restart();
		expect(first.items?.map((i) => [i.orderId, i.previousStatus, i.status])).toEqual([[a, 'waitsellersend', 'waitbuyerreceive']]);
		expect((await h.poll()).items).toBeUndefined();
		expect((await h.restart()).items).toBeUndefined();
	});

	it('the same change keeps its deliveryId when it is read again from an older snapshot', async () => {
		const [a] = create('1688', 1, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		const before = h.saved();
		sb.simulate('1688.ship', { orderId: a });
		const first = (await h.poll()).items![0];
		// A crash before n8n stored the new snapshot: the next n8n starts from the older one.
		const again = await h.restartFrom(before);
		expect(again.items?.map((i) => i.deliveryId)).toEqual([first.deliveryId]);
	});

	it('orders leaving the lookback window are pruned from the snapshot and no longer reported', async () => {
		const ids = create('1688', 6, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { lookbackDays: 7 } });
		await h.activate();
		const [old1, old2] = ids.slice(4);
		sb.simulate('1688.backdate', { orderId: old1, days: 8 });
		sb.simulate('1688.backdate', { orderId: old2, days: 30 });
		sb.simulate('1688.ship', { orderId: ids[0] });
		const { items } = await h.poll();
		expect(items?.map((i) => i.orderId)).toEqual([ids[0]]);
		expect(Object.keys(ordersIn(h.saved(), '1688')).sort()).toEqual(ids.slice(0, 4).sort());
		sb.simulate('1688.ship', { orderId: old1 });
		expect((await h.poll()).items).toBeUndefined();
	});

	it('raising Lookback (Days) does not report the orders it brings into view as new', async () => {
		const [recent, older] = create('1688', 2, 'waitbuyerpay');
		sb.simulate('1688.backdate', { orderId: older, days: 10 });
		const h = await harness({ events: ['1688.orderCreated', '1688.orderStatusChanged'], options: { lookbackDays: 7 } });
		await h.activate();
		expect(Object.keys(ordersIn(h.saved(), '1688'))).toEqual([recent]);
		h.setParameters({ options: { lookbackDays: 30 } });
		const [fresh] = create('1688', 1, 'waitbuyerpay');
		const { items } = await h.poll();
		expect(items?.map((i) => [i.event, i.orderId])).toEqual([['1688.orderCreated', fresh]]);
		sb.simulate('1688.setStatus', { orderId: older, status: 'waitsellersend' });
		expect((await h.poll()).items?.map((i) => [i.event, i.orderId])).toEqual([['1688.orderStatusChanged', older]]);
	});

	it('an unknown event (set by expression) is refused before any call', async () => {
		const h = await harness({ events: ['1688.orderShipped'] });
		const { error } = await h.activate();
		expect(error?.message).toBe('Unknown event "1688.orderShipped" in Events');
		expect(sb.counters().total).toBe(0);
	});

	it('a window too large for Max Calls per Poll fails with a clear error, emits nothing and keeps the snapshot', async () => {
		const ids = create('1688', 350, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { maxCalls: 3 } });
		const first = await h.activate();
		expect(first.error?.message).toBe('This poll needs more than 3 API calls');
		expect(first.error?.description).toMatch(/1688 orders .*last 7 day\(s\).*Max Calls per Poll \(3\).*Lookback \(Days\)/);
		expect(sb.count(ORDERS)).toBe(3);

		h.setParameters({ options: { maxCalls: 4 } });
		expect((await h.activate()).error).toBeUndefined();
		sb.simulate('1688.ship', { orderId: ids[7] });
		create('1688', 60, 'waitsellersend'); // now 410 orders: 5 calls
		const failed = await h.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toBe('This poll needs more than 4 API calls');
		h.setParameters({ options: { maxCalls: 5 } });
		const next = await h.poll();
		expect(next.items?.map((i) => i.orderId)).toEqual([ids[7]]);
	});
});

describe('faults during a poll', () => {
	it('rate-limit answers are retried: nothing lost, nothing duplicated', async () => {
		const ids = create('1688', 500, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { retries: 8, requestsPerSecond: 0 } });
		await h.activate();
		const changed = ids.filter((_, i) => i % 10 === 7);
		for (const orderId of changed) sb.simulate('1688.ship', { orderId });
		sb.setFaults({ [ORDERS]: { errorRate: 0.5, errorKinds: ['rateLimit'] } });
		sb.resetCounters();
		const { items, error } = await h.poll();
		expect(error).toBeUndefined();
		expect(sb.count(ORDERS)).toBeGreaterThan(6); // some answers were 42900 and retried
		expect(items!.map((i) => i.orderId).sort()).toEqual([...changed].sort());
		sb.setFaults({});
		expect((await h.poll()).items).toBeUndefined();
	});

	it('a poll that fails keeps the previous snapshot, so the next poll reports the change once', async () => {
		const [a] = create('1688', 2, 'waitsellersend');
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { retries: 1 } });
		await h.activate();
		sb.simulate('1688.ship', { orderId: a });
		sb.setFaults({ [ORDERS]: { errorRate: 1, errorKinds: ['http500'] } });
		const failed = await h.poll();
		expect(failed.items).toBeUndefined();
		expect(failed.error?.message).toMatch(/HTTP 500/);
		sb.setFaults({});
		expect((await h.poll()).items?.map((i) => i.orderId)).toEqual([a]);
		expect((await h.poll()).items).toBeUndefined();
	});
});

describe('refunds and logistics', () => {
	it('1688 after-sales are read from the order lines: opened, then moved', async () => {
		const [a] = create('1688', 2, 'waitsellersend');
		const h = await harness({ events: ['1688.afterSaleRefund'] });
		await h.activate();
		const { refundId } = sb.simulate('1688.refundOpen', { orderId: a }) as { refundId: string };
		const opened = await h.poll();
		expect(opened.items).toEqual([
			expect.objectContaining({ event: '1688.afterSaleRefund', refundId, orderId: a, previousStatus: null, status: 'waitselleragree' }),
		]);
		sb.simulate('1688.refundAgree', { refundId });
		const moved = await h.poll();
		expect(moved.items).toEqual([expect.objectContaining({ refundId, previousStatus: 'waitselleragree', status: 'refundsuccess' })]);
		expect(sb.count(ORDERS)).toBe(3); // the activation and two polls; no refund reads
	});

	it('Taobao: status, price and after-sale changes', async () => {
		const [pay, paid] = create('taobao', 2, 0);
		const [shipping] = create('taobao', 1, 10);
		const h = await harness({ events: ['taobao.orderStatusChanged', 'taobao.orderPriceChanged', 'taobao.afterSaleRefund'] });
		await h.activate();
		sb.simulate('taobao.priceChange', { orderId: pay, purchaseAmount: 100 });
		sb.simulate('taobao.ship', { orderId: shipping });
		sb.simulate('taobao.setStatus', { orderId: paid, status: 10 });
		const { refundId } = sb.simulate('taobao.refundOpen', { orderId: paid }) as { refundId: string };
		const { items } = await h.poll();
		expect(items).toHaveLength(4);
		expect(items).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ event: 'taobao.orderPriceChanged', orderId: pay, amount: 100, messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY' }),
				expect.objectContaining({ event: 'taobao.orderStatusChanged', orderId: shipping, previousStatus: 10, status: 11, messagePlatform: 0 }),
				expect.objectContaining({ event: 'taobao.orderStatusChanged', orderId: paid, previousStatus: 0, status: 10 }),
				expect.objectContaining({ event: 'taobao.afterSaleRefund', refundId, orderId: paid, previousStatus: null, status: 10 }),
			]),
		);
		sb.simulate('taobao.refundComplete', { refundId });
		const again = await h.poll();
		expect(again.items).toEqual([expect.objectContaining({ refundId, previousStatus: 10, status: 100 })]);
		expect(sb.count(TB_REFUNDS)).toBe(3);
		expect(sb.count(TB_ORDERS)).toBe(3);
	});

	it('logistics traces are opt-in and cost one call per shipped order per poll', async () => {
		const shipped = create('1688', 3, 'waitbuyerreceive');
		create('1688', 4, 'waitsellersend');
		const [tb] = create('taobao', 1, 11);
		const h = await harness({ events: ['1688.logisticsUpdated', 'taobao.logisticsUpdated'] });
		await h.activate();
		expect(sb.count(TRACE_1688)).toBe(3);
		expect(sb.count(TB_LOGISTICS)).toBe(1);
		sb.simulate('1688.traceEvent', { orderId: shipped[1], text: '派送中' });
		sb.simulate('taobao.traceEvent', { orderId: tb, text: '已签收' });
		sb.resetCounters();
		const { items } = await h.poll();
		expect(sb.count(TRACE_1688)).toBe(3);
		expect(items).toHaveLength(2);
		const al = items!.find((i) => i.platform === '1688')!;
		expect(al).toMatchObject({ event: '1688.logisticsUpdated', orderId: shipped[1], status: 'waitbuyerreceive', messageType: null });
		expect((al.newSteps as IDataObject[]).map((s) => s.text)).toEqual(['派送中']);
		const t = items!.find((i) => i.platform === 'taobao')!;
		expect((t.newSteps as IDataObject[]).map((s) => s.text)).toEqual(['已签收']);
		expect((await h.poll()).items).toBeUndefined();

		// A newly shipped order's first trace steps are news too.
		const [late] = create('1688', 1, 'waitsellersend');
		await h.poll();
		sb.simulate('1688.ship', { orderId: late });
		const shippedNow = await h.poll();
		expect(shippedNow.items?.map((i) => i.orderId)).toEqual([late]);
	});

	it('without logistics events no trace is read', async () => {
		create('1688', 3, 'waitbuyerreceive');
		const h = await harness({ events: ['1688.orderStatusChanged'] });
		await h.activate();
		await h.poll();
		expect(sb.count(TRACE_1688)).toBe(0);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('returns the newest matching record and leaves the snapshot alone', async () => {
		const [newest] = create('1688', 3, 'waitsellersend');
		// Newer still, but in a status the filter leaves out.
		sb.simulate('1688.ship', { orderId: create('1688', 1, 'waitsellersend')[0] });
		const h = await harness({ events: ['1688.orderStatusChanged'], options: { alibabaStatuses: ['waitsellersend'] } });
		const run = await h.manual();
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.json.orderId)).toEqual([newest]);
		expect(run.items[0].json).toMatchObject({ event: '1688.orderStatusChanged', previousStatus: null, status: 'waitsellersend' });
		expect(h.live()).toEqual({});
	});

	it('says so when the window holds nothing to show', async () => {
		const h = await harness({ events: ['taobao.afterSaleRefund'] });
		const run = await h.manual();
		expect(run.error?.message).toBe('No matching PandaPon record in the last 7 day(s)');
	});
});
