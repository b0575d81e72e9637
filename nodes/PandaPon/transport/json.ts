/**
 * Lossless JSON for PandaPon: order ids, developId and Taobao item ids exceed 2^53, so
 * `JSON.parse` would silently change their last digits.
 *
 * - `parseJson` reads text; an integer that a JS number cannot hold exactly becomes a string
 *   of its digits (everything else parses as `JSON.parse` would).
 * - `stringifyJson` writes values; `JsonInteger` (and `bigint`) are emitted as bare digits, so a
 *   19-digit id typed as an integer by the API reaches it verbatim.
 */

/** An integer kept as its decimal digits; serialised without quotes. */
export class JsonInteger {
	readonly digits: string;

	constructor(digits: string) {
		if (!/^-?(0|[1-9]\d*)$/.test(digits)) {
			throw new TypeError(`Not an integer: ${digits}`);
		}
		this.digits = digits;
	}

	toJSON(): string {
		return this.digits;
	}

	toString(): string {
		return this.digits;
	}
}

/** A string token (skipped whole), or an integer of 16+ digits outside strings, fractions, exponents. */
const TOKEN = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\d.eE+-])()(-?[1-9]\d{15,})(?![\d.eE])/g;

/** A 16+ digit integer in value position: after `:` `,` `[` and before `,` `}` `]`. */
const VALUE_INTEGER = /([:,[]\s*)(-?[1-9]\d{15,})(?=\s*[,}\]])/g;

/** Puts quotes around the unsafe integers the pattern finds (group 1: text before, group 2: digits). */
function quoteUnsafe(text: string, pattern: RegExp): string {
	const parts: string[] = [];
	let copied = 0;
	pattern.lastIndex = 0;
	for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
		const digits = m[2];
		if (digits === undefined || Number.isSafeInteger(Number(digits))) continue;
		const at = m.index + m[1].length;
		parts.push(text.slice(copied, at), '"', digits, '"');
		copied = at + digits.length;
	}
	if (copied === 0) return text;
	parts.push(text.slice(copied));
	return parts.join('');
}

/**
 * Parses JSON text; integers a JS number cannot hold exactly become digit strings.
 *
 * Fast path: quote every long integer in value position, then JSON.parse. A digit run inside a
 * string can look like a value too, but quoting it leaves string, number, string side by side,
 * which JSON.parse always rejects; then the exact path skips strings token by token.
 */
export function parseJson(text: string): unknown {
	if (!/\d{16}/.test(text)) return JSON.parse(text);
	try {
		return JSON.parse(quoteUnsafe(text, VALUE_INTEGER));
	} catch {
		return JSON.parse(quoteUnsafe(text, TOKEN));
	}
}

/** Serialises like JSON.stringify (no indentation), writing JsonInteger and bigint as bare digits. */
export function stringifyJson(value: unknown): string {
	const out = write(value);
	return out === undefined ? 'null' : out;
}

function write(value: unknown): string | undefined {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? String(value) : 'null';
		case 'boolean':
			return value ? 'true' : 'false';
		case 'bigint':
			return value.toString();
		case 'object': {
			if (value instanceof JsonInteger) return value.digits;
			if (Array.isArray(value)) {
				return '[' + value.map((v) => write(v) ?? 'null').join(',') + ']';
			}
			if (value instanceof Date) return JSON.stringify(value);
			const parts: string[] = [];
			for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
				const s = write(v);
				if (s !== undefined) parts.push(JSON.stringify(k) + ':' + s);
			}
			return '{' + parts.join(',') + '}';
		}
		default:
			return undefined; // undefined, functions, symbols are skipped like JSON.stringify
	}
}
