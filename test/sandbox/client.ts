/**
 * A tiny signing client for the sandbox tests, independent of the node's own transport:
 * MD5 header signature, lossless JSON in and out.
 */
import * as crypto from 'crypto';
import * as http from 'http';
import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json';

export interface Creds {
	accessKey: string;
	accessSecret: string;
	userId: string;
}

export interface CallOptions {
	query?: Record<string, string | number>;
	/** Object (serialised losslessly) or a raw string sent as is. */
	body?: unknown;
	headers?: Record<string, string>;
	/** false: send no system headers at all. */
	sign?: boolean;
	timestamp?: string;
	nonce?: string;
	/** Sign with this secret instead of the credential's. */
	signSecret?: string;
	omitHeader?: string;
	timeoutMs?: number;
}

export interface CallResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	json: any;
	ms: number;
}

export function md5Signature(accessKey: string, timestamp: string, nonce: string, secret: string): string {
	return crypto.createHash('md5').update(accessKey + timestamp + nonce + secret, 'utf8').digest('hex').toUpperCase();
}

export function nonce(): string {
	return crypto.randomBytes(16).toString('hex');
}

export function signedHeaders(c: Creds, o: { timestamp?: string; nonce?: string; signSecret?: string } = {}): Record<string, string> {
	const ts = o.timestamp ?? String(Math.floor(Date.now() / 1000));
	const n = o.nonce ?? nonce();
	return {
		'access-key': c.accessKey,
		timestamp: ts,
		'nonce-str': n,
		'user-id': c.userId,
		signature: md5Signature(c.accessKey, ts, n, o.signSecret ?? c.accessSecret),
	};
}

export function parseLossless(text: string): any {
	return parse(text, null, (s: string) => (isSafeNumber(s) ? Number(s) : new LosslessNumber(s)));
}

/** A 19-digit id as a bare JSON integer in request bodies. */
export function big(id: string): LosslessNumber {
	return new LosslessNumber(id);
}

/** Read a number field that may be a LosslessNumber as a digit string. */
export function digits(v: unknown): string {
	if (v instanceof LosslessNumber) return v.value;
	if (v && typeof v === 'object' && (v as { isLosslessNumber?: boolean }).isLosslessNumber) return (v as LosslessNumber).value;
	return String(v);
}

export function call(baseUrl: string, creds: Creds | null, method: string, path: string, o: CallOptions = {}): Promise<CallResult> {
	const url = new URL(baseUrl + path);
	for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.set(k, String(v));
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (creds && o.sign !== false) Object.assign(headers, signedHeaders(creds, o));
	if (o.omitHeader) delete headers[o.omitHeader];
	Object.assign(headers, o.headers ?? {});
	const payload = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : (stringify(o.body) as string);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: any;
				try {
					json = parseLossless(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
			});
			res.on('error', reject);
		});
		if (o.timeoutMs) req.setTimeout(o.timeoutMs, () => req.destroy(new Error('client timeout')));
		req.on('error', reject);
		req.end(payload);
	});
}

/** Bound client for one sandbox. */
export function client(baseUrl: string, creds: Creds) {
	return {
		call: (method: string, path: string, o?: CallOptions) => call(baseUrl, creds, method, path, o),
		get: (path: string, query?: Record<string, string | number>, o: CallOptions = {}) => call(baseUrl, creds, 'GET', path, { ...o, query }),
		post: (path: string, body?: unknown, o: CallOptions = {}) => call(baseUrl, creds, 'POST', path, { ...o, body: body ?? {} }),
	};
}

export function admin(baseUrl: string, method: string, path: string, body?: unknown): Promise<CallResult> {
	return call(baseUrl, null, method, `/__admin/${path}`, { body, sign: false });
}
