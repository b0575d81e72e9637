import { createHmac } from 'crypto';
import { A_WAIT_SEND } from '../helpers/fixtures';

/** Test-side signer, written independently of the node: hex HMAC-SHA256 of the exact bytes. */
export function sign(body: string | Buffer, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

export interface PostOptions {
	secret?: string;
	/** Overrides the computed Authorization header; null sends none. */
	authorization?: string | null;
	contentType?: string | null;
	method?: string;
}

export interface PostResult {
	status: number;
	text: string;
	json: unknown;
}

/** POSTs `body` verbatim (a string is sent byte for byte) and signs those bytes. */
export async function post(url: string, body: string, options: PostOptions = {}): Promise<PostResult> {
	const headers: Record<string, string> = {};
	const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
	if (contentType !== null) headers['Content-Type'] = contentType;
	if (options.authorization !== null) {
		const authorization = options.authorization ?? (options.secret ? sign(body, options.secret) : undefined);
		if (authorization !== undefined) headers.Authorization = authorization;
	}
	const method = options.method ?? 'POST';
	const response = await fetch(url, {
		method,
		headers,
		body: method === 'GET' || method === 'HEAD' ? undefined : body,
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, text, json };
}

export const SECRET = 'test-access-secret-0123456789abcdef';

export const CREDENTIALS = {
	accessKey: 'AK_TEST',
	accessSecret: SECRET,
	userId: '1001',
	baseUrl: 'http://127.0.0.1:9',
	timestampUnit: 'milliseconds',
};

/** A push timestamp as PandaPon sends it: epoch milliseconds in a string, `offsetMs` from now. */
export function pushTimestamp(offsetMs = 0): string {
	return String(Date.now() + offsetMs);
}

/** A 1688 price message as raw JSON text with a 19-digit id written as a bare number. */
export function alibabaPriceMessage(orderId = A_WAIT_SEND, price = 19, timestamp = pushTimestamp()): string {
	return (
		'{"messageType":"1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY","messageBody":{"baseInfo":{"id":' +
		orderId +
		',"idOfStr":"' +
		orderId +
		'","status":"waitbuyerpay","totalAmount":' +
		price +
		'},"productItems":[{"productID":610947572360,"price":' +
		price +
		',"itemAmount":' +
		price +
		'}]},"messagePlatform":1,"timestamp":"' +
		timestamp +
		'"}'
	);
}

/** A Taobao status message whose messageBody is a JSON string (Xportcn style). */
export function taobaoStatusMessageStringBody(orderId = '3305075341149134260', status = 'WAITING_FOR_SENT', timestamp = pushTimestamp()): string {
	const inner = `{"orderId":${orderId},"orderNo":"PO202605200001","orderStatus":"${status}","payStatus":2,"totalAmount":10000}`;
	return JSON.stringify({
		messageType: 'TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
		messageBody: inner,
		messagePlatform: 0,
		timestamp,
	});
}
