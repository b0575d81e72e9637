/**
 * Trigger: forged, tampered, truncated, replayed, stale, oversized, duplicate-key, deeply nested
 * and wrong-content-type pushes are rejected (401/400/422) or acknowledged without running, with
 * nothing emitted, in a seeded random order; valid pushes still pass after each of them. Plus the
 * figures RELIABILITY.md quotes: the 1 MiB hostile body and the dedupe store at 20,000 messages.
 */
import { messageIdentity, seenBefore, storedEntries } from '../../nodes/PandaPonTrigger/dedupe';
import { startTriggerHarness, type TriggerHarness } from '../trigger/harness';
import { CREDENTIALS, SECRET, alibabaPriceMessage, post, pushTimestamp, sign } from '../trigger/push';
import { recordFigures, rng } from './lib';

let h: TriggerHarness;
beforeAll(async () => {
	h = await startTriggerHarness({ credentials: CREDENTIALS, parameters: { events: ['*'] } });
});
afterAll(async () => {
	await h?.close();
});

async function send(body: string, options: Parameters<typeof post>[2]) {
	const before = h.deliveries.length;
	const res = await post(h.prodUrl, body, options);
	await h.settle();
	return { res, delivery: h.deliveries[before], arrived: h.deliveries.length - before };
}

type Bad = { name: string; make: (id: string) => { body: string; options: Parameters<typeof post>[2] }; status: number[] };

const BAD: Bad[] = [
	{ name: 'forged (another secret)', make: (id) => ({ body: alibabaPriceMessage(id), options: { authorization: sign(alibabaPriceMessage(id), 'attacker') } }), status: [401] },
	{ name: 'unsigned', make: (id) => ({ body: alibabaPriceMessage(id), options: { authorization: null } }), status: [401] },
	{
		name: 'tampered amount',
		make: (id) => ({ body: alibabaPriceMessage(id, 1), options: { authorization: sign(alibabaPriceMessage(id, 19), SECRET) } }),
		status: [401],
	},
	{
		name: 'tampered id (one digit)',
		make: (id) => ({ body: alibabaPriceMessage(id.slice(0, -1) + ((Number(id.slice(-1)) + 1) % 10)), options: { authorization: sign(alibabaPriceMessage(id), SECRET) } }),
		status: [401],
	},
	{
		name: 'truncated (signed whole, sent cut)',
		make: (id) => ({ body: alibabaPriceMessage(id).slice(0, -20), options: { authorization: sign(alibabaPriceMessage(id), SECRET) } }),
		status: [401, 422],
	},
	{
		name: 'truncated (cut and signed as cut)',
		make: (id) => ({ body: alibabaPriceMessage(id).slice(0, -20), options: { secret: SECRET } }),
		status: [400, 422],
	},
	{
		name: 'oversized (over 1 MiB, correctly signed)',
		make: (id) => {
			const body = alibabaPriceMessage(id).replace('"messagePlatform"', `"pad":"${'x'.repeat(1024 * 1024)}","messagePlatform"`);
			return { body, options: { secret: SECRET } };
		},
		status: [400, 413],
	},
	{ name: 'text/plain content type', make: (id) => ({ body: alibabaPriceMessage(id), options: { secret: SECRET, contentType: 'text/plain' } }), status: [400, 415] },
	{
		name: 'form content type',
		make: (id) => ({ body: alibabaPriceMessage(id), options: { secret: SECRET, contentType: 'application/x-www-form-urlencoded' } }),
		status: [400, 415],
	},
	{
		name: 'captured push re-sent as the messageBody of another messageType',
		make: (id) => {
			const captured = alibabaPriceMessage(id);
			const body = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND","messageBody":${captured},"messagePlatform":1,"timestamp":"${pushTimestamp()}"}`;
			return { body, options: { authorization: sign(captured, SECRET) } };
		},
		status: [401],
	},
	{
		name: 'duplicate messageBody key (correctly signed)',
		make: (id) => ({ body: alibabaPriceMessage(id).replace(/}$/, ',"messageBody":{"forged":true}}'), options: { secret: SECRET } }),
		status: [400],
	},
	{
		name: 'stale (4 h old, correctly signed)',
		make: (id) => ({ body: alibabaPriceMessage(id, 19, pushTimestamp(-4 * 60 * 60 * 1000)), options: { secret: SECRET } }),
		status: [200],
	},
	{
		name: 'nested 5,000 levels (correctly signed)',
		make: (id) => ({ body: alibabaPriceMessage(id).replace('"messagePlatform"', `"pad":${'['.repeat(5000)}${']'.repeat(5000)},"messagePlatform"`), options: { secret: SECRET } }),
		status: [400],
	},
	{ name: 'signature with a Bearer prefix', make: (id) => ({ body: alibabaPriceMessage(id), options: { authorization: `Bearer ${sign(alibabaPriceMessage(id), SECRET)}` } }), status: [401] },
];

