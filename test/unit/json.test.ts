/**
 * The lossless JSON reader and writer on fixed cases: 19-digit ids, duplicate keys, depth, the
 * hostile shapes, malformed text. The randomized comparison with lossless-json is in test/fuzz/.
 */
import { JsonDepthError, JsonDuplicateKeyError, JsonInteger, parseJson, stringifyJson } from '../../nodes/shared/transport/json';

describe('lossless JSON', () => {
	it('keeps 19-digit integers exact where JSON.parse changes them, also as a whole document', () => {
		const text = '{"orderId":2542285634920880794,"developId":1014533973088404335,"n":-9007199254740993,"safe":9007199254740991}';
		expect(JSON.parse(text).orderId).toBe(2542285634920880600);
		expect(parseJson(text)).toEqual({
			orderId: '2542285634920880794',
			developId: '1014533973088404335',
			n: '-9007199254740993',
			safe: 9007199254740991,
		});
		expect(parseJson('2542285634920880794')).toBe('2542285634920880794');
		expect(parseJson(' -9223372036854775808\n')).toBe('-9223372036854775808');
		expect(parseJson('9007199254740991')).toBe(9007199254740991);
		expect(parseJson('2542285634920880794.5')).toBe(2542285634920880794.5);
	});

	it('refuses duplicate keys anywhere, and depth beyond the limit, only when asked', () => {
		const twice = '{"messageBody":{"a":1},"messageType":"X","messageBody":{"a":2}}';
		expect(parseJson(twice)).toEqual({ messageBody: { a: 2 }, messageType: 'X' });
		expect(() => parseJson(twice, { rejectDuplicateKeys: true })).toThrow(JsonDuplicateKeyError);
		expect(() => parseJson('[{"x":{"k":1,"\\u006b":1}}]', { rejectDuplicateKeys: true })).toThrow(/Duplicate key "k"/);
		const deep = '['.repeat(5000) + ']'.repeat(5000);
		expect(() => parseJson(deep, { maxDepth: 64 })).toThrow(JsonDepthError);
		expect(parseJson('['.repeat(64) + ']'.repeat(64), { maxDepth: 64 })).toBeDefined();
	});

	it('parses 100,000 levels of nesting without a stack overflow (iterative, like JSON.parse)', () => {
		const deep = '{"a":['.repeat(50_000) + '1' + ']}'.repeat(50_000);
		const value = parseJson(deep) as { a: unknown[] };
		expect(Array.isArray(value.a)).toBe(true);
	});

	it('the 1 MiB attack shape (1234567890123456 then "\\ repeated) is refused in linear time', () => {
		const shapes = ['', '[', '{"messageBody":', '["'].map((prefix) => prefix + '1234567890123456' + '"\\'.repeat(512 * 1024));
		for (const text of shapes) {
			expect(text.length).toBeGreaterThanOrEqual(1024 * 1024);
			const started = process.hrtime.bigint();
			expect(() => parseJson(text)).toThrow(SyntaxError);
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			// Milliseconds in practice; the bound is generous for a loaded machine (the old fallback took minutes).
			expect(ms).toBeLessThan(2000);
		}
		// A string of 512 Ki escapes that does close: read once, to the right value.
		const closed = '"' + '\\"'.repeat(512 * 1024) + '"';
		const started = process.hrtime.bigint();
		expect(parseJson(closed)).toBe('"'.repeat(512 * 1024));
		expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
	});

	it('matches JSON.stringify for plain values', () => {
		const value = { a: [1, 'x', null, true, { b: undefined, c: 2.5 }], d: undefined, e: '\u2028"\\' };
		expect(stringifyJson(value)).toBe(JSON.stringify(value));
		expect(stringifyJson([undefined, () => 1])).toBe(JSON.stringify([undefined, () => 1]));
	});

	it.each(['', '{', '{"a":1,}', '[1 2]', '{"a" 1}', 'tru', '"abc', '01', '1.', '{"a":1} x', '<html>502</html>', '"\\x"', '{123:1}'])(
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
