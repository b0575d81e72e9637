/**
 * The lossless JSON reader and writer against lossless-json and JSON.parse over tens of thousands
 * of seeded random, broken and hostile documents (seconds, so not in the unit layer).
 */
import { isDeepStrictEqual } from 'util';

import { isSafeNumber, parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

import { JsonDuplicateKeyError, JsonInteger, parseJson, stringifyJson } from '../../nodes/shared/transport/json';

/** Seeded PRNG so failures repeat. */
function mulberry32(seed: number) {
	return () => {
		seed |= 0;
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const rand = mulberry32(20261126);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)];
const digits = (len: number) => String(1 + int(9)) + Array.from({ length: len - 1 }, () => int(10)).join('');

function randomString(): string {
	const pool = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\u0001', 'é', '淘宝', '😀', '\u2028', '{', ']', ',', ':', '[', '}', ':1234567890123456789,', ', 98765432109876543210]', '[-12345678901234567890}'];
	return Array.from({ length: int(8) }, () => pool[int(pool.length)]).join('');
}

function randomValue(depth: number): unknown {
	const kind = int(depth > 3 ? 6 : 8);
	switch (kind) {
		case 0:
			return randomString();
		case 1:
			return digits(1 + int(19)); // a digit string, kept as string
		case 2:
			return (rand() < 0.5 ? -1 : 1) * int(1e9);
		case 3:
			return [
				Number((rand() * 1e6).toFixed(int(4))),
				`__INT__0.${digits(17 + int(6))}`, // long fraction: its digits are no integer
				`__INT__${digits(1 + int(3))}.${digits(18)}e-${digits(2)}`,
				`__INT__-${digits(17)}E+${int(20)}`,
			][int(4)];
		case 4:
			return [true, false, null][int(3)];
		case 5:
			return { bigId: `__INT__${rand() < 0.3 ? '-' : ''}${digits(16 + int(4))}`, inText: `id ${digits(19)} "x"` };
		case 6:
			return Array.from({ length: int(5) }, () => randomValue(depth + 1));
		default: {
			const obj: Record<string, unknown> = {};
			for (let i = int(5); i > 0; i--) obj[randomString() || 'k'] = randomValue(depth + 1);
			return obj;
		}
	}
}

/** Writes a value as JSON text with __INT__ markers turned into bare integers. */
const toText = (value: unknown) => JSON.stringify(value).replace(/"__INT__([-+.\deE]+)"/g, '$1');

/** lossless-json's number hook: unsafe integers as digit strings, everything else a number. */
const losslessNumber = (raw: string) => (isSafeNumber(raw) || !/^-?\d+$/.test(raw) ? Number(raw) : raw);

/** What our parser should produce: lossless-json's reading (last duplicate wins, as in JSON.parse). */
function oracle(text: string): unknown {
	return losslessParse(text, null, { parseNumber: losslessNumber, onDuplicateKey: ({ newValue }) => newValue });
}

