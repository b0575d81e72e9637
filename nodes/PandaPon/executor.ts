import { NodeError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { Params } from './helpers/params';
import { idsAsText } from './helpers/simplify';
import type { OperationSpec, PagingSpec, RequestParts } from './helpers/types';
import { PandaPonApiError } from '../shared/transport/errors';
import { Pacer, forEachBounded } from '../shared/transport/pacer';
import {
	DEFAULT_RETRY,
	DEFAULT_TIMEOUT_MS,
	pandaPonApiRequest,
	type PandaPonEnvelope,
} from '../shared/transport/request';

export interface RunSettings {
	concurrency: number;
	pacer: Pacer;
	timeoutMs: number;
	retries: number;
	batching: boolean;
}

/** What one input item came to: its records, or the error that stopped it. */
export type Outcome = { records: IDataObject[] } | { error: unknown };

export function readSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		concurrency: Math.max(1, Number(options.maxConcurrency ?? 5)),
		pacer: new Pacer(Number(options.requestsPerSecond ?? 0)),
		timeoutMs: Number(options.timeout ?? DEFAULT_TIMEOUT_MS),
		retries: Math.max(0, Number(options.retries ?? DEFAULT_RETRY.retries)),
		batching: options.batching !== false,
	};
}

/** Finds the operation record; resource and operation take no expressions, so item 0 decides. */
export function specFor(ctx: IExecuteFunctions, specs: Map<string, OperationSpec>): OperationSpec {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const spec = specs.get(`${resource}:${operation}`);
	if (!spec) {
		throw new NodeOperationError(ctx.getNode(), `Unknown operation ${resource}:${operation}`, {
			description: 'This node version does not know the chosen Resource and Operation; choose them again in the node.',
		});
	}
	return spec;
}

/** Keeps n8n errors as they are; wraps anything else so it names the node and item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** An error item: what happened, PandaPon's code and request ID, and how to fix it. */
export function errorJson(thrown: unknown): IDataObject {
	const error = thrown as Error & { description?: string | null };
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof PandaPonApiError) {
		json.code = error.code;
		json.requestId = error.requestId;
	}
	return json;
}

/**
 * Runs every item through its operation, at most `concurrency` at a time. With `stopOnError`
 * (no Continue On Fail) nothing new starts after a failure.
 */
export async function runEach(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	labels: Record<string, string>,
	settings: RunSettings,
	itemCount: number,
	concurrency: number,
	stopOnError: boolean,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = new Array(itemCount);
	let failed = false;
	await forEachBounded(itemCount, concurrency, async (itemIndex) => {
		if (failed && stopOnError) return;
		try {
			const params = new Params(ctx, itemIndex, labels);
			outcomes[itemIndex] = { records: await runOperation(ctx, spec, params, settings) };
		} catch (error) {
			failed = true;
			outcomes[itemIndex] = { error };
		}
	});
	return outcomes;
}

/** Batch coalescing: items share requests of up to `coalesce.max` entries. */
export async function runCoalesced(
	ctx: IExecuteFunctions,
	spec: OperationSpec & { coalesce: NonNullable<OperationSpec['coalesce']> },
	labels: Record<string, string>,
	settings: RunSettings,
	itemCount: number,
): Promise<Outcome[]> {
	const outcomes: Outcome[] = new Array(itemCount);
	const asks: Array<{ itemIndex: number; entries: IDataObject[] }> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			asks.push({ itemIndex, entries: spec.coalesce.entries(new Params(ctx, itemIndex, labels)) });
		} catch (error) {
			outcomes[itemIndex] = { error };
		}
	}
	// Fill each batch with whole items, in input order.
	const batches: Array<typeof asks> = [];
	let size = Infinity;
	for (const ask of asks) {
		if (size + ask.entries.length > spec.coalesce.max) {
			batches.push([]);
			size = 0;
		}
		batches[batches.length - 1].push(ask);
		size += ask.entries.length;
	}
	await forEachBounded(batches.length, settings.concurrency, async (b) => {
		const batch = batches[b];
		const first = batch[0].itemIndex;
		try {
			const parts = spec.coalesce.request(batch.flatMap((a) => a.entries));
			const envelope = await send(ctx, spec, parts, first, settings);
			for (const ask of batch) {
				outcomes[ask.itemIndex] = { records: idsAsText(spec.coalesce.pick(envelope.data, ask.entries)) };
			}
		} catch (error) {
			for (const ask of batch) outcomes[ask.itemIndex] = { error };
		}
	});
	return outcomes;
}

/** When the operation builds one request from all input items, runs it and returns its records. */
export async function runCombined(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	itemCount: number,
	labels: Record<string, string>,
	settings: RunSettings,
): Promise<IDataObject[] | undefined> {
	const first = new Params(ctx, 0, labels);
	if (!spec.combineItems || !spec.combineItems.when(first)) return undefined;
	const all = [first, ...Array.from({ length: itemCount - 1 }, (_, i) => new Params(ctx, i + 1, labels))];
	const parts = await spec.combineItems.request(all);
	return runOperation(ctx, { ...spec, request: () => parts }, first, settings);
}

