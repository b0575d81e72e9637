/**
 * Secrets: a representative set of runs (success, API error, network error, bad input, the
 * credential test, a trigger delivery) with the canary Access Secret. The run data, every thrown
 * or returned error (message, description, stack, context, cause, JSON of the whole object) and
 * everything written to the console or stdout/stderr during the runs must hold neither the secret
 * nor anything that looks like a request signature.
 */
import { runOp } from './baselines';
import { testCredential } from '../helpers/engine';
import { A_WAIT_SEND, RENDER_ID, byId } from '../helpers/fixtures';
import { sendJson, startHostile, type Received } from '../helpers/hostile';
import { CANARY_SECRET, useSandbox } from '../helpers/sandbox';
import { startTriggerHarness } from '../trigger/harness';
import { CREDENTIALS, post, sign } from '../trigger/push';
import { recordFigures } from './lib';

/** A request signature: 32 upper-case hex (MD5 header/query sign) or a `signature` header. */
const SIGNATURE = /\b[0-9A-F]{32}\b|"signature"\s*:|signature=|[?&]sign=/;

const { sb, creds } = useSandbox();
const written: string[] = [];
const restore: Array<() => void> = [];

beforeAll(() => {
	for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
		const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			written.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
		});
		restore.push(() => spy.mockRestore());
	}
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream);
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			written.push(String(chunk));
			return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof stream.write;
		restore.push(() => {
			stream.write = original as typeof stream.write;
		});
	}
});
afterAll(() => restore.forEach((r) => r()));

function safeJson(value: unknown): string {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, (_k, v: unknown) => {
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[circular]';
				seen.add(v);
			}
			return v;
		});
	} catch {
		return String(value);
	}
}

/** Everything an error carries that a user, a log or an error tracker could see. */
function errorText(error: unknown): string {
	if (!error || typeof error !== 'object') return String(error ?? '');
	const e = error as Error & { description?: unknown; context?: unknown; cause?: unknown; messages?: unknown };
	const ownProps = Object.getOwnPropertyNames(e).map((k) => safeJson((e as unknown as Record<string, unknown>)[k]));
	return [e.message, e.stack, safeJson(e.description), safeJson(e.context), safeJson(e.cause), safeJson(e.messages), safeJson(e), ...ownProps].join('\n');
}

function expectClean(text: string, what: string) {
	expect({ what, secret: text.includes(CANARY_SECRET) }).toEqual({ what, secret: false });
	expect({ what, signature: SIGNATURE.exec(text)?.[0] ?? null }).toEqual({ what, signature: null });
}

const scanned = { runs: 0, errors: 0, consoleLines: 0 };

