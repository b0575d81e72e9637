import { startTriggerHarness, type TriggerHarness } from './harness';
import { CREDENTIALS, SECRET, alibabaPriceMessage, post, sign, taobaoStatusMessageStringBody } from './push';

const ACK = { code: 200, msg: 'success' };

describe('PandaPon Trigger through n8n webhook machinery', () => {
	let h: TriggerHarness;

	beforeAll(async () => {
		h = await startTriggerHarness({ credentials: CREDENTIALS, parameters: { events: ['*'] } });
	});

	afterAll(async () => {
		await h.close();
	});

	test('a valid signed push emits one item, acknowledged with 200 and a small JSON body', async () => {
		const body = alibabaPriceMessage('2542285634920880794', 19);
		const before = h.deliveries.length;
		const res = await post(h.prodUrl, body, { secret: SECRET });
		expect(res.status).toBe(200);
		expect(res.json).toEqual(ACK);
		const deliveries = await h.waitForDeliveries(before + 1);
		const d = deliveries[before];
		expect(d.mode).toBe('webhook');
		expect(d.emitted).toHaveLength(1);
		expect(d.runStatus).toBe('success');
		expect(d.collected).toHaveLength(1);
		const item = d.collected![0].json;
		expect(item).toMatchObject({
			messageType: '1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY',
			event: '1688.orderPriceChanged',
			platform: '1688',
			messagePlatform: 1,
			platformMismatch: false,
			eventTime: new Date(1779263269913).toISOString(),
			verifiedBy: 'rawBody',
		});
		expect(typeof item.receivedAt).toBe('string');
		// 19-digit id written as a bare JSON number arrives as its exact digits
		expect((item.body as any).baseInfo.id).toBe('2542285634920880794');
		expect((item.body as any).productItems[0].productID).toBe(610947572360);
	});
});

export { sign };
