import { createHmac, timingSafeEqual } from 'crypto';

/**
 * PandaPon push authenticity: header `Authorization` = hex HMAC-SHA256(base, Access Secret).
 *
 * The docs do not spell out the base beyond "the message body". The most likely base is the raw
 * request body exactly as received, so that is tried first; as the catalog advises, the
 * `messageBody` value alone is the fallback (its exact text as it appears in the raw body, or the
 * decoded string when messageBody is sent as a JSON string). Hex case is not stated: the header
 * is lower-cased before the constant-time compare.
 */

export type SignatureBase = 'rawBody' | 'messageBody';

export type SignatureCheck =
	| { ok: true; base: SignatureBase }
	| { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** Reads the Authorization header value; tolerates a repeated header by taking the first. */
export function authorizationHeader(value: string | string[] | undefined): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	if (first === undefined) return undefined;
	const trimmed = first.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function hmacHex(base: Buffer | string, secret: string): string {
	return createHmac('sha256', secret).update(base).digest('hex');
}

/** Constant-time compare of two lower-case hex digests of the same (SHA-256) length. */
function sameDigest(expectedHex: string, givenHex: string): boolean {
	const a = Buffer.from(expectedHex, 'hex');
	const b = Buffer.from(givenHex, 'hex');
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks `header` against the raw body and then against each fallback base, in order.
 * `fallbacks` is only called when the raw-body check fails (it may need to parse the body).
 */
export function checkSignature(
	header: string | undefined,
	secret: string,
	rawBody: Buffer | undefined,
	fallbacks: () => Array<Buffer | string>,
): SignatureCheck {
	if (header === undefined) return { ok: false, reason: 'missing' };
	const given = header.toLowerCase();
	if (!HEX_SHA256.test(given)) return { ok: false, reason: 'malformed' };
	if (rawBody !== undefined && sameDigest(hmacHex(rawBody, secret), given)) {
		return { ok: true, base: 'rawBody' };
	}
	let matched = false;
	for (const base of fallbacks()) {
		// Evaluate every candidate so the time taken does not depend on which one matched.
		if (sameDigest(hmacHex(base, secret), given)) matched = true;
	}
	return matched ? { ok: true, base: 'messageBody' } : { ok: false, reason: 'mismatch' };
}

/**
 * The exact source text of a top-level property's value in a JSON object text, or undefined
 * when the text is not an object or has no such property. Only skims the structure (strings,
 * nesting); callers parse the text separately.
 */
export function topLevelValueText(json: string, key: string): string | undefined {
	let pos = 0;
	const len = json.length;
	const space = () => {
		while (pos < len && (json[pos] === ' ' || json[pos] === '\n' || json[pos] === '\r' || json[pos] === '\t')) pos++;
	};
	const skipString = (): string | undefined => {
		const start = pos;
		pos++; // opening quote
		while (pos < len) {
			const c = json[pos];
			if (c === '\\') pos += 2;
			else if (c === '"') {
				pos++;
				return json.slice(start, pos);
			} else pos++;
		}
		return undefined;
	};
	const skipValue = (): boolean => {
		space();
		const c = json[pos];
		if (c === '"') return skipString() !== undefined;
		if (c === '{' || c === '[') {
			let depth = 0;
			while (pos < len) {
				const d = json[pos];
				if (d === '"') {
					if (skipString() === undefined) return false;
					continue;
				}
				if (d === '{' || d === '[') depth++;
				else if (d === '}' || d === ']') {
					depth--;
					if (depth === 0) {
						pos++;
						return true;
					}
				}
				pos++;
			}
			return false;
		}
		// number, true, false, null
		const start = pos;
		while (pos < len && !',}] \n\r\t'.includes(json[pos])) pos++;
		return pos > start;
	};

	if (json.charCodeAt(0) === 0xfeff) pos = 1;
	space();
	if (json[pos] !== '{') return undefined;
	pos++;
	for (;;) {
		space();
		if (json[pos] === '}' || pos >= len) return undefined;
		if (json[pos] !== '"') return undefined;
		const quoted = skipString();
		if (quoted === undefined) return undefined;
		let name: string;
		try {
			name = JSON.parse(quoted) as string;
		} catch {
			return undefined;
		}
		space();
		if (json[pos] !== ':') return undefined;
		pos++;
		space();
		const start = pos;
		if (!skipValue()) return undefined;
		if (name === key) return json.slice(start, pos);
		space();
		if (json[pos] === ',') {
			pos++;
			continue;
		}
		return undefined;
	}
}
