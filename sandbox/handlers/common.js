'use strict';

const { E } = require('../errors');
const { idString, numberValue, isLosslessNumber } = require('../json');
const { isIntegerValue } = require('../catalog');

/** Reads request input: body field first (POST), then query (GET), then path params. */
function input(ctx, name) {
	if (ctx.path && ctx.path[name] !== undefined) return ctx.path[name];
	if (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) && ctx.body[name] !== undefined) return ctx.body[name];
	const q = ctx.query.get(name);
	return q === null ? undefined : q;
}

function blank(v) {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** First present of several alternative names. */
function firstOf(ctx, names) {
	for (const n of names) {
		const v = input(ctx, n);
		if (!blank(v)) return { name: n, value: v };
	}
	return { name: names[0], value: undefined };
}

function requireId(ctx, names) {
	const list = Array.isArray(names) ? names : [names];
	const { name, value } = firstOf(ctx, list);
	if (blank(value)) throw E.invalidParam(list[0], 'is required');
	if (!isIntegerValue(value)) throw E.invalidParam(name, 'must be an integer id');
	return idString(value).replace(/^\+/, '');
}

function optionalId(ctx, names) {
	const list = Array.isArray(names) ? names : [names];
	const { name, value } = firstOf(ctx, list);
	if (blank(value)) return undefined;
	if (!isIntegerValue(value)) throw E.invalidParam(name, 'must be an integer id');
	return idString(value);
}

function requireString(ctx, names) {
	const list = Array.isArray(names) ? names : [names];
	const { value } = firstOf(ctx, list);
	if (blank(value)) throw E.invalidParam(list[0], 'is required');
	return idString(value);
}

function optionalString(ctx, name) {
	const v = input(ctx, name);
	return blank(v) ? undefined : idString(v);
}

/**
 * @param {any} ctx
 * @param {string} name
 * @param {{ min?: number, max?: number }} [bounds]
 */
function optionalInt(ctx, name, { min, max } = {}) {
	const v = input(ctx, name);
	if (blank(v)) return undefined;
	if (!isIntegerValue(v)) throw E.invalidParam(name, 'must be an integer');
	const n = numberValue(v);
	if (min !== undefined && n < min) throw E.invalidParam(name, `must be >= ${min}`);
	if (max !== undefined && n > max) throw E.invalidParam(name, `must be <= ${max}`);
	return n;
}

function requireInt(ctx, name, opts) {
	const n = optionalInt(ctx, name, opts);
	if (n === undefined) throw E.invalidParam(name, 'is required');
	return n;
}

function idList(ctx, name, { required = false } = {}) {
	const v = input(ctx, name);
	if (blank(v)) {
		if (required) throw E.invalidParam(name, 'is required');
		return undefined;
	}
	let list = v;
	if (typeof v === 'string') list = v.split(',').map((s) => s.trim()).filter(Boolean);
	if (!Array.isArray(list)) throw E.invalidParam(name, 'must be an array');
	if (required && list.length === 0) throw E.invalidParam(name, 'must not be empty');
	return list.map((x, i) => {
		if (!isIntegerValue(x)) throw E.invalidParam(`${name}[${i}]`, 'must be an integer id');
		return idString(x);
	});
}

/**
 * Page a list. style 'pageNo' or 'beginPage'; returns the totals shape
 * {totalRecords, totalPage, pageSize, currentPage, data}.
 */
function paginate(ctx, list, { style = 'pageNo', defaultSize = 20, maxSize = 100, map = (x) => x } = {}) {
	const pageField = style === 'beginPage' ? 'beginPage' : 'pageNo';
	let page = optionalInt(ctx, pageField, { min: 1 });
	if (page === undefined) page = optionalInt(ctx, style === 'beginPage' ? 'pageNo' : 'beginPage', { min: 1 });
	if (page === undefined) page = 1;
	const size = optionalInt(ctx, 'pageSize', {}) ?? defaultSize;
	if (size < 1 || size > maxSize) throw E.invalidParam('pageSize', `must be between 1 and ${maxSize}`);
	const totalRecords = list.length;
	const totalPage = Math.ceil(totalRecords / size);
	const start = (page - 1) * size;
	return {
		totalRecords,
		totalPage,
		pageSize: size,
		currentPage: page,
		data: list.slice(start, start + size).map(map),
	};
}

function asNumber(v) {
	return numberValue(v);
}

function isLossless(v) {
	return isLosslessNumber(v);
}

module.exports = {
	input,
	blank,
	firstOf,
	requireId,
	optionalId,
	requireString,
	optionalString,
	optionalInt,
	requireInt,
	idList,
	paginate,
	asNumber,
	isLossless,
};
