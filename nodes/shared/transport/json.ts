/*
 * Lossless JSON for PandaPon: order ids, developId and Taobao item ids exceed 2^53, so
 * `JSON.parse` would silently change their last digits.
 *
 * - `parseJson`: an integer that a JS number cannot hold exactly becomes a string of its digits,
 *   everything else parses as `JSON.parse` would. Without options it puts those integers in quotes
 *   (one linear pass) and hands the text to `JSON.parse`, which builds the value in less than half
 *   the time; text `JSON.parse` refuses, and reads with options (refuse duplicate keys, bound the
 *   nesting depth: the trigger uses both), go to an iterative tokenizer that reads the text in one
 *   linear pass (no regular expressions, no recursion) and says where it fails.
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

export interface ParseJsonOptions {
	/** Refuse an object that names the same key twice (JSON.parse keeps the last silently). */
	rejectDuplicateKeys?: boolean;
	/** Refuse text whose arrays/objects nest deeper than this. */
	maxDepth?: number;
}

/** The text names a key twice in one object (only with `rejectDuplicateKeys`). */
export class JsonDuplicateKeyError extends SyntaxError {
	constructor(
		readonly key: string,
		position: number,
	) {
		super(`Duplicate key ${JSON.stringify(key.length > 40 ? key.slice(0, 40) + '…' : key)} in JSON at position ${position}`);
		this.name = 'SyntaxError';
	}
}

/** Arrays/objects nest deeper than `maxDepth`. */
export class JsonDepthError extends SyntaxError {
	constructor(maxDepth: number, position: number) {
		super(`JSON nested deeper than ${maxDepth} levels at position ${position}`);
		this.name = 'SyntaxError';
	}
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPED: Record<number, string> = {
	0x22: '"',
	0x5c: '\\',
	0x2f: '/',
	0x62: '\b',
	0x66: '\f',
	0x6e: '\n',
	0x72: '\r',
	0x74: '\t',
};

function hexValue(code: number): number {
	if (code >= 0x30 && code <= 0x39) return code - 0x30;
	if (code >= 0x41 && code <= 0x46) return code - 0x37;
	if (code >= 0x61 && code <= 0x66) return code - 0x57;
	return -1;
}

type Frame = { array: unknown[]; object?: undefined } | { object: Record<string, unknown>; key: string; array?: undefined };

/**
 * Parses JSON text; integers a JS number cannot hold exactly become digit strings. Throws a
 * SyntaxError on anything JSON.parse would refuse (and on duplicate keys / excess depth when asked).
 * Each character is looked at a bounded number of times, so time is linear in the text length.
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): unknown {
	if (options.rejectDuplicateKeys !== true && options.maxDepth === undefined) {
		const quoted = quoteUnsafeIntegers(text);
		if (quoted !== undefined) {
			try {
				return JSON.parse(quoted) as unknown;
			} catch {
				// not valid JSON: the tokenizer below says where
			}
		}
	}
	return tokenize(text, options);
}

/**
 * The text with every integer a JS number cannot hold exactly written as a string of its digits,
 * or undefined when a string never ends (the text is no JSON). Only numbers where a value stands
 * (after ":", or after "[" or "," in an array, or the whole text) are quoted, so the result is
 * valid JSON exactly when the text is, and JSON.parse reads it to what the tokenizer reads.
 * Strings are skipped with indexOf; a quote is escaped by an odd run of backslashes before it.
 */
function quoteUnsafeIntegers(text: string): string | undefined {
	const end = text.length;
	/** For each open container: true for an array, false for an object. */
	const arrays: boolean[] = [];
	/** The last character outside strings and white space (-1: none yet). */
	let last = -1;
	let out = '';
	let copied = 0;
	let i = 0;
	while (i < end) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			for (;;) {
				const close = text.indexOf('"', i + 1);
				if (close < 0) return undefined;
				let backslash = close - 1;
				while (text.charCodeAt(backslash) === BACKSLASH) backslash--;
				i = close;
				if ((close - 1 - backslash) % 2 === 0) break;
			}
			i++;
			last = QUOTE;
		} else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
			const start = i;
			if (c === 0x2d) i++;
			const digits = i;
			for (; i < end; i++) {
				const d = text.charCodeAt(i);
				if (d < 0x30 || d > 0x39) break;
			}
			const next = text.charCodeAt(i);
			const valuePlace = last === 0x3a || last === -1 || ((last === 0x5b || last === 0x2c) && arrays[arrays.length - 1] === true);
			// Safe integers have at most 16 digits; a leading zero or a fraction or exponent makes no integer to keep.
			if (i - digits > 15 && text.charCodeAt(digits) !== 0x30 && next !== 0x2e && next !== 0x65 && next !== 0x45 && valuePlace) {
				const raw = text.slice(start, i);
				if (!Number.isSafeInteger(Number(raw))) {
					out += text.slice(copied, start) + '"' + raw + '"';
					copied = i;
				}
			}
			last = 0x30;
		} else {
			if (c === 0x7b) arrays.push(false);
			else if (c === 0x5b) arrays.push(true);
			else if (c === 0x7d || c === 0x5d) arrays.pop();
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) last = c;
			i++;
		}
	}
	return copied === 0 ? text : out + text.slice(copied);
}

