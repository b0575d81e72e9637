/**
 * Hostile servers at the credential's Base URL, in n8n's real engine: redirects to another host,
 * oversized and dripping answers, servers that echo the signed headers back, rate-limit answers
 * by code and by HTTP 429, and credential fields that cannot be sent. Every server is a real
 * loopback server that records what reached it.
 */
import { createHash } from 'crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { credentialType, runPandaPon, testCredential, type SandboxCredentials } from '../helpers/engine';
import { A_WAIT_SEND, T_WAIT_PAY, byId } from '../helpers/fixtures';
import { sendJson, startHostile, type HostileServer, type Received } from '../helpers/hostile';
import { CANARY_SECRET } from '../helpers/sandbox';
import { startTriggerHarness } from '../trigger/harness';
import { post, sign } from '../trigger/push';

/* eslint-disable @typescript-eslint/no-require-imports */
// n8n-core's two request helpers: httpRequest (IHttpRequestOptions) and the legacy request style the
// HTTP Request node uses (proxyRequestToAxios).
const { httpRequest, proxyRequestToAxios } = require('n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions') as {
	httpRequest: (o: IDataObject) => Promise<unknown>;
	proxyRequestToAxios: (w: undefined, a: undefined, n: undefined, o: IDataObject) => Promise<unknown>;
};
const { retryAfter, redactor, MAX_ANSWER_BYTES } = require('../../dist/nodes/shared/transport/request.js') as typeof import('../../nodes/shared/transport/request');
const { STORM_LIMIT_MS } = require('../../dist/nodes/shared/transport/pacer.js') as typeof import('../../nodes/shared/transport/pacer');
/* eslint-enable @typescript-eslint/no-require-imports */

const ACCESS_KEY = 'hostile-access-key-7f3a';
const credsFor = (server: HostileServer, extra: Partial<SandboxCredentials> = {}): SandboxCredentials => ({
	accessKey: ACCESS_KEY,
	accessSecret: CANARY_SECRET,
	userId: '2100007341207',
	baseUrl: server.url,
	timestampUnit: 'milliseconds',
	...extra,
});

/** One read over GET, one read over POST, one write over POST. */
const OPS: Array<[string, INodeParameters]> = [
	['Taobao order Get (GET read)', { resource: 'taobaoOrder', operation: 'get', orderId: byId(T_WAIT_PAY) }],
	['1688 order Get (POST read)', { resource: 'alibabaOrder', operation: 'get', orderId: byId(A_WAIT_SEND) }],
	['Custom API Call POST (write)', { resource: 'customApiCall', operation: 'request', method: 'POST', path: '/alibaba/order/cancel', query: '{}', body: `{"orderId": ${A_WAIT_SEND}}` }],
	['Custom API Call GET', { resource: 'customApiCall', operation: 'request', method: 'GET', path: '/v2/taobao/order/refund/cancel/TQ1', query: '{}' }],
];

