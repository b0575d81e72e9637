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
	/** The refund reasons the sandbox offers for a goods status. */
	reasonsFor(orderId: string, goodsStatus: string): Array<{ id: number; name: string }>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
	const sb = (await startSandbox({ port: 0, ...options })) as TestSandbox;
	const bodies = new Map<string, string>();
	// A second listener sees the same request stream as the sandbox's own handler.
	(sb as unknown as { server: import('http').Server }).server.on('request', (req: IncomingMessage) => {
		const chunks: Buffer[] = [];
		const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => bodies.set(route, Buffer.concat(chunks).toString('utf8')));
	});
	sb.nodeCredentials = { ...sb.credentials, baseUrl: sb.url, timestampUnit: 'milliseconds' };
	sb.count = (route) => sb.counters().byRoute[route] ?? 0;
	sb.lastBody = (route) => bodies.get(route);
	sb.reasonsFor = (_orderId, goodsStatus) => helpers.REASONS[goodsStatus].reasons;
	return sb;
}
