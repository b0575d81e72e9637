/**
 * A stand-in for n8n's IExecuteFunctions for the unit layer: no engine, no HTTP. Parameters get
 * the node description's defaults as n8n's Workflow gives them (NodeHelpers.getNodeParameters);
 * requests go to `answer`, which plays PandaPon, and are recorded as they would be sent.
 */
import { Readable } from 'stream';

import {
	NodeHelpers,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { stringifyJson } from '../../nodes/shared/transport/json';

/** One request as the transport handed it to n8n (body as the text that would be sent). */
export interface StubRequest {
	method: string;
	/** The path below the base URL. */
	path: string;
	query: IDataObject;
	body: string | undefined;
}

export interface StubOptions {
	/** The node's description, for parameter defaults. */
	description: INodeTypeDescription;
	/** The parameters of every item, or one set per item (item i reads the i-th). */
	parameters: INodeParameters | INodeParameters[];
	/** Input items (default: one empty item per parameter set). */
	items?: INodeExecutionData[];
	/** The bytes of every binary property an item names. */
	binary?: Buffer;
	/** PandaPon's answer to a request: an envelope's `data`, or a whole envelope when it has `code`. */
	answer?: (request: StubRequest) => unknown;
	/** Bytes any other URL answers with (an image to download). */
	download?: Buffer;
}

export const BASE_URL = 'https://api.pandapon.test';

export interface StubContext {
	ctx: IExecuteFunctions;
	/** Requests sent to PandaPon, in order. */
	sent: StubRequest[];
	/** The parameters item `i` reads, defaults filled in. */
	parametersOf(itemIndex: number): INodeParameters;
}

function dotted(value: unknown, path: string): unknown {
	let cur = value;
	for (const key of path.split('.')) {
		if (cur === null || typeof cur !== 'object') return undefined;
		cur = (cur as IDataObject)[key];
	}
	return cur;
}

export function stubContext(options: StubOptions): StubContext {
	const sets = Array.isArray(options.parameters) ? options.parameters : [options.parameters];
	const node: INode = {
		id: 'stub',
		name: 'PandaPon',
		type: 'n8n-nodes-pandapon.pandaPon',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const withDefaults = sets.map(
		(p) => NodeHelpers.getNodeParameters(options.description.properties, p, true, false, node, options.description) ?? {},
	);
	const parametersOf = (i: number) => withDefaults[Math.min(i, withDefaults.length - 1)];
	const items = options.items ?? sets.map(() => ({ json: {} }));
	const sent: StubRequest[] = [];

	const answerOf = (request: StubRequest) => {
		const answer = options.answer ? options.answer(request) : {};
		return answer !== null && typeof answer === 'object' && 'code' in answer
			? answer
			: { requestId: 'stub', code: 200, developId: null, msg: '成功', data: answer };
	};

	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => false,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = dotted(parametersOf(itemIndex), name);
			return value === undefined ? fallback : value;
		},
		getCredentials: async () => ({ baseUrl: BASE_URL, accessKey: 'stub-key', accessSecret: 'stub-secret', userId: '1', timestampUnit: 'milliseconds' }),
		helpers: {
			getBinaryDataBuffer: async () => options.binary ?? Buffer.alloc(0),
			httpRequest: async (request: IHttpRequestOptions) => {
				if (!options.download) throw new Error(`unexpected download of ${request.url}`);
				return options.download;
			},
			httpRequestWithAuthentication: async (_type: string, request: IHttpRequestOptions) => {
				const url = new URL(String(request.url));
				const recorded: StubRequest = {
					method: String(request.method),
					path: url.pathname,
					query: (request.qs ?? {}) as IDataObject,
					body: request.body === undefined ? undefined : String(request.body),
				};
				sent.push(recorded);
				const text = stringifyJson(answerOf(recorded));
				return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Readable.from([Buffer.from(text)]) };
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, sent, parametersOf };
}
