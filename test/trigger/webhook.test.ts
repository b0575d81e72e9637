import { storedEntries } from '../../nodes/PandaPonTrigger/dedupe';
import { A_WAIT_SEND } from '../helpers/fixtures';
import { startTriggerHarness, type Delivery, type TriggerHarness } from './harness';
import { CREDENTIALS, SECRET, alibabaPriceMessage, post, pushTimestamp, sign, taobaoStatusMessageStringBody } from './push';

const ACK = { code: 200, msg: 'success' };

/** Sends one request and returns its response with the delivery record it produced. */
async function send(h: TriggerHarness, url: string, body: string, options: Parameters<typeof post>[2] = {}) {
	const before = h.deliveries.length;
	const res = await post(url, body, options);
	await h.settle(); // the request has arrived; wait for the node and the downstream run
	const delivery: Delivery | undefined = h.deliveries[before];
	return { res, delivery };
}

function message(messageType: string, messageBody: unknown, messagePlatform: unknown, timestamp: unknown = pushTimestamp()) {
	return JSON.stringify({ messageType, messageBody, messagePlatform, timestamp });
}

describe('PandaPon Trigger through n8n webhook machinery', () => {
	let h: TriggerHarness;

	const push = async (body: string, options: Parameters<typeof post>[2] = { secret: SECRET }, url?: string) => {
		return await send(h, url ?? h.prodUrl, body, options);
	};

	beforeAll(async () => {
		h = await startTriggerHarness({ credentials: CREDENTIALS, parameters: { events: ['*'] } });
	});

	afterAll(async () => {
		await h.close();
	});

	beforeEach(() => {
		h.setParameters({ events: ['*'] });
	});

	test('a valid signed push emits one item, acknowledged with 200 and a small JSON body', async () => {
		const ts = pushTimestamp();
		const { res, delivery } = await push(alibabaPriceMessage(A_WAIT_SEND, 19, ts));
		expect(res.status).toBe(200);
		expect(res.json).toEqual(ACK);
		expect(delivery!.mode).toBe('webhook');
		expect(delivery!.emitted).toHaveLength(1);
		expect(delivery!.runStatus).toBe('success');
		expect(delivery!.collected).toHaveLength(1);
		const item = delivery!.collected![0].json;
		expect(item).toMatchObject({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY',
			event: '1688.orderPriceChanged',
			platform: '1688',
			messagePlatform: 1,
			platformMismatch: false,
			eventTime: new Date(Number(ts)).toISOString(),
			timestamp: ts,
			verifiedBy: 'rawBody',
			unverifiedFields: [],
		});
		expect(item.deliveryId).toMatch(/^[0-9a-f]{32}$/);
		expect(Date.parse(item.receivedAt as string)).not.toBeNaN();
		// 19-digit id written as a bare JSON number arrives as its exact digits
		expect((item.body as any).baseInfo.id).toBe(A_WAIT_SEND);
		expect((item.body as any).productItems[0].productID).toBe(610947572360);
		expect(item.latest).toBeUndefined();
	});

	describe('signature', () => {
		const body = () => alibabaPriceMessage('2542285634920880001', 20);

		test.each([
			['forged (signed with another secret)', (b: string) => ({ authorization: sign(b, 'not-the-secret') })],
			['unsigned (no Authorization header)', () => ({ authorization: null })],
			['empty Authorization header', () => ({ authorization: '' })],
			['malformed (not hex)', () => ({ authorization: 'z'.repeat(64) })],
			['malformed (too short)', (b: string) => ({ authorization: sign(b, SECRET).slice(0, 63) })],
			['malformed (Bearer prefix)', (b: string) => ({ authorization: `Bearer ${sign(b, SECRET)}` })],
			['malformed (base64 digest)', (b: string) => ({ authorization: Buffer.from(sign(b, SECRET), 'hex').toString('base64') })],
		])('%s → 401 and nothing emitted', async (_name, headers) => {
			const b = body();
			const { res, delivery } = await push(b, headers(b));
			expect(res.status).toBe(401);
			expect((res.json as any).code).toBe(401);
			expect(delivery!.emitted).toBeUndefined();
			expect(delivery!.collected).toBeUndefined();
		});

		test('tampered body (signature of the original) → 401', async () => {
			const original = body();
			const tampered = original.replace('"totalAmount":20', '"totalAmount":2');
			expect(tampered).not.toBe(original);
			const { res, delivery } = await push(tampered, { authorization: sign(original, SECRET) });
			expect(res.status).toBe(401);
			expect(delivery!.emitted).toBeUndefined();
		});

		test('whitespace changes the raw bytes: re-serialised JSON does not pass', async () => {
			const original = body();
			const pretty = JSON.stringify(JSON.parse(original), null, 2);
			const { res } = await push(pretty, { authorization: sign(original, SECRET) });
			expect(res.status).toBe(401);
		});

		test('upper-case hex is accepted (hex case is not documented)', async () => {
			const b = alibabaPriceMessage('2542285634920880002', 21);
			const { res, delivery } = await push(b, { authorization: sign(b, SECRET).toUpperCase() });
			expect(res.status).toBe(200);
			expect(delivery!.emitted).toHaveLength(1);
		});

		test('a signature over the messageBody alone is refused by default: no fallback', async () => {
			const inner = '{"orderId":3305075341149134261,"orderStatus":"CANCEL"}';
			const asString = await push(message('TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', inner, 0), { authorization: sign(inner, SECRET) });
			expect(asString.res.status).toBe(401);
			expect(asString.delivery!.emitted).toBeUndefined();
			const b = `{"messageType":"TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY","messageBody":${inner},"messagePlatform":0,"timestamp":"${pushTimestamp()}"}`;
			const asObject = await push(b, { authorization: sign(inner, SECRET) });
			expect(asObject.res.status).toBe(401);
		});

		test('Signed Part → Message Body Only: the messageBody string is verified and emitted; the envelope is marked unverified', async () => {
			h.setParameters({ events: ['*'], options: { signedPart: 'messageBody' } });
			const inner = '{"orderId":3305075341149134261,"orderStatus":"CANCEL"}';
			const { res, delivery } = await push(message('TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', inner, 0), { authorization: sign(inner, SECRET) });
			expect(res.status).toBe(200);
			const item = delivery!.emitted![0].json;
			expect(item.verifiedBy).toBe('messageBody');
			expect(item.unverifiedFields).toEqual(['messageType', 'messagePlatform', 'timestamp']);
			expect((item.body as any).orderId).toBe('3305075341149134261');
		});

		test('Signed Part → Message Body Only: the exact messageBody object text is verified, and what it says is emitted', async () => {
			h.setParameters({ events: ['*'], options: { signedPart: 'messageBody' } });
			const inner = '{ "orderId": 3305075341149134262, "orderStatus": "WAITING_FOR_SENT" }';
			const b = `{"messageType":"TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY","messageBody":${inner},"messagePlatform":0,"timestamp":"${pushTimestamp()}"}`;
			const { res, delivery } = await push(b, { authorization: sign(inner, SECRET) });
			expect(res.status).toBe(200);
			expect(delivery!.emitted![0].json).toMatchObject({ verifiedBy: 'messageBody', body: { orderId: '3305075341149134262', orderStatus: 'WAITING_FOR_SENT' } });
			// the whole-body signature does not pass in this mode, and a changed body does not either
			expect((await push(b, { secret: SECRET })).res.status).toBe(401);
			expect((await push(b.replace('WAITING_FOR_SENT', 'CANCEL'), { authorization: sign(inner, SECRET) })).res.status).toBe(401);
		});

		test('Verify Signature off: unsigned pushes are accepted and marked notVerified', async () => {
			h.setParameters({ events: ['*'], options: { verifySignature: false } });
			const { res, delivery } = await push(alibabaPriceMessage('2542285634920880003', 22), { authorization: null });
			expect(res.status).toBe(200);
			expect(delivery!.emitted![0].json.verifiedBy).toBe('notVerified');
			expect(delivery!.emitted![0].json.unverifiedFields).toEqual(['messageType', 'messagePlatform', 'timestamp', 'body']);
		});
	});

	describe('bodies', () => {
		test('messageBody as a JSON string is parsed losslessly', async () => {
			const { res, delivery } = await push(taobaoStatusMessageStringBody('3305075341149134260', 'WAITING_FOR_SENT'));
			expect(res.status).toBe(200);
			const item = delivery!.emitted![0].json;
			expect(item).toMatchObject({
				event: 'taobao.orderStatusChanged',
				platform: 'taobao',
				messagePlatform: 0,
				verifiedBy: 'rawBody',
			});
			expect(item.body).toEqual({
				orderId: '3305075341149134260',
				orderNo: 'PO202605200001',
				orderStatus: 'WAITING_FOR_SENT',
				payStatus: 2,
				totalAmount: 10000,
			});
		});

		test('the same message as object and as string body is one delivery (dedupe on the canonical body)', async () => {
			const inner = { orderId: 'x-777', orderStatus: 'CANCEL', payStatus: 1 };
			const asObject = message('TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', inner, 0);
			const asString = message('TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', JSON.stringify({ payStatus: 1, orderStatus: 'CANCEL', orderId: 'x-777' }), 0);
			const first = await push(asObject);
			const second = await push(asString);
			expect(first.delivery!.emitted).toHaveLength(1);
			expect(second.res.status).toBe(200);
			expect(second.delivery!.emitted).toBeUndefined();
		});

		test('a non-JSON string messageBody is passed on as text', async () => {
			const { delivery } = await push(message('1688_SOMETHING_NEW', 'plain text', 1));
			expect(delivery!.emitted![0].json.body).toBe('plain text');
		});

		test('eventTime accepts epoch seconds; a missing timestamp is refused by default and gives null with Refuse Stale Pushes off', async () => {
			const seconds = Math.floor(Date.now() / 1000);
			const a = await push(message('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', { refundId: 'TQ1001' }, 1, seconds));
			expect(a.delivery!.emitted![0].json.eventTime).toBe(new Date(seconds * 1000).toISOString());
			const noTimestamp = JSON.stringify({ messageType: '1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', messageBody: { refundId: 'TQ1002' }, messagePlatform: 1 });
			const refused = await push(noTimestamp);
			expect(refused.res.status).toBe(200);
			expect(refused.delivery!.emitted).toBeUndefined();
			h.setParameters({ events: ['*'], options: { refuseStale: false } });
			const b = await push(noTimestamp);
			expect(b.delivery!.emitted![0].json.eventTime).toBeNull();
		});

		test.each([
			['text/plain content type', '{"messageType":"1688_X"}', 'text/plain'],
			['form content type', 'messageType=1688_X', 'application/x-www-form-urlencoded'],
			['no content type, not JSON', 'not json', null],
			['a JSON array', '[1,2,3]', 'application/json'],
			['a JSON string', '"hello"', 'application/json'],
			['no messageType', '{"messageBody":{"orderId":1},"messagePlatform":1}', 'application/json'],
			['empty messageType', '{"messageType":"  ","messageBody":{}}', 'application/json'],
			['messageType not a string', '{"messageType":42,"messageBody":{}}', 'application/json'],
		])('%s → 400, nothing emitted', async (_name, body, contentType) => {
			const { res, delivery } = await push(body, { secret: SECRET, contentType });
			expect(res.status).toBe(400);
			expect((res.json as any).code).toBe(400);
			expect(delivery!.emitted).toBeUndefined();
		});

		test('a body over 1 MiB → 400', async () => {
			const big = message('1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', { pad: 'x'.repeat(1024 * 1024) }, 1);
			const { res, delivery } = await push(big);
			expect(res.status).toBe(400);
			expect(delivery!.emitted).toBeUndefined();
		});

		test('unparsable JSON declared as application/json is refused by n8n itself (422) before the node', async () => {
			const before = h.deliveries.length;
			const res = await post(h.prodUrl, '{"messageType":', { secret: SECRET });
			await h.settle();
			expect(res.status).toBe(422);
			expect(h.deliveries.length).toBe(before);
		});
	});

	describe('events filter', () => {
		const priceBody = (id: string) => alibabaPriceMessage(id, 30);
		const statusBody = (id: string) => message('1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', { orderId: id, status: 'cancel' }, 1);

		test('only the selected events start the workflow; others are acknowledged with 200', async () => {
			h.setParameters({ events: ['1688.orderStatusChanged'] });
			const price = await push(priceBody('2542285634920880100'));
			expect(price.res.status).toBe(200);
			expect(price.res.json).toEqual(ACK);
			expect(price.delivery!.emitted).toBeUndefined();
			const status = await push(statusBody('2542285634920880100'));
			expect(status.delivery!.emitted![0].json.event).toBe('1688.orderStatusChanged');
		});

		test.each([
			['taobao.orderStatusChanged', 'TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', 0],
			['taobao.orderStatusChanged', 'TAOBAO_ORDER_CANCEL', 0],
			['taobao.orderPriceChanged', 'TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', 0],
			['taobao.afterSaleRefund', 'TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', 0],
			['1688.orderStatusChanged', '1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', 1],
			['1688.orderStatusChanged', '1688_ORDER_PAY_SUCCESS', 1],
			['1688.orderPriceChanged', '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', 1],
			['1688.afterSaleRefund', '1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', 1],
		])('event %s matches %s and nothing else selected lets it through', async (event, messageType, platform) => {
			const others = ['taobao.orderStatusChanged', 'taobao.orderPriceChanged', 'taobao.afterSaleRefund', '1688.orderStatusChanged', '1688.orderPriceChanged', '1688.afterSaleRefund'].filter((e) => e !== event);
			const body = message(messageType, { refundId: `TQ-${event}-${messageType}`, orderId: '1' }, platform);
			h.setParameters({ events: others });
			const blocked = await push(body);
			expect(blocked.delivery!.emitted).toBeUndefined();
			h.setParameters({ events: [event] });
			const passed = await push(body);
			expect(passed.delivery!.emitted![0].json).toMatchObject({ event, messageType, platform: event.split('.')[0] });
		});

		test('unknown message types pass only with Any', async () => {
			const body = message('1688_ORDER_BUYER_VIEW_ORDER_SOMETHING_NEW', { orderId: 'u-1' }, 1);
			h.setParameters({ events: ['1688.orderStatusChanged', '1688.orderPriceChanged', '1688.afterSaleRefund'] });
			const blocked = await push(body);
			expect(blocked.res.status).toBe(200);
			expect(blocked.delivery!.emitted).toBeUndefined();
			h.setParameters({ events: ['*'] });
			const passed = await push(body);
			expect(passed.delivery!.emitted![0].json).toMatchObject({ event: 'unknown', platform: '1688' });
			const noPrefix = await push(message('ORDER_PAY_SUCCESS', { orderId: 'u-2' }, 0));
			expect(noPrefix.delivery!.emitted![0].json).toMatchObject({ event: 'unknown', platform: 'taobao' });
		});

		test('messagePlatform is cross-checked: a mismatch is flagged, and dropped with Strict Platform Check', async () => {
			const body = message('TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', { salesOrderId: 'mm-1' }, 1);
			const flagged = await push(body);
			expect(flagged.delivery!.emitted![0].json).toMatchObject({ platform: 'taobao', messagePlatform: 1, platformMismatch: true });
			h.setParameters({ events: ['*'], options: { strictPlatform: true } });
			const strict = await push(message('TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', { salesOrderId: 'mm-2' }, '1'));
			expect(strict.res.status).toBe(200);
			expect(strict.delivery!.emitted).toBeUndefined();
		});
	});

	describe('re-deliveries', () => {
		test('the same push delivered three times (even with a new timestamp) starts the workflow once', async () => {
			const body = alibabaPriceMessage('2542285634920880200', 40);
			const first = await push(body);
			const second = await push(body);
			const third = await push(body.replace(/"timestamp":"\d+"/, `"timestamp":"${pushTimestamp(60_000)}"`));
			expect([first.res.status, second.res.status, third.res.status]).toEqual([200, 200, 200]);
			expect(second.res.json).toEqual(ACK);
			expect(first.delivery!.emitted).toHaveLength(1);
			expect(second.delivery!.emitted).toBeUndefined();
			expect(third.delivery!.emitted).toBeUndefined();
			// the entries live in the saved workflow static data
			expect(storedEntries(h.staticData())).toBeGreaterThan(0);
		});

		// n8n saves static data after webhook() returns. If the node ended the response first, the
		// next push (on another queue-mode webhook processor) could read the store before the save:
		// 165 of 1,000 re-deliveries started again in npm run test:queue.
		test('a started push and its re-delivery are answered by n8n after the store is saved', async () => {
			const body = alibabaPriceMessage('2542285634920880204', 45);
			const first = await push(body);
			const again = await push(body);
			expect(first.delivery!.emitted).toHaveLength(1);
			expect(again.delivery!.emitted).toBeUndefined();
			expect([first.res.json, again.res.json]).toEqual([ACK, ACK]);
			expect([first.delivery!.answeredBeforeSave, again.delivery!.answeredBeforeSave]).toEqual([false, false]);
		});

		test('a changed body is a new message', async () => {
			const a = await push(alibabaPriceMessage('2542285634920880201', 41));
			const b = await push(alibabaPriceMessage('2542285634920880201', 42));
			expect(a.delivery!.emitted).toHaveLength(1);
			expect(b.delivery!.emitted).toHaveLength(1);
		});

		test('Deduplicate off lets re-deliveries through', async () => {
			h.setParameters({ events: ['*'], options: { deduplicate: false } });
			const body = alibabaPriceMessage('2542285634920880202', 43);
			const a = await push(body);
			const b = await push(body);
			expect(a.delivery!.emitted).toHaveLength(1);
			expect(b.delivery!.emitted).toHaveLength(1);
		});

		test('a rejected (401) push does not poison the dedupe store', async () => {
			const body = alibabaPriceMessage('2542285634920880203', 44);
			const forged = await push(body, { authorization: sign(body, 'wrong') });
			expect(forged.res.status).toBe(401);
			const real = await push(body);
			expect(real.delivery!.emitted).toHaveLength(1);
		});
	});

	describe('Verify ping and URLs', () => {
		test.each([
			['POST with an empty body and no signature', '', { authorization: null, contentType: null }],
			['POST {} with no signature', '{}', { authorization: null }],
			['POST with whitespace, no content type and a bogus signature', '  \n', { authorization: 'nope', contentType: null }],
		])('%s → 200, workflow not started', async (_name, body, options) => {
			const { res, delivery } = await push(body, options as Parameters<typeof post>[2]);
			expect(res.status).toBe(200);
			expect(res.json).toEqual(ACK);
			expect(delivery!.emitted).toBeUndefined();
		});

		test('GET on the production URL → 200, workflow not started', async () => {
			const { res, delivery } = await push('', { method: 'GET', authorization: null, contentType: null });
			expect(res.status).toBe(200);
			expect(res.json).toEqual(ACK);
			expect(delivery!.webhookName).toBe('setup');
			expect(delivery!.emitted).toBeUndefined();
		});

		test('the test URL (manual mode) receives pushes too', async () => {
			const { res, delivery } = await push(alibabaPriceMessage('2542285634920880300', 50), { secret: SECRET }, h.testUrl);
			expect(res.status).toBe(200);
			expect(delivery!.mode).toBe('manual');
			expect(delivery!.emitted).toHaveLength(1);
			expect(delivery!.collected).toHaveLength(1);
		});
	});

	describe('webhook lifecycle (n8n-core HookContext)', () => {
		test('checkExists is false, create and delete succeed; nothing remote, nothing stored', async () => {
			const before = JSON.stringify(h.staticData());
			expect(await h.lifecycle('checkExists')).toBe(false);
			expect(await h.lifecycle('create')).toBe(true);
			expect(await h.lifecycle('delete')).toBe(true);
			expect(h.staticData().webhookUrl).toBeUndefined();
			expect(JSON.stringify(h.staticData())).toBe(before);
		});
	});
});

describe('webhook lifecycle without an Access Secret', () => {
	test('create refuses to activate instead of failing silently later', async () => {
		const h = await startTriggerHarness({ credentials: { ...CREDENTIALS, accessSecret: '' }, parameters: { events: ['*'] } });
		try {
			await expect(h.lifecycle('create')).rejects.toThrow('no Access Secret');
			h.setParameters({ events: ['*'], options: { verifySignature: false } });
			await expect(h.lifecycle('create')).resolves.toBe(true);
		} finally {
			await h.close();
		}
	});
});
