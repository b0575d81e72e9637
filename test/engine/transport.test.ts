/**
 * Transport behaviour in the real engine against the sandbox's fault knobs: reads recover by
 * retry, writes are sent at most once and say their outcome is unknown, errors name the cause.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runPandaPon } from '../helpers/engine';
import { A_REFUND, A_WAIT_SEND } from '../helpers/fixtures';
import { startHostile } from '../helpers/hostile';
import { useSandbox } from '../helpers/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PandaPon } = require('../../dist/nodes/PandaPon/PandaPon.node.js');

const GET = 'POST /alibaba/order/detail';
const CREATE = 'POST /alibaba/refund/detail/create';

const { sb, creds } = useSandbox({ seed: 7 });

const getOrder = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'alibabaOrder',
	operation: 'get',
	orderId: { __rl: true, mode: 'id', value: A_WAIT_SEND },
	options,
});

const createRefund = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'alibabaAfterSale',
	operation: 'createRefund',
	...A_REFUND,
	options,
});

const items = (n: number) => Array.from({ length: n }, (_, i) => ({ i }));

describe('reads', () => {
	it.each(['http500', 'html', 'malformedJson', 'reset', 'rateLimit'])(
		'recover from transient %s faults by retrying, keeping order and pairing',
		async (kind) => {
			sb.setFaults({ [GET]: { errorRate: 0.4, errorKinds: [kind] } });
			const { items: out, error } = await runPandaPon(getOrder({ retries: 6 }), creds, items(12));
			expect(error).toBeUndefined();
			expect(out).toHaveLength(12);
			expect(out.map((o) => (o.pairedItem as { item: number }).item)).toEqual([...Array(12).keys()]);
			for (const o of out) expect(o.json.orderId).toBe(A_WAIT_SEND);
			expect(sb.count(GET)).toBeGreaterThan(12);
		},
		30000,
	);

	it('give a clear reason once retries are used up', async () => {
		sb.setFaults({ [GET]: { errorRate: 1, errorKinds: ['html'] } });
		const { error } = await runPandaPon(getOrder({ retries: 1 }), creds);
		expect(error?.message).toBe('PandaPon answered HTTP 502 instead of a JSON envelope');
		expect(error?.description).toMatch(/after 2 attempts/);
		expect(sb.count(GET)).toBe(2);
	});

	it('time out with a clear message', async () => {
		sb.setFaults({ [GET]: { errorRate: 1, errorKinds: ['timeout'] } });
		const { error } = await runPandaPon(getOrder({ retries: 0, timeout: 300 }), creds);
		expect(error?.message).toBe('Could not reach PandaPon: PandaPon did not answer in time (timeout)');
	});
});

describe('writes', () => {
	it.each(['reset', 'timeout', 'http500', 'malformedJson'])(
		'are sent exactly once under %s and say the outcome is unknown and how to check',
		async (kind) => {
			sb.setFaults({ [CREATE]: { errorRate: 1, errorKinds: [kind] } });
			const { error } = await runPandaPon(createRefund({ retries: 5, timeout: 400 }), creds);
			expect(error).toBeDefined();
			expect(error?.description).toContain('The outcome is unknown');
			expect(error?.description).toContain('Get (1688 After-Sale)');
			expect(sb.count(CREATE)).toBe(1);
		},
	);

	it('are not retried on a rate-limit answer either', async () => {
		sb.setFaults({ [CREATE]: { errorRate: 1, errorKinds: ['rateLimit'] } });
		const { error } = await runPandaPon(createRefund({ retries: 5 }), creds);
		expect(error?.message).toBe('PandaPon error 42900: Too many requests: rate limit exceeded');
		expect(error?.description).toContain('Max Requests per Second');
		expect(sb.count(CREATE)).toBe(1);
	});

	it('without Continue On Fail run one at a time and stop at the first failure', async () => {
		sb.setFaults({ [CREATE]: { errorRate: 1, errorKinds: ['http500'] } });
		const { error } = await runPandaPon(createRefund({ maxConcurrency: 10 }), creds, items(5));
		expect(error).toBeDefined();
		expect(sb.count(CREATE)).toBe(1);
	});
});

describe('rate limits', () => {
	it('Max Requests per Second keeps a job under the limit with no rate-limit answers', async () => {
		sb.setOptions({ qps: 10 });
		const started = Date.now();
		const { items: out, error } = await runPandaPon(getOrder({ requestsPerSecond: 9, retries: 0, maxConcurrency: 10 }), creds, items(20));
		expect(error).toBeUndefined();
		expect(out).toHaveLength(20);
		expect(sb.count(GET)).toBe(20);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
	});

	it('without a client limit, reads back off on rate-limit answers and all succeed', async () => {
		sb.setOptions({ qps: 10 });
		const { items: out, error } = await runPandaPon(getOrder({ maxConcurrency: 10, retries: 6 }), creds, items(30));
		expect(error).toBeUndefined();
		expect(out).toHaveLength(30);
		expect(sb.count(GET)).toBeGreaterThan(30);
	});
});

describe('stray rate-limit answers', () => {
	it('are retried one by one without slowing the whole job down to a crawl', async () => {
		sb.setFaults({ [GET]: { errorRate: 0.2, errorKinds: ['rateLimit'] } });
		const started = Date.now();
		const { items: out, error } = await runPandaPon(getOrder({ retries: 6 }), creds, items(60));
		expect(error).toBeUndefined();
		expect(out.every((o) => !o.json.error)).toBe(true);
		// Each refused read waits its own back-off (0.5 s, 1 s…); learning a "limit" from stray
		// answers would space all 60 reads a second apart or worse.
		expect(Date.now() - started).toBeLessThan(15000);
	}, 30000);
});

describe('clock', () => {
	it('a server clock 10 minutes off yields an error that names the clock', async () => {
		sb.setOptions({ clockSkewMs: 10 * 60 * 1000 });
		const { error } = await runPandaPon(getOrder(), creds);
		expect(error?.message).toMatch(/PandaPon error 40004: Timestamp expired/);
		expect(error?.description).toContain("Check this machine's clock");
		expect(error?.description).toContain('Timestamp Unit');
	});
});

describe('Custom API Call retries are opt-in (some PandaPon writes are GETs)', () => {
	const CANCEL = 'GET /v2/taobao/order/refund/cancel/TQ1';
	const customGet = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'customApiCall',
		operation: 'request',
		method: 'GET',
		path: '/v2/taobao/order/refund/cancel/TQ1',
		query: '{}',
		...extra,
	});
	let hold: import('../helpers/hostile').HostileServer;
	beforeAll(async () => {
		// never answers: every request times out
		hold = await startHostile(() => undefined);
	});
	afterAll(() => hold?.close());
	beforeEach(() => hold.received.splice(0));

	it('a GET that times out is sent exactly once by default, and says its outcome is unknown', async () => {
		const { error } = await runPandaPon(customGet({ options: { retries: 5, timeout: 300 } }), { ...creds, baseUrl: hold.url });
		expect(error?.message).toBe('Could not reach PandaPon: PandaPon did not answer in time (timeout)');
		expect(error?.description).toContain('The outcome is unknown');
		expect(hold.received.map((r) => `${r.method} ${r.url}`)).toEqual([CANCEL]);
	});

	it('with Retry on Failure on, the GET is retried up to Retries', async () => {
		const { error } = await runPandaPon(customGet({ retryOnFailure: true, options: { retries: 2, timeout: 300 } }), { ...creds, baseUrl: hold.url });
		expect(error?.description).toContain('after 3 attempts');
		expect(error?.description).not.toContain('outcome is unknown');
		expect(hold.received).toHaveLength(3);
	});

	it('the option says why it is off', () => {
		const prop = new PandaPon().description.properties.find((p: { name: string }) => p.name === 'retryOnFailure');
		expect(prop).toMatchObject({ type: 'boolean', default: false, displayOptions: { show: { method: ['GET'] } } });
		expect(prop.description).toContain('some PandaPon writes are GETs');
	});
});

describe("n8n's Retry On Fail setting re-sends writes, and the error says so", () => {
	it('with Retry On Fail on, n8n runs the node again: the write is sent twice and the error says n8n re-sent it', async () => {
		sb.setFaults({ [CREATE]: { errorRate: 1, errorKinds: ['timeout'] } });
		const { error } = await runPandaPon(createRefund({ retries: 5, timeout: 300 }), creds, [{}], { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 });
		expect(sb.count(CREATE)).toBe(2);
		expect(error?.description).toContain("This node's Retry On Fail setting is on, so n8n runs the node again after this error and re-sends this write");
		expect(error?.description).not.toContain('it was not re-sent');
	});

	it("a retried run re-sends the earlier items' writes too, and the error says so", async () => {
		// Items 0 and 1 are carried out, item 2 times out; n8n's second run sends all three again.
		const server = await startHostile((_r, res, i) => {
			if (i % 3 !== 2) res.end('{"requestId":"r","code":200,"msg":"success","data":null}');
		});
		try {
			const params = { resource: 'customApiCall', operation: 'request', method: 'POST', path: '/alibaba/order/cancel', query: '{}', body: '={{ JSON.stringify({ orderId: $json.i }) }}', options: { timeout: 300 } };
			const { error } = await runPandaPon(params, { ...creds, baseUrl: server.url }, items(3), { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 });
			expect(server.received.map((r) => r.body)).toEqual(['{"orderId":0}', '{"orderId":1}', '{"orderId":2}', '{"orderId":0}', '{"orderId":1}', '{"orderId":2}']);
			expect(error?.description).toContain('re-sends this write, and the writes of the items before this one, which were carried out,');
		} finally {
			await server.close();
		}
	});

	it('with Retry On Fail off the error says the write was not re-sent, and it was sent once', async () => {
		sb.setFaults({ [CREATE]: { errorRate: 1, errorKinds: ['timeout'] } });
		const { error } = await runPandaPon(createRefund({ timeout: 300 }), creds);
		expect(sb.count(CREATE)).toBe(1);
		expect(error?.description).toContain('it was not re-sent to avoid doing it twice');
	});

	it('every write operation shows a notice about Retry On Fail; reads do not', () => {
		const notices = new PandaPon().description.properties.filter((p: { name: string }) => p.name === 'writeRetryNotice');
		const shownFor = notices.flatMap((n: { displayOptions: { show: { resource: string[]; operation: string[] } } }) => `${n.displayOptions.show.resource[0]}:${n.displayOptions.show.operation[0]}`);
		expect(shownFor).toContain('alibabaAfterSale:createRefund');
		expect(shownFor).toContain('taobaoOrder:pay');
		expect(shownFor).not.toContain('alibabaOrder:get');
		expect(notices[0].displayName).toContain("Keep n8n's Retry On Fail setting (node Settings) off for writes");
	});
});
