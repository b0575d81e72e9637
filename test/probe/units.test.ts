/** The probe's pure parts: verdicts, shapes, constructions (against the sandbox's own), flags, redaction. */
import { record } from '../../tools/probe/plan';
import { envelopeOf, shapeOf, verdictOf } from '../../tools/probe/classify';
import { CONSTRUCTIONS, construction } from '../../tools/probe/constructions';
import { parseArgs } from '../../tools/probe/cli';
import { redact } from '../../tools/probe/report';
import { signature as nodeSignature } from '../../nodes/shared/transport/signing';

/* eslint-disable @typescript-eslint/no-require-imports */
const { SIGNATURES } = require('../../sandbox/auth') as {
	SIGNATURES: Record<string, (key: string, ts: string, nonce: string, secret: string) => string>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const env = (text: string) => envelopeOf(text);

describe('verdictOf', () => {
	it.each([
		[200, '{"code":200,"msg":"成功","data":{}}', 'path confirmed'],
		[404, '{"timestamp":"x","status":404,"error":"Not Found","path":"/a"}', 'path not found'],
		[405, '', 'path not found'],
		[200, '{"code":40400,"msg":"Unknown API path: POST /x"}', 'path not found'],
		[200, '{"code":500,"msg":"接口不存在"}', 'path not found'],
		[401, '', 'signature refused'],
		[200, '{"code":40003,"msg":"Signature verification failed"}', 'signature refused'],
		[200, '{"code":1001,"msg":"签名错误"}', 'signature refused'],
		[200, '{"code":40004,"msg":"Timestamp expired"}', 'signature refused'],
		[200, '{"code":40010,"msg":"Invalid parameter: orderId is required"}', 'parameter error'],
		[200, '{"code":40410,"msg":"Not found: order 1"}', 'parameter error'],
		[200, '{"code":500,"msg":"参数不能为空"}', 'parameter error'],
		[200, '{"code":50000,"msg":"Internal error"}', 'other'],
		[502, '<html>bad gateway</html>', 'other'],
		[302, '', 'other'],
		[200, '{"code":"200","msg":"ok"}', 'path confirmed'],
	])('HTTP %s %s → %s', (status, text, verdict) => {
		expect(verdictOf({ status, text }, env(text)).verdict).toBe(verdict);
	});

	it('names a network failure', () => {
		expect(verdictOf({ status: 0, text: '', error: 'ECONNREFUSED' }, undefined)).toEqual({ verdict: 'other', note: 'no answer: ECONNREFUSED' });
	});

	it('keeps 19-digit ids exact and reads a string code', () => {
		expect(env('{"code":"200","msg":"ok","requestId":"r1","data":{"id":2542285634920880794}}')).toEqual({
			code: '200',
			msg: 'ok',
			requestId: 'r1',
			data: { id: '2542285634920880794' },
		});
		expect(env('not json')).toBeUndefined();
		expect(env('[1,2]')).toBeUndefined();
	});
});

describe('shapeOf', () => {
	const list = record('1688.order.list');

	it('checks the page list, the total and the fields the node reads', () => {
		const data = { totalRecords: 1, data: [{ baseInfo: { id: '1', status: 'waitbuyerpay' }, productItems: [{ subItemID: '2', price: 1.5 }] }] };
		const shape = shapeOf(list, data, ['baseInfo.id', 'baseInfo.status', 'productItems']);
		expect(shape.missing).toEqual([]);
		expect(shape.seen.record).toEqual({
			baseInfo: 'object',
			'baseInfo.id': 'string',
			'baseInfo.status': 'string',
			productItems: 'array',
			'productItems[].subItemID': 'string',
			'productItems[].price': 'number',
		});
		expect(shape.seen.data).toEqual({ totalRecords: 'number', data: 'array', 'data[].baseInfo': 'object', 'data[].productItems': 'array' });
	});

	it('names what is missing', () => {
		const shape = shapeOf(list, { list: [{ id: 1 }] }, ['baseInfo.id']);
		expect(shape.missing).toEqual(['data.data (list)', 'data.totalRecords (number)']);
		expect(shapeOf(list, { data: [{ id: 1 }], totalRecords: 1 }, ['baseInfo.id']).missing).toEqual(['record.baseInfo.id']);
		expect(shapeOf(record('1688.cart.list'), { list: [] }).missing).toEqual(['data.enableList']);
	});

	it("reports 1688's success: false inside a code-200 answer", () => {
		const shape = shapeOf(record('1688.order.preview'), { success: false, errorCode: 'X1', errorMsg: 'no stock' });
		expect(shape.dataError).toMatch(/X1/);
	});

	it('records names and types only, never values', () => {
		const shape = shapeOf(record('taobao.order.get'), { orderId: '3021045938172635401', receiver: { name: 'Secret Person' } });
		expect(JSON.stringify(shape)).not.toMatch(/3021045938172635401|Secret Person/);
	});
});

describe('constructions', () => {
	const input = { accessKey: 'ak-123', accessSecret: 'sec-456', timestamp: '1715669977082', nonce: 'n'.repeat(32) };

	it('starts with what the node sends, and every construction signs differently', () => {
		expect(CONSTRUCTIONS[0].sign(input)).toBe(nodeSignature(input));
		const all = CONSTRUCTIONS.map((c) => c.sign(input));
		expect(new Set(all).size).toBe(all.length);
		expect(new Set(CONSTRUCTIONS.map((c) => c.name)).size).toBe(CONSTRUCTIONS.length);
	});

	it("agree with the sandbox's independent implementations of the same names", () => {
		for (const name of Object.keys(SIGNATURES)) {
			const theirs = SIGNATURES[name](input.accessKey, input.timestamp, input.nonce, input.accessSecret);
			expect([name, construction(name).sign(input).toUpperCase()]).toEqual([name, theirs.toUpperCase()]);
		}
		expect(() => construction('nope')).toThrow(/Unknown signature construction "nope"/);
	});
});

describe('parseArgs', () => {
	const keys = ['--access-key', 'K1234', '--access-secret', 'S1234', '--user-id', 'U1'];

	it('reads flags, falls back to the environment, and defaults to the real API, read-only, 500 ms, 80 requests', () => {
		expect(parseArgs(keys, {})).toMatchObject({
			accessKey: 'K1234',
			accessSecret: 'S1234',
			userId: 'U1',
			baseUrl: 'https://api.pandapon.com',
			intervalMs: 500,
			maxRequests: 80,
			probeRejectedWrites: false,
			out: 'pandapon-probe-report.md',
		});
		expect(parseArgs(['--out=r.md'], { PANDAPON_ACCESS_KEY: 'EK', PANDAPON_ACCESS_SECRET: 'ES', PANDAPON_USER_ID: 'EU' })).toMatchObject({
			accessKey: 'EK',
			accessSecret: 'ES',
			userId: 'EU',
			out: 'r.md',
		});
		expect(parseArgs([...keys, '--probe-rejected-writes'], {})).toMatchObject({ probeRejectedWrites: true });
		expect(parseArgs(['--help'], {})).toBe('help');
	});

	it('refuses what is missing or unsafe, naming it, without echoing the secret', () => {
		expect(() => parseArgs(['--access-key', 'K'], {})).toThrow('Missing --access-secret (or PANDAPON_ACCESS_SECRET), --user-id (or PANDAPON_USER_ID)');
		expect(() => parseArgs([...keys, '--interval-ms', '10'], {})).toThrow(/only allowed for a local sandbox/);
		expect(parseArgs([...keys, '--interval-ms', '0', '--base-url', 'http://127.0.0.1:9'], {})).toMatchObject({ intervalMs: 0 });
		expect(() => parseArgs([...keys, '--max-requests', '81'], {})).toThrow(/--max-requests must be a whole number from 1 to 80/);
		expect(() => parseArgs([...keys, '--base-url', 'ftp://x'], {})).toThrow(/must start with https/);
		expect(() => parseArgs([...keys, '--wat', '1'], {})).toThrow('Unknown option --wat');
		expect(() => parseArgs([...keys, '--out'], {})).toThrow('--out needs a value');
		expect(() => parseArgs([...keys, '--max-requests', 'x'], {})).toThrow('--max-requests must be a whole number from 1 to 80, got "x"');
	});
});

describe('redact', () => {
	it('removes every sensitive string, longest first, and leaves short ones alone', () => {
		expect(redact('key ABCDEF secret ABCDEF-2 x', ['ABCDEF', 'ABCDEF-2', 'x'])).toBe('key [redacted] secret [redacted] x');
	});
});
