/**
 * Transport behaviour in the real engine against the sandbox's fault knobs: reads recover by
 * retry, writes are sent at most once and say their outcome is unknown, errors name the cause.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runPandaPon, type SandboxCredentials } from '../helpers/engine';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const ORDER = '2542285634920880794';
const ENTRIES = '2542285634921880794';
const GET = 'POST /alibaba/order/detail';
const CREATE = 'POST /alibaba/refund/detail/create';

let sb: TestSandbox;
let creds: SandboxCredentials;

beforeAll(async () => {
	sb = await startTestSandbox({ seed: 7 });
	creds = sb.nodeCredentials;
});
afterAll(() => sb?.close());
beforeEach(() => {
	sb.setFaults({});
	sb.setOptions({ clockSkewMs: 0, qps: 0, latencyMs: 0 });
	sb.resetCounters();
});

const getOrder = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'alibabaOrder',
	operation: 'get',
	orderId: { __rl: true, mode: 'id', value: ORDER },
	options,
});

const createRefund = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'alibabaAfterSale',
	operation: 'createRefund',
	orderId: { __rl: true, mode: 'id', value: ORDER },
	orderEntryIds: ENTRIES,
	goodsStatus: 'refundWaitSellerSend',
	applyReasonId: 20001,
	disputeRequest: 'refund',
	applyPayment: 100,
	applyCarriage: 0,
	description: 'test',
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
			for (const o of out) expect((o.json.baseInfo as { id: string }).id).toBe(ORDER);
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
