'use strict';

const crypto = require('crypto');
const { E } = require('./errors');

const WINDOW_MS = 600 * 1000;
const SYSTEM_HEADERS = ['access-key', 'timestamp', 'nonce-str', 'user-id', 'signature'];

function md5Upper(text) {
	return crypto.createHash('md5').update(text, 'utf8').digest('hex').toUpperCase();
}

/** signature = UPPER(HEX(MD5(accessKey + timestamp + nonceStr + accessSecret))) */
function computeSignature(accessKey, timestamp, nonce, accessSecret) {
	return md5Upper(String(accessKey) + String(timestamp) + String(nonce) + String(accessSecret));
}

/**
 * Signature constructions the sandbox can demand instead of the documented one (option
 * `signature`), so the API probe can be tested against a server that signs differently.
 */
const SIGNATURES = {
	documented: computeSignature,
	'secret-first': (accessKey, timestamp, nonce, accessSecret) =>
		md5Upper(String(accessSecret) + String(accessKey) + String(timestamp) + String(nonce)),
	'hmac-sha256': (accessKey, timestamp, nonce, accessSecret) =>
		crypto.createHmac('sha256', String(accessSecret)).update(String(accessKey) + String(timestamp) + String(nonce), 'utf8').digest('hex').toUpperCase(),
};

function safeEqualHex(a, b) {
	const x = Buffer.from(String(a).toUpperCase(), 'utf8');
	const y = Buffer.from(String(b).toUpperCase(), 'utf8');
	return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Timestamp in ms or s, decided by magnitude (>= 1e11 means milliseconds). */
function timestampToMs(raw) {
	const s = String(raw).trim();
	if (!/^\d{1,16}$/.test(s)) return NaN;
	const n = Number(s);
	return n >= 1e11 ? n : n * 1000;
}

/** Remembers nonces for the length of the timestamp window (pruned lazily, no timers). */
class NonceStore {
	constructor() {
		this.seen = new Map();
		this.lastPrune = 0;
	}

	/** Returns false when the nonce was already used inside the window. */
	use(key, now) {
		if (now - this.lastPrune > 10000) this.prune(now);
		const expiry = this.seen.get(key);
		if (expiry !== undefined && expiry > now) return false;
		this.seen.set(key, now + WINDOW_MS * 2);
		return true;
	}

	prune(now) {
		this.lastPrune = now;
		for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
	}
}

function header(req, name) {
	const v = req.headers[name];
	if (Array.isArray(v)) return v[0];
	return v === undefined ? undefined : String(v);
}

/** `unit` ('seconds' / 'milliseconds') makes the other unit fail like a far-off time; unset accepts both. */
function checkWindow(timestampRaw, serverNow, unit) {
	const ms = timestampToMs(timestampRaw);
	if (!Number.isFinite(ms) || Math.abs(ms - serverNow) > WINDOW_MS) throw E.timestampExpired();
	const inMs = Number(String(timestampRaw).trim()) >= 1e11;
	if ((unit === 'seconds' && inMs) || (unit === 'milliseconds' && !inMs)) throw E.timestampExpired();
}

/**
 * Verify the system header set. Throws ApiError; returns { credential, userId } on success.
 * serverNow already includes the configured clock skew.
 */
function verifyHeaders(req, credentials, nonces, serverNow, variant = {}) {
	const sign = SIGNATURES[variant.signature || 'documented'];
	for (const name of SYSTEM_HEADERS) {
		const v = header(req, name);
		if (v === undefined || v.trim() === '') throw E.missingHeader(name);
	}
	const accessKey = header(req, 'access-key').trim();
	const credential = credentials.find((c) => c.accessKey === accessKey);
	if (!credential) throw E.invalidAccessKey();
	const timestamp = header(req, 'timestamp').trim();
	checkWindow(timestamp, serverNow, variant.timestampUnit);
	const nonce = header(req, 'nonce-str').trim();
	const expected = sign(accessKey, timestamp, nonce, credential.accessSecret);
	if (!safeEqualHex(expected, header(req, 'signature').trim())) throw E.badSignature();
	if (!nonces.use(`${accessKey}\u0000${nonce}`, serverNow)) throw E.nonceUsed();
	return { credential, userId: header(req, 'user-id').trim() };
}

/**
 * /open/pp/logistics/* and /v2/open/pp/logistics/*: the full header set, or query timestamp + sign
 * with sign = MD5(accessKey + timestamp + nonce + accessSecret) (or the `signature` variant), nonce = nonce-str header or ''.
 * The real construction of `sign` is undocumented; this mirrors the header signature.
 */
function verifyQuerySign(req, query, credentials, nonces, serverNow, variant = {}) {
	if (header(req, 'signature') !== undefined) return verifyHeaders(req, credentials, nonces, serverNow, variant);
	const expectedSign = SIGNATURES[variant.signature || 'documented'];
	const timestamp = query.get('timestamp');
	const sign = query.get('sign');
	if (timestamp === null || timestamp.trim() === '') throw E.missingHeader('timestamp');
	if (sign === null || sign.trim() === '') throw E.missingHeader('sign');
	const keyHeader = header(req, 'access-key');
	let candidates = credentials;
	if (keyHeader !== undefined && keyHeader.trim() !== '') {
		candidates = credentials.filter((c) => c.accessKey === keyHeader.trim());
		if (candidates.length === 0) throw E.invalidAccessKey();
	}
	checkWindow(timestamp.trim(), serverNow, variant.timestampUnit);
	const nonce = (header(req, 'nonce-str') || '').trim();
	const credential = candidates.find((c) =>
		safeEqualHex(expectedSign(c.accessKey, timestamp.trim(), nonce, c.accessSecret), sign.trim()),
	);
	if (!credential) throw E.badSignature();
	if (nonce !== '' && !nonces.use(`${credential.accessKey}\u0000${nonce}`, serverNow)) throw E.nonceUsed();
	const userId = (header(req, 'user-id') || '').trim() || credential.userId;
	return { credential, userId };
}

module.exports = {
	WINDOW_MS,
	SYSTEM_HEADERS,
	computeSignature,
	SIGNATURES,
	timestampToMs,
	NonceStore,
	verifyHeaders,
	verifyQuerySign,
};