function tokenize(text: string, options: ParseJsonOptions): unknown {
	const rejectDuplicates = options.rejectDuplicateKeys === true;
	const maxDepth = options.maxDepth ?? Infinity;
	const end = text.length;
	let i = 0;

	const fail = (what?: string): never => {
		if (i >= end) throw new SyntaxError(`Unexpected end of JSON input${what ? ` (${what})` : ''}`);
		throw new SyntaxError(`Unexpected character ${JSON.stringify(text[i])} in JSON at position ${i}${what ? ` (${what})` : ''}`);
	};

	const skipSpace = () => {
		for (; i < end; i++) {
			const c = text.charCodeAt(i);
			if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
		}
	};

	/** At an opening quote: the string's value; `i` ends after the closing quote. */
	const readString = (): string => {
		let start = ++i;
		// Common case: no escapes, the value is a slice of the text.
		for (; i < end; i++) {
			const c = text.charCodeAt(i);
			if (c === QUOTE) return text.slice(start, i++);
			if (c === BACKSLASH || c < 0x20) break;
		}
		let out = '';
		for (;;) {
			if (i >= end) fail('unterminated string');
			const c = text.charCodeAt(i);
			if (c === QUOTE) {
				out += text.slice(start, i);
				i++;
				return out;
			}
			if (c === BACKSLASH) {
				out += text.slice(start, i);
				const e = text.charCodeAt(i + 1);
				const simple = ESCAPED[e];
				if (simple !== undefined) {
					out += simple;
					i += 2;
				} else if (e === 0x75) {
					const a = hexValue(text.charCodeAt(i + 2));
					const b = hexValue(text.charCodeAt(i + 3));
					const d = hexValue(text.charCodeAt(i + 4));
					const f = hexValue(text.charCodeAt(i + 5));
					if ((a | b | d | f) < 0) {
						i++;
						fail('bad \\u escape');
					}
					out += String.fromCharCode((a << 12) | (b << 8) | (d << 4) | f);
					i += 6;
				} else {
					i++;
					fail('bad escape');
				}
				start = i;
			} else if (c < 0x20) {
				fail('control character in string');
			} else {
				i++;
			}
		}
	};

	const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

	/** A number; an integer outside the safe range comes back as its digits. */
	const readNumber = (): number | string => {
		const start = i;
		if (text.charCodeAt(i) === 0x2d) i++;
		const intStart = i;
		const first = text.charCodeAt(i);
		let small = 0; // the integer part, exact while it has at most 15 digits
		if (first === 0x30) i++;
		else if (first >= 0x31 && first <= 0x39) {
			for (; i < end; i++) {
				const d = text.charCodeAt(i);
				if (d < 0x30 || d > 0x39) break;
				small = small * 10 + (d - 0x30);
			}
		} else fail('digit expected');
		const next = text.charCodeAt(i);
		if (next !== 0x2e && next !== 0x65 && next !== 0x45 && i - intStart <= 15) {
			return start === intStart ? small : -small;
		}
		let integer = true;
		if (text.charCodeAt(i) === 0x2e) {
			integer = false;
			i++;
			if (!isDigit(text.charCodeAt(i))) fail('digit expected');
			while (i < end && isDigit(text.charCodeAt(i))) i++;
		}
		const e = text.charCodeAt(i);
		if (e === 0x65 || e === 0x45) {
			integer = false;
			i++;
			const sign = text.charCodeAt(i);
			if (sign === 0x2b || sign === 0x2d) i++;
			if (!isDigit(text.charCodeAt(i))) fail('digit expected');
			while (i < end && isDigit(text.charCodeAt(i))) i++;
		}
		const raw = text.slice(start, i);
		const value = Number(raw);
		// Safe integers have at most 16 digits; only longer ones need the exactness check.
		if (integer && i - intStart > 15 && !Number.isSafeInteger(value)) return raw;
		return value;
	};

	const readLiteral = (word: string, value: boolean | null): boolean | null => {
		if (!text.startsWith(word, i)) fail();
		i += word.length;
		return value;
	};

	const setKey = (object: Record<string, unknown>, key: string, value: unknown) => {
		if (key === '__proto__') {
			Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
		} else {
			object[key] = value;
		}
	};

	/** At an opening quote of an object key: reads the key and its colon. */
	const readKey = (object: Record<string, unknown>): string => {
		if (text.charCodeAt(i) !== QUOTE) fail('object key expected');
		const at = i;
		const key = readString();
		if (rejectDuplicates && Object.prototype.hasOwnProperty.call(object, key)) {
			throw new JsonDuplicateKeyError(key, at);
		}
		skipSpace();
		if (text.charCodeAt(i) !== 0x3a) fail('":" expected');
		i++;
		return key;
	};

	const stack: Frame[] = [];
	for (;;) {
		// A value starts here.
		skipSpace();
		let value: unknown;
		const c = text.charCodeAt(i);
		if (c === 0x7b || c === 0x5b) {
			if (stack.length >= maxDepth) throw new JsonDepthError(maxDepth, i);
			i++;
			skipSpace();
			if (c === 0x7b) {
				const object: Record<string, unknown> = {};
				if (text.charCodeAt(i) === 0x7d) {
					i++;
					value = object;
				} else {
					stack.push({ object, key: readKey(object) });
					continue;
				}
			} else if (text.charCodeAt(i) === 0x5d) {
				i++;
				value = [];
			} else {
				stack.push({ array: [] });
				continue;
			}
		} else if (c === QUOTE) value = readString();
		else if (c === 0x2d || isDigit(c)) value = readNumber();
		else if (c === 0x74) value = readLiteral('true', true);
		else if (c === 0x66) value = readLiteral('false', false);
		else if (c === 0x6e) value = readLiteral('null', null);
		else fail();

		// Hand the value to its container; close every container that ends here.
		for (;;) {
			const frame = stack[stack.length - 1];
			skipSpace();
			if (frame === undefined) {
				if (i < end) fail('end of input expected');
				return value;
			}
			const next = text.charCodeAt(i);
			if (frame.array !== undefined) {
				frame.array.push(value);
				if (next === 0x2c) {
					i++;
					break;
				}
				if (next !== 0x5d) fail('"," or "]" expected');
				i++;
				value = frame.array;
			} else {
				setKey(frame.object, frame.key, value);
				if (next === 0x2c) {
					i++;
					skipSpace();
					frame.key = readKey(frame.object);
					break;
				}
				if (next !== 0x7d) fail('"," or "}" expected');
				i++;
				value = frame.object;
			}
			stack.pop();
		}
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
