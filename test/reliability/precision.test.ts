/**
 * Precision: over 10,000 seeded random 19-digit ids (plus edge values) go through parameters
 * (expressions over input items holding the ids as strings), raw request bodies (bare integers
 * where the API types them as integers, exact strings where it types them as strings), the
 * sandbox's answers (ids it echoes back as bare integers) and signed trigger pushes (messageBody
 * as an object and as a string) without a digit changing.
 */
import { byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';
import { startTriggerHarness, type TriggerHarness } from '../trigger/harness';
import { CREDENTIALS, SECRET, post } from '../trigger/push';
import { runOp } from './baselines';
import { id19, recordFigures, rng } from './lib';

const EDGES = [
	'9007199254740993', // 2^53 + 1: the first integer a double cannot hold
	'9007199254740992',
	'9223372036854775807', // int64 max
	'9223372036854775808', // int64 max + 1
	'1000000000000000000',
	'1234567890000000000', // trailing zeros
	'9999999999999999999',
	'2542285634920880000',
	'1000000000000000001',
];

function idSet(seed: number, count: number): string[] {
	const r = rng(seed);
	const out = [...EDGES];
	while (out.length < count) out.push(id19(r));
	return out;
}

const chunk = <T>(list: T[], size: number) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));

const { sb, creds } = useSandbox({ orders: 60 });
const figures: Record<string, number> = {};

afterAll(() => recordFigures('precision', figures));

describe('ids through parameters, request bodies and answers', () => {
	it('10,000 ids as bare integers in request bodies (1688 sub-order ids and order ids), exact to the digit', async () => {
		const ids = idSet(101, 10_000);
		const input = chunk(ids, 100).map((entries, i) => ({ order: ids[(i * 37) % ids.length], entries: entries.join(', ') }));
		const started = Date.now();
		const { items, error } = await runOp(
			'alibabaAfterSale:getRefundReasons',
			{ orderId: byId('={{ $json.order }}'), orderEntryIds: '={{ $json.entries }}', goodsStatus: 'refundWaitSellerSend' },
			creds,
			input,
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		const sent = sb.sent('POST /alibaba/refund/reason/list');
		expect(sent).toHaveLength(input.length);
		const seen = new Set<string>();
		for (const r of sent) {
			const order = /"orderId":(\d+)[,}]/.exec(r.body)![1];
			const entries = /"orderEntryIds":\[([\d,]+)\]/.exec(r.body)![1].split(',');
			const i = input.findIndex((x) => x.order === order && x.entries === entries.join(', '));
			expect(i).toBeGreaterThanOrEqual(0);
			entries.forEach((e) => seen.add(e));
			seen.add(order);
		}
		expect([...seen].sort()).toEqual([...new Set(ids)].sort());
		// The sandbox does not know these orders: its answer names the exact id it was sent.
		items.forEach((item, i) => {
			expect(item.json.code).toBe(40410);
			expect(String(item.json.error)).toContain(input[i].order);
		});
		figures.bodyIds = seen.size;
		figures.bodyMs = Date.now() - started;
	});

	it('10,000 ids from input items to a request (exact strings, as the API types them) and back from the answer (bare integers) unchanged', async () => {
		const ids = idSet(202, 10_000);
		const input = chunk(ids, 100).map((list) => ({ ids: list.join(',') }));
		const started = Date.now();
		const { items, error } = await runOp('alibabaOrder:submitAndPayBatch', { orderIds: '={{ $json.ids }}' }, creds, input);
		expect(error).toBeUndefined();
		const sent = sb.sent('POST /alibaba/order/batch/submit/to/pay');
		expect(sent.map((r) => r.body)).toEqual(input.map((x) => `{"orderIds":[${x.ids.split(',').map((id) => `"${id}"`).join(',')}]}`));
		expect(items).toHaveLength(input.length);
		let echoed = 0;
		items.forEach((item, i) => {
			const back = item.json.cantPayOrderList as string[];
			expect(back).toEqual(input[i].ids.split(','));
			echoed += back.length;
		});
		expect(echoed).toBe(10_000);
		figures.answerIds = echoed;
		figures.answerMs = Date.now() - started;
	});

	it('ids in a Custom API Call body and query are sent as written and come back exact', async () => {
		const ids = idSet(303, 2_000);
		const body = `{"orderIds": [${ids.join(', ')}]}`;
		const { items, error } = await runOp(
			'customApiCall:request',
			{ method: 'POST', path: '/alibaba/order/batch/submit/to/pay', query: '{}', body },
			creds,
		);
		expect(error).toBeUndefined();
		expect(sb.lastBody('POST /alibaba/order/batch/submit/to/pay')).toBe(body);
		expect(items[0].json.cantPayOrderList).toEqual(ids);
		const get = await runOp('taobaoOrder:get', { orderId: byId('={{ $json.id }}') }, creds, EDGES.map((id) => ({ id })), {
			onError: 'continueRegularOutput',
		});
		const queried = sb.sent('GET /open/order/get').map((r) => new URL(r.url, 'http://x').searchParams.get('orderId'));
		expect(queried.sort()).toEqual([...EDGES].sort());
		get.items.forEach((item, i) => expect(String(item.json.error)).toContain(EDGES[i]));
		figures.customCallIds = ids.length + EDGES.length;
	});
});

describe('ids in trigger pushes', () => {
	let h: TriggerHarness;
	beforeAll(async () => {
		h = await startTriggerHarness({ credentials: CREDENTIALS, parameters: { events: ['*'] } });
	});
	afterAll(async () => {
		await h?.close();
	});

	it.each(['object', 'string'] as const)('10,000 ids in signed pushes with messageBody as %s arrive exact', async (form) => {
		const ids = idSet(form === 'object' ? 404 : 505, 10_000);
		let checked = 0;
		for (const [n, list] of chunk(ids, 1000).entries()) {
			const inner = `{"orderId":${list[0]},"orderEntryIds":[${list.join(',')}],"refundId":"TQ${list[1]}","status":"waitselleragree"}`;
			const messageBody = form === 'object' ? inner : JSON.stringify(inner);
			const raw = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND","messageBody":${messageBody},"messagePlatform":1,"timestamp":"${Date.now() + n}"}`;
			const before = h.deliveries.length;
			const res = await post(h.prodUrl, raw, { secret: SECRET });
			await h.settle();
			expect(res.status).toBe(200);
			const emitted = h.deliveries[before].collected!;
			expect(emitted).toHaveLength(1);
			const body = emitted[0].json.body as { orderId: string; orderEntryIds: string[]; refundId: string };
			expect(body.orderId).toBe(list[0]);
			expect(body.orderEntryIds).toEqual(list);
			expect(body.refundId).toBe(`TQ${list[1]}`);
			checked += body.orderEntryIds.length;
		}
		expect(checked).toBe(10_000);
		figures[`triggerIds_${form}`] = checked;
	});
});
