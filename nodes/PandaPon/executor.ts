import { NodeError, NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { Params } from './operations/params';
import type { OperationSpec, PagingSpec, RequestParts } from './operations/types';
import { Pacer } from './transport/pacer';
import {
	DEFAULT_RETRY,
	DEFAULT_TIMEOUT_MS,
	pandaPonApiRequest,
	type PandaPonEnvelope,
} from './transport/request';

export interface RunSettings {
	concurrency: number;
	pacer: Pacer;
	timeoutMs: number;
	retries: number;
}

export function readSettings(ctx: IExecuteFunctions): RunSettings {
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		concurrency: Math.max(1, Number(options.maxConcurrency ?? 5)),
		pacer: new Pacer(Number(options.requestsPerSecond ?? 0)),
		timeoutMs: Number(options.timeout ?? DEFAULT_TIMEOUT_MS),
		retries: Math.max(0, Number(options.retries ?? DEFAULT_RETRY.retries)),
	};
}

/** Finds the operation record an item asks for. */
export function specFor(
	ctx: IExecuteFunctions,
	specs: Map<string, OperationSpec>,
	itemIndex: number,
): OperationSpec {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const operation = ctx.getNodeParameter('operation', itemIndex) as string;
	const spec = specs.get(`${resource}:${operation}`);
	if (!spec) throw new Error(`Unknown operation ${resource}:${operation}`);
	return spec;
}

/** Keeps n8n errors as they are; wraps anything else so it names the node and item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** An error item: what happened, PandaPon's code and request ID, and how to fix it. */
export function errorJson(error: Error & { description?: string | null; pandaPon?: IDataObject }): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error.pandaPon) {
		json.code = error.pandaPon.code;
		json.requestId = error.pandaPon.requestId;
	}
	return json;
}

/** Runs one item's operation and returns its records. */
export async function runItem(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	itemIndex: number,
	labels: Record<string, string>,
	settings: RunSettings,
): Promise<IDataObject[]> {
	return runOperation(ctx, spec, new Params(ctx, itemIndex, labels), settings);
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

async function runOperation(
	ctx: IExecuteFunctions,
	spec: OperationSpec,
	params: Params,
	settings: RunSettings,
): Promise<IDataObject[]> {
	const parts = await spec.request(params);
	const send = (overrides: Partial<RequestParts> = {}) => {
		const p = { ...parts, ...overrides };
		const write = p.write ?? spec.write;
		return pandaPonApiRequest.call(ctx, {
			method: p.method ?? spec.method,
			path: p.path ?? spec.path,
			body: p.body,
			rawBody: p.rawBody,
			query: p.query,
			write,
			checkHint: spec.checkHint,
			itemIndex: params.itemIndex,
			pacer: settings.pacer,
			timeoutMs: settings.timeoutMs,
			retry: { ...DEFAULT_RETRY, retries: settings.retries },
		});
	};

	let records: IDataObject[];
	if (spec.paging) {
		const returnAll = params.bool('returnAll');
		const limit = returnAll ? Infinity : (params.int('limit', { min: 1 }) ?? 50);
		records = (await fetchPages(spec.paging, parts, returnAll, limit, send)).map(asItemJson);
	} else {
		records = toRecords(await send(), spec.resultPath);
	}
	return spec.simplify && params.bool('simplify', true) ? records.map(spec.simplify) : records;
}

/** Walks page-numbered lists until the limit, the reported total, or a short page. */
export async function fetchPages(
	paging: PagingSpec,
	parts: RequestParts,
	returnAll: boolean,
	limit: number,
	send: (overrides: Partial<RequestParts>) => Promise<PandaPonEnvelope>,
): Promise<unknown[]> {
	const pageSize = returnAll ? paging.maxPageSize : Math.min(limit, paging.maxPageSize);
	const out: unknown[] = [];
	for (let page = 1; ; page++) {
		const pageArgs = { [paging.pageParam]: page, [paging.sizeParam]: pageSize };
		const overrides: Partial<RequestParts> =
			paging.in === 'body'
				? { body: { ...(parts.body as IDataObject), ...pageArgs } }
				: { query: { ...parts.query, ...pageArgs } };
		const envelope = await send(overrides);
		const list = pick(envelope.data, paging.listPath);
		const records = Array.isArray(list) ? list : [];
		out.push(...records);
		const total = paging.totalPath ? Number(pick(envelope.data, paging.totalPath)) : NaN;
		if (out.length >= limit) break;
		if (records.length < pageSize) break;
		if (Number.isFinite(total) && page * pageSize >= total) break;
	}
	return out.length > limit ? out.slice(0, limit) : out;
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
