/**
 * End to end: a state change in the PandaPon sandbox (made with a signed API call from this
 * test) is pushed by the sandbox, signed with HMAC-SHA256, to the trigger's production URL, and
 * runs through n8n's webhook context and WorkflowExecute. With Fetch Latest State the trigger
 * reads the record back from the sandbox through the real credential and transport.
 */
import { createHash, randomBytes } from 'crypto';

import type { Sandbox } from '../../sandbox';
import { useSandbox } from '../helpers/sandbox';
import { startTriggerHarness, type Delivery, type TriggerHarness } from './harness';

/** Signed PandaPon API call written here, independent of the node's transport. */
async function api(sb: Sandbox, method: 'GET' | 'POST', path: string, rawBody?: string): Promise<any> {
	const { accessKey, accessSecret, userId } = sb.credentials;
	const timestamp = String(Date.now());
	const nonce = randomBytes(16).toString('hex');
	const signature = createHash('md5').update(accessKey + timestamp + nonce + accessSecret).digest('hex').toUpperCase();
	const response = await fetch(sb.url + path, {
		method,
		headers: {
			'access-key': accessKey,
			timestamp,
			'nonce-str': nonce,
			'user-id': userId,
			signature,
			'Content-Type': 'application/json',
		},
		body: rawBody,
	});
	return JSON.parse(await response.text());
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

describe('sandbox → PandaPon Trigger, end to end', () => {
	const { sb, creds } = useSandbox({ pushRetryDelaysMs: [200, 200] });
	let h: TriggerHarness;

	beforeAll(async () => {
		h = await startTriggerHarness({ credentials: { ...creds }, parameters: { events: ['*'] } });
		sb.setOptions({ callbackUrls: [h.prodUrl] });
	});

	afterAll(async () => {
		await h.close();
	});

	/** The next delivery that emitted an item, after `from`. */
	const nextEmitted = async (from: number): Promise<Delivery> => {
		const delivery = await until('a push to reach the trigger', () =>
			h.deliveries.slice(from).find((d) => d.emitted !== undefined),
		);
		await h.settle();
		return delivery;
	};

	test('cancelling a 1688 order through the API reaches the trigger as a verified status message', async () => {
		h.setParameters({ events: ['1688.orderStatusChanged'] });
		const orderId = sb.state.fixtures.alibaba.orderWaitBuyerPay;
		const from = h.deliveries.length;
		const cancel = await api(sb, 'POST', '/alibaba/order/cancel', `{"webSite":"1688","orderId":${orderId},"cancelReason":"buyerCancel"}`);
		expect(cancel.code).toBe(200);

		const delivery = await nextEmitted(from);
		expect(delivery.runStatus).toBe('success');
		const item = delivery.collected![0].json;
		expect(item).toMatchObject({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			event: '1688.orderStatusChanged',
			platform: '1688',
			messagePlatform: 1,
			verifiedBy: 'rawBody',
			platformMismatch: false,
		});
		expect((item.body as any).orderId).toBe(orderId); // 19 digits, sent as a bare number
		expect((item.body as any).status).toBe('cancel');
		expect(Date.parse(item.eventTime as string)).not.toBeNaN();

		const log = await until('the sandbox to record the acknowledgement', () =>
			sb.pushes().find((p) => p.acknowledged && p.body.includes(orderId) && p.messageType.includes('STATUS')),
		);
		expect(log.attempts[0].status).toBe(200);
		expect(log.attempts).toHaveLength(1); // acknowledged at once, so never re-pushed
	});

	test('a push signed with another secret is refused with 401 and retried by the sandbox', async () => {
		h.setParameters({ events: ['*'] });
		const from = h.deliveries.length;
		await sb.push({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY',
			messageBody: { orderId: '2542285634920889999' },
			secret: 'someone-else',
		});
		const entry = await until('two refused attempts', () => {
			const e = sb.pushes().find((p) => p.body.includes('2542285634920889999'));
			return e && e.attempts.length >= 2 ? e : undefined;
		});
		expect(entry.attempts.map((a) => a.status).slice(0, 2)).toEqual([401, 401]);
		await h.settle();
		expect(h.deliveries.slice(from).every((d) => d.emitted === undefined)).toBe(true);
	});

	test('a lost acknowledgement: the re-push of the same message is acknowledged but emitted once', async () => {
		h.setParameters({ events: ['*'] });
		const from = h.deliveries.length;
		const message = {
			messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY',
			messageBody: { orderId: '3021045938172635499', salesOrderId: 'S-1', purchaseOrderPriceDTO: { purchaseTotalFee: 1200 } },
			pushBodyAsString: true,
		};
		await sb.push(message);
		await sb.push({ ...message, timestamp: String(Date.now() + 1800_000) }); // PandaPon's re-push, 30 min later
		await until('both pushes', () => (h.deliveries.length - from >= 2 ? true : undefined));
		await h.settle();
		const emitted = h.deliveries.slice(from).filter((d) => d.emitted !== undefined);
		expect(emitted).toHaveLength(1);
		expect((emitted[0].emitted![0].json.body as any).orderId).toBe('3021045938172635499');
		expect(sb.pushes().filter((p) => p.body.includes('3021045938172635499')).every((p) => p.acknowledged)).toBe(true);
	});

	describe('Fetch Latest State', () => {
		test('1688 order status: the order is read back with POST /alibaba/order/detail', async () => {
			h.setParameters({ events: ['*'], fetchLatestState: true });
			const orderId = sb.state.fixtures.alibaba.orderWaitSellerSend;
			const from = h.deliveries.length;
			sb.resetCounters();
			sb.simulate('1688.ship', { orderId });
			const delivery = await nextEmitted(from);
			const item = delivery.collected![0].json;
			expect(item.event).toBe('1688.orderStatusChanged');
			expect(item.latestError).toBeUndefined();
			const latest = item.latest as any;
			expect(latest).toBeTruthy();
			expect(JSON.stringify(latest)).toContain(orderId);
			expect(JSON.stringify(latest)).toContain('waitbuyerreceive');
			expect(sb.counters().byRoute['POST /alibaba/order/detail']).toBe(1);
		});

		test('Taobao order status: the order is read back with GET /open/order/get', async () => {
			h.setParameters({ events: ['taobao.orderStatusChanged'], fetchLatestState: true });
			const orderId = sb.state.fixtures.taobao.orderWaitPay;
			const from = h.deliveries.length;
			sb.resetCounters();
			const cancel = await api(sb, 'POST', '/open/order/cancel', `{"orderId":"${orderId}","cancelReason":"test"}`);
			expect(cancel.code).toBe(200);
			const delivery = await nextEmitted(from);
			const item = delivery.collected![0].json;
			expect(item.latestError).toBeUndefined();
			expect(JSON.stringify(item.latest)).toContain(orderId);
			expect(sb.counters().byRoute['GET /open/order/get']).toBe(1);
		});

		test('refund messages read the refund; a failed read is reported on the item, the push still acknowledged', async () => {
			h.setParameters({ events: ['*'], fetchLatestState: true });
			const from = h.deliveries.length;
			sb.resetCounters();
			await sb.push({ messageType: '1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', messageBody: { refundId: 'TQ404404404', orderId: sb.state.fixtures.alibaba.orderWaitSellerSend } });
			const delivery = await nextEmitted(from);
			const item = delivery.collected![0].json;
			expect(item.latest).toBeNull();
			expect(item.latestError).toMatchObject({ request: 'POST /alibaba/refund/info', code: 40410 });
			expect(sb.counters().byRoute['POST /alibaba/refund/info']).toBeGreaterThanOrEqual(1);
			expect(sb.pushes().find((p) => p.body.includes('TQ404404404'))!.attempts[0].status).toBe(200);

			const from2 = h.deliveries.length;
			await sb.push({ messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', messageBody: { refundId: 'TB404404404' } });
			const taobao = (await nextEmitted(from2)).collected![0].json;
			expect(taobao.latestError).toMatchObject({ request: 'GET /v2/taobao/order/refund/query', code: 40410 });
		});

		test('price messages are not re-read', async () => {
			h.setParameters({ events: ['*'], fetchLatestState: true });
			const from = h.deliveries.length;
			sb.resetCounters();
			await sb.push({ messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', messageBody: { orderId: '2542285634920880555' } });
			const item = (await nextEmitted(from)).collected![0].json;
			expect(item.latest).toBeUndefined();
			expect(sb.counters().total).toBe(0);
		});
	});
});
