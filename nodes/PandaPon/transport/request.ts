import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { parseJson, stringifyJson } from './json';
import type { Pacer } from './pacer';

export type PandaPonContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export interface PandaPonRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/alibaba/order/detail`. */
	path: string;
	/** JSON body; `JsonInteger` values are written as bare digits. */
	body?: unknown;
	query?: IDataObject;
	/** Writes (create, pay, cancel, submit…) are never re-sent automatically. */
	write: boolean;
	itemIndex?: number;
	/** For writes: how the user can find out whether an unanswered write happened. */
	checkHint?: string;
	retry?: RetryPolicy;
	timeoutMs?: number;
	/** Shared by all requests of one execution to respect a requests-per-second limit. */
	pacer?: Pacer;
	/** Body text sent verbatim instead of `body`. */
	rawBody?: string;
}

export interface RetryPolicy {
	/** Extra attempts after the first (reads only). */
	retries: number;
	/** First back-off; doubles on each attempt. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500 };
export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * After a rate-limit answer every request holds back this long, then the pacer spaces them at the
 * learned rate (half a one-second window measured best: no retries used up, no idle window).
 */
const RATE_LIMIT_PAUSE_MS = 500;

export interface PandaPonEnvelope {
	requestId: string | null;
	code: number | string;
	developId: string | number | null;
	msg: string;
	data: unknown;
}

const baseUrls = new WeakMap<object, string>();

/** The credential's base URL, read once per execution context. */
async function baseUrl(ctx: PandaPonContext): Promise<string> {
	let url = baseUrls.get(ctx);
	if (url === undefined) {
		const credentials = await ctx.getCredentials('pandaPonApi');
		url = String(credentials.baseUrl || 'https://api.pandapon.com').replace(/\/+$/, '');
		baseUrls.set(ctx, url);
	}
	return url;
}

/** What went wrong, as a value the retry loop and the error builder share. */
type Failure =
	| { kind: 'network'; reason: string; unknownOutcome: boolean }
	| { kind: 'http'; status: number; snippet: string }
	| { kind: 'malformed'; snippet: string }
	| { kind: 'api'; envelope: PandaPonEnvelope };

const RATE_LIMIT_MSG = /too many|rate.?limit|频繁|限流/i;

export function isRateLimited(envelope: Pick<PandaPonEnvelope, 'code' | 'msg'>): boolean {
	const code = Number(envelope.code);
	return code === 42900 || code === 429 || RATE_LIMIT_MSG.test(String(envelope.msg ?? ''));
}

function retryable(f: Failure): boolean {
	switch (f.kind) {
		case 'network':
			return true;
		case 'http':
			return f.status >= 500 || f.status === 429;
		case 'malformed':
			return true;
		case 'api':
			return isRateLimited(f.envelope) || Number(f.envelope.code) >= 50000;
	}
}

/** One signed call to PandaPon; returns the envelope when HTTP 200 and `code` 200. */
export async function pandaPonApiRequest(
	this: PandaPonContext,
	req: PandaPonRequest,
): Promise<PandaPonEnvelope> {
	const url = (await baseUrl(this)) + req.path;
	const policy = req.write ? { retries: 0, baseDelayMs: 0 } : (req.retry ?? DEFAULT_RETRY);
	let attempt = 0;
	for (;;) {
		await req.pacer?.wait();
		const outcome = await sendOnce(this, url, req);
		if (!('kind' in outcome)) {
			req.pacer?.succeeded();
			return outcome;
		}
		const rateLimited = outcome.kind === 'api' && isRateLimited(outcome.envelope);
		// Every request of this execution holds back and slows down, not just this one.
		if (rateLimited) req.pacer?.rateLimited(RATE_LIMIT_PAUSE_MS);
		if (attempt >= policy.retries || !retryable(outcome)) {
			throw toNodeError(this, req, outcome, attempt + 1);
		}
		await sleep(policy.baseDelayMs * 2 ** attempt);
		attempt++;
	}
}

async function sendOnce(
	ctx: PandaPonContext,
	url: string,
	req: PandaPonRequest,
): Promise<PandaPonEnvelope | Failure> {
	const hasBody = req.method !== 'GET' && (req.body !== undefined || req.rawBody !== undefined);
	let response: { statusCode: number; body: unknown };
	try {
		response = await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'pandaPonApi', {
			method: req.method,
			url,
			qs: req.query,
			headers: hasBody ? { 'Content-Type': 'application/json' } : {},
			body: hasBody ? (req.rawBody ?? stringifyJson(req.body)) : undefined,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: req.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		});
	} catch (error) {
		return { kind: 'network', reason: networkReason(error), unknownOutcome: true };
	}
	const text = typeof response.body === 'string' ? response.body : String(response.body ?? '');
	if (response.statusCode !== 200) {
		return { kind: 'http', status: response.statusCode, snippet: snippet(text) };
	}
	let envelope: PandaPonEnvelope;
	try {
		envelope = parseJson(text) as PandaPonEnvelope;
	} catch {
		return { kind: 'malformed', snippet: snippet(text) };
	}
	if (envelope === null || typeof envelope !== 'object' || !('code' in envelope)) {
		return { kind: 'malformed', snippet: snippet(text) };
	}
	if (Number(envelope.code) !== 200) return { kind: 'api', envelope };
	return envelope;
}

/** A short, secret-free reason for a failed connection (axios errors carry the signed headers). */
function networkReason(error: unknown): string {
	// n8n wraps axios errors in a NodeApiError whose httpCode holds the socket error code.
	const e = error as { code?: string; httpCode?: string; cause?: { code?: string } };
	const code = [e?.httpCode, e?.code, e?.cause?.code].find((c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
	switch (code) {
		case 'ECONNABORTED':
		case 'ETIMEDOUT':
			return 'PandaPon did not answer in time (timeout)';
		case 'ECONNRESET':
		case 'EPIPE':
			return 'the connection to PandaPon was reset';
		case 'ECONNREFUSED':
			return 'the connection to PandaPon was refused';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return "PandaPon's host name could not be resolved";
		default:
			return code ? `network error ${code}` : 'network error';
	}
}

function snippet(text: string): string {
	const flat = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return flat.length > 160 ? flat.slice(0, 157) + '...' : flat;
}

/** Hints keyed on PandaPon's code (sandbox codes) and message words (the real codes are undocumented). */
export function hintFor(envelope: Pick<PandaPonEnvelope, 'code' | 'msg'>): string {
	const code = Number(envelope.code);
	const msg = String(envelope.msg ?? '');
	if (code === 40004 || /timestamp|时间戳|expired|过期/i.test(msg)) {
		return "Check this machine's clock (it must be within 10 minutes of PandaPon's) and the credential's Timestamp Unit.";
	}
	if (code === 40002 || code === 40003 || /signature|签名|access-?key/i.test(msg)) {
		return 'Check the Access Key and Access Secret in the PandaPon API credential (resetting the secret in the console invalidates the old one).';
	}
	if (code === 40001 || /header/i.test(msg)) {
		return 'Check that the credential has Access Key, Access Secret and User ID filled in.';
	}
	if (isRateLimited(envelope)) {
		return 'PandaPon is rate limiting this account: lower the node option Max Requests per Second, or spread the work over time.';
	}
	if (code === 40010 || /param|参数/i.test(msg)) {
		return 'Check the parameter named in the message.';
	}
	if (code === 40410 || /not found|不存在/i.test(msg)) {
		return 'Check the id: it may belong to another account, platform (Taobao vs 1688) or API version.';
	}
	if (code === 40900 || /state|状态/i.test(msg)) {
		return 'The record is not in a state that allows this operation; get it first to see its current state.';
	}
	if (code === 40400) {
		return 'This path is not known to the server. Paths marked inferred in the README may differ on the live API; use Custom API Call with the right path.';
	}
	return 'See the PandaPon error code page, or quote the request ID to PandaPon support.';
}

function toNodeError(
	ctx: PandaPonContext,
	req: PandaPonRequest,
	failure: Failure,
	attempts: number,
): NodeApiError {
	const where = `${req.method} ${req.path}`;
	const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
	const itemIndex = req.itemIndex;
	switch (failure.kind) {
		case 'api': {
			const { code, msg, requestId } = failure.envelope;
			const error = new NodeApiError(
				ctx.getNode(),
				{ code, msg, requestId } as JsonObject,
				{
					message: `PandaPon error ${code}: ${msg}`,
					description: `${hintFor(failure.envelope)} Request ID: ${requestId ?? 'none'} (${where})${tries}.`,
					itemIndex,
				},
			);
			return Object.assign(error, { pandaPon: { code, msg, requestId } });
		}
		case 'http':
			return new NodeApiError(ctx.getNode(), { status: failure.status } as JsonObject, {
				message: `PandaPon answered HTTP ${failure.status} instead of a JSON envelope`,
				description: `${where}${tries}: ${failure.snippet || 'empty body'}. PandaPon or a proxy in between is failing; try again later.${unknownOutcome(req)}`,
				httpCode: String(failure.status),
				itemIndex,
			});
		case 'malformed':
			return new NodeApiError(ctx.getNode(), {} as JsonObject, {
				message: 'PandaPon answered with a body that is not valid JSON',
				description: `${where}${tries}: ${failure.snippet || 'empty body'}.${unknownOutcome(req)}`,
				itemIndex,
			});
		case 'network':
			return new NodeApiError(ctx.getNode(), { code: 'NETWORK' } as JsonObject, {
				message: `Could not reach PandaPon: ${failure.reason}`,
				description: `${where}${tries}.${unknownOutcome(req)}`,
				itemIndex,
			});
	}
}

/** For a write that got no clear answer: say so, and how to check before trying again. */
function unknownOutcome(req: PandaPonRequest): string {
	if (!req.write) return '';
	return ` The outcome is unknown: PandaPon may or may not have carried it out, and it was not re-sent to avoid doing it twice. ${req.checkHint ?? 'Check the current state with the matching Get operation'} before trying again.`;
}
