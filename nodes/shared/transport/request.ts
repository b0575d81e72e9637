import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { deadline } from './deadline';
import { HTTP_TOO_MANY_REQUESTS, PANDAPON_CODES, PandaPonApiError } from './errors';
import { parseJson, stringifyJson } from './json';
import { STORM_LIMIT_MS, type Pacer } from './pacer';
import { credentialProblem, newNonce, signature, timestampNow, type TimestampUnit } from './signing';

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
/** The longest Retry-After the node honours; a longer one is cut to this. */
export const MAX_RETRY_AFTER_MS = 30_000;
/** A back-off never waits longer than this, whatever the attempt. */
const MAX_BACKOFF_MS = 30_000;
/** The largest answer read; a hostile or broken server must not fill memory or hold the item. */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

export interface PandaPonEnvelope {
	requestId: string | null;
	code: number | string;
	developId: string | number | null;
	msg: string;
	data: unknown;
}

/** What a request needs from the credential, read once per execution context. */
interface Target {
	baseUrl: string;
	accessKey: string;
	accessSecret: string;
	unit: TimestampUnit;
	/** Why the credential's fields cannot be sent, naming the field. */
	problem?: string;
	/** Handed to n8n's request helper, so it does not read (decrypt) the credential again for every request. */
	credential: ICredentialsDecrypted;
}

const targets = new WeakMap<object, Target>();

async function targetOf(ctx: PandaPonContext): Promise<Target> {
	let target = targets.get(ctx);
	if (target === undefined) {
		const c = await ctx.getCredentials('pandaPonApi');
		const { id, name } = ctx.getNode().credentials?.pandaPonApi ?? {};
		target = {
			baseUrl: String(c.baseUrl || 'https://api.pandapon.com').replace(/\/+$/, ''),
			accessKey: String(c.accessKey ?? ''),
			accessSecret: String(c.accessSecret ?? ''),
			unit: (c.timestampUnit as TimestampUnit) ?? 'milliseconds',
			problem: credentialProblem(c),
			credential: { id: id ?? '', name: name ?? '', type: 'pandaPonApi', data: c },
		};
		targets.set(ctx, target);
	}
	return target;
}

/** What went wrong, as a value the retry loop and the error builder share. */
type Failure =
	| { kind: 'network'; reason: string; unknownOutcome: boolean }
	| { kind: 'notSent'; reason: string }
	| { kind: 'http'; status: number; snippet: string; retryAfterMs?: number }
	| { kind: 'redirect'; status: number; host: string }
	| { kind: 'tooLarge' }
	| { kind: 'malformed'; snippet: string }
	| { kind: 'api'; envelope: PandaPonEnvelope };

/** Rate limits are known by code (PandaPon's RATE_LIMITED, HTTP 429), never by message words. */
export function isRateLimited(envelope: Pick<PandaPonEnvelope, 'code'>): boolean {
	const code = Number(envelope.code);
	return code === PANDAPON_CODES.RATE_LIMITED || code === HTTP_TOO_MANY_REQUESTS;
}

function isRateLimitFailure(f: Failure): boolean {
	return (f.kind === 'api' && isRateLimited(f.envelope)) || (f.kind === 'http' && f.status === HTTP_TOO_MANY_REQUESTS);
}

function retryable(f: Failure): boolean {
	switch (f.kind) {
		case 'network':
		case 'malformed':
			return true;
		case 'http':
			return f.status >= 500 || f.status === HTTP_TOO_MANY_REQUESTS;
		case 'api':
			return isRateLimited(f.envelope) || Number(f.envelope.code) >= PANDAPON_CODES.SERVER_ERROR_FROM;
		case 'notSent':
		case 'redirect':
		case 'tooLarge':
			return false;
	}
}

