/**
 * Settles the open API questions against a live account: signing first (timestamp unit, the
 * documented construction, alternatives, the logistics query `sign`), then every read operation
 * once. Writes are never sent, except with `probeRejectedWrites` the few in REJECTED_WRITES.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { OPERATIONS, RESOURCES } from '../../nodes/PandaPon/operations';
import { Params } from '../../nodes/PandaPon/helpers/params';
import type { OperationSpec, RequestParts } from '../../nodes/PandaPon/helpers/types';
import { stringifyJson } from '../../nodes/shared/transport/json';
import { isRateLimited } from '../../nodes/shared/transport/request';
import { newNonce, timestampNow, usesQuerySignature, type TimestampUnit } from '../../nodes/shared/transport/signing';

import { envelopeOf, shapeOf, verdictOf, type Shape, type Verdict } from './classify';
import { CONSTRUCTIONS, type Construction } from './constructions';
import { RequestCapReached, Sender, type Wire } from './http';
import { EXAMPLE_IDS, LOGISTICS_READ, READ_STEPS, REJECTED_WRITES, SIGNING_READS, isRead, record, type Ids, type ProbeStep } from './plan';

export interface ProbeOptions {
	accessKey: string;
	accessSecret: string;
	userId: string;
	baseUrl: string;
	/** Minimum gap between two requests (500 ms; lower only for a local sandbox). */
	intervalMs?: number;
	/** Hard cap on requests (80). */
	maxRequests?: number;
	timeoutMs?: number;
	/** Also send the writes of REJECTED_WRITES, with bodies PandaPon must reject. */
	probeRejectedWrites?: boolean;
	/** Progress lines (already free of keys, signatures and nonces). */
	log?: (line: string) => void;
}

/** How the logistics family is signed: the node's way (headers and query), headers only, query only. */
export type LogisticsMode = 'headers+query' | 'headers' | 'query';

export interface Attempt {
	operation: string;
	method: string;
	path: string;
	construction: string;
	timestampUnit: TimestampUnit;
	logistics?: LogisticsMode;
	status: number;
	code?: string;
	msg?: string;
	requestId?: string;
	verdict: Verdict;
	note?: string;
}

export interface OperationResult extends Partial<Attempt> {
	operation: string;
	name: string;
	method: string;
	path: string;
	write: boolean;
	verdict: Verdict;
	shape?: Shape;
}

export interface ProbeResult {
	startedAt: string;
	baseUrl: string;
	requestsSent: number;
	requestCap: number;
	intervalMs: number;
	probeRejectedWrites: boolean;
	signing: {
		/** Every signing-phase attempt, in order. */
		attempts: Attempt[];
		milliseconds?: boolean;
		seconds?: boolean;
		/** The construction and unit PandaPon accepted, if any. */
		settled?: { construction: string; describe: string; timestampUnit: TimestampUnit };
		logistics: Partial<Record<LogisticsMode, Verdict>>;
		logisticsMode?: LogisticsMode;
	};
	operations: OperationResult[];
	errors: Array<{ code: string; msg: string; count: number; operations: string[] }>;
	stopped?: string;
}

export interface ProbeRun {
	result: ProbeResult;
	/** Strings that must never leave the probe: the keys and every signature and nonce sent. */
	sensitive: string[];
}

interface Auth {
	construction: Construction;
	unit: TimestampUnit;
	logistics: LogisticsMode;
}

const ACCEPTED: Verdict[] = ['path confirmed', 'parameter error'];
const TIMESTAMP_MSG = /timestamp|时间戳|expired|过期/i;
const RATE_LIMIT_PAUSE_MS = 3000;
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PROBE_PAGE_SIZE = 20;

/** Node parameters for one record, with the record's own defaults, as n8n would hand them over. */
function paramsFor(spec: OperationSpec, values: Record<string, unknown>): Params {
	const ctx = {
		getNodeParameter: (name: string, _i: number, fallback?: unknown) => {
			if (values[name] !== undefined) return values[name];
			const prop = spec.properties.find((p) => p.name === name);
			return prop && prop.default !== undefined ? prop.default : fallback;
		},
		getNode: () => ({ id: 'probe', name: 'PandaPon', type: 'n8n-nodes-pandapon.pandaPon', typeVersion: 1, position: [0, 0], parameters: {} }),
		getInputData: () => [{ json: {}, binary: { data: { data: '', mimeType: 'image/png', fileName: 'probe.png' } } }],
		helpers: { getBinaryDataBuffer: async () => PNG_1X1 },
	} as unknown as IExecuteFunctions;
	return new Params(ctx, 0, {});
}

