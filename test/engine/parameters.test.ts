/**
 * How the node reads its parameters, in n8n's real engine: a parameter with an expression is still
 * evaluated for each item (also when many items are read ahead in one go, and an item's expression
 * error stays that item's), and a parameter without one is read from n8n once per execution.
 */
import { ExecuteContext } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { runPandaPon, type SandboxCredentials } from '../helpers/engine';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const BIG_ITEM = '600126245031041190';
const ITEM = '672991141190';

let sb: TestSandbox;
let creds: SandboxCredentials;

beforeAll(async () => {
	sb = await startTestSandbox();
	creds = sb.nodeCredentials;
});
afterAll(() => sb?.close());
beforeEach(() => sb.resetCounters());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const itemOf = (pairedItem: unknown) => (pairedItem as { item: number }).item;

/** Counts n8n's own parameter reads by name while `fn` runs. */
async function countingReads<T>(fn: () => Promise<T>): Promise<{ result: T; reads: Record<string, number> }> {
	const reads: Record<string, number> = {};
	const proto = ExecuteContext.prototype as unknown as { _getNodeParameter: (this: unknown, name: string, ...rest: unknown[]) => unknown };
	const original = proto._getNodeParameter;
	const spy = jest.spyOn(proto, '_getNodeParameter').mockImplementation(function (this: unknown, name: string, ...rest: unknown[]) {
		reads[name] = (reads[name] ?? 0) + 1;
		return original.call(this, name, ...rest);
	});
	try {
		return { result: await fn(), reads };
	} finally {
		spy.mockRestore();
	}
}

describe('parameters with expressions are evaluated for each item', () => {
	it('Item and Simplify take each item its own value', async () => {
		const input = [
			{ id: BIG_ITEM, simple: true },
			{ id: ITEM, simple: false },
			{ id: BIG_ITEM, simple: false },
			{ id: ITEM, simple: true },
		];
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ $json.id }}'), simplify: '={{ $json.simple }}' },
			creds,
			input,
		);
		expect(error).toBeUndefined();
		expect(sb.count('GET /open/product/get')).toBe(4);
		expect(items.map((i) => itemOf(i.pairedItem))).toEqual([0, 1, 2, 3]);
		// simplified records name the product productId; whole records keep itemId and skuList
		expect(items[0].json).toMatchObject({ productId: BIG_ITEM });
		expect(items[1].json).toMatchObject({ itemId: ITEM, skuList: expect.any(Array) });
		expect(items[2].json).toMatchObject({ itemId: BIG_ITEM, skuList: expect.any(Array) });
		expect(items[3].json).toMatchObject({ productId: ITEM });
	});

	it('Limit, read per item, gives each item that many records', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'getAll', returnAll: false, limit: '={{ $json.n }}' },
			creds,
			[{ n: 1 }, { n: 3 }, { n: 2 }],
		);
		expect(error).toBeUndefined();
		const perItem = [0, 1, 2].map((i) => items.filter((it) => itemOf(it.pairedItem) === i).length);
		expect(perItem).toEqual([1, 3, 2]);
	});

	it('250 items (more than are read ahead at once) each get their own id', async () => {
		const input = Array.from({ length: 250 }, (_, i) => ({ id: i % 3 === 0 ? ITEM : BIG_ITEM }));
		const { items, error } = await runPandaPon({ resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ $json.id }}') }, creds, input);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		for (const item of items) expect((item.json as IDataObject).productId).toBe(input[itemOf(item.pairedItem)].id);
	});

	it("an expression that fails for one item (read ahead with the others) fails that item only", async () => {
		const parameters = { resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ $json.id ? $json.id : $("Nope").item.json.id }}') };
		const input = [{ id: BIG_ITEM }, {}, { id: ITEM }];

		const onFail = await runPandaPon(parameters, creds, input, { onError: 'continueRegularOutput' });
		expect(onFail.error).toBeUndefined();
		expect(onFail.items.map((i) => itemOf(i.pairedItem))).toEqual([0, 1, 2]);
		expect(onFail.items[0].json.productId).toBe(BIG_ITEM);
		expect(onFail.items[1].json.error).toBe("Referenced node doesn't exist");
		expect(onFail.items[2].json.productId).toBe(ITEM);

		const stopped = await runPandaPon(parameters, creds, input);
		expect(stopped.error?.message).toBe("Referenced node doesn't exist");
		expect(stopped.error?.context?.itemIndex).toBe(1);
	});
});

describe('parameters without expressions are read once per execution', () => {
	it('over 6 items, n8n works out a fixed Item and Simplify once; an expression once per item', async () => {
		const input = Array.from({ length: 6 }, () => ({ id: BIG_ITEM }));
		const fixed = await countingReads(() =>
			runPandaPon({ resource: 'taobaoProduct', operation: 'get', itemId: byId(BIG_ITEM), simplify: false }, creds, input),
		);
		expect(fixed.result.error).toBeUndefined();
		expect(fixed.result.items).toHaveLength(6);
		for (const item of fixed.result.items) expect(item.json).toMatchObject({ itemId: BIG_ITEM, skuList: expect.any(Array) });
		expect(fixed.reads.itemId).toBe(1);
		expect(fixed.reads.simplify).toBe(1);

		const perItem = await countingReads(() =>
			runPandaPon({ resource: 'taobaoProduct', operation: 'get', itemId: byId('={{ $json.id }}') }, creds, input),
		);
		expect(perItem.result.error).toBeUndefined();
		expect(perItem.reads.itemId).toBe(6);
		expect(perItem.reads.simplify).toBe(1);
	});

	it('a fixed collection (Filters) applies to every item', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoOrder', operation: 'getAll', returnAll: false, limit: 2, filters: { status: 10 } },
			creds,
			[{}, {}, {}],
		);
		expect(error).toBeUndefined();
		expect(sb.count('GET /open/order/page')).toBe(3);
		expect(sb.lastQuery('GET /open/order/page').get('status')).toBe('10');
		expect(items).toHaveLength(6);
	});
});
