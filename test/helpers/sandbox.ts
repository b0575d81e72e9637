/** Starts the sandbox for a test file and adds what tests ask of it: counts, last bodies, reasons. */
import type { IncomingMessage } from 'http';

import type { Sandbox, SandboxOptions } from '../../sandbox';
import type { SandboxCredentials } from './engine';

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
	/** The raw body text of the last request to a route. */
	lastBody(route: string): string | undefined;
	/** The path and query string of the last request to a route, as received. */
	lastUrl(route: string): string | undefined;
	/** The query parameters of the last request to a route. */
	lastQuery(route: string): URLSearchParams;
	/** The headers of the last request to a route. */
	lastHeaders(route: string): IncomingMessage['headers'];
	/** The refund reasons the sandbox offers for a goods status. */
	reasonsFor(orderId: string, goodsStatus: string): Array<{ id: number; name: string }>;
}

/**
 * A recognisable Access Secret: every engine run is checked for it (test/helpers/engine.ts), so
 * the whole suite proves it never reaches outputs or errors.
 */
export const CANARY_SECRET = 'CANARY-secret-0f9e8d7c6b5a';

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const credentials = options.credentials ?? [
		{ accessKey: 'sandbox-access-key', accessSecret: CANARY_SECRET, userId: '2100007341207' },
	];
	const sb = (await startSandbox({ port: 0, ...options, credentials })) as TestSandbox;
	const bodies = new Map<string, string>();
	const requests = new Map<string, IncomingMessage>();
	// A second listener sees the same request stream as the sandbox's own handler.
	(sb as unknown as { server: import('http').Server }).server.on('request', (req: IncomingMessage) => {
		const chunks: Buffer[] = [];
		const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
		requests.set(route, req);
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => bodies.set(route, Buffer.concat(chunks).toString('utf8')));
	});
	sb.nodeCredentials = { ...sb.credentials, baseUrl: sb.url, timestampUnit: 'milliseconds' };
	sb.count = (route) => sb.counters().byRoute[route] ?? 0;
	sb.lastBody = (route) => bodies.get(route);
	sb.lastUrl = (route) => requests.get(route)?.url;
	sb.lastQuery = (route) => new URL(sb.lastUrl(route) ?? '/', 'http://sandbox').searchParams;
	sb.lastHeaders = (route) => requests.get(route)?.headers ?? {};
	sb.reasonsFor = (_orderId, goodsStatus) => helpers.REASONS[goodsStatus].reasons;
	return sb;
}