/** One signed call to PandaPon; returns the envelope when HTTP 200 and `code` 200. */
export async function pandaPonApiRequest(
	this: PandaPonContext,
	req: PandaPonRequest,
): Promise<PandaPonEnvelope> {
	const target = await targetOf(this);
	if (target.problem) {
		throw new NodeOperationError(this.getNode(), target.problem, {
			description: `Nothing was sent (${req.method} ${req.path}).`,
			itemIndex: req.itemIndex,
		});
	}
	const url = target.baseUrl + req.path;
	const policy = req.write ? { retries: 0, baseDelayMs: 0 } : (req.retry ?? DEFAULT_RETRY);
	let attempt = 0;
	let failures = 0;
	let refusedSince = 0;
	let last: Failure | undefined;
	for (;;) {
		await req.pacer?.wait();
		const storm = req.pacer?.stormMs() ?? 0;
		// Refused for longer than the storm limit: stop instead of waiting on (bounded total wait).
		if (storm > 0) throw stormError(this, req, storm, attempt, last);
		const { outcome, redact } = await sendOnce(this, target, url, req);
		if (!('kind' in outcome)) {
			req.pacer?.succeeded();
			return outcome;
		}
		last = outcome;
		const retryAfterMs = outcome.kind === 'http' ? (outcome.retryAfterMs ?? 0) : 0;
		const rateLimited = isRateLimitFailure(outcome);
		// Every request of this execution holds back and slows down, not just this one.
		if (rateLimited) req.pacer?.rateLimited(RATE_LIMIT_PAUSE_MS, retryAfterMs);
		else req.pacer?.notRefused();
		// Rate-limit answers are contention, not faults: executions sharing one account take turns
		// (queue mode), so they don't use up Retries until this request has been refused for the
		// storm limit. Retries = 0 still means one attempt.
		refusedSince = rateLimited ? refusedSince || Date.now() : 0;
		if (!rateLimited || Date.now() - refusedSince >= STORM_LIMIT_MS) failures++;
		if (failures > policy.retries || policy.retries === 0 || !retryable(outcome)) {
			throw toNodeError(this, req, outcome, attempt + 1, redact);
		}
		const backOffMs = rateLimited ? RATE_LIMIT_PAUSE_MS : Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (failures - 1));
		await sleep(Math.max(retryAfterMs, backOffMs));
		attempt++;
	}
}

/** The execution has been refused for longer than the storm limit: this item is not sent (again). */
function stormError(ctx: PandaPonContext, req: PandaPonRequest, ms: number, attempts: number, last?: Failure) {
	const seconds = Math.round(ms / 1000);
	const tried = attempts > 0 ? ` This item was tried ${attempts} time${attempts > 1 ? 's' : ''} and not sent again.` : ' This item was not sent.';
	const limit = Math.round(STORM_LIMIT_MS / 1000);
	const options = {
		message: `PandaPon has refused every request as rate-limited for ${seconds} s; stopped waiting`,
		description: `Requests of this execution stop once PandaPon has turned all of them away for ${limit} s.${tried} Run it again later, or lower the node option Max Requests per Second (${req.method} ${req.path}).`,
		itemIndex: req.itemIndex,
	};
	if (last?.kind === 'api') {
		return new PandaPonApiError(ctx.getNode(), { code: last.envelope.code, msg: 'rate limited', requestId: last.envelope.requestId }, options);
	}
	return new NodeApiError(ctx.getNode(), { code: PANDAPON_CODES.RATE_LIMITED } as JsonObject, options);
}

/**
 * Replaces this request's own secrets wherever a server echoes them (any case, escaped forms too).
 * `values` may be a function: the secrets are then only worked out if some text is shown.
 */
export function redactor(values: string[] | (() => string[])): (text: string) => string {
	let pattern: RegExp | null | undefined;
	// Built on first use: most requests succeed and never show any server text.
	const build = () => {
		const forms = new Set<string>();
		for (const value of typeof values === 'function' ? values() : values) {
			if (value.length < 6) continue;
			forms.add(value);
			forms.add(encodeURIComponent(value));
			forms.add(JSON.stringify(value).slice(1, -1));
		}
		if (forms.size === 0) return null;
		const escaped = [...forms].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		return new RegExp(escaped.join('|'), 'gi');
	};
	return (text) => {
		if (pattern === undefined) pattern = build();
		return pattern ? text.replace(pattern, '[redacted]') : text;
	};
}

/** The answer as n8n's helper hands it over with `encoding: 'stream'`: the body not yet read. */
type Answer = {
	statusCode: number;
	headers: Record<string, unknown>;
	body: NodeJS.ReadableStream & { destroy(): void };
};

