import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** NodeApiError's options (message, description, itemIndex…); n8n-workflow does not export the type. */
type NodeApiErrorOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

/**
 * The envelope codes the node keys on (hints, rate limits, retries). PandaPon documents only
 * `OK` (200); every other value is an assumption taken from the sandbox (`sandbox/errors.js`),
 * so the node also recognises the same failures by their message words (see `hintFor`).
 */
export const PANDAPON_CODES = {
	/** Documented: success (HTTP 200 and code 200, msg 成功). */
	OK: 200,
	/** Assumption: a system header (access-key, timestamp, nonce-str, sign, user id) is missing. */
	MISSING_HEADER: 40001,
	/** Assumption: the Access Key is unknown. */
	INVALID_ACCESS_KEY: 40002,
	/** Assumption: the signature does not match. */
	BAD_SIGNATURE: 40003,
	/** Assumption: the timestamp is outside the server's window. */
	TIMESTAMP_EXPIRED: 40004,
	/** Assumption: the nonce was used before. */
	NONCE_USED: 40005,
	/** Assumption: a parameter is missing or invalid. */
	INVALID_PARAMETER: 40010,
	/** Assumption: the path is not known to the server. */
	UNKNOWN_PATH: 40400,
	/** Assumption: the record (order, product, refund…) does not exist for this account. */
	NOT_FOUND: 40410,
	/** Assumption: the record is not in a state that allows the operation. */
	INVALID_STATE: 40900,
	/** Assumption: too many requests. */
	RATE_LIMITED: 42900,
	/** Assumption: this code and every one above it is a server-side failure worth a retry. */
	SERVER_ERROR_FROM: 50000,
} as const;

/** HTTP's own rate-limit status; some gateways put it in the envelope's code too. */
export const HTTP_TOO_MANY_REQUESTS = 429;

/** What PandaPon answered when it refused a request: its code, message and request ID. */
export interface PandaPonFailure {
	code: number | string;
	msg: string;
	requestId: string | null;
}

/**
 * An error PandaPon answered (or a failure reported inside a code-200 answer). The node reads
 * `code` and `requestId` back into error items; n8n sees a plain NodeApiError.
 */
export class PandaPonApiError extends NodeApiError {
	readonly code: number | string;
	readonly msg: string;
	readonly requestId: string | null;

	constructor(node: INode, failure: PandaPonFailure, options: NodeApiErrorOptions) {
		super(node, { ...failure } as JsonObject, options);
		this.code = failure.code;
		this.msg = failure.msg;
		this.requestId = failure.requestId;
		// n8n tells error kinds apart by name, also after copying them into the run data
		// (WorkflowExecute re-throws only 'NodeApiError' / 'NodeOperationError' as they are).
		this.name = 'NodeApiError';
	}
}
