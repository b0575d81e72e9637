'use strict';

const fs = require('fs');
const path = require('path');
const { E } = require('./errors');
const { isLosslessNumber, parseLossless } = require('./json');

/** The API catalog, committed next to this file: the sandbox's only source of operations. */
function loadCatalog() {
	return JSON.parse(fs.readFileSync(path.join(__dirname, 'catalog.json'), 'utf8'));
}

/** Params the transport handles (auth), not validated as business parameters. */
function isTransportParam(p) {
	return p.in === 'header' || (p.in === 'query' && (p.name === 'timestamp' || p.name === 'sign') && p.required);
}

function compilePath(p) {
	const names = [];
	const re = p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (m, a, b) => {
		names.push(a || b);
		return '([^/]+)';
	});
	return { regex: new RegExp(`^${re}$`), names };
}

/**
 * Routes as data: one per catalog operation, plus sandbox-side adjustments (`extraParams` for
 * operations whose parameters the catalog does not know, `relax` to drop contradictory requirements).
 */
function buildRoutes(catalog, adjustments = {}) {
	return catalog.operations.map((op) => {
		const adj = adjustments[op.id] || {};
		let params = op.params.filter((p) => !isTransportParam(p));
		if (adj.relax) {
			params = params.map((p) => (adj.relax.includes(p.name) ? { ...p, required: false } : p));
		}
		if (adj.extraParams) {
			const known = new Set(params.map((p) => p.name));
			params = params.concat(adj.extraParams.filter((p) => !known.has(p.name)));
		}
		const { regex, names } = compilePath(op.path);
		return {
			id: op.id,
			method: op.method,
			path: op.path,
			key: `${op.method} ${op.path}`,
			auth: op.auth,
			status: op.status,
			params,
			pagination: op.pagination,
			regex,
			pathParamNames: names,
			op,
		};
	});
}

function matchRoute(routes, method, pathname) {
	let pathMatched = false;
	for (const r of routes) {
		const m = r.regex.exec(pathname);
		if (!m) continue;
		pathMatched = true;
		if (r.method !== method) continue;
		const pathParams = {};
		r.pathParamNames.forEach((n, i) => {
			pathParams[n] = decodeURIComponent(m[i + 1]);
		});
		return { route: r, pathParams };
	}
	return { route: null, pathMatched };
}

// ---------------------------------------------------------------- validation

function isBlank(v) {
	return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function isIntegerValue(v) {
	if (typeof v === 'number') return Number.isInteger(v);
	if (typeof v === 'bigint') return true;
	if (isLosslessNumber(v)) return /^-?\d+$/.test(v.value);
	if (typeof v === 'string') return /^-?\d+$/.test(v.trim());
	return false;
}

function isNumberValue(v) {
	if (typeof v === 'number') return Number.isFinite(v);
	if (typeof v === 'bigint' || isLosslessNumber(v)) return true;
	if (typeof v === 'string') return v.trim() !== '' && Number.isFinite(Number(v));
	return false;
}

function isPlainObject(v) {
	return v !== null && typeof v === 'object' && !Array.isArray(v) && !isLosslessNumber(v);
}

function baseType(type) {
	return String(type || 'string')
		.replace(/\s*\([^)]*\)\s*$/, '')
		.trim();
}

function checkEnum(p, name, v) {
	if (!p.enum || isBlank(v)) return;
	const allowed = p.enum.map((e) => String(e.value));
	const parts = typeof v === 'string' && v.includes(',') ? v.split(',').map((s) => s.trim()) : [String(v)];
	for (const part of parts) {
		if (!allowed.includes(part)) throw E.invalidParam(name, `must be one of ${allowed.join(', ')}`);
	}
}

function checkFields(fields, obj, prefix) {
	for (const f of fields) validateValue(f, obj[f.name], `${prefix}.${f.name}`);
}

/** Validate one value against a catalog param definition (type, enum, nested fields). */
function validateValue(p, v, name) {
	if (isBlank(v)) {
		if (p.required === true) throw E.invalidParam(name, 'is required');
		return;
	}
	const type = String(p.type || 'string');
	const jsonEncoded = /^string \(JSON-encoded (.+)\)$/.exec(type);
	if (jsonEncoded) {
		if (typeof v !== 'string') throw E.invalidParam(name, `must be a string holding JSON-encoded ${jsonEncoded[1]}`);
		let parsed;
		try {
			parsed = parseLossless(v);
		} catch {
			throw E.invalidParam(name, `must be a string holding JSON-encoded ${jsonEncoded[1]}`);
		}
		const wantArray = jsonEncoded[1].startsWith('array');
		if (wantArray ? !Array.isArray(parsed) : !isPlainObject(parsed)) {
			throw E.invalidParam(name, `must be a string holding JSON-encoded ${jsonEncoded[1]}`);
		}
		if (p.fields) {
			if (wantArray) parsed.forEach((el, i) => checkFieldsOrFail(p.fields, el, `${name}[${i}]`));
			else checkFields(p.fields, parsed, name);
		}
		return;
	}
	const arr = /^array<(.+)>/.exec(type);
	if (arr) {
		if (!Array.isArray(v)) throw E.invalidParam(name, 'must be an array');
		const inner = { type: arr[1], fields: p.fields, required: false };
		v.forEach((el, i) => {
			if (isBlank(el) && arr[1] !== 'string') throw E.invalidParam(`${name}[${i}]`, 'must not be empty');
			validateValue(inner, el, `${name}[${i}]`);
		});
		return;
	}
	switch (baseType(type)) {
		case 'integer':
			if (!isIntegerValue(v)) throw E.invalidParam(name, 'must be an integer');
			break;
		case 'number':
			if (!isNumberValue(v)) throw E.invalidParam(name, 'must be a number');
			break;
		case 'boolean':
			if (typeof v !== 'boolean' && v !== 'true' && v !== 'false') throw E.invalidParam(name, 'must be a boolean');
			break;
		case 'object':
			if (!isPlainObject(v)) throw E.invalidParam(name, 'must be an object');
			if (p.fields) checkFields(p.fields, v, name);
			break;
		case 'string':
			// Like the Java backend, numbers are accepted for string fields; objects/arrays/booleans are not.
			if (typeof v === 'object' && !isLosslessNumber(v)) throw E.invalidParam(name, 'must be a string');
			if (typeof v === 'boolean') throw E.invalidParam(name, 'must be a string');
			break;
		default:
			break;
	}
	checkEnum(p, name, v);
}

function checkFieldsOrFail(fields, el, name) {
	if (!isPlainObject(el)) throw E.invalidParam(name, 'must be an object');
	checkFields(fields, el, name);
}

/** Validate all params of a route; `input` = { query: URLSearchParams, body: object, path: object }. */
function validateParams(route, input) {
	for (const p of route.params) {
		let v;
		if (p.in === 'query') {
			const raw = input.query.get(p.name);
			v = raw === null ? undefined : raw;
		} else if (p.in === 'path') {
			v = input.path[p.name];
		} else {
			v = isPlainObject(input.body) ? input.body[p.name] : undefined;
		}
		validateValue(p, v, p.name);
	}
}

module.exports = { loadCatalog, buildRoutes, matchRoute, validateParams, validateValue, isPlainObject, isIntegerValue };
