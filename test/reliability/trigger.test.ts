/**
 * Trigger: forged, tampered, truncated, replayed, oversized and wrong-content-type pushes are
 * rejected (401/400/422) or deduplicated with nothing emitted, in a seeded random order; valid
 * pushes still pass after each of them.
 */
import { startTriggerHarness, type TriggerHarness } from '../trigger/harness';
import { CREDENTIALS, SECRET, alibabaPriceMessage, post, sign } from '../trigger/push';
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
	{ name: 'signature with a Bearer prefix', make: (id) => ({ body: alibabaPriceMessage(id), options: { authorization: `Bearer ${sign(alibabaPriceMessage(id), SECRET)}` } }), status: [401] },
];

describe('hostile and broken pushes', () => {
	const figures = { rejected: 0, replaysDeduplicated: 0, validAccepted: 0 };
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
		for (const replay of [body, body, body.replace('"1779263269913"', '"1779263999999"')]) {
			const again = await send(replay, { secret: SECRET });
			expect(again.res.status).toBe(200);
			expect(again.delivery!.emitted).toBeUndefined();
			figures.replaysDeduplicated++;
		}
		const next = await send(alibabaPriceMessage('2542285634920889999', 78), { secret: SECRET });
		expect(next.delivery!.emitted).toHaveLength(1);
		figures.validAccepted++;
	});

	it('unparsable JSON declared as JSON is refused (422) before the node sees it', async () => {
		const { res, arrived } = await send('{"messageType":"1688_X","messageBody":{', { secret: SECRET });
		expect(res.status).toBe(422);
		expect(arrived).toBe(0);
		figures.rejected++;
	});
});
