import { createHmac, timingSafeEqual } from 'crypto';

/*
 * PandaPon push authenticity: header `Authorization` = hex HMAC-SHA256(base, Access Secret).
 *
 * The docs say only that "the message body" is signed. By default the base is the raw request
 * body exactly as received, and those same bytes are what the trigger then parses and emits. The
 * trigger option Signed Part → Message Body Only instead verifies the `messageBody` value alone
 * (its exact text, or the decoded string when messageBody is a JSON string); that is an explicit
 * choice, never a fallback. Hex case is not stated: the header is lower-cased before the
 * constant-time compare.
 */

export type SignedPart = 'rawBody' | 'messageBody';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

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

function isHexSha256(text: string): boolean {
	if (text.length !== 64) return false;
	for (let i = 0; i < 64; i++) {
		const c = text.charCodeAt(i);
		if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
	}
	return true;
}

/** Checks `header` against exactly one base, in constant time. */
export function checkSignature(header: string | undefined, secret: string, base: Buffer | string): SignatureCheck {
	if (header === undefined) return { ok: false, reason: 'missing' };
	const given = header.toLowerCase();
	if (!isHexSha256(given)) return { ok: false, reason: 'malformed' };
	const expected = Buffer.from(hmacHex(base, secret), 'hex');
	return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? { ok: true } : { ok: false, reason: 'mismatch' };
}

/**
 * The exact source text of a top-level property's value in a JSON object text, or undefined
 * when the text is not an object or has no such property. Only skims the structure (strings,
 * nesting) in one pass; it is used on text that has already been parsed with duplicate keys
 * refused, so the property it finds is the only one of that name.
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
