import type { IDataObject } from 'n8n-workflow';

/*
 * The HTTP side of the trigger: reading the request n8n hands over and writing the answer.
 * Nothing here interprets the body beyond its size and the Verify ping (empty or `{}`).
 */

type Headers = Record<string, string | string[] | undefined>;

/** The parts of n8n's request object (Express over Node's IncomingMessage) the trigger reads. */
export interface PushRequest {
	headers: Headers;
	/** Set by n8n's body reader: the body exactly as received. */
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** The parts of n8n's response object (Express over Node's ServerResponse) the trigger writes. */
export interface PushResponse {
	statusCode: number;
	readonly headersSent: boolean;
	readonly writableEnded: boolean;
	setHeader(name: string, value: string): unknown;
	end(chunk: string): unknown;
}

/** Bodies above this are refused: PandaPon's largest push (a full 1688 order) is a few kB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Acknowledgement body. PandaPon only documents that it wants HTTP 200 within 1000 ms; the body is
 * not specified, so we answer in the shape of PandaPon's own envelope.
 */
export const ACK = { code: 200, msg: 'success' };

export function reply(res: PushResponse, status: number, body: IDataObject): void {
	if (res.headersSent || res.writableEnded) return;
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
}

export function firstHeader(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export type BodyRead = { bytes: Buffer } | { tooLarge: true } | { missing: true };

/** The raw body as n8n read it (asking n8n to read it when it has not yet), bounded in size. */
export async function readBody(req: PushRequest): Promise<BodyRead> {
	const declared = Number(firstHeader(req.headers, 'content-length'));
	if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return { tooLarge: true };
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	if (!Buffer.isBuffer(req.rawBody)) return { missing: true };
	if (req.rawBody.length > MAX_BODY_BYTES) return { tooLarge: true };
	return { bytes: req.rawBody };
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The console's Verify request: an empty body or `{}` (whitespace around allowed). Linear, no regex. */
export function isVerifyPing(bytes: Buffer): boolean {
	let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
	while (isSpace(bytes[i])) i++;
	if (i === bytes.length) return true;
	if (bytes[i] !== 0x7b) return false;
	i++;
	while (isSpace(bytes[i])) i++;
	if (bytes[i] !== 0x7d) return false;
	i++;
	while (isSpace(bytes[i])) i++;
	return i === bytes.length;
}

/** The media type of the Content-Type header, lower-cased, or undefined when there is none. */
export function mediaType(headers: Headers): string | undefined {
	const value = firstHeader(headers, 'content-type');
	if (value === undefined) return undefined;
	const type = value.split(';')[0].trim().toLowerCase();
	return type === '' ? undefined : type;
}

export function isJsonMediaType(type: string): boolean {
	return type === 'application/json' || type === 'text/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** The body as text: UTF-8, without a byte-order mark. */
export function bodyText(bytes: Buffer): string {
	const text = bytes.toString('utf8');
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
