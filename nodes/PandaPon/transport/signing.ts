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

/** 32 random characters for the `nonce-str` header. */
export function newNonce(): string {
	return randomBytes(16).toString('hex');
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
