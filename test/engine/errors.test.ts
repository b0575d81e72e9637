/**
 * The node's error types in n8n's real engine: what PandaPon refused arrives as a
 * PandaPonApiError (a NodeApiError carrying code, msg and requestId), an unknown operation as a
 * NodeOperationError, and n8n sees both by their own names; the codes the node keys on are the sandbox's.
 */
import { NodeApiError } from 'n8n-workflow';

import { pandaPonNode, runPandaPon } from '../helpers/engine';
import { useSandbox } from '../helpers/sandbox';

// The built node throws the built class: compare with that one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PandaPonApiError, PANDAPON_CODES, HTTP_TOO_MANY_REQUESTS } = require('../../dist/nodes/shared/transport/errors.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CODES: SANDBOX_CODES } = require('../../sandbox/errors.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { hintFor, isRateLimited } = require('../../dist/nodes/shared/transport/request.js');

const MISSING_ORDER = '1234567890123456789';

const { sb, creds } = useSandbox({ seed: 3 });

const getOrder = (value: string) => ({ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value } });

describe('PandaPonApiError', () => {
	it('is a NodeApiError to n8n and carries PandaPon\'s code, msg and requestId as fields', () => {
		const node = pandaPonNode({});
		const error = new PandaPonApiError(node, { code: 40410, msg: 'Not found: order 1', requestId: 'abc' }, { message: 'PandaPon error 40410: Not found: order 1', itemIndex: 2 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.name).toBe('NodeApiError');
		expect(error).toMatchObject({ code: 40410, msg: 'Not found: order 1', requestId: 'abc', message: 'PandaPon error 40410: Not found: order 1' });
		expect(error.context.itemIndex).toBe(2);
	});

	it('a refused request stops the run; the run data holds a NodeApiError with PandaPon\'s code, msg and requestId', async () => {
		const { error } = await runPandaPon(getOrder(MISSING_ORDER), creds);
		// n8n copies the thrown error into the run data: the class is gone, name and fields stay.
		const e = error as unknown as { name: string; code: number; msg: string; requestId: string };
		expect(e.name).toBe('NodeApiError');
		expect(e.code).toBe(SANDBOX_CODES.NOT_FOUND);
		expect(e.msg).toMatch(/^Not found: /);
		expect(e.requestId).toMatch(/^[0-9a-f]{32}$/);
		expect(error?.message).toBe(`PandaPon error ${e.code}: ${e.msg}`);
		expect(error?.description).toContain(`Request ID: ${e.requestId}`);
		expect(error).not.toHaveProperty('pandaPon');
	});

	it('with Continue On Fail the error item takes code and requestId from the PandaPonApiError', async () => {
		const { items, error } = await runPandaPon(
			{ ...getOrder('={{ $json.id }}') },
			creds,
			[{ id: MISSING_ORDER }, { id: 'not-an-id' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ code: SANDBOX_CODES.NOT_FOUND, requestId: expect.stringMatching(/^[0-9a-f]{32}$/) });
		// A bad input is not PandaPon's answer: no code, no request ID.
		expect(items[1].json.code).toBeUndefined();
		expect(items[1].json.requestId).toBeUndefined();
	});
});

describe('unknown operation', () => {
	it('is a NodeOperationError naming the resource and operation, and sends nothing', async () => {
		sb.resetCounters();
		const { error } = await runPandaPon({ resource: 'alibabaOrder', operation: 'noSuchOperation' }, creds);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Unknown operation alibabaOrder:noSuchOperation');
		expect(sb.count('POST /alibaba/order/detail')).toBe(0);
	});
});

describe('PANDAPON_CODES', () => {
	it('the assumed codes are the sandbox\'s, name for name', () => {
		const { OK, SERVER_ERROR_FROM, ...assumed } = PANDAPON_CODES;
		const { INTERNAL, ...sandbox } = SANDBOX_CODES;
		expect(OK).toBe(200);
		expect(SERVER_ERROR_FROM).toBe(INTERNAL);
		expect(assumed).toEqual(sandbox);
	});

	it('rate limits are known by code only; the hints key on each code', () => {
		expect(isRateLimited({ code: PANDAPON_CODES.RATE_LIMITED })).toBe(true);
		expect(isRateLimited({ code: HTTP_TOO_MANY_REQUESTS })).toBe(true);
		expect(isRateLimited({ code: PANDAPON_CODES.SERVER_ERROR_FROM })).toBe(false);
		const hint = (code: number) => hintFor({ code, msg: '' });
		expect(hint(PANDAPON_CODES.TIMESTAMP_EXPIRED)).toContain('clock');
		expect(hint(PANDAPON_CODES.BAD_SIGNATURE)).toContain('Access Secret');
		expect(hint(PANDAPON_CODES.INVALID_ACCESS_KEY)).toContain('Access Secret');
		expect(hint(PANDAPON_CODES.MISSING_HEADER)).toContain('User ID');
		expect(hint(PANDAPON_CODES.RATE_LIMITED)).toContain('rate limiting');
		expect(hint(PANDAPON_CODES.INVALID_PARAMETER)).toContain('parameter');
		expect(hint(PANDAPON_CODES.NOT_FOUND)).toContain('Check the id');
		expect(hint(PANDAPON_CODES.INVALID_STATE)).toContain('state');
		expect(hint(PANDAPON_CODES.UNKNOWN_PATH)).toContain('Custom API Call');
		expect(hint(PANDAPON_CODES.NONCE_USED)).toContain('PandaPon support');
	});
});
