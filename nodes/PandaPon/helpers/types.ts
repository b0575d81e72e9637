import type { IDataObject, IHttpRequestMethods, INodeProperties } from 'n8n-workflow';

import type { Params } from './params';

/** What one operation sends; ids meant as JSON integers are `JsonInteger`s. */
export interface RequestParts {
	body?: IDataObject | unknown[];
	/** Body text sent verbatim (Custom API Call keeps the user's JSON exactly). */
	rawBody?: string;
	query?: IDataObject;
	/** Replaces the spec's path (e.g. a path parameter, or Custom API Call). */
	path?: string;
	method?: IHttpRequestMethods;
	write?: boolean;
}

/** Page-numbered lists: Return All / Limit walk the pages. */
export interface PagingSpec {
	/** Name of the page-number parameter (`pageNo` or `beginPage`); pages start at 1. */
	pageParam: string;
	sizeParam: string;
	maxPageSize: number;
	/** Where page and size go. */
	in: 'body' | 'query';
	/** Dot path inside `data` to the page's records ('' = `data` itself). */
	listPath: string;
	/** Dot path inside `data` to the total record count, when the API reports it. */
	totalPath?: string;
}

export type ApiDocs = 'documented' | 'partial' | 'inferred';

export interface OperationSpec {
	resource: string;
	/** Operation value, unique within the resource. */
	value: string;
	name: string;
	/** Sentence shown in the actions panel, e.g. "Get a 1688 order". */
	action: string;
	description: string;
	/** Catalog id (`1688.order.get`), or `custom`. */
	catalogId: string;
	/**
	 * How much of the endpoint PandaPon publishes: 'documented' (path and fields), 'partial'
	 * (path, with fields missing or uncertain), 'inferred' (path guessed from PandaPon's naming).
	 * Generates the notice shown with the operation and the README's operations table.
	 */
	apiDocs: ApiDocs;
	/** A caveat about how the request is sent, shown in the same notice. */
	apiNote?: string;
	method: IHttpRequestMethods;
	path: string;
	/** Create, pay, cancel, submit…: never re-sent automatically. */
	write: boolean;
	/** Tells the user how to check an unanswered write. */
	checkHint?: string;
	/** Parameters shown for this operation (display options are added by the node). */
	properties: INodeProperties[];
	/** Builds the request for one item; throws a clear error on bad input before anything is sent. */
	request(params: Params): RequestParts | Promise<RequestParts>;
	/** Dot path inside `data` to the result; arrays become one item per record. */
	resultPath?: string;
	paging?: PagingSpec;
	/**
	 * Failures reported inside a code-200 answer (1688's `success: false` in `data`): returns
	 * what to show, and the executor fails the item with it.
	 */
	checkData?: (data: unknown) => { code: string; message: string; hint: string } | undefined;
	/** Trims a fat record to the fields people use; the node adds a Simplify switch (on by default). */
	simplify?: (record: IDataObject) => IDataObject;
	/**
	 * Batch coalescing: items that each ask for a few records share requests of up to `max`
	 * entries (e.g. 1,000 items asking for one product become 1,000 / max calls).
	 */
	coalesce?: {
		max: number;
		/** What this item asks for, one entry per record; validates like request(). */
		entries(params: Params): IDataObject[];
		/** One request carrying many items' entries. */
		request(entries: IDataObject[]): RequestParts;
		/** This item's records, taken from the shared answer's `data`. */
		pick(data: unknown, entries: IDataObject[]): IDataObject[];
	};
	/**
	 * Operations that can build ONE request from ALL input items (e.g. order lines from input
	 * items). When `when` is true for item 0, `request` gets every item's Params and the single
	 * result is paired with all input items.
	 */
	combineItems?: {
		when(first: Params): boolean;
		request(all: Params[]): RequestParts | Promise<RequestParts>;
	};
}
