/**
 * Reading one answer: the envelope, the verdict, and whether the data has the shape the node's
 * record reads. PandaPon's error codes are not published, so refusals are recognised by HTTP
 * status and by the words of `msg` (English and Chinese).
 */
import { pick } from '../../nodes/PandaPon/executor';
import type { OperationSpec } from '../../nodes/PandaPon/helpers/types';
import { parseJson } from '../../nodes/shared/transport/json';

import type { Reply } from './http';

export type Verdict = 'path confirmed' | 'path not found' | 'signature refused' | 'parameter error' | 'other' | 'not probed';

export interface Envelope {
	code: string;
	msg: string;
	requestId?: string;
	data: unknown;
}

const AUTH = /sign|签名|access.?key|timestamp|时间戳|nonce|header|unauthori[sz]ed|forbidden|auth|鉴权|认证|密钥|expired|过期|permission|权限|user.?id/i;
const NO_PATH = /unknown api path|no handler|(api|path|interface|url|接口|路径)[^.]{0,20}(not (found|exist)|不存在)|接口不存在|not supported|method not allowed/i;
const PARAM = /param|参数|invalid|required|must|missing|empty|不能为空|不存在|not found|illegal|format|格式|state|状态|校验/i;

export function envelopeOf(text: string): Envelope | undefined {
	let parsed: unknown;
	try {
		parsed = parseJson(text);
	} catch {
		return undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('code' in parsed)) return undefined;
	const o = parsed as Record<string, unknown>;
	return {
		code: String(o.code),
		msg: o.msg === undefined || o.msg === null ? '' : String(o.msg),
		requestId: o.requestId === undefined || o.requestId === null ? undefined : String(o.requestId),
		data: o.data,
	};
}

export function verdictOf(reply: Reply, envelope: Envelope | undefined): { verdict: Verdict; note?: string } {
	if (reply.error && !reply.status) return { verdict: 'other', note: `no answer: ${reply.error}` };
	if (reply.status === 404 || reply.status === 405) return { verdict: 'path not found', note: `HTTP ${reply.status}` };
	if (reply.status === 401 || reply.status === 403) return { verdict: 'signature refused', note: `HTTP ${reply.status}` };
	if (reply.status >= 300 && reply.status < 400) return { verdict: 'other', note: `redirect (HTTP ${reply.status}), not followed` };
	if (!envelope) return { verdict: 'other', note: reply.status === 200 ? 'answer is not a PandaPon envelope' : `HTTP ${reply.status}, not a PandaPon envelope` };
	if (envelope.code === '200' && reply.status === 200) return { verdict: 'path confirmed' };
	if (envelope.code === '404' || envelope.code === '405' || NO_PATH.test(envelope.msg)) return { verdict: 'path not found' };
	if (envelope.code === '401' || envelope.code === '403' || AUTH.test(envelope.msg)) return { verdict: 'signature refused' };
	if (PARAM.test(envelope.msg)) return { verdict: 'parameter error' };
	return { verdict: 'other', note: reply.status !== 200 ? `HTTP ${reply.status}` : undefined };
}

export interface Shape {
	/** Fields the node reads, by dot path from `data` (`data.…`) or from the first record (`record.…`). */
	expected: string[];
	missing: string[];
	/** What 1688 reports inside a code-200 answer (the record's checkData), if anything. */
	dataError?: string;
	/** Field names and types seen: `data` itself and its first record (names only, never values). */
	seen: { data: Record<string, string>; record: Record<string, string> };
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const MAX_FIELDS = 120;

/** Names and types, one level into objects and into the first element of lists (`items[].id`), at most 120. */
function fieldsOf(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	const add = (name: string, v: unknown) => {
		if (Object.keys(out).length < MAX_FIELDS) out[name] = typeOf(v);
	};
	if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
	for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
		add(k, v);
		const inner = Array.isArray(v) ? v[0] : v;
		if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
			for (const [k2, v2] of Object.entries(inner as Record<string, unknown>)) add(`${k}${Array.isArray(v) ? '[]' : ''}.${k2}`, v2);
		}
	}
	return out;
}

/** The records the node turns into items: the page list, `resultPath`, or `data` itself. */
function recordsOf(spec: OperationSpec, data: unknown): unknown {
	if (spec.paging) return pick(data, spec.paging.listPath);
	return pick(data, spec.resultPath);
}

export function shapeOf(spec: OperationSpec, data: unknown, reads: string[] = []): Shape {
	const expected: string[] = [];
	const missing: string[] = [];
	const expect = (label: string, ok: boolean) => {
		expected.push(label);
		if (!ok) missing.push(label);
	};
	if (spec.paging) {
		expect(`data.${spec.paging.listPath || '(list)'} (list)`, Array.isArray(pick(data, spec.paging.listPath)));
		if (spec.paging.totalPath) {
			const total = pick(data, spec.paging.totalPath);
			expect(`data.${spec.paging.totalPath} (number)`, total !== undefined && total !== null && Number.isFinite(Number(total)));
		}
	} else if (spec.resultPath) {
		expect(`data.${spec.resultPath}`, pick(data, spec.resultPath) !== undefined);
	} else {
		expect('data', data !== undefined);
	}
	const records = recordsOf(spec, data);
	const first = Array.isArray(records) ? records[0] : records;
	if (first !== undefined && first !== null) {
		for (const path of reads) expect(`record.${path}`, pick(first, path) !== undefined);
	}
	const failure = spec.checkData?.(data);
	return {
		expected,
		missing,
		dataError: failure ? `${failure.code}: ${failure.message}` : undefined,
		seen: { data: fieldsOf(data), record: Array.isArray(records) ? fieldsOf(first) : {} },
	};
}
