import { createHash, randomBytes } from 'crypto';

/** Which Unix time unit the `timestamp` header carries (the docs disagree; see README). */
export type TimestampUnit = 'milliseconds' | 'seconds';

export interface SignatureInput {
	accessKey: string;
	accessSecret: string;
	timestamp: string;
	nonce: string;
}

/** PandaPon request signature: uppercase hex MD5 of accessKey + timestamp + nonce + accessSecret. */
export function signature({ accessKey, accessSecret, timestamp, nonce }: SignatureInput): string {
	return createHash('md5')
		.update(accessKey + timestamp + nonce + accessSecret, 'utf8')
		.digest('hex')
		.toUpperCase();
}

/** Random bytes drawn 4 KiB at a time: one call to the system's generator per 256 nonces, not per request. */
let randomPool = Buffer.alloc(0);
let poolUsed = 0;

/** 32 random characters for the `nonce-str` header (16 random bytes, each nonce its own). */
export function newNonce(): string {
	if (poolUsed + 16 > randomPool.length) {
		randomPool = randomBytes(4096);
		poolUsed = 0;
	}
	poolUsed += 16;
	return randomPool.toString('hex', poolUsed - 16, poolUsed);
}

export function timestampNow(unit: TimestampUnit, nowMs: number = Date.now()): string {
	return String(unit === 'seconds' ? Math.floor(nowMs / 1000) : nowMs);
}

/**
 * The five system headers. Pure: the caller supplies clock and nonce, so tests can pin them.
 * `user-id` is sent but not signed, as the docs say.
 */
export function systemHeaders(input: SignatureInput & { userId: string }): Record<string, string> {
	return {
		'access-key': input.accessKey,
		timestamp: input.timestamp,
		'nonce-str': input.nonce,
		'user-id': input.userId,
		signature: signature(input),
	};
}

/** The `/open/pp/logistics/*` family documents query `timestamp` + `sign` instead of headers. */
export function usesQuerySignature(url: string): boolean {
	return /\/open\/pp\/logistics\//.test(url);
}

/**
 * The nonce and timestamp to sign with: the caller's, when it chose them (the node does, so it
 * knows this request's signature and can redact it from whatever the server echoes), else new ones.
 */
export function nonceAndTimestamp(
	headers: Record<string, unknown> | undefined,
	unit: TimestampUnit,
): { nonce: string; timestamp: string } {
	const nonce = headers?.['nonce-str'];
	const timestamp = headers?.timestamp;
	return {
		nonce: typeof nonce === 'string' && /^[0-9a-f]{32}$/.test(nonce) ? nonce : newNonce(),
		timestamp: typeof timestamp === 'string' && /^\d{10,13}$/.test(timestamp) ? timestamp : timestampNow(unit),
	};
}

/** Visible ASCII: what a header value may hold without being refused or mangled on the way. */
const HEADER_UNSAFE = /[^\x21-\x7e]/;

function describeChar(char: string): string {
	if (char === '\r') return 'a carriage return (CR)';
	if (char === '\n') return 'a line break (LF)';
	if (char === ' ') return 'a space';
	if (char === '\t') return 'a tab';
	const code = char.codePointAt(0) ?? 0;
	const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return code < 0x20 || code === 0x7f ? `a control character (${hex})` : `the non-ASCII character "${char}" (${hex})`;
}

/**
 * What is wrong with the credential's fields, naming the field, or undefined. Checked before
 * anything is sent: a line break or non-ASCII character in a header makes the request fail on the
 * way out (or be signed differently from what is sent).
 */
export function credentialProblem(data: { accessKey?: unknown; userId?: unknown; baseUrl?: unknown }): string | undefined {
	const fields: Array<[string, unknown]> = [
		['Access Key', data.accessKey],
		['User ID', data.userId],
	];
	for (const [label, raw] of fields) {
		const value = String(raw ?? '');
		const bad = HEADER_UNSAFE.exec(value);
		if (bad) {
			return `The credential's ${label} contains ${describeChar(bad[0])} at position ${bad.index + 1}; it may only hold visible ASCII characters. Copy it again from the PandaPon console, without spaces or line breaks.`;
		}
	}
	const baseUrl = String(data.baseUrl ?? '');
	if (baseUrl === '') return undefined;
	const bad = HEADER_UNSAFE.exec(baseUrl);
	if (bad) {
		return `The credential's Base URL contains ${describeChar(bad[0])} at position ${bad.index + 1}. Enter an address such as https://api.pandapon.com.`;
	}
	let protocol = '';
	try {
		protocol = new URL(baseUrl).protocol;
	} catch {
		return `The credential's Base URL "${baseUrl.slice(0, 80)}" is not a URL. Enter an address such as https://api.pandapon.com.`;
	}
	if (protocol !== 'https:' && protocol !== 'http:') {
		return `The credential's Base URL must start with https:// or http://, got "${protocol}". Enter an address such as https://api.pandapon.com.`;
	}
	return undefined;
}