/** lossless-json refusing duplicate keys (it reports only those whose values differ). */
function oracleStrict(text: string): unknown {
	return losslessParse(text, null, {
		parseNumber: losslessNumber,
		onDuplicateKey: ({ key }) => {
			throw new SyntaxError(`duplicate ${key}`);
		},
	});
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
const run = (f: () => unknown): Outcome => {
	try {
		return { ok: true, value: f() };
	} catch (error) {
		return { ok: false, error };
	}
};

// ---- generated documents, written as text so that whitespace, number forms, escapes and duplicate keys vary ----

const SPACE = ['', '', '', ' ', '\n', '\t', '\r\n  '];
const ws = () => pick(SPACE);

const NUMBER_FORMS = [
	() => String(int(10)),
	() => `-${int(1000)}`,
	() => '0',
	() => '-0',
	() => digits(1 + int(15)),
	() => digits(16 + int(6)), // 16–21 digits: safe or not
	() => `-${digits(16 + int(6))}`,
	() => pick(['9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740991', '-9007199254740992', '10000000000000000', '9223372036854775807', '2542285634920880794']),
	() => `${digits(1 + int(3))}.${digits(1 + int(20))}`,
	() => `0.${'0'.repeat(int(5))}${digits(1 + int(18))}`,
	() => `${digits(1 + int(20))}e${pick(['', '+', '-'])}${int(400)}`,
	() => `-${digits(1 + int(3))}.${digits(1 + int(3))}E${pick(['', '+', '-'])}${int(30)}`,
	() => `${digits(19)}.0`,
	() => `1${'0'.repeat(int(30))}`,
];

const ESCAPES = ['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t', '\\u0041', '\\u00e9', '\\uD83D\\uDE00', '\\uD800', '\\uDFFF', '\\u2028', '\\u0000', '\\uABCD', '\\uabcd'];
const STRING_PARTS = ['a', 'key', ' ', 'é', '淘宝', '😀', '\u2028', '{', '}', '[', ']', ',', ':', '1234567890123456789', '-98765432109876543210', '1234567890123456\\"', "'", '#'];

function stringText(): string {
	let s = '"';
	for (let n = int(6); n > 0; n--) s += rand() < 0.3 ? pick(ESCAPES) : pick(STRING_PARTS);
	return s + '"';
}

const KEYS = ['"a"', '"b"', '"id"', '"orderId"', '"messageBody"', '"messageType"', '"\\u0061"', '"__proto__"', '"1"', '""'];

interface Generated {
	text: string;
	/** Some object names the same key twice (the decoded key, so "a" and "\u0061" collide). */
	duplicate: boolean;
}

function generate(depth: number, maxDepth: number): Generated {
	const roll = depth >= maxDepth ? int(4) : int(7);
	if (roll === 0) return { text: pick(NUMBER_FORMS)(), duplicate: false };
	if (roll === 1) return { text: stringText(), duplicate: false };
	if (roll === 2) return { text: pick(['true', 'false', 'null']), duplicate: false };
	if (roll === 3) return { text: pick(NUMBER_FORMS)(), duplicate: false };
	if (roll === 4) {
		const parts: Generated[] = Array.from({ length: int(5) }, () => generate(depth + 1, maxDepth));
		return { text: `[${ws()}${parts.map((p) => p.text).join(`${ws()},${ws()}`)}${ws()}]`, duplicate: parts.some((p) => p.duplicate) };
	}
	const names: string[] = [];
	let duplicate = false;
	const members: string[] = [];
	for (let n = int(5); n > 0; n--) {
		const key = rand() < 0.7 ? pick(KEYS) : stringText();
		const name = JSON.parse(key) as string;
		if (names.includes(name)) duplicate = true;
		names.push(name);
		const value = generate(depth + 1, maxDepth);
		duplicate ||= value.duplicate;
		members.push(`${key}${ws()}:${ws()}${value.text}`);
	}
	return { text: `{${ws()}${members.join(`${ws()},${ws()}`)}${ws()}}`, duplicate };
}

/** Breaks a document: deletes, inserts or replaces a character, or cuts it short. */
function mutate(text: string): string {
	const at = int(text.length + 1);
	const junk = pick(['"', '\\', '{', '}', '[', ']', ',', ':', '0', '-', '.', 'e', '+', ' ', 'x', '\u0001', '\u001f', '\u007f', 'tru', 'nul', '1234567890123456', "'", '\u00a0', '\ufeff']);
	switch (int(4)) {
		case 0:
			return text.slice(0, at) + text.slice(at + 1);
		case 1:
			return text.slice(0, at) + junk + text.slice(at);
		case 2:
			return text.slice(0, at) + junk + text.slice(at + 1);
		default:
			return text.slice(0, at);
	}
}

const HOSTILE = [
	'{123:1}',
	'{a:1}',
	"{'a':1}",
	'{"a":1,"a":2}',
	'{"a":1,"\\u0061":1}',
	'{"m":{"x":[{"k":1,"k":1}]}}',
	'{"messageBody":{"orderId":1},"messageType":"X","messageBody":{"orderId":2}}',
	'2542285634920880794',
	'-2542285634920880794',
	' 12345678901234567890 ',
	'"2542285634920880794"',
	'1234567890123456"\\"\\"\\',
	'[1234567890123456"\\"\\"\\"]',
	'{"a":1234567890123456"\\"\\"\\"}',
	'["\\"\\"\\"\\',
	'1234567890123456' + '"\\'.repeat(200),
	'01',
	'-',
	'-01',
	'1.',
	'.5',
	'1e',
	'1e+',
	'+1',
	'0x10',
	'NaN',
	'Infinity',
	'-Infinity',
	'1 2',
	'[1,]',
	'{"a":1,}',
	'[,1]',
	'{,}',
	'"\\x"',
	'"\\u12"',
	'"\\u12G4"',
	'"\t"',
	'"a\u0000b"',
	'\ufeff{}',
	'{}\u00a0',
	'[]]',
	'[[]',
	'{"a":[}]',
	'true false',
	'nulll',
	'TRUE',
	'',
	' ',
	'"',
	'[' + '1,'.repeat(100) + '1]',
	'['.repeat(1000) + ']'.repeat(1000),
	'{"a":'.repeat(1000) + '1' + '}'.repeat(1000),
	'['.repeat(2000) + ']'.repeat(1999),
];

describe('lossless JSON', () => {
	it('matches lossless-json on validity and values over 50,000+ random, broken and hostile documents', () => {
		const counts = { documents: 0, valid: 0, invalid: 0, duplicates: 0, unsafeIntegers: 0 };
		/** Fails with the document in the message; plain checks first so 50,000 documents stay fast. */
		const agree = (text: string, what: string, ok: boolean) => {
			if (!ok) expect({ text: text.length > 300 ? text.slice(0, 300) + '…' : text, what }).toBeUndefined();
		};
		const check = (text: string, duplicate?: boolean) => {
			counts.documents++;
			const ours = run(() => parseJson(text));
			const expected = run(() => oracle(text));
			const native = run(() => JSON.parse(text));
			// Validity: the same answer as lossless-json and as JSON.parse.
			agree(text, 'validity as lossless-json', ours.ok === expected.ok);
			agree(text, 'validity as JSON.parse', ours.ok === native.ok);
			if (!ours.ok) {
				agree(text, 'a SyntaxError', ours.error instanceof SyntaxError);
				counts.invalid++;
			} else {
				agree(text, 'the value lossless-json reads', isDeepStrictEqual(ours.value, (expected as { value: unknown }).value));
				counts.valid++;
			}
			// Refusing duplicates: refused exactly when the text is valid and names a key twice.
			const strict = run(() => parseJson(text, { rejectDuplicateKeys: true }));
			const losslessStrict = run(() => oracleStrict(text));
			if (strict.ok) {
				agree(text, 'strict accepts only valid text, with the same value', ours.ok && isDeepStrictEqual(strict.value, ours.value));
				agree(text, 'strict accepts what lossless-json accepts', losslessStrict.ok);
				agree(text, 'no duplicate generated', duplicate !== true);
			} else if (strict.error instanceof JsonDuplicateKeyError) {
				// A repeated key seen before a later syntax error is refused as a duplicate: refused either way.
				if (ours.ok) agree(text, 'a duplicate was generated', duplicate !== false);
				counts.duplicates++;
			} else {
				agree(text, 'strict refuses only invalid text', !ours.ok);
			}
		};

		for (const text of HOSTILE) check(text);
		for (let n = 0; n < 12_000; n++) check(toText(randomValue(0)));
		for (let n = 0; n < 20_000; n++) {
			const doc = generate(0, 1 + int(5));
			const text = `${ws()}${doc.text}${ws()}`;
			check(text, doc.duplicate);
			check(mutate(text));
		}
		for (let n = 0; n < 300; n++) {
			const depth = 1 + int(1000);
			const open = Array.from({ length: depth }, () => (rand() < 0.5 ? '[' : '{"k":'));
			const close = open.map((o) => (o === '[' ? ']' : '}')).reverse();
			const inner = pick(NUMBER_FORMS)();
			check(open.join('') + inner + close.join(''));
			check(open.join('') + inner + close.slice(int(3)).join(''));
		}
		expect(counts.documents).toBeGreaterThanOrEqual(50_000);
		expect(counts.valid).toBeGreaterThan(20_000);
		expect(counts.invalid).toBeGreaterThan(10_000);
		expect(counts.duplicates).toBeGreaterThan(1_000);
	});

	it('reads every document as the tokenizer does on the quick path (unsafe integers quoted, then JSON.parse)', () => {
		// Options send a read to the tokenizer; maxDepth Infinity changes nothing else.
		const tokenizer = (text: string) => parseJson(text, { maxDepth: Infinity });
		const texts = [
			...HOSTILE,
			'{"a":1234567890123456789,"b":[2542285634920880794,-9223372036854775808,"9223372036854775808"]}',
			'{"a":"x\\\\","b":12345678901234567890}',
			'{"a":"x\\\"","b":12345678901234567890}',
			'[12345678901234567890 ,\n 12345678901234567891]',
			'{"k":12345678901234567890.5,"e":12345678901234567890e2,"z":00012345678901234567}',
			'{12345678901234567890:1}',
			'{"a":1,12345678901234567890:2}',
			'[{"a":1},12345678901234567890]',
		];
		for (let n = 0; n < 8_000; n++) {
			const text = `${ws()}${generate(0, 1 + int(5)).text}${ws()}`;
			texts.push(text, mutate(text));
		}
		let valid = 0;
		for (const text of texts) {
			const a = run(() => parseJson(text));
			const b = run(() => tokenizer(text));
			if (a.ok !== b.ok) expect({ text, quick: a, tokenizer: b }).toBeUndefined();
			if (a.ok && b.ok && !isDeepStrictEqual(a.value, b.value)) expect({ text, quick: a.value, tokenizer: b.value }).toBeUndefined();
			if (!a.ok && !b.ok && (a.error as Error).message !== (b.error as Error).message) expect({ text, quick: a.error, tokenizer: b.error }).toBeUndefined();
			if (a.ok) valid++;
		}
		expect(valid).toBeGreaterThan(5_000);
	});

	it('writes JsonInteger and bigint as bare integers, and agrees with lossless-json', () => {
		for (let i = 0; i < 2000; i++) {
			const id = digits(1 + int(19));
			const value = { orderId: new JsonInteger(id), ids: [new JsonInteger(id), BigInt(id)], s: randomString(), n: int(1000), f: 1.5 };
			const ours = stringifyJson(value);
			expect(ours).toContain(`"orderId":${id},`);
			expect(oracle(ours)).toEqual(oracle(losslessStringify(oracle(ours)) as string));
			expect(JSON.parse(ours).s).toBe(value.s);
		}
	});

	it('round-trips random documents through parse and stringify', () => {
		for (let i = 0; i < 1000; i++) {
			const text = toText(randomValue(0));
			// A float such as -1.2E+18 is already inexact and prints as a long integer: not a round trip.
			if (/E\+/.test(text)) continue;
			expect(parseJson(stringifyJson(parseJson(text)))).toEqual(parseJson(text));
		}
	});
});