function queryText(value: unknown): string {
	return typeof value === 'object' && value !== null ? stringifyJson(value) : String(value);
}

export async function runProbe(options: ProbeOptions): Promise<ProbeRun> {
	const base = new URL(options.baseUrl.replace(/\/+$/, '') + '/');
	const sender = new Sender({
		intervalMs: options.intervalMs ?? 500,
		maxRequests: Math.min(options.maxRequests ?? 80, 80),
		timeoutMs: options.timeoutMs ?? 15000,
	});
	const log = options.log ?? (() => undefined);
	const sensitive = new Set<string>([options.accessKey, options.accessSecret]);
	const result: ProbeResult = {
		startedAt: new Date().toISOString(),
		baseUrl: base.origin + base.pathname.replace(/\/$/, ''),
		requestsSent: 0,
		requestCap: sender.cap,
		intervalMs: options.intervalMs ?? 500,
		probeRejectedWrites: !!options.probeRejectedWrites,
		signing: { attempts: [], logistics: {} },
		operations: [],
		errors: [],
	};
	const errors = new Map<string, { code: string; msg: string; count: number; operations: string[] }>();
	const ids: Ids = {};

	/** Builds the wire request exactly as the node would, signed the given way. */
	function wireOf(spec: OperationSpec, parts: RequestParts, auth: Auth, rawBody?: string): Wire {
		const method = parts.method ?? spec.method;
		const path = parts.path ?? spec.path;
		const url = new URL(path.replace(/^\//, ''), base);
		for (const [k, v] of Object.entries(parts.query ?? {})) if (v !== undefined) url.searchParams.set(k, queryText(v));
		const timestamp = timestampNow(auth.unit);
		const nonce = newNonce();
		const headers: Record<string, string> = {};
		const logisticsFamily = usesQuerySignature(path);
		if (!logisticsFamily || auth.logistics !== 'query') {
			const signature = auth.construction.sign({ accessKey: options.accessKey, accessSecret: options.accessSecret, timestamp, nonce });
			Object.assign(headers, { 'access-key': options.accessKey, timestamp, 'nonce-str': nonce, 'user-id': options.userId, signature });
			sensitive.add(signature).add(nonce);
			if (logisticsFamily && auth.logistics === 'headers+query') {
				url.searchParams.set('timestamp', timestamp);
				url.searchParams.set('sign', signature);
			}
		} else {
			// The docs' curl form: only the query, signed without a nonce.
			const sign = auth.construction.sign({ accessKey: options.accessKey, accessSecret: options.accessSecret, timestamp, nonce: '' });
			sensitive.add(sign);
			url.searchParams.set('timestamp', timestamp);
			url.searchParams.set('sign', sign);
		}
		let body: string | undefined;
		if (method !== 'GET') {
			body = rawBody ?? parts.rawBody ?? (parts.body !== undefined ? stringifyJson(parts.body) : undefined);
			if (body !== undefined) headers['Content-Type'] = 'application/json';
		}
		return { method, url, headers, body };
	}

	/** One request; the answer read into an attempt (error codes collected on the way). */
	async function attempt(spec: OperationSpec, parts: RequestParts, auth: Auth, rawBody?: string): Promise<Attempt & { data?: unknown }> {
		const wire = wireOf(spec, parts, auth, rawBody);
		const reply = await sender.send(wire);
		result.requestsSent = sender.sent;
		const envelope = envelopeOf(reply.text);
		const { verdict, note: why } = verdictOf(reply, envelope);
		let note = why;
		if (envelope && isRateLimited(envelope)) {
			note = `rate limited: waiting ${RATE_LIMIT_PAUSE_MS} ms before the next request`;
			sender.holdOff(RATE_LIMIT_PAUSE_MS);
		}
		const out: Attempt & { data?: unknown } = {
			operation: spec.catalogId,
			method: wire.method,
			path: wire.url.pathname,
			construction: auth.construction.name,
			timestampUnit: auth.unit,
			logistics: usesQuerySignature(wire.url.pathname) ? auth.logistics : undefined,
			status: reply.status,
			code: envelope?.code,
			msg: envelope?.msg,
			requestId: envelope?.requestId,
			verdict,
			note,
			data: envelope?.data,
		};
		if (verdict !== 'path confirmed' && (envelope || reply.status)) {
			const code = envelope ? envelope.code : `HTTP ${reply.status}`;
			const msg = envelope ? envelope.msg : (note ?? '');
			const key = `${code}\u0000${msg}`;
			const entry = errors.get(key) ?? { code, msg, count: 0, operations: [] };
			entry.count++;
			if (!entry.operations.includes(spec.catalogId)) entry.operations.push(spec.catalogId);
			errors.set(key, entry);
		}
		log(`[${sender.sent}/${sender.cap}] ${wire.method} ${wire.url.pathname} (${auth.construction.name}, ${auth.unit}${out.logistics ? `, ${out.logistics}` : ''}) → HTTP ${reply.status}${envelope ? `, code ${envelope.code}` : ''}: ${verdict}`);
		return out;
	}

	async function partsFor(spec: OperationSpec, step: ProbeStep | undefined): Promise<RequestParts> {
		const parts = await spec.request(paramsFor(spec, step ? step.params({ ...EXAMPLE_IDS, ...ids }) : {}));
		if (!spec.paging) return parts;
		const page = { [spec.paging.pageParam]: 1, [spec.paging.sizeParam]: Math.min(PROBE_PAGE_SIZE, spec.paging.maxPageSize) };
		return spec.paging.in === 'body'
			? { ...parts, body: { ...(parts.body as IDataObject), ...page } }
			: { ...parts, query: { ...parts.query, ...page } };
	}

	const stepOf = (id: string) => READ_STEPS.find((s) => s.id === id);
	const done = new Map<string, Attempt & { data?: unknown }>();
	const settle = (a: Attempt & { data?: unknown }) => {
		done.set(a.operation, a);
		if (a.verdict === 'path confirmed') Object.assign(ids, stepOf(a.operation)?.discover?.(a.data) ?? {});
	};

	let auth: Auth | undefined;
	try {
		// 1. Signing: the cheapest read, documented construction, milliseconds then seconds.
		const documented = CONSTRUCTIONS[0];
		let signingSpec: OperationSpec | undefined;
		let first: (Attempt & { data?: unknown }) | undefined;
		for (const id of SIGNING_READS) {
			signingSpec = record(id);
			first = await attempt(signingSpec, await partsFor(signingSpec, stepOf(id)), { construction: documented, unit: 'milliseconds', logistics: 'headers+query' });
			result.signing.attempts.push(withoutData(first));
			if (first.verdict !== 'path not found') break;
			settle(first);
		}
		// No HTTP answer, or a redirect: nothing to learn here, and nothing to retry blindly.
		if (first && (first.status === 0 || (first.status >= 300 && first.status < 400))) {
			result.stopped = `the base URL gave no usable answer (${first.note}): check --base-url`;
		} else if (signingSpec && first && first.verdict !== 'path not found') {
			const spec = signingSpec;
			const parts = await partsFor(spec, stepOf(spec.catalogId));
			const tryWith = async (construction: Construction, unit: TimestampUnit) => {
				const a = await attempt(spec, parts, { construction, unit, logistics: 'headers+query' });
				result.signing.attempts.push(withoutData(a));
				return a;
			};
			result.signing.milliseconds = ACCEPTED.includes(first.verdict);
			const seconds = await tryWith(documented, 'seconds');
			result.signing.seconds = ACCEPTED.includes(seconds.verdict);
			if (result.signing.milliseconds) {
				auth = { construction: documented, unit: 'milliseconds', logistics: 'headers+query' };
				settle(first);
			} else if (result.signing.seconds) {
				auth = { construction: documented, unit: 'seconds', logistics: 'headers+query' };
				settle(seconds);
			} else if (first.verdict === 'signature refused' || seconds.verdict === 'signature refused') {
				// A refusal that names the timestamp tells which unit is wrong: skip it in the search.
				const aboutTime = (a: Attempt) => TIMESTAMP_MSG.test(a.msg ?? '');
				const units: TimestampUnit[] =
					aboutTime(first) && !aboutTime(seconds) ? ['seconds'] : aboutTime(seconds) && !aboutTime(first) ? ['milliseconds'] : ['milliseconds', 'seconds'];
				search: for (const construction of CONSTRUCTIONS.slice(1)) {
					for (const unit of units) {
						const a = await tryWith(construction, unit);
						if (ACCEPTED.includes(a.verdict)) {
							auth = { construction, unit, logistics: 'headers+query' };
							result.signing[unit] = true;
							settle(a);
							break search;
						}
					}
				}
			}
		}
		if (auth) {
			result.signing.settled = { construction: auth.construction.name, describe: auth.construction.describe, timestampUnit: auth.unit };
			// 2. The logistics family: the node's headers + query sign, headers only, query only.
			const spec = record(LOGISTICS_READ);
			const parts = await partsFor(spec, stepOf(LOGISTICS_READ));
			for (const mode of ['headers+query', 'headers', 'query'] as const) {
				const a = await attempt(spec, parts, { ...auth, logistics: mode });
				result.signing.attempts.push(withoutData(a));
				result.signing.logistics[mode] = a.verdict;
				if (!result.signing.logisticsMode && ACCEPTED.includes(a.verdict)) {
					result.signing.logisticsMode = mode;
					settle(a);
				}
			}
		}
		// Without an accepted construction the reads still show which paths exist, until refused twice.
		const use: Auth = auth
			? { ...auth, logistics: result.signing.logisticsMode ?? 'headers+query' }
			: { construction: documented, unit: 'milliseconds', logistics: 'headers+query' };

		// 3. Every read once; stop when auth is refused twice in a row.
		let refusedInARow = 0;
		for (const step of result.stopped ? [] : READ_STEPS) {
			if (done.has(step.id)) continue;
			const spec = record(step.id);
			let parts: RequestParts;
			try {
				parts = await partsFor(spec, step);
			} catch (error) {
				result.operations.push(notProbed(spec, 'not probed', `could not build the request: ${(error as Error).message}`));
				continue;
			}
			const a = await attempt(spec, parts, use);
			settle(a);
			refusedInARow = a.verdict === 'signature refused' ? refusedInARow + 1 : 0;
			if (refusedInARow >= 2) {
				result.stopped = 'authentication refused twice in a row: stopped to protect the account';
				break;
			}
		}

		// 4. Optional: writes with a body PandaPon must reject.
		if (options.probeRejectedWrites && !result.stopped) {
			for (const w of REJECTED_WRITES) {
				const spec = record(w.id);
				const a = await attempt(spec, {}, use, stringifyJson(w.body));
				if (a.verdict === 'path confirmed') a.note = 'ACCEPTED an empty body — PandaPon did not reject it; please report this';
				done.set(w.id, a);
			}
		}
	} catch (error) {
		if (!(error instanceof RequestCapReached)) throw error;
		result.stopped = `${error.message}: the remaining operations were not probed`;
	}

	for (const spec of OPERATIONS) {
		if (spec.catalogId === 'custom' || result.operations.some((o) => o.operation === spec.catalogId)) continue;
		const a = done.get(spec.catalogId);
		if (a) {
			result.operations.push({
				...withoutData(a),
				name: nameOf(spec),
				write: spec.write,
				shape: a.verdict === 'path confirmed' ? shapeOf(spec, a.data, stepOf(spec.catalogId)?.reads) : undefined,
			});
		} else if (!isRead(spec)) {
			result.operations.push(notProbed(spec, 'not probed', 'write: never sent'));
		} else {
			result.operations.push(notProbed(spec, 'not probed', result.stopped ?? 'not in the probe plan'));
		}
	}
	result.errors = [...errors.values()];
	return { result, sensitive: [...sensitive] };
}

/** The report keeps what PandaPon said about a call, never the answer's data (it is the user's). */
function withoutData(a: Attempt & { data?: unknown }): Attempt {
	const { data: _data, ...rest } = a;
	return rest;
}

function notProbed(spec: OperationSpec, verdict: Verdict, note: string): OperationResult {
	return { operation: spec.catalogId, name: nameOf(spec), method: spec.method, path: spec.path, write: spec.write, verdict, note };
}

/** "1688 Order → Get", as the node shows it. */
export function nameOf(spec: OperationSpec): string {
	return `${RESOURCES.find((r) => r.value === spec.resource)?.name ?? spec.resource} → ${spec.name}`;
}
