/**
 * The sandbox as tests use it: `useSandbox()` runs one for a test file or describe block,
 * `withSandbox()` one for a single test, `startTestSandbox()` one for a script (the bench). What
 * tests ask of it (counts, what was sent, reasons) reads the sandbox's own counters and request log.
 */
import type { RequestRecord, Sandbox, SandboxOptions } from '../../sandbox';
import type { SandboxCredentials } from './engine';
import { USER_ID } from './fixtures';

/* eslint-disable @typescript-eslint/no-require-imports */
const { startSandbox } = require('../../sandbox') as typeof import('../../sandbox');
const { helpers } = require('../../sandbox/handlers/alibaba') as {
	helpers: { REASONS: Record<string, { reasons: Array<{ id: number; name: string }> }> };
};
/* eslint-enable @typescript-eslint/no-require-imports */

export interface TestSandbox extends Sandbox {
	/** Credentials for the node, pointing at this sandbox. */
	nodeCredentials: SandboxCredentials;
	/** Requests that reached a route such as 'POST /alibaba/order/detail'. */
	count(route: string): number;
	/** The logged requests to 'METHOD /path' (the path as received, without the query string), oldest first. */
	sent(key: string): RequestRecord[];
	/** The last of them. */
	last(key: string): RequestRecord | undefined;
	/** The raw body text of the last request to a route. */
	lastBody(key: string): string | undefined;
	/** That body parsed with JSON.parse (null when there was none): for shapes, not for long ids. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	lastJson(key: string): any;
	/** The path and query string of the last request to a route, as received. */
	lastUrl(key: string): string | undefined;
	/** The query parameters of the last request to a route. */
	lastQuery(key: string): URLSearchParams;
	/** The headers of the last request to a route. */
	lastHeaders(key: string): RequestRecord['headers'];
	/** The refund reasons the sandbox offers for a goods status. */
	reasonsFor(orderId: string, goodsStatus: string): Array<{ id: number; name: string }>;
}

/**
 * A recognisable Access Secret: every engine run is checked for it (test/helpers/engine.ts), so
 * the whole suite proves it never reaches outputs or errors.
 */
export const CANARY_SECRET = 'CANARY-secret-0f9e8d7c6b5a';

/** Enough for the largest test file (1,000 items with retries, several times over). */
const REQUEST_LOG = 100_000;

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const credentials = options.credentials ?? [{ accessKey: 'sandbox-access-key', accessSecret: CANARY_SECRET, userId: USER_ID }];
	const sb = (await startSandbox({ port: 0, requestLog: REQUEST_LOG, ...options, credentials })) as TestSandbox;
	sb.nodeCredentials = { ...sb.credentials, baseUrl: sb.url, timestampUnit: 'milliseconds' };
	sb.count = (route) => sb.counters().byRoute[route] ?? 0;
	sb.sent = (key) => sb.requests().filter((r) => r.key === key);
	sb.last = (key) => {
		const log = sb.requests();
		for (let i = log.length - 1; i >= 0; i--) if (log[i].key === key) return log[i];
		return undefined;
	};
	sb.lastBody = (key) => sb.last(key)?.body;
	sb.lastJson = (key) => JSON.parse(sb.lastBody(key) || 'null');
	sb.lastUrl = (key) => sb.last(key)?.url;
	sb.lastQuery = (key) => new URL(sb.lastUrl(key) ?? '/', 'http://sandbox').searchParams;
	sb.lastHeaders = (key) => sb.last(key)?.headers ?? {};
	sb.reasonsFor = (_orderId, goodsStatus) => helpers.REASONS[goodsStatus].reasons;
	return sb;
}

export interface UseSandboxOptions {
	/**
	 * 'block' (default): one sandbox for the tests of the file, or of the describe block it is
	 * called in. 'test': a fresh sandbox for every test.
	 */
	per?: 'block' | 'test';
	/**
	 * With one sandbox per block, before each test: counters and request log cleared, faults and
	 * latency, qps and clock skew back to the options given (default true). The seeded state
	 * carries over from test to test.
	 */
	resetEach?: boolean;
}

/**
 * Starts a sandbox for the tests of the file (or of the describe block it is called in) and closes
 * it after them: `const { sb, creds } = useSandbox({ orders: 250 })`. `sb` stands for the running
 * sandbox inside tests and hooks; `creds`, the node's credential for it, is filled in when the
 * sandbox starts. Options can be a function, read when the sandbox starts.
 */
export function useSandbox(
	options: SandboxOptions | (() => SandboxOptions) = {},
	{ per = 'block', resetEach = true }: UseSandboxOptions = {},
): { sb: TestSandbox; creds: SandboxCredentials } {
	let current: TestSandbox | undefined;
	let started: SandboxOptions = {};
	const creds = {} as SandboxCredentials;
	const running = (name?: PropertyKey) => {
		if (current === undefined) throw new Error(`useSandbox(): the sandbox runs from its start hook to its stop hook; "${String(name)}" was used outside them`);
		return current;
	};
	const start = async () => {
		started = typeof options === 'function' ? options() : options;
		current = await startTestSandbox(started);
		Object.assign(creds, current.nodeCredentials);
	};
	const stop = async () => {
		await current?.close();
		current = undefined;
	};
	if (per === 'test') {
		beforeEach(start);
		afterEach(stop);
	} else {
		beforeAll(start);
		afterAll(stop);
		if (resetEach) {
			beforeEach(() => {
				const sb = running('reset');
				sb.resetCounters();
				sb.clearRequests();
				sb.setFaults(started.faults ?? {});
				sb.setOptions({ latencyMs: started.latencyMs ?? 0, qps: started.qps ?? 0, clockSkewMs: started.clockSkewMs ?? 0 });
			});
		}
	}
	const sb = new Proxy({} as TestSandbox, {
		get(_target, name) {
			const target = running(name);
			const value = Reflect.get(target, name, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
		set: (_target, name, value) => Reflect.set(running(name), name, value),
	});
	return { sb, creds };
}

/** Runs `fn` with a sandbox of its own (a variant for one test), closed afterwards whatever happens. */
export async function withSandbox<T>(options: SandboxOptions, fn: (sb: TestSandbox) => Promise<T>): Promise<T> {
	const sb = await startTestSandbox(options);
	try {
		return await fn(sb);
	} finally {
		await sb.close();
	}
}
