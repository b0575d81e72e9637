import type { IDataObject } from 'n8n-workflow';

import { JsonDepthError, JsonDuplicateKeyError, parseJson } from '../shared/transport/json';
import { DEDUPE_WINDOW_MS, FUTURE_TOLERANCE_MS } from './dedupe';
import { bodyText } from './http';
import { checkSignature, topLevelValueText, type SignedPart } from './signature';

/*
 * A push from its verified bytes to its fields. Every step returns either its result or a
 * Refusal (the HTTP answer, a short reason, a hint for the editor), never throws.
 */

/** Pushes nest a few levels; anything deeper than this is refused (400) before it is walked. */
export const MAX_PUSH_DEPTH = 64;

const STRICT = { rejectDuplicateKeys: true, maxDepth: MAX_PUSH_DEPTH };

export class Refusal {
	constructor(
		readonly status: 200 | 400 | 401,
		readonly reason: string,
		readonly hint: string,
	) {}
}

export const HINT_BODY = 'PandaPon pushes are one JSON object {messageType, messageBody, messagePlatform, timestamp}.';
const HINT_SIGNATURE =
	"PandaPon signs each push with the account's Access Secret (header Authorization, hex HMAC-SHA256). Check that this credential holds the Access Secret of the account whose console sends the pushes. If genuine pushes keep failing, PandaPon may sign only messageBody: see Options → Signed Part.";
const HINT_AGE =
	"Pushes are accepted for 3 hours (the span of PandaPon's re-deliveries) and up to 10 minutes ahead of this server's clock, so a captured push cannot be replayed later. Check the server clock; turn off Options → Refuse Stale Pushes only if PandaPon's timestamps are not the push time.";

/** A push after its signature has been checked and its bytes parsed. */
export interface Push {
	messageType: string;
	messagePlatform: unknown;
	timestamp: unknown;
	body: unknown;
	verifiedBy: SignedPart | 'notVerified';
	/** Envelope fields no signature covered. */
	unverifiedFields: string[];
}

type Parsed = { value: unknown } | Refusal;

/** Text that must be JSON: duplicate keys and excess depth refused with 400. */
function parseStrict(text: string, what: string): Parsed {
	try {
		return { value: parseJson(text, STRICT) };
	} catch (error) {
		if (error instanceof JsonDuplicateKeyError) {
			return new Refusal(400, `${what} names key ${JSON.stringify(error.key.slice(0, 40))} twice`, `${HINT_BODY} A key given twice could make the checked and the used value differ, so such pushes are refused.`);
		}
		if (error instanceof JsonDepthError) return new Refusal(400, `${what} is nested deeper than ${MAX_PUSH_DEPTH} levels`, HINT_BODY);
		return new Refusal(400, `${what} is not valid JSON`, HINT_BODY);
	}
}

/** messageBody sent as a JSON string is parsed too; text that is not JSON is handed on as it came. */
function bodyFromString(text: string): Parsed {
	const parsed = parseStrict(text, 'messageBody');
	if (parsed instanceof Refusal && parsed.reason === 'messageBody is not valid JSON') return { value: text };
	return parsed;
}

function envelopeOf(parsed: Parsed): IDataObject | Refusal {
	if (parsed instanceof Refusal) return parsed;
	const value = parsed.value;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return new Refusal(400, 'body is not a JSON object', HINT_BODY);
	const envelope = value as IDataObject;
	if (typeof envelope.messageType !== 'string' || envelope.messageType.trim() === '') return new Refusal(400, 'messageType is missing', HINT_BODY);
	return envelope;
}

function signatureRefusal(reason: 'missing' | 'malformed' | 'mismatch'): Refusal {
	return new Refusal(401, reason === 'missing' ? 'missing signature' : 'invalid signature', HINT_SIGNATURE);
}

/**
 * Verify, then parse: the checked bytes are exactly the bytes parsed and emitted. `secret`
 * undefined means Verify Signature is off. With Signed Part → Message Body Only the envelope has to
 * be read first to find messageBody (with the same linear, depth-limited parser, duplicate keys
 * refused); then only messageBody is checked and emitted, and the envelope fields are marked
 * unverified.
 */
export function verifyAndParse(bytes: Buffer, authorization: string | undefined, secret: string | undefined, part: SignedPart): Push | Refusal {
	if (secret !== undefined && part === 'rawBody') {
		const check = checkSignature(authorization, secret, bytes);
		if (!check.ok) return signatureRefusal(check.reason);
	}
	const text = bodyText(bytes);
	const envelope = envelopeOf(parseStrict(text, 'body'));
	if (envelope instanceof Refusal) return envelope;
	const inner = envelope.messageBody ?? null;

	let verifiedBy: Push['verifiedBy'] = secret === undefined ? 'notVerified' : 'rawBody';
	let unverifiedFields = secret === undefined ? ['messageType', 'messagePlatform', 'timestamp', 'body'] : [];
	let body: Parsed;
	if (secret !== undefined && part === 'messageBody') {
		let signed: string;
		if (typeof inner === 'string') signed = inner;
		else if (inner !== null && typeof inner === 'object') signed = topLevelValueText(text, 'messageBody') ?? '';
		else return new Refusal(400, 'messageBody is missing (Signed Part is Message Body Only)', HINT_BODY);
		const check = checkSignature(authorization, secret, signed);
		if (!check.ok) return signatureRefusal(check.reason);
		body = typeof inner === 'string' ? bodyFromString(signed) : parseStrict(signed, 'messageBody');
		verifiedBy = 'messageBody';
		unverifiedFields = ['messageType', 'messagePlatform', 'timestamp'];
	} else {
		body = typeof inner === 'string' ? bodyFromString(inner) : { value: inner };
	}
	if (body instanceof Refusal) return body;

	return {
		messageType: (envelope.messageType as string).trim(),
		messagePlatform: envelope.messagePlatform ?? null,
		timestamp: envelope.timestamp ?? null,
		body: body.value,
		verifiedBy,
		unverifiedFields,
	};
}

/** Push time in ms; accepts epoch seconds or milliseconds, as a number or a digit string. */
export function timestampMs(timestamp: unknown): number | undefined {
	const text = typeof timestamp === 'number' || typeof timestamp === 'string' ? String(timestamp).trim() : '';
	if (text.length < 9 || text.length > 16) return undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x30 || c > 0x39) return undefined;
	}
	const value = Number(text);
	return value < 1e11 ? value * 1000 : value; // 1e11 s is year 5138; 1e11 ms is 1973
}

/** Push time as ISO text, or null. */
export function eventTimeOf(timestamp: unknown): string | null {
	const ms = timestampMs(timestamp);
	if (ms === undefined) return null;
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Refuses pushes outside the window: a captured push cannot be replayed once its entry is gone. */
export function ageRefusal(timestamp: unknown, now: number): Refusal | undefined {
	const at = timestampMs(timestamp);
	if (at === undefined) return new Refusal(200, 'timestamp is missing or not epoch seconds/milliseconds', HINT_AGE);
	if (now - at > DEDUPE_WINDOW_MS) return new Refusal(200, `stale: sent ${Math.round((now - at) / 60_000)} minutes ago`, HINT_AGE);
	if (at - now > FUTURE_TOLERANCE_MS) return new Refusal(200, `timestamp is ${Math.round((at - now) / 60_000)} minutes in the future`, HINT_AGE);
	return undefined;
}
