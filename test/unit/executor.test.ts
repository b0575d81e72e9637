/**
 * The executor's moving parts on their own, without HTTP: paging (fetchPages), batch coalescing
 * (runCoalesced) with a stub context that plays PandaPon, and the field labels errors quote
 * (labelsOf).
 */
import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { labelsOf } from '../../nodes/PandaPon/description';
import { fetchPages, readSettings, runCoalesced, type Outcome } from '../../nodes/PandaPon/executor';
import type { OperationSpec, PagingSpec, RequestParts } from '../../nodes/PandaPon/helpers/types';
import { OPERATIONS } from '../../nodes/PandaPon/operations';
import { PandaPon } from '../../nodes/PandaPon/PandaPon.node';
import { parseJson } from '../../nodes/shared/transport/json';
import type { PandaPonEnvelope } from '../../nodes/shared/transport/request';
import { stubContext, type StubRequest } from '../helpers/stub-context';

const envelope = (data: unknown): PandaPonEnvelope => ({ requestId: 'r', code: 200, developId: null, msg: '成功', data });

/** A list of `total` numbered records served in pages; records the page arguments asked for. */
function pagedList(paging: PagingSpec, total: number, { reportTotal = true } = {}) {
	const asked: Array<Partial<RequestParts>> = [];
	const send = async (overrides: Partial<RequestParts>) => {
		asked.push(overrides);
		const args = (paging.in === 'body' ? overrides.body : overrides.query) as IDataObject;
		const page = Number(args[paging.pageParam]);
		const size = Number(args[paging.sizeParam]);
		const records = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => ({ n: (page - 1) * size + i }));
		return envelope({ list: records, ...(reportTotal ? { total } : {}) });
	};
	const pagesAsked = () => asked.map((o) => Number(((paging.in === 'body' ? o.body : o.query) as IDataObject)[paging.pageParam]));
	return { send, asked, pagesAsked };
}

describe('fetchPages', () => {
	const body: PagingSpec = { pageParam: 'pageNo', sizeParam: 'pageSize', maxPageSize: 50, in: 'body', listPath: 'list', totalPath: 'total' };
	const query: PagingSpec = { ...body, pageParam: 'beginPage', in: 'query', totalPath: undefined };
	const numbers = (records: unknown[]) => records.map((r) => (r as { n: number }).n);

	it('a Limit below the page size asks one page of exactly that size, keeping the other body fields', async () => {
		const list = pagedList(body, 500);
		const records = await fetchPages(body, { body: { keyword: 'bag' } }, false, 7, list.send);
		expect(numbers(records)).toEqual([0, 1, 2, 3, 4, 5, 6]);
		expect(list.asked).toEqual([{ body: { keyword: 'bag', pageNo: 1, pageSize: 7 } }]);
	});

	it('a reported total bounds the pages: the rest are fetched side by side and returned in order', async () => {
		const list = pagedList(body, 180);
		const records = await fetchPages(body, { body: {} }, true, Infinity, list.send, 3);
		expect(numbers(records)).toEqual([...Array(180).keys()]);
		expect(list.pagesAsked().sort()).toEqual([1, 2, 3, 4]);
		expect(list.asked.every((o) => (o.body as IDataObject).pageSize === 50)).toBe(true);
	});

	it('a Limit above one page stops at the limit, not at the total', async () => {
		const list = pagedList(body, 1000);
		const records = await fetchPages(body, { body: {} }, false, 120, list.send, 2);
		expect(numbers(records)).toEqual([...Array(120).keys()]);
		expect(list.pagesAsked().sort()).toEqual([1, 2, 3]);
	});

	it('without a total, Return All walks page by page until a short page', async () => {
		const list = pagedList(query, 120, { reportTotal: false });
		const records = await fetchPages(query, { query: { status: 10 } }, true, Infinity, list.send);
		expect(numbers(records)).toEqual([...Array(120).keys()]);
		expect(list.pagesAsked()).toEqual([1, 2, 3]);
		expect(list.asked[2]).toEqual({ query: { status: 10, beginPage: 3, pageSize: 50 } });
	});

	it('an exactly full last page costs one more, empty, page when no total is reported', async () => {
		const list = pagedList(query, 100, { reportTotal: false });
		expect(await fetchPages(query, { query: {} }, true, Infinity, list.send)).toHaveLength(100);
		expect(list.pagesAsked()).toEqual([1, 2, 3]);
	});

	it('an answer without a list at the list path is an empty page', async () => {
		const send = async () => envelope({ other: [1, 2] });
		expect(await fetchPages(body, { body: {} }, true, Infinity, send)).toEqual([]);
	});
});