async function sendOnce(
	ctx: PandaPonContext,
	target: Target,
	url: string,
	req: PandaPonRequest,
): Promise<{ outcome: PandaPonEnvelope | Failure; redact: (text: string) => string }> {
	const hasBody = req.method !== 'GET' && (req.body !== undefined || req.rawBody !== undefined);
	// The node picks the nonce and timestamp (the credential signs them), so it knows this
	// request's signature and can keep it out of any text a server echoes back.
	const nonce = newNonce();
	const timestamp = timestampNow(target.unit);
	const { accessKey, accessSecret } = target;
	const redact = redactor(() => [accessSecret, accessKey, nonce, signature({ accessKey, accessSecret, timestamp, nonce })]);
	const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let answer: Answer | undefined;
	let late = false;
	const exchange = (async (): Promise<PandaPonEnvelope | Failure> => {
		try {
			const options: IHttpRequestOptions = {
				method: req.method,
				url,
				qs: req.query,
				headers: { timestamp, 'nonce-str': nonce },
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// The signed headers go to the Base URL only: a redirect is an error, never followed.
				disableFollowRedirect: true,
				timeout: timeoutMs,
			};
			// No `body` key at all without a body (n8n deletes an empty one, which slows the object down).
			if (hasBody) {
				options.headers!['Content-Type'] = 'application/json';
				options.body = req.rawBody ?? stringifyJson(req.body);
			}
			answer = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'pandaPonApi', options, {
				credentialsDecrypted: target.credential,
			})) as Answer;
		} catch (error) {
			return networkFailure(error);
		}
		if (late) answer.body.destroy();
		return readAnswer(answer, url);
	})();
	// One deadline for the whole exchange: a server that drips its answer cannot hold the item.
	let expire!: () => void;
	const expired = new Promise<'late'>((resolve) => {
		expire = () => resolve('late');
	});
	const cancel = deadline(timeoutMs, expire);
	const outcome = await Promise.race([exchange, expired]);
	cancel();
	if (outcome === 'late') {
		late = true;
		answer?.body.destroy();
		return { outcome: { kind: 'network', reason: networkReason({ code: 'ETIMEDOUT' }), unknownOutcome: true }, redact };
	}
	return { outcome, redact };
}

/** Reads the answer up to MAX_ANSWER_BYTES and judges it. */
async function readAnswer(answer: Answer, url: string): Promise<PandaPonEnvelope | Failure> {
	const { statusCode, headers, body } = answer;
	if (statusCode >= 300 && statusCode < 400) {
		body.destroy();
		return { kind: 'redirect', status: statusCode, host: locationHost(headers.location, url) };
	}
	if (Number(headers['content-length']) > MAX_ANSWER_BYTES) {
		body.destroy();
		return { kind: 'tooLarge' };
	}
	let text: string;
	try {
		const read = await readBody(body);
		if (read === undefined) return { kind: 'tooLarge' };
		text = read;
	} catch (error) {
		return networkFailure(error);
	}
	if (statusCode !== 200) {
		return { kind: 'http', status: statusCode, snippet: text, retryAfterMs: retryAfter(headers['retry-after']) };
	}
	let envelope: PandaPonEnvelope;
	try {
		envelope = parseJson(text) as PandaPonEnvelope;
	} catch {
		return { kind: 'malformed', snippet: text };
	}
	if (envelope === null || typeof envelope !== 'object' || !('code' in envelope)) {
		return { kind: 'malformed', snippet: text };
	}
	if (Number(envelope.code) !== PANDAPON_CODES.OK) return { kind: 'api', envelope };
	return envelope;
}

/** The body as text, or undefined once it passes MAX_ANSWER_BYTES (then it is not read further). */
function readBody(body: Answer['body']): Promise<string | undefined> {
	// Events, not an async iterator: the iterator's promises per chunk cost more than small answers.
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		body.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_ANSWER_BYTES) {
				settled = true;
				body.destroy();
				resolve(undefined);
				return;
			}
			chunks.push(chunk);
		});
		body.on('end', () => {
			settled = true;
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
		body.on('error', (error) => {
			settled = true;
			reject(error);
		});
		// Closed before its end without an error (destroyed): what arrived is not the whole answer.
		body.on('close', () => {
			if (!settled) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
		});
	});
}

/** The host a redirect points to, for the error message. */
function locationHost(location: unknown, url: string): string {
	if (typeof location !== 'string' || location === '') return 'no Location given';
	try {
		return new URL(location, url).host || 'an address without a host';
	} catch {
		return 'an invalid Location';
	}
}

/** Retry-After in seconds or as an HTTP date, bounded by MAX_RETRY_AFTER_MS. */
export function retryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now;
	if (!Number.isFinite(ms)) return undefined;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** Errors where nothing left this machine: the request could not even be written. */