describe('hostile and broken pushes', () => {
	const figures: Record<string, number> = { rejected: 0, replaysDeduplicated: 0, validAccepted: 0 };
	afterAll(() => recordFigures('trigger', figures));

	it('each bad push is refused with nothing emitted, and a valid push still passes right after it (seeded order, 3 rounds)', async () => {
		const r = rng(66);
		let n = 0;
		for (let round = 0; round < 3; round++) {
			for (const bad of r.shuffle([...BAD])) {
				const id = String(2542285634920880000n + BigInt(++n * 7));
				const { body, options } = bad.make(id);
				const refused = await send(body, options);
				expect({ bad: bad.name, status: bad.status.includes(refused.res.status) }).toEqual({ bad: bad.name, status: true });
				expect(refused.delivery?.emitted).toBeUndefined();
				expect(refused.delivery?.collected).toBeUndefined();
				figures.rejected++;

				const good = await send(alibabaPriceMessage(id), { secret: SECRET });
				expect(good.res.status).toBe(200);
				expect(good.delivery!.emitted).toHaveLength(1);
				expect((good.delivery!.collected![0].json.body as { baseInfo: { id: string } }).baseInfo.id).toBe(id);
				figures.validAccepted++;
			}
		}
	});

	it('replays of a delivered push (same bytes, and with a new timestamp) are acknowledged and emit nothing; a new message passes after them', async () => {
		const body = alibabaPriceMessage('2542285634920889999', 77);
		const first = await send(body, { secret: SECRET });
		expect(first.delivery!.emitted).toHaveLength(1);
		for (const replay of [body, body, body.replace(/"timestamp":"\d+"/, `"timestamp":"${Date.now() + 60_000}"`)]) {
			const again = await send(replay, { secret: SECRET });
			expect(again.res.status).toBe(200);
			expect(again.delivery!.emitted).toBeUndefined();
			figures.replaysDeduplicated++;
		}
		const next = await send(alibabaPriceMessage('2542285634920889999', 78), { secret: SECRET });
		expect(next.delivery!.emitted).toHaveLength(1);
		figures.validAccepted++;
	});

	it('the 1 MiB hostile body (1234567890123456 then "\\ repeated): unsigned → 401, signed → 400, each in milliseconds', async () => {
		const hostile = '1234567890123456' + '"\\'.repeat((1024 * 1024 - 16) / 2);
		expect(hostile.length).toBe(1024 * 1024);
		const timed = async (options: Parameters<typeof post>[2]) => {
			const started = process.hrtime.bigint();
			const res = await send(hostile, options);
			return { ...res, ms: Number(process.hrtime.bigint() - started) / 1e6 };
		};
		const unsigned = await timed({ authorization: null, contentType: 'text/json' });
		const signed = await timed({ secret: SECRET, contentType: 'text/json' });
		expect([unsigned.res.status, signed.res.status]).toEqual([401, 400]);
		expect(unsigned.delivery?.emitted).toBeUndefined();
		expect(signed.delivery?.emitted).toBeUndefined();
		expect(Math.max(unsigned.ms, signed.ms)).toBeLessThan(2000); // generous; milliseconds in practice
		figures.hostile1MiBUnsignedMs = Math.round(unsigned.ms);
		figures.hostile1MiBSignedMs = Math.round(signed.ms);
		figures.rejected += 2;
	});

	it('unparsable JSON declared as JSON is refused (422) before the node sees it', async () => {
		const { res, arrived } = await send('{"messageType":"1688_X","messageBody":{', { secret: SECRET });
		expect(res.status).toBe(422);
		expect(arrived).toBe(0);
		figures.rejected++;
	});
	// Last: a long synchronous loop, so no HTTP request races the server's keep-alive timeout after it.
	it('the dedupe store at 20,000 messages in one window: every one known, size and cost per push (with n8n\'s JSON load and save)', () => {
		let saved = '{}';
		const t0 = Date.now();
		const step = Math.floor((3 * 60 * 60 * 1000) / 20_000);
		const ids = Array.from({ length: 20_000 }, (_, n) => messageIdentity('1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY', '1688', { orderId: String(2542285634920880000n + BigInt(n)) }));
		let fresh = 0;
		let store = JSON.parse(saved);
		for (let n = 0; n < 20_000; n++) {
			if (!seenBefore(store, ids[n], t0 + n * step)) fresh++;
			if (n % 500 === 0) store = JSON.parse(JSON.stringify(store)); // as n8n saves and reloads it
		}
		saved = JSON.stringify(store);
		expect(fresh).toBe(20_000);
		expect(storedEntries(JSON.parse(saved))).toBe(20_000);
		const started = process.hrtime.bigint();
		let known = 0;
		for (let n = 0; n < 1000; n++) {
			const s = JSON.parse(saved);
			if (seenBefore(s, ids[n * 20], t0 + 20_000 * step)) known++;
			JSON.stringify(s);
		}
		const perPushMs = Number(process.hrtime.bigint() - started) / 1e6 / 1000;
		expect(known).toBe(1000);
		figures.dedupeEntries = 20_000;
		figures.dedupeStoreBytes = saved.length;
		figures.dedupePerPushMsWithJsonRoundTrip = Math.round(perPushMs * 100) / 100;
	});
});
