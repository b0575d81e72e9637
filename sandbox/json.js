'use strict';

const crypto = require('crypto');
const { parse, stringify, isSafeNumber, LosslessNumber, isLosslessNumber } = require('lossless-json');

const DEVELOP_ID = 1014533973088404335n;
const SUCCESS_MSG = '成功';

/**
 * Parse JSON text; integers beyond 2^53 (and other unsafe numbers) become LosslessNumber.
 * @param {string} text
 * @returns {any} whatever the text holds (callers check its shape)
 */
function parseLossless(text) {
	return parse(text, null, (s) => (isSafeNumber(s) ? Number(s) : new LosslessNumber(s)));
}

/** Serialise; BigInt and LosslessNumber values are written as bare JSON numbers. */
function toJson(value) {
	return stringify(value);
}

/** A 19-digit id (string) emitted as a bare JSON integer. */
function bigId(id) {
	if (id === null || id === undefined) return null;
	return BigInt(String(id));
}

/** Normalise an id received as JSON number, LosslessNumber, bigint or string to a string. */
function idString(v) {
	if (v === null || v === undefined) return undefined;
	if (isLosslessNumber(v)) return v.value;
	if (typeof v === 'bigint') return v.toString();
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
	return String(v).trim();
}

function numberValue(v) {
	if (v === null || v === undefined || v === '') return undefined;
	if (isLosslessNumber(v)) return Number(v.value);
	if (typeof v === 'bigint') return Number(v);
	return Number(v);
}

function requestId() {
	return crypto.randomBytes(16).toString('hex');
}

function envelope(code, msg, data) {
	return { requestId: requestId(), code, developId: DEVELOP_ID, msg, data: data === undefined ? null : data };
}

module.exports = {
	DEVELOP_ID,
	SUCCESS_MSG,
	parseLossless,
	toJson,
	bigId,
	idString,
	numberValue,
	requestId,
	envelope,
	isLosslessNumber,
	LosslessNumber,
};
