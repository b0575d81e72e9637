/** Push messages: HMAC-SHA256 over the raw body, lossless bodies, retries until HTTP 200. */
import * as crypto from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { A_SHIPPED, A_WAIT_SEND } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';
import { admin, big, client, digits, parseLossless } from './client';

interface Received {
	headers: http.IncomingHttpHeaders;
	raw: string;
}

/** A webhook receiver answering with the queued statuses (then 200). */
class Receiver {
	server: http.Server;
	received: Received[] = [];
	statuses: number[] = [];
	url = '';

	constructor() {
		this.server = http.createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				this.received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
				res.writeHead(this.statuses.shift() ?? 200, { Connection: 'close' });
				res.end('ok');
			});
		});
	}

	listen(): Promise<void> {
		return new Promise((resolve) =>
			this.server.listen(0, '127.0.0.1', () => {
				this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
				resolve();
			}),
		);
	}

	close(): Promise<void> {
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	async waitFor(n: number, timeoutMs = 3000): Promise<Received[]> {
		const until = Date.now() + timeoutMs;
		while (this.received.length < n) {
			if (Date.now() > until) throw new Error(`expected ${n} pushes, got ${this.received.length}`);
			await new Promise((r) => setTimeout(r, 10));
		}
		return this.received;
	}
}

function hmac(raw: string, secret: string): string {
	return crypto.createHmac('sha256', secret).update(raw, 'utf8').digest('hex');
}

let rx: Receiver;
let api: ReturnType<typeof client>;

beforeEach(async () => {
	rx = new Receiver();
	await rx.listen();
});
// A sandbox per test: each starts with an empty push log and no retries pending.
const { sb } = useSandbox(() => ({ callbackUrls: [rx.url], pushRetryDelaysMs: [40, 40, 40] }), { per: 'test' });
beforeEach(() => {
	api = client(sb.url, sb.credentials);
});

afterEach(async () => {
	await rx.close();
});

