/**
 * The attacks of the security review, played through n8n's webhook path (test/trigger/harness.ts):
 * forgery from one captured push, duplicate keys, parsing before verification (the quadratic
 * shape at 1 MiB), replay after the window, the dedupe store under load, deep nesting, bare long
 * integers, and what the editor shows when a test push is refused.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { storedEntries } from '../../nodes/PandaPonTrigger/dedupe';
import { startTriggerHarness, type Delivery, type TriggerHarness } from './harness';
import { CREDENTIALS, SECRET, alibabaPriceMessage, post, pushTimestamp, sign } from './push';

const HOUR = 60 * 60 * 1000;
const MiB = 1024 * 1024;

let h: TriggerHarness;
let warnings: string[] = [];

beforeAll(async () => {
	h = await startTriggerHarness({ credentials: CREDENTIALS, parameters: { events: ['*'] } });
	const logger = Container.get(Logger);
	jest.spyOn(logger, 'warn').mockImplementation((message: string) => {
		warnings.push(message);
	});
});

afterAll(async () => {
	jest.restoreAllMocks();
	await h.close();
});

beforeEach(() => {
	h.setParameters({ events: ['*'] });
	warnings = [];
});

async function send(body: string, options: Parameters<typeof post>[2] = { secret: SECRET }, url?: string) {
	const before = h.deliveries.length;
	const started = process.hrtime.bigint();
	const res = await post(url ?? h.prodUrl, body, options);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	await h.settle();
	const delivery: Delivery | undefined = h.deliveries[before];
	return { res, delivery, ms };
}

const envelope = (messageType: string, messageBodyText: string, timestamp = pushTimestamp()) =>
	`{"messageType":"${messageType}","messageBody":${messageBodyText},"messagePlatform":1,"timestamp":"${timestamp}"}`;

describe('forgery from one captured push', () => {
	// One genuine push: its bytes R and signature S are all the attacker has.
	const genuineBody = '{"orderId":2542285634920881001,"status":"waitbuyerpay"}';
	const R = envelope('1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', genuineBody);
	const S = sign(R, SECRET);

	test('the captured push itself passes (baseline)', async () => {
		const { res, delivery } = await send(R, { authorization: S });
		expect(res.status).toBe(200);
		expect(delivery!.emitted).toHaveLength(1);
	});

	test.each([
		['R as the messageBody object of another messageType', () => envelope('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', R)],
		['R as the messageBody string of another messageType', () => envelope('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', JSON.stringify(R))],
		['R with its messageType changed', () => R.replace('PRICE_MODIFY', 'STATUS_MODIFY')],
		['R with a second messageBody appended', () => R.replace(/}$/, ',"messageBody":{"orderId":1,"status":"success"}}')],
		['R with a second messageType prepended', () => R.replace(/^{/, '{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND",')],
		['R with a trailing space', () => R + ' '],
	])('%s, sent with S → 401, nothing emitted', async (_name, make) => {
		const { res, delivery } = await send(make(), { authorization: S });
		expect(res.status).toBe(401);
		expect(delivery!.emitted).toBeUndefined();
	});

	test('PandaPon signing only messageBody (signature over B): B under another messageType, as object and as string → 401 by default', async () => {
		const B = genuineBody;
		for (const body of [envelope('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', B), envelope('1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', JSON.stringify(B))]) {
			const { res, delivery } = await send(body, { authorization: sign(B, SECRET) });
			expect(res.status).toBe(401);
			expect(delivery!.emitted).toBeUndefined();
		}
	});

	test('duplicate top-level messageBody {B, …, forged}: 401 by default, 400 with Signed Part → Message Body Only', async () => {
		const B = genuineBody;
		const forged = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY","messageBody":${B},"messagePlatform":1,"timestamp":"${pushTimestamp()}","messageBody":{"orderId":2542285634920881001,"status":"success"}}`;
		const byDefault = await send(forged, { authorization: sign(B, SECRET) });
		expect(byDefault.res.status).toBe(401);
		h.setParameters({ events: ['*'], options: { signedPart: 'messageBody' } });
		const bodyOnly = await send(forged, { authorization: sign(B, SECRET) });
		expect(bodyOnly.res.status).toBe(400);
		expect((bodyOnly.res.json as { msg: string }).msg).toContain('messageBody');
		expect(bodyOnly.delivery!.emitted).toBeUndefined();
	});

	test.each([
		['top-level messageBody twice', () => envelope('1688_X', '{"a":1}').replace(/}$/, ',"messageBody":{"a":2}}')],
		['top-level messageType twice', () => envelope('1688_X', '{"a":1}').replace(/^{/, '{"messageType":"1688_Y",')],
		['a key twice inside messageBody', () => envelope('1688_X', '{"orderId":1,"status":"a","status":"b"}')],
		['a key twice deep inside messageBody', () => envelope('1688_X', '{"items":[{"sku":{"id":1,"id":2}}]}')],
		['the same key twice, once escaped', () => envelope('1688_X', '{"status":"a","st\\u0061tus":"b"}')],
		['a key twice inside a string messageBody', () => envelope('1688_X', JSON.stringify('{"orderId":1,"orderId":2}'))],
	])('correctly signed, %s → 400, nothing emitted', async (_name, make) => {
		const { res, delivery } = await send(make());
		expect(res.status).toBe(400);
		expect((res.json as { msg: string }).msg).toMatch(/twice/);
		expect(delivery!.emitted).toBeUndefined();
		expect(warnings.join('\n')).toMatch(/push refused \(HTTP 400\).*twice/);
	});

	test('correctly signed {123:1} → 400 (not JSON)', async () => {
		const { res } = await send('{123:1}', { secret: SECRET, contentType: null });
		expect(res.status).toBe(400);
	});
});

describe('nothing is parsed before the signature verifies', () => {
	// 1234567890123456 followed by "\ repeated: the old parser's fallback was quadratic on it.
	const attack = '1234567890123456' + '"\\'.repeat((MiB - 16) / 2);
	const wrapped = '{"messageType":"1688_X","messageBody":' + attack.slice(0, MiB - 40);

	test('the attack shape at 1 MiB, unsigned or wrongly signed → 401 at once (as text/json, which n8n does not pre-parse)', async () => {
		expect(attack.length).toBe(MiB);
		for (const [body, options] of [
			[attack, { authorization: null, contentType: 'text/json' }],
			[wrapped, { authorization: sign('x', SECRET), contentType: 'text/json' }],
		] as const) {
			const { res, delivery, ms } = await send(body, options);
			expect(res.status).toBe(401);
			expect(delivery!.emitted).toBeUndefined();
			// milliseconds in practice; generous for a loaded machine (the old parser took minutes at this size)
			expect(ms).toBeLessThan(2000);
		}
	});

	test('the attack shape at 1 MiB, correctly signed → 400 at once (the parser is linear)', async () => {
		const { res, ms } = await send(wrapped, { secret: SECRET, contentType: 'text/json' });
		expect(res.status).toBe(400);
		expect(ms).toBeLessThan(2000);
	});

	test('1 MiB of whitespace and one letter, unsigned → 401 at once (the Verify-ping check is linear)', async () => {
		const { res, ms } = await send(' '.repeat(MiB - 1) + 'x', { authorization: null, contentType: 'text/json' });
		expect(res.status).toBe(401);
		expect(ms).toBeLessThan(2000);
	});

	test('the attack shape as application/json is refused by n8n itself (422, V8 JSON.parse) before the node', async () => {
		const { res, delivery, ms } = await send(attack, { authorization: null });
		expect(res.status).toBe(422);
		expect(delivery).toBeUndefined();
		expect(ms).toBeLessThan(2000);
	});
});

describe('replay and the dedupe window', () => {
	afterEach(() => {
		jest.mocked(Date.now).mockRestore?.();
	});

	const at = (offsetMs: number) => jest.spyOn(Date, 'now').mockReturnValue(realNow + offsetMs);
	let realNow = 0;
	beforeEach(() => {
		realNow = Date.now();
	});

	test.each([
		['3 h 1 min old', -(3 * HOUR + 60_000), false],
		['2 h 59 min old', -(3 * HOUR - 60_000), true],
		['9 min ahead', 9 * 60_000, true],
		['11 min ahead', 11 * 60_000, false],
	])('a signed push %s: run=%p; a refused one is acknowledged with 200 and logged', async (_name, offset, runs) => {
		const body = alibabaPriceMessage(String(2542285634920882000n + BigInt(Math.abs(offset) % 997)), 19, pushTimestamp(offset as number));
		const { res, delivery } = await send(body);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ code: 200, msg: 'success' });
		if (runs) {
			expect(delivery!.emitted).toHaveLength(1);
		} else {
			expect(delivery!.emitted).toBeUndefined();
			expect(warnings.join('\n')).toMatch(/push refused \(HTTP 200\): (stale: sent 181 minutes ago|timestamp is 11 minutes in the future)/);
		}
	});

	test('a captured push replayed later is deduplicated inside the window and refused as stale after it', async () => {
		const body = alibabaPriceMessage('2542285634920883001', 55);
		expect((await send(body)).delivery!.emitted).toHaveLength(1);
		at(2 * HOUR + 59 * 60_000);
		const inside = await send(body);
		expect(inside.res.status).toBe(200);
		expect(inside.delivery!.emitted).toBeUndefined();
		at(3 * HOUR + 60_000);
		const after = await send(body);
		expect(after.res.status).toBe(200);
		expect(after.delivery!.emitted).toBeUndefined();
		expect(warnings.join('\n')).toContain('stale');
		at(400 * 24 * HOUR);
		expect((await send(body)).delivery!.emitted).toBeUndefined();
	});

	test('1,050 other messages do not evict an entry: the first message re-delivered after them is still a duplicate (the old store kept 1,000)', async () => {
		h.setParameters({ events: ['*'] });
		const first = alibabaPriceMessage('2542285634920884000', 1);
		expect((await send(first)).delivery!.emitted).toHaveLength(1);
		const base = 2542285634920884001n;
		for (let n = 0; n < 1050; n++) {
			const { res } = await send(alibabaPriceMessage(String(base + BigInt(n)), 1));
			expect(res.status).toBe(200);
		}
		expect(storedEntries(h.staticData())).toBeGreaterThanOrEqual(1051);
		const again = await send(first);
		expect(again.res.status).toBe(200);
		expect(again.delivery!.emitted).toBeUndefined();
	}, 120_000);
});

describe('deep nesting and long integers', () => {
	test.each([
		['a 5,000-level messageBody', () => envelope('1688_X', '['.repeat(5000) + ']'.repeat(5000))],
		['a 100,000-level messageBody', () => envelope('1688_X', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))],
		['a 5,000-level string messageBody', () => envelope('1688_X', JSON.stringify('['.repeat(5000) + ']'.repeat(5000)))],
	])('correctly signed, %s → 400 (depth limit), never a 500', async (_name, make) => {
		const { res, delivery } = await send(make());
		expect(res.status).toBe(400);
		expect((res.json as { msg: string }).msg).toMatch(/deeper than 64/);
		expect(delivery!.error).toBeUndefined();
	});

	test('64 levels are accepted', async () => {
		const { res, delivery } = await send(envelope('1688_X', '['.repeat(62) + '1' + ']'.repeat(62)));
		expect(res.status).toBe(200);
		expect(delivery!.emitted).toHaveLength(1);
	});

	test.each([
		['a bare 19-digit string messageBody', '"2542285634920880794"'],
		['a bare 19-digit number messageBody', '2542285634920880795'],
		['a negative one, as a string', '"-9223372036854775808"'],
	])('%s arrives with every digit', async (_name, body) => {
		const { delivery } = await send(envelope('1688_X', body));
		expect(String(delivery!.emitted![0].json.body)).toBe(body.replace(/"/g, ''));
		expect(typeof delivery!.emitted![0].json.body).toBe('string');
	});
});

describe('deliveryId', () => {
	test('the same for every delivery of a message (new timestamp, object or string form), different for another message', async () => {
		h.setParameters({ events: ['*'], options: { deduplicate: false } });
		const inner = { orderId: '3305075341149139001', orderStatus: 'CANCEL' };
		const asObject = JSON.stringify({ messageType: 'TAOBAO_ORDER_CANCEL', messageBody: inner, messagePlatform: 0, timestamp: pushTimestamp() });
		const asString = JSON.stringify({ messageType: 'TAOBAO_ORDER_CANCEL', messageBody: JSON.stringify(inner), messagePlatform: 0, timestamp: pushTimestamp(5000) });
		const other = JSON.stringify({ messageType: 'TAOBAO_ORDER_CANCEL', messageBody: { ...inner, orderStatus: 'SUCCESS' }, messagePlatform: 0, timestamp: pushTimestamp() });
		const ids = [];
		for (const body of [asObject, asObject, asString, other]) {
			const { delivery } = await send(body);
			ids.push(delivery!.collected![0].json.deliveryId);
		}
		expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
		expect(ids[1]).toBe(ids[0]);
		expect(ids[2]).toBe(ids[0]);
		expect(ids[3]).not.toBe(ids[0]);
	});
});

describe('while the editor listens (Test URL, manual mode)', () => {
	test.each([
		['a bad signature', () => ({ body: alibabaPriceMessage('2542285634920885001'), options: { authorization: sign('other', SECRET) } }), /invalid signature/],
		['a stale push', () => ({ body: alibabaPriceMessage('2542285634920885002', 1, pushTimestamp(-4 * HOUR)), options: { secret: SECRET } }), /stale/],
		['a malformed push', () => ({ body: '{"messageType":1}', options: { secret: SECRET } }), /messageType is missing/],
		['an unselected event', () => ({ body: alibabaPriceMessage('2542285634920885003'), options: { secret: SECRET } }), /not among the selected events/],
	])('%s fails the test run with the reason (shown in the editor) and is logged', async (name, make, reason) => {
		if (name === 'an unselected event') h.setParameters({ events: ['taobao.orderStatusChanged'] });
		const { body, options } = make();
		const { res, delivery } = await send(body, options, h.testUrl);
		expect(delivery!.mode).toBe('manual');
		expect(delivery!.emitted).toBeUndefined();
		expect(delivery!.error?.message).toMatch(reason);
		expect(delivery!.error?.constructor.name).toBe('NodeOperationError');
		expect(res.status).toBe(500); // n8n's answer when a trigger fails in a test run
		if (name !== 'an unselected event') expect(warnings.join('\n')).toMatch(reason);
	});

	test('a re-delivery fails the test run too, saying so (Deduplicate Re-Deliveries)', async () => {
		const body = alibabaPriceMessage('2542285634920885004');
		const first = await send(body, { secret: SECRET }, h.testUrl);
		expect(first.delivery!.emitted).toHaveLength(1);
		const again = await send(body, { secret: SECRET }, h.testUrl);
		expect(again.delivery!.emitted).toBeUndefined();
		expect(again.delivery!.error?.message).toMatch(/re-delivery of a message received in the last 3 hours/);
	});

	test('the same pushes on the production URL are answered, not failed', async () => {
		const { res, delivery } = await send(alibabaPriceMessage('2542285634920885001'), { authorization: sign('other', SECRET) });
		expect(res.status).toBe(401);
		expect(delivery!.error).toBeUndefined();
	});
});