describe('runCoalesced (Taobao Check Availability: up to 20 products a request)', () => {
	const spec = OPERATIONS.find((s) => s.resource === 'taobaoProduct' && s.value === 'getManyByIds')!;
	const coalesced = { ...spec, coalesce: spec.coalesce! };
	const description = new PandaPon().description;
	const item = (...itemIds: string[]): INodeParameters => ({ resource: 'taobaoProduct', operation: 'getManyByIds', products: { product: itemIds.map((itemId) => ({ itemId })) } });
	/** The item ids a batch request asks about (a JSON string in the body's `params`). */
	const idsIn = (r: StubRequest) => (parseJson(String((parseJson(r.body!) as IDataObject).params)) as IDataObject[]).map((e) => String(e.itemId));
	/** PandaPon's batch answer: every asked item buyable, except those listed; a refusal when `fail` is asked about. */
	const answer = (refuse: string[] = [], fail?: string) => (request: StubRequest) => {
		const ids = idsIn(request);
		if (fail && ids.includes(fail)) return { requestId: 'bad', code: 40010, msg: 'Invalid parameter: params', developId: null, data: null };
		return {
			mpProducts: ids.filter((id) => !refuse.includes(id)).map((itemId) => ({ itemId, mpId: `mp${itemId}` })),
			noMpProductItemIds: ids.filter((id) => refuse.includes(id)),
			noMpReasonList: ids.filter((id) => refuse.includes(id)).map((itemId) => ({ itemId, reason: 'off shelf' })),
		};
	};
	const run = async (parameters: INodeParameters[], respond: (r: StubRequest) => unknown) => {
		const { ctx, sent } = stubContext({ description, parameters, answer: respond });
		const outcomes = await runCoalesced(ctx, coalesced, labelsOf(spec), readSettings(ctx), parameters.length);
		return { outcomes, asked: sent.map(idsIn) };
	};
	const recordsOf = (o: Outcome) => ('records' in o ? o.records : undefined);
	const errorOf = (o: Outcome) => ('error' in o ? (o.error as Error).message : undefined);

	it('fills each request with whole items, in input order, up to 20 entries', async () => {
		const items = [...Array.from({ length: 19 }, (_, i) => item(String(1000 + i))), item('2000', '2001', '2002'), item('3000')];
		const { outcomes, asked } = await run(items, answer());
		expect(asked).toEqual([
			Array.from({ length: 19 }, (_, i) => String(1000 + i)),
			['2000', '2001', '2002', '3000'],
		]);
		expect(outcomes).toHaveLength(21);
		expect(recordsOf(outcomes[19])![0].mpProducts).toEqual(['2000', '2001', '2002'].map((itemId) => ({ itemId, mpId: `mp${itemId}` })));
	});

	it('each item gets the parts of the shared answer about its own products', async () => {
		const { outcomes, asked } = await run([item('11', '12'), item('13')], answer(['12']));
		expect(asked).toEqual([['11', '12', '13']]);
		expect(recordsOf(outcomes[0])).toEqual([
			{ mpProducts: [{ itemId: '11', mpId: 'mp11' }], noMpProductItemIds: ['12'], noMpReasonList: [{ itemId: '12', reason: 'off shelf' }] },
		]);
		expect(recordsOf(outcomes[1])).toEqual([{ mpProducts: [{ itemId: '13', mpId: 'mp13' }], noMpProductItemIds: [], noMpReasonList: [] }]);
	});

	it('an item with bad input fails alone, naming the field and the item, and is not sent', async () => {
		const { outcomes, asked } = await run([item('11'), item('12x'), item('13')], answer());
		expect(asked).toEqual([['11', '13']]);
		expect(errorOf(outcomes[1])).toMatch(/^"Products" → product 1 "Item ID" .*\[item 1\]$/);
		expect(recordsOf(outcomes[0])).toHaveLength(1);
		expect(recordsOf(outcomes[2])).toHaveLength(1);
	});

	it('a refused request fails every item in it, and only those', async () => {
		const items = [...Array.from({ length: 20 }, (_, i) => item(String(100 + i))), item('900'), item('901')];
		const { outcomes, asked } = await run(items, answer([], '900'));
		expect(asked.map((a) => a.length)).toEqual([20, 2]);
		expect(outcomes.slice(0, 20).every((o) => recordsOf(o) !== undefined)).toBe(true);
		expect(outcomes.slice(20).map(errorOf)).toEqual(['PandaPon error 40010: Invalid parameter: params', 'PandaPon error 40010: Invalid parameter: params']);
	});
});

describe('labelsOf', () => {
	const spec = {
		properties: [
			{ displayName: 'Order', name: 'orderId', type: 'string', default: '' },
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				default: {},
				options: [
					{ displayName: 'Status', name: 'status', type: 'string', default: '' },
					{ displayName: 'Order (in filters)', name: 'orderId', type: 'string', default: '' },
				],
			},
			{
				displayName: 'Lines',
				name: 'lines',
				type: 'fixedCollection',
				default: {},
				options: [{ displayName: 'Line', name: 'line', values: [{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1 }] }],
			},
		] as INodeProperties[],
	} as OperationSpec;

	it('quotes display names by parameter name, inside collections too; the first of a name wins', () => {
		expect(labelsOf(spec)).toMatchObject({ orderId: '"Order"', filters: '"Filters"', status: '"Status"', lines: '"Lines"' });
	});

	it('always knows the paging fields the node adds', () => {
		expect(labelsOf(spec)).toMatchObject({ returnAll: '"Return All"', limit: '"Limit"' });
	});

	it('every parameter of every operation has a label, so errors quote what the user sees', () => {
		for (const s of OPERATIONS) {
			const labels = labelsOf(s);
			const missing = s.properties.filter((p) => !/^".+"$/.test(labels[p.name] ?? ''));
			expect([`${s.resource}:${s.value}`, missing.map((p) => p.name)]).toEqual([`${s.resource}:${s.value}`, []]);
		}
	});
});