async function send(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	p: RequestParts,
	itemIndex: number,
	settings: RunSettings,
): Promise<PandaPonEnvelope> {
	const envelope = await pandaPonApiRequest.call(ctx, {
		method: p.method ?? spec.method,
		path: p.path ?? spec.path,
		body: p.body,
		rawBody: p.rawBody,
		query: p.query,
		write: p.write ?? spec.write,
		checkHint: spec.checkHint,
		itemIndex,
		pacer: settings.pacer,
		timeoutMs: settings.timeoutMs,
		retry: { ...DEFAULT_RETRY, retries: settings.retries },
	});
	const failure = spec.checkData?.(envelope.data);
	if (failure) {
		const { requestId } = envelope;
		throw new PandaPonApiError(ctx.getNode(), { code: failure.code, msg: failure.message, requestId }, {
			message: failure.message,
			description: `${failure.hint} Request ID: ${requestId ?? 'none'}.`,
			itemIndex,
		});
	}
	return envelope;
}

async function runOperation(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	params: Params,
	settings: RunSettings,
): Promise<IDataObject[]> {
	const parts = await spec.request(params);
	const sendWith = (overrides: Partial<RequestParts> = {}) =>
		send(ctx, spec, { ...parts, ...overrides }, params.itemIndex, settings);

	let records: IDataObject[];
	if (spec.paging) {
		const returnAll = params.bool('returnAll');
		const limit = returnAll ? Infinity : (params.int('limit', { min: 1 }) ?? 50);
		const pages = await fetchPages(spec.paging, parts, returnAll, limit, sendWith, settings.concurrency);
		records = pages.map(asItemJson);
	} else {
		records = toRecords(await sendWith(), spec.resultPath);
	}
	return outputRecords(spec, records, spec.simplify !== undefined && params.bool('simplify', true));
}

/** What the node outputs for the records PandaPon answered: ids as text, simplified when asked. */
export function outputRecords(spec: OperationSpec, records: IDataObject[], simplify: boolean): IDataObject[] {
	idsAsText(records);
	return spec.simplify && simplify ? records.map(spec.simplify) : records;
}

/**
 * Walks page-numbered lists until the limit, the reported total, or a short page. When the
 * first page reports the total, the remaining pages are fetched in parallel (bounded), in order.
 */
export async function fetchPages(
	paging: PagingSpec,
	parts: RequestParts,
	returnAll: boolean,
	limit: number,
	send: (overrides: Partial<RequestParts>) => Promise<PandaPonEnvelope>,
	concurrency = 1,
): Promise<unknown[]> {
	const pageSize = returnAll ? paging.maxPageSize : Math.min(limit, paging.maxPageSize);
	const fetchPage = async (page: number) => {
		const pageArgs = { [paging.pageParam]: page, [paging.sizeParam]: pageSize };
		const overrides: Partial<RequestParts> =
			paging.in === 'body'
				? { body: { ...(parts.body as IDataObject), ...pageArgs } }
				: { query: { ...parts.query, ...pageArgs } };
		const envelope = await send(overrides);
		const list = pick(envelope.data, paging.listPath);
		const total = paging.totalPath ? Number(pick(envelope.data, paging.totalPath)) : NaN;
		return { records: Array.isArray(list) ? list : [], total };
	};

	const first = await fetchPage(1);
	const out: unknown[] = [...first.records];
	const wanted = Math.min(limit, Number.isFinite(first.total) ? first.total : Infinity);
	if (out.length >= wanted || first.records.length < pageSize) return out.slice(0, limit);

	if (Number.isFinite(first.total)) {
		const lastPage = Math.ceil(wanted / pageSize);
		const pages: unknown[][] = new Array(lastPage - 1);
		await forEachBounded(lastPage - 1, concurrency, async (i) => {
			pages[i] = (await fetchPage(i + 2)).records;
		});
		for (const records of pages) out.push(...records);
		return out.slice(0, limit);
	}

	for (let page = 2; out.length < limit; page++) {
		const { records } = await fetchPage(page);
		out.push(...records);
		if (records.length < pageSize) break;
	}
	return out.slice(0, limit);
}

export function pick(data: unknown, path: string | undefined): unknown {
	if (!path) return data;
	let cur = data;
	for (const key of path.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as IDataObject)[key];
	}
	return cur;
}

export function toRecords(envelope: PandaPonEnvelope, resultPath?: string): IDataObject[] {
	const data = pick(envelope.data, resultPath);
	if (Array.isArray(data)) return data.map(asItemJson);
	return [asItemJson(data)];
}

function asItemJson(value: unknown): IDataObject {
	if (value === null || value === undefined) return { success: true };
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	return { result: value as IDataObject[keyof IDataObject] };
}