test('a state change pushes a signed 1688 status message with a bare 19-digit orderId', async () => {
	const f = sb.state.fixtures.alibaba;
	const res = await api.post('/alibaba/order/cancel', { webSite: '1688', orderId: big(f.orderWaitBuyerPay), cancelReason: 'x' });
	expect(res.json.code).toBe(200);
	const [msg] = await rx.waitFor(1);
	expect(msg.headers['content-type']).toBe('application/json');
	expect(msg.headers.authorization).toBe(hmac(msg.raw, sb.credentials.accessSecret));
	expect(msg.headers.authorization).not.toBe(hmac(msg.raw, 'some-other-secret'));
	expect(msg.raw).toContain(`"orderId":${f.orderWaitBuyerPay}`);
	const payload = parseLossless(msg.raw);
	expect(payload.messageType).toBe('1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY');
	expect(payload.messagePlatform).toBe(1);
	expect(payload.timestamp).toMatch(/^\d{13}$/);
	expect(digits(payload.messageBody.orderId)).toBe(f.orderWaitBuyerPay);
	expect(payload.messageBody.status).toBe('cancel');
	expect(payload.messageBody.baseInfo.status).toBe('cancel');
	const log = sb.pushes();
	expect(log).toHaveLength(1);
	expect(log[0]).toMatchObject({ acknowledged: true, messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY' });
});

test('Taobao price change and refund pushes', async () => {
	const f = sb.state.fixtures.taobao;
	sb.simulate('taobao.priceChange', { orderId: f.orderWaitPay, purchaseAmount: 350 });
	const [price] = await rx.waitFor(1);
	const p = parseLossless(price.raw);
	expect(p.messageType).toBe('TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY');
	expect(p.messagePlatform).toBe(0);
	expect(p.messageBody.purchaseOrderPriceDTO.purchaseTotalFee).toBe(350);
	expect(Array.isArray(p.messageBody.subOrders)).toBe(true);
	const detail = await api.get('/open/order/get', { orderId: f.orderWaitPay });
	expect(detail.json.data.purchaseAmount).toBe(350);

	const sub = await api.post('/open/order/refund/submit', { subOrderId: f.orderPaidSubOrders[0], refundType: 1, goodsStatus: 1, reasonId: 1001 });
	const msgs = await rx.waitFor(2);
	const refund = parseLossless(msgs[1].raw);
	expect(refund.messageType).toBe('TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND');
	expect(refund.messageBody.refundId).toBe(sub.json.data.refundId);
	expect(digits(refund.messageBody.orderId)).toBe(f.orderPaid);
	expect(refund.messageBody.refundStatus).toBe(10);
});

test('1688 refund creation pushes the refund message', async () => {
	const f = sb.state.fixtures.alibaba;
	const created = await api.post('/alibaba/refund/detail/create', { orderId: big(f.orderWaitSellerSend), orderEntryIds: [big(f.orderWaitSellerSendEntries[0])], disputeRequest: 'refund', applyPayment: 1, applyCarriage: 0, applyReasonId: 20001, description: 'x', goodsStatus: 'refundWaitSellerSend' });
	expect(created.json.code).toBe(200);
	const [msg] = await rx.waitFor(1);
	const body = parseLossless(msg.raw);
	expect(body.messageType).toBe('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND');
	expect(body.messageBody.refundId).toBe(created.json.data.refundId);
	expect(msg.raw).toContain(`"orderId":${f.orderWaitSellerSend}`);
	expect(msg.raw).toContain(`"orderEntryIds":[${f.orderWaitSellerSendEntries[0]}]`);
});

test('unacknowledged pushes are retried until HTTP 200', async () => {
	rx.statuses = [500, 503];
	const entries = await sb.push({ messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', messageBody: { orderId: big(A_WAIT_SEND) } });
	expect(entries[0].acknowledged).toBe(false);
	const got = await rx.waitFor(3);
	expect(got.map((r) => r.raw)).toEqual([got[0].raw, got[0].raw, got[0].raw]);
	for (const r of got) expect(r.headers.authorization).toBe(hmac(r.raw, sb.credentials.accessSecret));
	await new Promise((r) => setTimeout(r, 50));
	const [log] = sb.pushes();
	expect(log.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
	expect(log.acknowledged).toBe(true);
	expect(log.done).toBe(true);
});

test('gives up after the configured retries', async () => {
	rx.statuses = [500, 500, 500, 500, 500];
	await sb.push({ messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', messageBody: {} });
	await rx.waitFor(4);
	await new Promise((r) => setTimeout(r, 150));
	expect(rx.received).toHaveLength(4); // 1 + 3 retries
	const [log] = sb.pushes();
	expect(log).toMatchObject({ acknowledged: false, done: true });
});

test('pushBodyAsString sends messageBody as a JSON-encoded string', async () => {
	sb.setOptions({ pushBodyAsString: true });
	await sb.push({ messageType: '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', messageBody: { orderId: big(A_SHIPPED), status: 'success' } });
	const [msg] = await rx.waitFor(1);
	const outer = parseLossless(msg.raw);
	expect(typeof outer.messageBody).toBe('string');
	const inner = parseLossless(outer.messageBody);
	expect(digits(inner.orderId)).toBe(A_SHIPPED);
	expect(outer.messageBody).toContain(`"orderId":${A_SHIPPED}`);
	expect(msg.headers.authorization).toBe(hmac(msg.raw, sb.credentials.accessSecret));
});

test('admin push endpoint and push log', async () => {
	const res = await admin(sb.url, 'POST', 'push', { messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', messageBody: { salesOrderId: 'S1' } });
	expect(res.status).toBe(200);
	expect(res.json.ok).toBe(true);
	await rx.waitFor(1);
	const log = await admin(sb.url, 'GET', 'pushes');
	expect(log.json).toHaveLength(1);
	expect(log.json[0].acknowledged).toBe(true);
	expect(parseLossless(rx.received[0].raw).messagePlatform).toBe(0);
});

test('close() cancels pending retries promptly', async () => {
	sb.setOptions({ pushRetryDelaysMs: [60_000] });
	rx.statuses = [500];
	await sb.push({ messageType: 'X', messageBody: {} });
	const started = Date.now();
	await sb.close();
	expect(Date.now() - started).toBeLessThan(1000);
	expect(sb.pushes()[0].acknowledged).toBe(false);
});