const servers: HostileServer[] = [];
async function hostile(...args: Parameters<typeof startHostile>) {
	const server = await startHostile(...args);
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

const okEnvelope = (data: unknown = { ok: true }) => ({ requestId: 'r-ok', code: 200, msg: 'success', data });

describe('redirects are never followed', () => {
	const cases = [301, 302, 303, 307, 308].flatMap((status) => OPS.map(([name, params]) => [status, name, params] as const));

	it.each(cases)('HTTP %i on %s: an error naming the Location host, nothing re-sent to it, not retried', async (status, _name, params) => {
		const elsewhere = await hostile((_r, res) => sendJson(res, okEnvelope()));
		const base = await hostile((r, res) => {
			res.writeHead(status, { Location: `${elsewhere.url}${r.url}` });
			res.end();
		});
		const { error } = await runPandaPon({ ...params, options: { retries: 3 } }, credsFor(base));
		expect(error?.message).toBe(`PandaPon's address answered HTTP ${status}, a redirect to ${elsewhere.host}, which is not followed`);
		expect(error?.description).toContain("the signed headers only ever go to the credential's Base URL");
		expect(base.received).toHaveLength(1);
		expect(base.received[0].headers.signature).toMatch(/^[0-9A-F]{32}$/);
		expect(elsewhere.received).toHaveLength(0);
	});

	it('the credential Test reports the redirect and sends nothing to the other host', async () => {
		const elsewhere = await hostile((_r, res) => sendJson(res, okEnvelope()));
		for (const status of [301, 302, 303, 307, 308]) {
			const base = await hostile((r, res) => {
				res.writeHead(status, { Location: `${elsewhere.url}${r.url}` });
				res.end();
			});
			const result = await testCredential(credsFor(base));
			expect(result.status).toBe('Error');
			// n8n's declarative Test shows its own text for an HTTP error: the status, not the Location host.
			expect(result.message).toBe(`Request failed with status code ${status}`);
			expect(base.received).toHaveLength(1);
		}
		expect(elsewhere.received).toHaveLength(0);
	});

	it("the trigger's Fetch Latest State reports the redirect on the item and sends nothing to the other host", async () => {
		const elsewhere = await hostile((_r, res) => sendJson(res, okEnvelope()));
		const base = await hostile((r, res) => {
			res.writeHead(307, { Location: `${elsewhere.url}${r.url}` });
			res.end();
		});
		const h = await startTriggerHarness({
			credentials: { ...credsFor(base), accessKey: ACCESS_KEY },
			parameters: { events: ['*'], fetchLatestState: true },
		});
		try {
			const body = `{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY","messageBody":{"orderId":${A_WAIT_SEND},"status":"waitbuyerreceive"},"messagePlatform":1,"timestamp":"${Date.now()}"}`;
			const answer = await post(h.prodUrl, body, { authorization: sign(body, CANARY_SECRET) });
			expect(answer.status).toBe(200);
			await h.settle();
			const item = h.deliveries[0].collected![0].json;
			expect(item.latest).toBeNull();
			expect(String((item.latestError as IDataObject).message)).toBe(`PandaPon's address answered HTTP 307, a redirect to ${elsewhere.host}, which is not followed`);
			expect(base.received).toHaveLength(1);
			expect(elsewhere.received).toHaveLength(0);
		} finally {
			await h.close();
		}
	});
});

describe('the credential itself forbids redirects (for the HTTP Request node and any other caller)', () => {
	const authenticate = credentialType.authenticate as unknown as (c: IDataObject, o: IDataObject) => Promise<IDataObject>;

	it.each([301, 302, 303, 307, 308])('HTTP %i, GET and POST, both of n8n-core\'s request helpers: nothing reaches the other host', async (status) => {
		const elsewhere = await hostile((_r, res) => sendJson(res, okEnvelope()));
		const base = await hostile((r, res) => {
			res.writeHead(status, { Location: `${elsewhere.url}${r.url}` });
			res.end();
		});
		const creds = credsFor(base) as unknown as IDataObject;
		for (const method of ['GET', 'POST']) {
			const body = method === 'POST' ? '{"orderId":1}' : undefined;
			// the HTTP Request node asks to follow redirects; the credential's options win
			const legacy = await authenticate(creds, { method, uri: `${base.url}/alibaba/order/cancel`, body, followRedirect: true, followAllRedirects: true, maxRedirects: 21 });
			await expect(proxyRequestToAxios(undefined, undefined, undefined, legacy)).rejects.toMatchObject({ statusCode: status });
			const modern = await authenticate(creds, { method, url: `${base.url}/alibaba/order/cancel`, body });
			await expect(httpRequest(modern)).rejects.toBeDefined();
		}
		expect(base.received).toHaveLength(4);
		expect(elsewhere.received).toHaveLength(0);
		// Control: the same legacy request without the credential's options does follow.
		// (Kept last: it is the only request allowed to reach the other host.)
		await proxyRequestToAxios(undefined, undefined, undefined, { method: 'GET', uri: `${base.url}/x`, followRedirect: true });
		expect(elsewhere.received).toHaveLength(1);
	});
});

describe("the credential signs the node's chosen nonce and timestamp (so the node can redact them)", () => {
	const authenticate = credentialType.authenticate as unknown as (c: IDataObject, o: IDataObject) => Promise<{ headers: Record<string, string> }>;
	const creds = { accessKey: ACCESS_KEY, accessSecret: CANARY_SECRET, userId: '1', timestampUnit: 'milliseconds' };

	it('uses a well-formed nonce and timestamp given in the headers, and signs them', async () => {
		const nonce = '0123456789abcdef0123456789abcdef';
		const { headers } = await authenticate(creds, { url: 'http://x/y', headers: { 'nonce-str': nonce, timestamp: '1779263269913' } });
		expect(headers).toMatchObject({ 'nonce-str': nonce, timestamp: '1779263269913' });
		const expected = createHash('md5').update(ACCESS_KEY + '1779263269913' + nonce + CANARY_SECRET).digest('hex').toUpperCase();
		expect(headers.signature).toBe(expected);
	});

	it.each([
		['no headers', undefined],
		['a short nonce and a text timestamp', { 'nonce-str': 'abc', timestamp: 'now' }],
		['an upper-case nonce with a line break', { 'nonce-str': '0123456789ABCDEF0123456789ABCDE\n', timestamp: '1779263269913\r\n' }],
	])('makes fresh ones for %s', async (_name, given) => {
		const { headers } = await authenticate(creds, { url: 'http://x/y', headers: given });
		expect(headers['nonce-str']).toMatch(/^[0-9a-f]{32}$/);
		expect(headers.timestamp).toMatch(/^\d{13}$/);
		expect(Math.abs(Number(headers.timestamp) - Date.now())).toBeLessThan(60_000);
	});
});

describe('answers are bounded in size and time', () => {
	const get = { resource: 'alibabaOrder', operation: 'get', orderId: byId(A_WAIT_SEND) };

	it(`an answer larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB (chunked, no length given) is an error naming the cap, and not retried`, async () => {
		const base = await hostile((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			const chunk = Buffer.alloc(64 * 1024, 0x20);
			let sent = 0;
			const more = () => {
				while (sent < MAX_ANSWER_BYTES + 1024 * 1024) {
					sent += chunk.length;
					if (!res.write(chunk)) return void res.once('drain', more);
				}
				res.end('{}');
			};
			res.on('error', () => {});
			more();
		});
		const { error } = await runPandaPon({ ...get, options: { retries: 3 } }, credsFor(base));
		expect(error?.message).toBe("PandaPon's answer is larger than 10 MiB and was not read");
		expect(base.received).toHaveLength(1);
	});

	it('a declared Content-Length over the cap is refused without reading the body', async () => {
		const base = await hostile((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(50 * 1024 * 1024) });
			res.write('{"code":200,');
			// and then nothing: the node must not wait for the other 50 MiB
		});
		const started = Date.now();
		const { error } = await runPandaPon({ ...get, options: { retries: 0, timeout: 20_000 } }, credsFor(base));
		expect(error?.message).toBe("PandaPon's answer is larger than 10 MiB and was not read");
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('an answer cut off after its headers is a reset connection, retried for reads', async () => {
		const base = await hostile((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
			res.write('{"code":200,"data":{"orderId":');
			setTimeout(() => res.socket?.destroy(), 20);
		});
		const { error } = await runPandaPon({ ...get, options: { retries: 1 } }, credsFor(base));
		expect(error?.message).toBe('Could not reach PandaPon: the connection to PandaPon was reset');
		expect(error?.description).toMatch(/after 2 attempts/);
		expect(base.received).toHaveLength(2);
	});

	it('a server that drips its answer a byte at a time cannot hold the item past the timeout', async () => {
		const base = await hostile((_r, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.on('error', () => {});
			const drip = setInterval(() => (res.destroyed ? clearInterval(drip) : res.write(' ')), 50);
			res.on('close', () => clearInterval(drip));
		});
		const started = Date.now();
		const { error } = await runPandaPon({ ...get, options: { retries: 0, timeout: 1000 } }, credsFor(base));
		expect(error?.message).toBe('Could not reach PandaPon: PandaPon did not answer in time (timeout)');
		// the socket idle timeout alone would never fire: a byte arrives every 50 ms
		expect(Date.now() - started).toBeLessThan(8000);
	});
});

describe("this request's signature, nonce, access key and secret are redacted from every text shown", () => {
	/** The secrets this request carried, as the server received them. */
	const secretsOf = (r: Received) => [String(r.headers.signature), String(r.headers['nonce-str']), String(r.headers['access-key']), CANARY_SECRET];
	const echo = (r: Received) => `signature=${r.headers.signature} sig=${String(r.headers.signature).toLowerCase()} nonce=${r.headers['nonce-str']} key=${r.headers['access-key']} headers=${JSON.stringify(r.headers)}`;

	const servers: Array<[string, (r: Received, res: import('http').ServerResponse) => void]> = [
		['in PandaPon msg', (r, res) => sendJson(res, { requestId: String(r.headers.signature).toLowerCase(), code: 40002, msg: `Signature mismatch: ${echo(r)}`, data: null })],
		['in a string code and requestId', (r, res) => sendJson(res, { requestId: String(r.headers['nonce-str']), code: `E-${r.headers.signature}`, msg: echo(r), data: null })],
		['in an HTTP 500 body', (r, res) => sendJson(res, `${echo(r)} upstream failed`, 500, { 'Content-Type': 'text/plain' })],
		['in an HTML error page', (r, res) => sendJson(res, `<html><body><h1>502</h1><pre>${echo(r)}</pre></body></html>`, 502, { 'Content-Type': 'text/html' })],
		['in an HTTP 429 body', (r, res) => sendJson(res, echo(r), 429, { 'Content-Type': 'text/plain' })],
		['in text that is not JSON', (r, res) => sendJson(res, `{"code":200,"msg":"${echo(r).replace(/"/g, "'")}`)],
		['in a redirect Location', (r, res) => {
			res.writeHead(302, { Location: `http://${r.headers.signature}.${r.headers['nonce-str']}.example/` });
			res.end();
		}],
	];

	it.each(servers)('echoed %s: not in the error, its description or the Continue On Fail item', async (_name, handler) => {
		const base = await hostile(handler);
		for (const [, params] of OPS.slice(0, 3)) {
			for (const onError of [undefined, 'continueRegularOutput'] as const) {
				const before = base.received.length;
				const result = await runPandaPon({ ...params, options: { retries: 0 } }, credsFor(base), [{}], onError ? { onError } : {});
				const shown = JSON.stringify([result.error?.message, result.error?.description, result.error, result.items]).toLowerCase();
				expect(onError ? result.items[0].json.error : result.error?.message).toBeTruthy();
				for (const r of base.received.slice(before)) {
					for (const secret of secretsOf(r)) expect(shown).not.toContain(secret.toLowerCase());
				}
				expect(shown).toContain('[redacted]');
			}
		}
	});

	it('echoed in PandaPon msg to the credential Test: not in its message', async () => {
		const base = await hostile((r, res) => sendJson(res, { requestId: String(r.headers['nonce-str']), code: 40002, msg: `Signature mismatch: ${echo(r)}`, data: null }));
		const result = await testCredential(credsFor(base));
		expect(result.status).toBe('Error');
		// The Test shows its own fixed text for a known code, never the server's msg.
		expect(result.message).toMatch(/^PandaPon error 40002: /);
		expect(result.message).not.toContain('Signature mismatch');
		for (const secret of secretsOf(base.received[0])) expect(result.message.toLowerCase()).not.toContain(secret.toLowerCase());
	});

	it('redactor: any case, JSON-escaped and URL-encoded forms; short values left alone', () => {
		const redact = redactor(['Key/"with"+odd', 'ABCDEF0123456789ABCDEF0123456789', 'ab']);
		expect(redact('x abcdef0123456789abcdef0123456789 y')).toBe('x [redacted] y');
		expect(redact('Key/\\"with\\"+odd | Key%2F%22with%22%2Bodd | key/"WITH"+odd')).toBe('[redacted] | [redacted] | [redacted]');
		expect(redact('ab stays')).toBe('ab stays');
	});
});

describe('rate limits are recognised by code, not by words', () => {
	const get = { resource: 'alibabaOrder', operation: 'get', orderId: byId(A_WAIT_SEND) };

	it('"40010 Invalid parameter: too many ids" is a parameter error: not retried', async () => {
		const base = await hostile((_r, res) => sendJson(res, { requestId: 'r1', code: 40010, msg: 'Invalid parameter: too many ids', data: null }));
		const { error } = await runPandaPon({ ...get, options: { retries: 3 } }, credsFor(base));
		expect(error?.message).toBe('PandaPon error 40010: Invalid parameter: too many ids');
		expect(error?.description).toContain('Check the parameter');
		expect(base.received).toHaveLength(1);
	});

	it('code 42900, whatever its message, is retried', async () => {
		const base = await hostile((_r, res, i) => sendJson(res, i === 0 ? { requestId: 'r1', code: 42900, msg: '请稍后', data: null } : okEnvelope({ baseInfo: { id: A_WAIT_SEND } })));
		const { error, items } = await runPandaPon({ ...get, options: { retries: 3 } }, credsFor(base));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(base.received).toHaveLength(2);
	});

	it('HTTP 429 with Retry-After: the retry waits as asked', async () => {
		const base = await hostile((_r, res, i) => (i === 0 ? sendJson(res, 'slow down', 429, { 'Retry-After': '2', 'Content-Type': 'text/plain' }) : sendJson(res, okEnvelope({ baseInfo: { id: A_WAIT_SEND } }))));
		const { error } = await runPandaPon({ ...get, options: { retries: 3 } }, credsFor(base));
		expect(error).toBeUndefined();
		expect(base.received).toHaveLength(2);
		// the back-off alone would be 0.5 s
		expect(base.received[1].at - base.received[0].at).toBeGreaterThanOrEqual(1800);
	});

	it('HTTP 429 holds back the other items of the execution too (fed to the pacer)', async () => {
		const base = await hostile((_r, res, i) => {
			if (i === 0) return sendJson(res, 'slow down', 429, { 'Retry-After': '2', 'Content-Type': 'text/plain' });
			setTimeout(() => sendJson(res, okEnvelope({ baseInfo: { id: A_WAIT_SEND } })), 300);
		});
		const { error, items } = await runPandaPon({ ...get, orderId: byId(A_WAIT_SEND), options: { retries: 3, maxConcurrency: 2 } }, credsFor(base), [{}, {}, {}, {}]);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		const refusedAt = base.received[0].at;
		// The two first requests started together; every later one waited for Retry-After.
		const later = base.received.slice(2);
		expect(later.length).toBeGreaterThanOrEqual(3);
		for (const r of later) expect(r.at - refusedAt).toBeGreaterThanOrEqual(1800);
	});

	it('a permanent HTTP 429 is ridden out until the storm limit (not cut short by Retries), then fails with the rate-limit hint', async () => {
		const base = await hostile((_r, res) => sendJson(res, 'Too Many Requests', 429, { 'Content-Type': 'text/plain' }));
		const started = Date.now();
		const { error } = await runPandaPon({ ...get, options: { retries: 1 } }, credsFor(base));
		const ms = Date.now() - started;
		expect(error?.message).toMatch(/^PandaPon has refused every request as rate-limited for \d+ s; stopped waiting$/);
		expect(error?.description).toContain('Max Requests per Second');
		expect(base.received.length).toBeGreaterThan(2);
		expect(ms).toBeGreaterThanOrEqual(STORM_LIMIT_MS);
		expect(ms).toBeLessThan(STORM_LIMIT_MS + 10_000);
	}, STORM_LIMIT_MS + 30_000);

	it('with Retries 0 a rate-limit answer fails at once', async () => {
		const base = await hostile((_r, res) => sendJson(res, 'Too Many Requests', 429, { 'Content-Type': 'text/plain' }));
		const { error } = await runPandaPon({ ...get, options: { retries: 0 } }, credsFor(base));
		expect(error?.message).toBe('PandaPon answered HTTP 429 instead of a JSON envelope');
		expect(error?.description).toContain('Max Requests per Second');
		expect(base.received).toHaveLength(1);
	});

	it('Retry-After is read as seconds or an HTTP date and bounded at 30 s', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfter('2', now)).toBe(2000);
		expect(retryAfter('0', now)).toBe(0);
		expect(retryAfter('3600', now)).toBe(30_000);
		expect(retryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
		expect(retryAfter('Thu, 01 Jan 2026 01:00:00 GMT', now)).toBe(30_000);
		expect(retryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
		expect(retryAfter('soon', now)).toBeUndefined();
		expect(retryAfter(undefined, now)).toBeUndefined();
	});
});

describe('credential fields that cannot be sent: a clear error naming the field, nothing sent', () => {
	const bad: Array<[string, Partial<SandboxCredentials>, RegExp]> = [
		['Access Key with CR/LF', { accessKey: 'hostile-key\r\nX-Injected: 1' }, /^The credential's Access Key contains a carriage return \(CR\) at position 12/],
		['Access Key with a trailing line break', { accessKey: 'hostile-access-key\n' }, /^The credential's Access Key contains a line break \(LF\) at position 19/],
		['User ID with non-ASCII', { userId: '21000073412０7' }, /^The credential's User ID contains the non-ASCII character "０" \(U\+FF10\) at position 12/],
		['User ID with a space', { userId: '2100 007341207' }, /^The credential's User ID contains a space at position 5/],
		['Base URL that is not http(s)', { baseUrl: 'ftp://127.0.0.1:21' }, /^The credential's Base URL must start with https:\/\/ or http:\/\//],
		['Base URL with a line break', { baseUrl: 'http://127.0.0.1:1/\nx' }, /^The credential's Base URL contains a line break \(LF\)/],
		['Base URL that is not a URL', { baseUrl: 'api.pandapon.com' }, /^The credential's Base URL "api.pandapon.com" is not a URL/],
	];

	it.each(bad)('%s: in the node (read and write) and in the credential Test', async (_name, fields, message) => {
		const base = await hostile((_r, res) => sendJson(res, okEnvelope()));
		const creds = { ...credsFor(base), ...fields };
		for (const [, params] of OPS) {
			const { error } = await runPandaPon({ ...params, options: { retries: 3 } }, creds);
			expect(error?.message).toMatch(message);
			expect(error?.description).toContain('Nothing was sent');
			expect(error?.description).not.toContain('outcome is unknown');
		}
		const tested = await testCredential(creds);
		expect(tested.status).toBe('Error');
		expect(tested.message).toMatch(message);
		expect(base.received).toHaveLength(0);
	});

	it('under Continue On Fail every item gets the error, and nothing is sent', async () => {
		const base = await hostile((_r, res) => sendJson(res, okEnvelope()));
		const { items, error } = await runPandaPon(OPS[1][1], { ...credsFor(base), accessKey: 'k\r\ney' }, [{}, {}, {}], { onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(items.map((i) => String(i.json.error))).toEqual(Array(3).fill(expect.stringMatching(/^The credential's Access Key contains a carriage return/)));
		expect(base.received).toHaveLength(0);
	});
});