const NOT_SENT_CODES = /^ERR_INVALID_(CHAR|HTTP_TOKEN|URL|ARG_VALUE|PROTOCOL)$|^ERR_UNESCAPED_CHARACTERS$/;
/** Connection errors before any byte of the request went out. */
const NO_CONNECTION = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function networkFailure(error: unknown): Failure {
	const code = errorCode(error);
	if (code && NOT_SENT_CODES.test(code)) {
		return { kind: 'notSent', reason: `the request could not be written (${code})` };
	}
	return { kind: 'network', reason: networkReason(error), unknownOutcome: !(code && NO_CONNECTION.has(code)) };
}

function errorCode(error: unknown): string | undefined {
	// n8n wraps axios errors in a NodeApiError whose httpCode holds the socket error code.
	const e = error as { code?: string; httpCode?: string; cause?: { code?: string } };
	return [e?.httpCode, e?.code, e?.cause?.code].find((c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c));
}

/** A short, secret-free reason for a failed connection (axios errors carry the signed headers). */
function networkReason(error: unknown): string {
	const code = errorCode(error);
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

/** A short, redacted excerpt of an answer; only its start is looked at, so this stays linear. */
function snippet(text: string, redact: (text: string) => string): string {
	const flat = redact(text.slice(0, 4096)).replace(/<[^<>]*>/g, ' ').replace(/\s+/g, ' ').trim();
	return clip(flat, 160);
}

function clip(text: string, max: number): string {
	return text.length > max ? text.slice(0, max - 3) + '...' : text;
}

/** Hints keyed on PandaPon's code (assumed codes, see PANDAPON_CODES) and its message words. */
export function hintFor(envelope: Pick<PandaPonEnvelope, 'code' | 'msg'>): string {
	const C = PANDAPON_CODES;
	const code = Number(envelope.code);
	const msg = String(envelope.msg ?? '');
	if (code === C.TIMESTAMP_EXPIRED || /timestamp|时间戳|expired|过期/i.test(msg)) {
		return "Check this machine's clock (it must be within 10 minutes of PandaPon's) and the credential's Timestamp Unit.";
	}
	if (code === C.INVALID_ACCESS_KEY || code === C.BAD_SIGNATURE || /signature|签名|access-?key/i.test(msg)) {
		return 'Check the Access Key and Access Secret in the PandaPon API credential (resetting the secret in the console invalidates the old one).';
	}
	if (code === C.MISSING_HEADER || /header/i.test(msg)) {
		return 'Check that the credential has Access Key, Access Secret and User ID filled in.';
	}
	if (isRateLimited(envelope)) {
		return 'PandaPon is rate limiting this account: lower the node option Max Requests per Second, or spread the work over time.';
	}
	if (code === C.INVALID_PARAMETER || /param|参数/i.test(msg)) {
		return 'Check the parameter named in the message.';
	}
	if (code === C.NOT_FOUND || /not found|不存在/i.test(msg)) {
		return 'Check the id: it may belong to another account, platform (Taobao vs 1688) or API version.';
	}
	if (code === C.INVALID_STATE || /state|状态/i.test(msg)) {
		return 'The record is not in a state that allows this operation; get it first to see its current state.';
	}
	if (code === C.UNKNOWN_PATH) {
		return 'This path is not known to the server. Paths marked inferred in the README may differ on the live API; use Custom API Call with the right path.';
	}
	return 'See the PandaPon error code page, or quote the request ID to PandaPon support.';
}

function toNodeError(
	ctx: PandaPonContext,
	req: PandaPonRequest,
	failure: Failure,
	attempts: number,
	redact: (text: string) => string,
): NodeApiError {
	const error = describeFailure(ctx, req, failure, attempts, redact);
	const note = n8nRetryNote(ctx, req);
	if (note) error.description = `${error.description ?? ''}${note}`;
	return error;
}

function describeFailure(
	ctx: PandaPonContext,
	req: PandaPonRequest,
	failure: Failure,
	attempts: number,
	redact: (text: string) => string,
): NodeApiError {
	const where = `${req.method} ${req.path}`;
	const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
	const itemIndex = req.itemIndex;
	const unknown = unknownOutcome(ctx, req);
	switch (failure.kind) {
		case 'api': {
			// What the server wrote is shown, but never this request's own secrets it may echo.
			const shown = (value: unknown) => (typeof value === 'string' ? clip(redact(value), 500) : value);
			const code = shown(failure.envelope.code) as PandaPonEnvelope['code'];
			const msg = shown(String(failure.envelope.msg ?? '')) as string;
			const requestId = shown(failure.envelope.requestId) as string | null;
			return new PandaPonApiError(ctx.getNode(), { code, msg, requestId }, {
				message: `PandaPon error ${code}: ${msg}`,
				description: `${hintFor({ code, msg })} Request ID: ${requestId ?? 'none'} (${where})${tries}.`,
				itemIndex,
			});
		}
		case 'http':
			return new NodeApiError(ctx.getNode(), { status: failure.status } as JsonObject, {
				message: `PandaPon answered HTTP ${failure.status} instead of a JSON envelope`,
				description: `${where}${tries}: ${snippet(failure.snippet, redact) || 'empty body'}. ${failure.status === HTTP_TOO_MANY_REQUESTS ? hintFor({ code: HTTP_TOO_MANY_REQUESTS, msg: '' }) : 'PandaPon or a proxy in between is failing; try again later.'}${unknown}`,
				httpCode: String(failure.status),
				itemIndex,
			});
		case 'malformed':
			return new NodeApiError(ctx.getNode(), {} as JsonObject, {
				message: 'PandaPon answered with a body that is not valid JSON',
				description: `${where}${tries}: ${snippet(failure.snippet, redact) || 'empty body'}.${unknown}`,
				itemIndex,
			});
		case 'network':
			return new NodeApiError(ctx.getNode(), { code: 'NETWORK' } as JsonObject, {
				message: `Could not reach PandaPon: ${failure.reason}`,
				description: `${where}${tries}.${failure.unknownOutcome ? unknown : req.write ? ' Nothing reached PandaPon, so the write was not carried out.' : ''}`,
				itemIndex,
			});
		case 'notSent':
			return new NodeApiError(ctx.getNode(), { code: 'NOT_SENT' } as JsonObject, {
				message: `Could not send the request to PandaPon: ${failure.reason}`,
				description: `${where}. Nothing was sent. Check the credential's Access Key and User ID for line breaks or non-ASCII characters.`,
				itemIndex,
			});
		case 'redirect':
			return new NodeApiError(ctx.getNode(), { status: failure.status } as JsonObject, {
				message: `PandaPon's address answered HTTP ${failure.status}, a redirect to ${redact(failure.host)}, which is not followed`,
				description: `${where}: redirects are never followed, so the signed headers only ever go to the credential's Base URL. Check the Base URL (https or http, the host name, a proxy that redirects).${unknown}`,
				httpCode: String(failure.status),
				itemIndex,
			});
		case 'tooLarge':
			return new NodeApiError(ctx.getNode(), {} as JsonObject, {
				message: `PandaPon's answer is larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB and was not read`,
				description: `${where}: answers are capped at ${MAX_ANSWER_BYTES / 1024 / 1024} MiB so a broken or hostile server cannot fill n8n's memory. If this read really returns that much, ask for less at a time (a lower Limit).${unknown}`,
				itemIndex,
			});
	}
}

/**
 * For a write that got no clear answer: say so, and how to check before trying again. The node
 * never re-sends a write, but n8n's own Retry On Fail setting runs the whole node again.
 */
function unknownOutcome(ctx: PandaPonContext, req: PandaPonRequest): string {
	if (!req.write) return '';
	const check = `${req.checkHint ?? 'Check the current state with the matching Get operation'} before trying again.`;
	if (retriedByN8n(ctx)) return ` The outcome is unknown: PandaPon may or may not have carried it out. ${check}`;
	return ` The outcome is unknown: PandaPon may or may not have carried it out, and it was not re-sent to avoid doing it twice. ${check}`;
}

/** For a write when n8n's Retry On Fail is on: say plainly that n8n sends it (and earlier items' writes) again. */
function n8nRetryNote(ctx: PandaPonContext, req: PandaPonRequest): string {
	if (!req.write || !retriedByN8n(ctx)) return '';
	const earlier = (req.itemIndex ?? 0) > 0 ? ', and the writes of the items before this one, which were carried out,' : '';
	return ` This node's Retry On Fail setting is on, so n8n runs the node again after this error and re-sends this write${earlier} — which can carry them out twice. Turn Retry On Fail off in the node's settings for writes.`;
}

/** Whether n8n runs the node again when it throws (Retry On Fail on, and errors not turned into items). */
function retriedByN8n(ctx: PandaPonContext): boolean {
	if (ctx.getNode().retryOnFail !== true) return false;
	return !('continueOnFail' in ctx && typeof ctx.continueOnFail === 'function' && ctx.continueOnFail());
}
