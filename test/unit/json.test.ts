import { isSafeNumber, parse as losslessParse, stringify as losslessStringify } from 'lossless-json';

import { JsonInteger, parseJson, stringifyJson } from '../../nodes/PandaPon/transport/json';

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

/** What our parser should produce: lossless-json's reading, with unsafe integers as digit strings. */
function oracle(text: string): unknown {
	return losslessParse(text, null, (raw) => (isSafeNumber(raw) || !/^-?\d+$/.test(raw) ? Number(raw) : raw));
}

describe('lossless JSON', () => {
	it('parses 2,000 random documents exactly as lossless-json does', () => {
		for (let i = 0; i < 2000; i++) {
			const text = toText(randomValue(0));
			expect(parseJson(text)).toEqual(oracle(text));
		}
	});

	it('keeps 19-digit integers exact where JSON.parse changes them', () => {
		const text = '{"orderId":2542285634920880794,"developId":1014533973088404335,"n":-9007199254740993,"safe":9007199254740991}';
		expect(JSON.parse(text).orderId).toBe(2542285634920880600);
		expect(parseJson(text)).toEqual({
			orderId: '2542285634920880794',
			developId: '1014533973088404335',
			n: '-9007199254740993',
			safe: 9007199254740991,
		});
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

	it('matches JSON.stringify for plain values', () => {
		const value = { a: [1, 'x', null, true, { b: undefined, c: 2.5 }], d: undefined, e: '\u2028"\\' };
		expect(stringifyJson(value)).toBe(JSON.stringify(value));
		expect(stringifyJson([undefined, () => 1])).toBe(JSON.stringify([undefined, () => 1]));
	});

	it.each(['', '{', '{"a":1,}', '[1 2]', '{"a" 1}', 'tru', '"abc', '01', '1.', '{"a":1} x', '<html>502</html>', '"\\x"'])(
		'rejects malformed JSON %p like JSON.parse does',
		(text) => {
			expect(() => JSON.parse(text)).toThrow();
			expect(() => parseJson(text)).toThrow(SyntaxError);
		},
	);

	it('rejects non-integers as JsonInteger', () => {
		expect(() => new JsonInteger('12a')).toThrow();
		expect(() => new JsonInteger('1.5')).toThrow();
		expect(new JsonInteger('2542285634920880794').toString()).toBe('2542285634920880794');
	});
});