describe('the secret and signatures stay out of outputs, errors and logs', () => {
	it.each([
		['success', 'alibabaOrder:get', { orderId: byId(A_WAIT_SEND) }, {}],
		['API error (unknown order)', 'alibabaOrder:get', { orderId: byId('1234567890123456789') }, {}],
		['API error under Continue On Fail', 'alibabaOrder:get', { orderId: byId('1234567890123456789') }, { onError: 'continueRegularOutput' }],
		['bad input', 'alibabaOrder:get', { orderId: byId('={{ "12x" }}') }, {}],
		['logistics (query-signed) success', 'logistics:createInternationalOrder', { renderId: RENDER_ID, bookingFields: {} }, {}],
		['logistics (query-signed) API error', 'logistics:createInternationalOrder', { renderId: 'FF1999010100001', bookingFields: {} }, {}],
	] as const)('%s', async (_name, key, params, extra) => {
		const result = await runOp(key, params, creds, [{}], extra);
		scanned.runs++;
		expectClean(safeJson(result.run), 'run data');
		expectClean(safeJson(result.items), 'output items');
		if (result.error) {
			scanned.errors++;
			expectClean(errorText(result.error), 'error');
		}
	});

	it('network error (nothing listening), with and without Continue On Fail', async () => {
		const dead = { ...creds, baseUrl: 'http://127.0.0.1:9' };
		for (const extra of [{}, { onError: 'continueRegularOutput' }]) {
			const result = await runOp('alibabaOrder:get', { orderId: byId(A_WAIT_SEND), options: { retries: 0 } }, dead, [{}], extra);
			scanned.runs++;
			expect(result.error?.message ?? String(result.items[0]?.json.error)).toMatch(/Could not reach PandaPon/);
			expectClean(safeJson(result.run), 'run data');
			if (result.error) expectClean(errorText(result.error), 'error');
			scanned.errors++;
		}
	});

	it('network errors on the way out (timeout and reset injected)', async () => {
		for (const kind of ['timeout', 'reset', 'html', 'malformedJson']) {
			sb.setFaults({ 'POST /alibaba/order/detail': { errorRate: 1, errorKinds: [kind] } });
			const result = await runOp('alibabaOrder:get', { orderId: byId(A_WAIT_SEND), options: { retries: 0, timeout: 250 } }, creds);
			scanned.runs++;
			scanned.errors++;
			expect(result.error).toBeDefined();
			expectClean(safeJson(result.run), 'run data');
			expectClean(errorText(result.error), `${kind} error`);
		}
		sb.setFaults({});
	});

	it('the credential test: right keys, wrong secret, unreachable host', async () => {
		for (const c of [creds, { ...creds, accessSecret: `${CANARY_SECRET}-wrong` }, { ...creds, baseUrl: 'http://127.0.0.1:9' }]) {
			const result = await testCredential(c);
			scanned.runs++;
			expectClean(safeJson(result), 'credential test result');
		}
	});

	it('a server that echoes the signed headers back (PandaPon msg, HTTP 500 body, text that is not JSON, Continue On Fail)', async () => {
		const echo = (r: Received) => `sig ${r.headers.signature} / ${String(r.headers.signature).toLowerCase()} nonce ${r.headers['nonce-str']} key ${r.headers['access-key']}`;
		const answers = [
			(r: Received, res: import('http').ServerResponse) => sendJson(res, { requestId: String(r.headers['nonce-str']), code: 40002, msg: echo(r), data: null }),
			(r: Received, res: import('http').ServerResponse) => sendJson(res, echo(r), 500, { 'Content-Type': 'text/plain' }),
			(r: Received, res: import('http').ServerResponse) => sendJson(res, `{"code":200,"msg":"${echo(r)}`),
		];
		let answer = 0;
		const server = await startHostile((r, res) => answers[answer](r, res));
		try {
			const echoing = { ...creds, baseUrl: server.url };
			for (let i = 0; i < answers.length; i++) {
				for (const extra of [{}, { onError: 'continueRegularOutput' }]) {
					const before = server.received.length;
					answer = i;
					const result = await runOp('alibabaOrder:get', { orderId: byId(A_WAIT_SEND), options: { retries: 0 } }, echoing, [{}], extra);
					scanned.runs++;
					const text = [safeJson(result.run), safeJson(result.items), result.error ? errorText(result.error) : ''].join('\n');
					expectClean(text, `echo ${i}`);
					for (const r of server.received.slice(before)) {
						for (const value of [r.headers.signature, r.headers['nonce-str'], r.headers['access-key']]) {
							expect(text.toLowerCase()).not.toContain(String(value).toLowerCase());
						}
					}
					if (result.error) scanned.errors++;
				}
			}
		} finally {
			await server.close();
		}
	});

	it('a trigger delivery (valid and forged) with the canary secret', async () => {
		const h = await startTriggerHarness({ credentials: { ...CREDENTIALS, accessSecret: CANARY_SECRET }, parameters: { events: ['*'] } });
		try {
			const body = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY","messageBody":{"orderId":${A_WAIT_SEND},"status":"waitbuyerreceive"},"messagePlatform":1,"timestamp":"${Date.now()}"}`;
			const signature = sign(body, CANARY_SECRET);
			const ok = await post(h.prodUrl, body, { authorization: signature });
			const forged = await post(h.prodUrl, body.replace('waitbuyerreceive', 'success'), { authorization: signature });
			await h.settle();
			expect(ok.status).toBe(200);
			expect(forged.status).toBe(401);
			const text = [ok.text, forged.text, safeJson(h.deliveries), safeJson(h.staticData())].join('\n');
			scanned.runs += 2;
			expectClean(text, 'trigger deliveries');
			expect(text).not.toContain(signature);
			expect(h.deliveries[0].emitted).toHaveLength(1);
		} finally {
			await h.close();
		}
	});

	it('nothing written to the console or stdout/stderr during these runs holds the secret or a signature', () => {
		scanned.consoleLines = written.length;
		expectClean(written.join('\n'), 'console output');
		recordFigures('secrets', scanned);
	});
});
