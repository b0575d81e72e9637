'use strict';

/** Business error answered as HTTP 200 with the envelope's code/msg. */
class ApiError extends Error {
	constructor(code, msg) {
		super(msg);
		this.code = code;
		this.msg = msg;
	}
}

const CODES = {
	MISSING_HEADER: 40001,
	INVALID_ACCESS_KEY: 40002,
	BAD_SIGNATURE: 40003,
	TIMESTAMP_EXPIRED: 40004,
	NONCE_USED: 40005,
	INVALID_PARAMETER: 40010,
	UNKNOWN_PATH: 40400,
	NOT_FOUND: 40410,
	INVALID_STATE: 40900,
	RATE_LIMITED: 42900,
	INTERNAL: 50000,
};

const E = {
	missingHeader: (name) => new ApiError(40001, `Missing system header: ${name}`),
	invalidAccessKey: () => new ApiError(40002, 'Invalid access-key'),
	badSignature: () => new ApiError(40003, 'Signature verification failed'),
	timestampExpired: () =>
		new ApiError(40004, 'Timestamp expired: request time is outside the 600 s window of server time'),
	nonceUsed: () => new ApiError(40005, 'Nonce already used'),
	invalidParam: (name, reason) => new ApiError(40010, `Invalid parameter: ${name} ${reason}`),
	unknownPath: (method, path) => new ApiError(40400, `Unknown API path: ${method} ${path}`),
	notFound: (what, id) => new ApiError(40410, `Not found: ${what} ${id}`),
	invalidState: (reason) => new ApiError(40900, `Invalid state: ${reason}`),
	rateLimited: () => new ApiError(42900, 'Too many requests: rate limit exceeded'),
	internal: () => new ApiError(50000, 'Internal error'),
};

module.exports = { ApiError, CODES, E };
