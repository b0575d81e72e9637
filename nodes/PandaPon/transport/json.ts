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

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonSyntaxError extends SyntaxError {}

/** Parses JSON text; unsafe integers become digit strings. Throws SyntaxError on bad input. */
export function parseJson(text: string): unknown {
	let pos = 0;

	const fail = (what: string): never => {
		throw new JsonSyntaxError(`${what} at position ${pos}`);
	};

	const skipSpace = () => {
		for (;;) {
			const c = text.charCodeAt(pos);
			if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
			else return;
		}
	};

	const parseString = (): string => {
		// pos is at the opening quote
		const start = ++pos;
		const close = text.indexOf('"', start);
		if (close === -1) fail('Unterminated string');
		const chunk = text.slice(start, close);
		// Fast path: no escapes and no control characters
		if (chunk.indexOf('\\') === -1 && !/[\u0000-\u001f]/.test(chunk)) {
			pos = close + 1;
			return chunk;
		}
		let out = '';
		for (;;) {
			const c = text[pos];
			if (c === undefined) fail('Unterminated string');
			if (c === '"') {
				pos++;
				return out;
			}
			if (c === '\\') {
				const e = text[pos + 1];
				pos += 2;
				switch (e) {
					case '"':
						out += '"';
						break;
					case '\\':
						out += '\\';
						break;
					case '/':
						out += '/';
						break;
					case 'b':
						out += '\b';
						break;
					case 'f':
						out += '\f';
						break;
					case 'n':
						out += '\n';
						break;
					case 'r':
						out += '\r';
						break;
					case 't':
						out += '\t';
						break;
					case 'u': {
						const hex = text.slice(pos, pos + 4);
						if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad unicode escape');
						out += String.fromCharCode(parseInt(hex, 16));
						pos += 4;
						break;
					}
					default:
						pos -= 2;
						fail('Bad escape');
				}
				continue;
			}
			if (c < ' ') fail('Control character in string');
			out += c;
			pos++;
		}
	};

	const parseNumber = (): number | string => {
		NUMBER.lastIndex = pos;
		const m = NUMBER.exec(text);
		if (!m) return fail('Unexpected character');
		const raw = m[0];
		pos += raw.length;
		const value = Number(raw);
		if (Number.isSafeInteger(value) || !/^-?\d+$/.test(raw)) return value;
		return raw; // integer beyond 2^53: keep every digit
	};

	const parseValue = (depth: number): unknown => {
		if (depth > 512) fail('Nesting too deep');
		skipSpace();
		const c = text[pos];
		if (c === '{') {
			pos++;
			const obj: Record<string, unknown> = {};
			skipSpace();
			if (text[pos] === '}') {
				pos++;
				return obj;
			}
			for (;;) {
				skipSpace();
				if (text[pos] !== '"') fail('Expected a property name');
				const key = parseString();
				skipSpace();
				if (text[pos] !== ':') fail("Expected ':'");
				pos++;
				const value = parseValue(depth + 1);
				if (key === '__proto__') {
					Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
				} else {
					obj[key] = value;
				}
				skipSpace();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === '}') {
					pos++;
					return obj;
				}
				fail("Expected ',' or '}'");
			}
		}
		if (c === '[') {
			pos++;
			const arr: unknown[] = [];
			skipSpace();
			if (text[pos] === ']') {
				pos++;
				return arr;
			}
			for (;;) {
				arr.push(parseValue(depth + 1));
				skipSpace();
				if (text[pos] === ',') {
					pos++;
					continue;
				}
				if (text[pos] === ']') {
					pos++;
					return arr;
				}
				fail("Expected ',' or ']'");
			}
		}
		if (c === '"') return parseString();
		if (text.startsWith('true', pos)) {
			pos += 4;
			return true;
		}
		if (text.startsWith('false', pos)) {
			pos += 5;
			return false;
		}
		if (text.startsWith('null', pos)) {
			pos += 4;
			return null;
		}
		if (c === undefined) return fail('Unexpected end of JSON');
		return parseNumber();
	};

	const value = parseValue(0);
	skipSpace();
	if (pos !== text.length) fail('Unexpected text after JSON');
	return value;
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
