import type { IAuthenticateRuleResponseSuccessBody, ICredentialTestRequest } from 'n8n-workflow';

import { hintFor } from './transport/request';

/**
 * PandaPon's answers to a request with bad keys, headers or timing: HTTP 200 with this `code` and
 * `msg` in the body. n8n's declarative test can only compare a body value with a fixed one, so
 * each known answer is a rule with its own message, PandaPon's msg and our hint.
 */
export const KNOWN_ERRORS: ReadonlyArray<{ code: number; msg: string }> = [
	{ code: 40001, msg: 'Missing system header' },
	{ code: 40002, msg: 'Invalid access-key' },
	{ code: 40003, msg: 'Signature verification failed' },
	{ code: 40004, msg: 'Timestamp expired: request time is outside the 600 s window of server time' },
	{ code: 40005, msg: 'Nonce already used' },
	{ code: 40400, msg: 'Unknown API path' },
	{ code: 42900, msg: 'Too many requests: rate limit exceeded' },
	{ code: 50000, msg: 'Internal error' },
];

const rule = (key: string, value: unknown, message: string): IAuthenticateRuleResponseSuccessBody => ({
	type: 'responseSuccessBody',
	properties: { key, value, message },
});

/**
 * The credential's Test: a cheap signed read (the 1688 cart list, whose `data` is always an
 * object). n8n runs the rules in order and fails the test on the first match; none matching
 * means code 200 with data, and the test passes.
 */
export const credentialTestRequest: ICredentialTestRequest = {
	request: {
		method: 'GET',
		baseURL: '={{ $credentials.baseUrl || "https://api.pandapon.com" }}',
		url: '/v2/alibaba/cart/list',
		// The request carries live signed headers: a redirect fails the test instead of forwarding them.
		disableFollowRedirect: true,
		json: true,
	},
	rules: [
		rule('code', undefined, "The Base URL did not answer with PandaPon's JSON (no code in the body): check the Base URL."),
		...KNOWN_ERRORS.map(({ code, msg }) => rule('code', code, `PandaPon error ${code}: ${msg}. ${hintFor({ code, msg })}`)),
		// Any other code: PandaPon's error envelopes carry no data.
		...[null, undefined].map((value) =>
			rule(
				'data',
				value,
				'PandaPon refused the request with a code this test does not list. Run any PandaPon node operation with this credential to see the code, message and request ID.',
			),
		),
	],
};
