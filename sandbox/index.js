'use strict';

/**
 * Local PandaPon OpenAPI emulator: all catalog operations, request signing, lossless 19-digit ids,
 * seeded state with status machines, push messages and fault injection.
 *
 *   const { startSandbox } = require('./sandbox');
 *   const sb = await startSandbox({ orders: 100 });
 *   // ... sb.url, sb.credentials, sb.state, sb.counters(), sb.setFaults(), sb.push(), sb.close()
 */

const http = require('http');
const { loadCatalog, buildRoutes, matchRoute, validateParams, isPlainObject } = require('./catalog');
const adjustments = require('./adjustments');
const { verifyHeaders, verifyQuerySign, NonceStore, computeSignature, SIGNATURES } = require('./auth');
const { ApiError, E } = require('./errors');
const { envelope, toJson, parseLossless, SUCCESS_MSG } = require('./json');
const { createState, FIXTURES } = require('./state');
const { createRng } = require('./rng');
const { PushDispatcher, hmacHex } = require('./push');
const { simulate, ACTIONS } = require('./simulate');

const handlers = {
	...require('./handlers/taobao'),
	...require('./handlers/alibaba'),
	...require('./handlers/misc'),
};
delete handlers.helpers;

const DEFAULT_CREDENTIALS = [
	{ accessKey: 'sandbox-access-key', accessSecret: 'sandbox-access-secret', userId: '2100007341207' },
];
const ROUTE_KEY_RE = /^(GET|POST|PUT|DELETE|PATCH) \//;
const FAULT_KINDS = ['http500', 'html', 'malformedJson', 'reset', 'timeout', 'rateLimit'];

function normaliseOptions(o = {}) {
	return {
		port: o.port ?? 0,
		host: o.host ?? '127.0.0.1',
		seed: o.seed ?? 1,
		orders: o.orders ?? 60,
		latencyMs: o.latencyMs ?? 0,
		qps: o.qps ?? 0,
		clockSkewMs: o.clockSkewMs ?? 0,
		credentials: o.credentials && o.credentials.length ? o.credentials.map((c) => ({ ...c, userId: String(c.userId ?? '') })) : DEFAULT_CREDENTIALS.map((c) => ({ ...c })),
		callbackUrls: o.callbackUrls ? [...o.callbackUrls] : [],
		pushRetryDelaysMs: o.pushRetryDelaysMs ? [...o.pushRetryDelaysMs] : [1800000, 1800000, 1800000, 1800000, 1800000],
		pushBodyAsString: !!o.pushBodyAsString,
		pushTimeoutMs: o.pushTimeoutMs ?? 1000,
		faults: o.faults || {},
		onError: o.onError,
		// Variants for testing the API probe (npm run probe): see README "Variants".
		notFoundPaths: o.notFoundPaths ? [...o.notFoundPaths] : [],
		timestampUnit: o.timestampUnit,
		signature: o.signature,
		requestLog: o.requestLog ?? 1000,
	};
}

function checkVariant(o) {
	if (o.signature !== undefined && !SIGNATURES[o.signature]) {
		throw new Error(`Unknown signature construction ${o.signature}; use ${Object.keys(SIGNATURES).join(', ')}`);
	}
	if (o.timestampUnit !== undefined && !['seconds', 'milliseconds'].includes(o.timestampUnit)) {
		throw new Error(`Unknown timestampUnit ${o.timestampUnit}; use seconds or milliseconds`);
	}
}

function splitFaults(f) {
	const global = {};
	const routes = {};
	for (const [k, v] of Object.entries(f || {})) {
		if (k === 'routes' && isPlainObject(v)) Object.assign(routes, v);
		else if (ROUTE_KEY_RE.test(k)) routes[k] = v || {};
		else global[k] = v;
	}
	for (const spec of [global, ...Object.values(routes)]) {
		for (const kind of spec.errorKinds || []) {
			if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind ${kind}; use ${FAULT_KINDS.join(', ')}`);
		}
	}
	return { global, routes };
}

class Sandbox {
	constructor(options) {
		this.options = normaliseOptions(options);
		checkVariant(this.options);
		this.credentials = this.options.credentials[0];
		this.catalog = loadCatalog();
		this.routes = buildRoutes(this.catalog, adjustments);
		this.state = createState({ seed: this.options.seed, orders: this.options.orders, credentials: this.options.credentials });
		this.nonces = new NonceStore();
		this.faultRng = createRng((Number(this.options.seed) || 0) ^ 0x5f3759df);
		this.faults = splitFaults(this.options.faults);
		this.qpsWindows = new Map();
		this.pushDispatcher = new PushDispatcher(this);
		this.sockets = new Set();
		this.timers = new Set();
		this.errors = [];
		this.closed = false;
		this.requestRecords = [];
		this.requestSeq = 0;
		this.faultListeners = new Set();
		this.resetCounters();
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => {
				this.recordError(err);
				if (!res.headersSent && !res.destroyed) this.sendEnvelope(res, envelope(50000, 'Internal error', null));
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				const addr = /** @type {import('net').AddressInfo} */ (this.server.address());
				this.port = addr.port;
				const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
				this.url = `http://${host}:${addr.port}`;
				resolve(this);
			});
		});
	}

	// ------------------------------------------------------------ public API

	counters() {
		return { total: this.counterTotal, byRoute: { ...this.counterByRoute } };
	}

	resetCounters() {
		this.counterTotal = 0;
		this.counterByRoute = {};
		this.pathHits = {};
	}

	/** Every API request by `METHOD /path`, routed or not (404 variants and unknown paths included). */
	pathCounts() {
		return { ...this.pathHits };
	}

	/** The API requests received, oldest first (the last `requestLog` of them; admin calls not included). */
	requests() {
		const limit = Number(this.options.requestLog) || 0;
		return limit > 0 ? this.requestRecords.slice(-limit) : [];
	}

	clearRequests() {
		this.requestRecords = [];
	}

	/** Calls `listener(record)` whenever a fault is injected (record.fault names it); returns the unsubscribe. */
	onFault(listener) {
		this.faultListeners.add(listener);
		return () => this.faultListeners.delete(listener);
	}

	setFaults(f) {
		this.faults = splitFaults(f || {});
		this.options.faults = f || {};
	}

	setOptions(o = {}) {
		for (const k of ['latencyMs', 'qps', 'clockSkewMs', 'pushTimeoutMs', 'requestLog']) if (o[k] !== undefined) this.options[k] = Number(o[k]);
		if (o.pushBodyAsString !== undefined) this.options.pushBodyAsString = !!o.pushBodyAsString;
		if (o.callbackUrls !== undefined) this.options.callbackUrls = [...o.callbackUrls];
		if (o.pushRetryDelaysMs !== undefined) this.options.pushRetryDelaysMs = [...o.pushRetryDelaysMs];
		if (o.faults !== undefined) this.setFaults(o.faults);
		if (o.notFoundPaths !== undefined) this.options.notFoundPaths = [...o.notFoundPaths];
		for (const k of ['timestampUnit', 'signature']) if (o[k] !== undefined) this.options[k] = o[k] || undefined;
		checkVariant(this.options);
	}

	/** Send a push now: { messageType, messageBody, messagePlatform?, timestamp?, urls?, pushBodyAsString? }. */
	push(message) {
		return this.pushDispatcher.push(message);
	}

	pushes() {
		return this.pushDispatcher.entries();
	}

	/** Seller/platform-side events (ship, priceChange, refundAgree, ...): see simulate.js. */
	simulate(action, params) {
		return simulate(this.context(), action, params);
	}

	/** Regenerate the seeded state (same options unless overridden). */
	reset(o = {}) {
		if (o.seed !== undefined) this.options.seed = o.seed;
		if (o.orders !== undefined) this.options.orders = o.orders;
		this.state = createState({ seed: this.options.seed, orders: this.options.orders, credentials: this.options.credentials });
		this.nonces = new NonceStore();
		this.faultRng = createRng((Number(this.options.seed) || 0) ^ 0x5f3759df);
	}

	/** Sign helper for demos: the five system headers for the first credential. */
	signHeaders(timestamp = String(Date.now()), nonce = require('crypto').randomBytes(16).toString('hex')) {
		const c = this.credentials;
		return {
			'access-key': c.accessKey,
			timestamp,
			'nonce-str': nonce,
			'user-id': c.userId,
			signature: computeSignature(c.accessKey, timestamp, nonce, c.accessSecret),
			'Content-Type': 'application/json',
		};
	}

	summary() {
		const s = this.state;
		const pickIds = (list, key, pred, n = 5) => list.filter(pred).slice(0, n).map((x) => x[key]);
		return {
			url: this.url,
			seed: this.options.seed,
			ordersPerPlatform: this.options.orders,
			credentials: this.options.credentials.map((c) => ({ accessKey: c.accessKey, accessSecret: c.accessSecret, userId: c.userId })),
			fixtures: s.fixtures,
			taobao: {
				products: s.taobao.productList.slice(0, 5).map((p) => p.itemId),
				orders: {
					awaitingPayment: pickIds(s.taobao.orderList, 'orderId', (o) => o.status === 0),
					voucherUploaded: pickIds(s.taobao.orderList, 'orderId', (o) => o.status === 1),
					awaitingShipment: pickIds(s.taobao.orderList, 'orderId', (o) => o.status === 10),
					shipped: pickIds(s.taobao.orderList, 'orderId', (o) => o.status === 11),
					cancelled: pickIds(s.taobao.orderList, 'orderId', (o) => o.status === 4),
				},
				refunds: s.taobao.refundList.slice(0, 5).map((r) => r.refundId),
				cartIds: Object.fromEntries([...s.taobao.carts].map(([u, l]) => [u, l.map((x) => x.id)])),
			},
			alibaba: {
				offers: s.alibaba.productList.slice(0, 5).map((p) => p.offerId),
				orders: Object.fromEntries(
					['waitbuyerpay', 'waitsellersend', 'waitbuyerreceive', 'confirm_goods', 'success', 'cancel'].map((st) => [
						st,
						pickIds(s.alibaba.orderList, 'id', (o) => o.status === st),
					]),
				),
				refunds: s.alibaba.refundList.slice(0, 5).map((r) => r.refundId),
				cartIds: Object.fromEntries([...s.alibaba.carts].map(([u, l]) => [u, l.map((x) => x.id)])),
			},
			logistics: { renderIds: [...s.logistics.renders.keys()].slice(0, 5) },
			simulateActions: Object.keys(ACTIONS),
			recentErrors: this.errors.slice(-5),
		};
	}

	async close() {
		if (this.closed) return;
		this.closed = true;
		this.pushDispatcher.close();
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closing = new Promise((resolve) => this.server.close(() => resolve()));
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		if (typeof this.server.closeAllConnections === 'function') this.server.closeAllConnections();
		await closing;
	}

	// ------------------------------------------------------------ internals

	context(extra = {}) {
		return {
			state: this.state,
			emit: (type, platform, body) => this.pushDispatcher.emit(type, platform, body),
			query: new URLSearchParams(),
			body: {},
			path: {},
			userId: this.credentials.userId,
			...extra,
		};
	}

	recordError(err) {
		this.errors.push({ at: new Date().toISOString(), message: String(err && err.stack ? err.stack : err) });
		if (this.errors.length > 50) this.errors.shift();
		if (typeof this.options.onError === 'function') this.options.onError(err);
	}

	delay(ms) {
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			t.unref();
			this.timers.add(t);
		});
	}

	effectiveFaults(routeKey) {
		return { ...this.faults.global, ...(this.faults.routes[routeKey] || {}) };
	}

	/** Fixed one-second windows; only admitted requests consume the budget. */
	admit(key, limit, now) {
		if (!limit || limit <= 0) return true;
		const second = Math.floor(now / 1000);
		let w = this.qpsWindows.get(key);
		if (!w || w.second !== second) {
			w = { second, count: 0 };
			this.qpsWindows.set(key, w);
		}
		if (w.count >= limit) return false;
		w.count++;
		return true;
	}

	sendEnvelope(res, body, status = 200) {
		if (res.destroyed || res.headersSent) return;
		const text = toJson(body);
		res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}

	sendError(res, err) {
		this.sendEnvelope(res, envelope(err.code, err.msg, null));
	}

	/** The `notFoundPaths` variant: HTTP 404 with a gateway-style body, as a server without the path would answer. */
	sendNotFound(res, pathname) {
		const text = JSON.stringify({ timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path: pathname });
		res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}

	sendAdmin(res, status, body) {
		const text = toJson(body);
		res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
		res.end(text);
	}

	injectFault(kind, req, res) {
		switch (kind) {
			case 'http500':
				return this.sendEnvelope(res, envelope(50000, 'Internal error', null), 500);
			case 'html': {
				const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
				res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
				return res.end(html);
			}
			case 'malformedJson': {
				const text = `{"requestId":"${envelope(200, '').requestId}","code":200,"developId":1014533973088404335,"msg":"成功","data":{"orderId":25422856349208`;
				res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text) });
				return res.end(text);
			}
			case 'reset':
				return req.socket.destroy();
			case 'timeout':
				// hold the socket; the client gives up, close() destroys it
				return undefined;
			case 'rateLimit':
			default:
				return this.sendError(res, E.rateLimited());
		}
	}

	/** Appends one request to the log, dropping the oldest beyond the `requestLog` limit. */
	logRequest(req, method, url, raw, at) {
		const record = { seq: ++this.requestSeq, at, method, path: url.pathname, key: `${method} ${url.pathname}`, route: null, url: req.url, headers: { ...req.headers }, body: raw, fault: null };
		const limit = Number(this.options.requestLog) || 0;
		if (limit > 0) {
			this.requestRecords.push(record);
			// Trimmed in steps, not on every request; requests() returns the last `limit`.
			if (this.requestRecords.length >= limit + Math.max(1, Math.ceil(limit / 10))) this.requestRecords.splice(0, this.requestRecords.length - limit);
		}
		return record;
	}

	async handle(req, res) {
		const at = Date.now();
		const url = new URL(req.url, 'http://sandbox.local');
		const raw = await readBody(req);
		if (this.closed) return req.socket.destroy();
		if (url.pathname.startsWith('/__admin/') || url.pathname === '/__admin') return this.handleAdmin(req, res, url, raw);

		const method = (req.method || 'GET').toUpperCase();
		const record = this.logRequest(req, method, url, raw, at);
		this.pathHits[record.key] = (this.pathHits[record.key] || 0) + 1;
		if (this.options.notFoundPaths.includes(url.pathname)) return this.sendNotFound(res, url.pathname);
		const { route, pathParams } = matchRoute(this.routes, method, url.pathname);
		if (!route) return this.sendError(res, E.unknownPath(method, url.pathname));
		record.route = route.key;

		this.counterTotal++;
		this.counterByRoute[route.key] = (this.counterByRoute[route.key] || 0) + 1;

		const fault = this.effectiveFaults(route.key);
		const latency = (Number(this.options.latencyMs) || 0) + (Number(fault.latencyMs) || 0);
		if (latency > 0) await this.delay(latency);
		if (this.closed || res.destroyed) return undefined;

		const now = Date.now();
		if (!this.admit('*', this.options.qps, now)) return this.sendError(res, E.rateLimited());
		const globalFaultQps = this.faults.global.qps;
		if (globalFaultQps && !this.admit('*fault', globalFaultQps, now)) return this.sendError(res, E.rateLimited());
		const routeFault = this.faults.routes[route.key] || {};
		if (routeFault.qps && !this.admit(route.key, routeFault.qps, now)) return this.sendError(res, E.rateLimited());

		const rate = Number(fault.errorRate) || 0;
		const kinds = fault.errorKinds && fault.errorKinds.length ? fault.errorKinds : rate > 0 ? ['http500'] : [];
		if (rate > 0 && this.faultRng.next() < rate) {
			const kind = kinds[Math.floor(this.faultRng.next() * kinds.length)];
			record.fault = kind;
			for (const listener of this.faultListeners) listener(record);
			return this.injectFault(kind, req, res);
		}

		const serverNow = now + (Number(this.options.clockSkewMs) || 0) + (Number(fault.clockSkewMs) || 0);
		try {
			const auth =
				route.auth === 'query-timestamp-sign'
					? verifyQuerySign(req, url.searchParams, this.options.credentials, this.nonces, serverNow, this.options)
					: verifyHeaders(req, this.options.credentials, this.nonces, serverNow, this.options);

			let body = {};
			if (method !== 'GET' && raw.length > 0 && raw.trim() !== '') {
				try {
					body = parseLossless(raw);
				} catch {
					throw E.invalidParam('body', 'must be valid JSON');
				}
				if (!isPlainObject(body)) throw E.invalidParam('body', 'must be a JSON object');
			}
			validateParams(route, { query: url.searchParams, body, path: pathParams });
			const handler = handlers[route.id];
			if (!handler) throw E.internal();
			const ctx = this.context({ query: url.searchParams, body, path: pathParams, userId: auth.userId, credential: auth.credential, route });
			const data = handler(ctx);
			if (data && typeof data === 'object' && data.__bare) return this.sendEnvelope(res, data.__bare);
			return this.sendEnvelope(res, envelope(200, SUCCESS_MSG, data));
		} catch (err) {
			if (err instanceof ApiError) return this.sendError(res, err);
			this.recordError(err);
			return this.sendError(res, E.internal());
		}
	}

	handleAdmin(req, res, url, raw) {
		const method = (req.method || 'GET').toUpperCase();
		const p = url.pathname.replace(/\/+$/, '');
		let body = {};
		if (raw && raw.trim()) {
			try {
				body = parseLossless(raw);
			} catch {
				return this.sendAdmin(res, 400, { ok: false, error: 'body must be JSON' });
			}
		}
		try {
			const route = `${method} ${p}`;
			switch (route) {
				case 'GET /__admin/counters':
					return this.sendAdmin(res, 200, this.counters());
				case 'POST /__admin/counters/reset':
					this.resetCounters();
					return this.sendAdmin(res, 200, { ok: true });
				case 'GET /__admin/faults':
					return this.sendAdmin(res, 200, this.options.faults);
				case 'POST /__admin/faults':
					this.setFaults(body);
					return this.sendAdmin(res, 200, { ok: true, faults: this.options.faults });
				case 'POST /__admin/options':
					this.setOptions(body);
					return this.sendAdmin(res, 200, {
						ok: true,
						options: { latencyMs: this.options.latencyMs, qps: this.options.qps, clockSkewMs: this.options.clockSkewMs, callbackUrls: this.options.callbackUrls, pushBodyAsString: this.options.pushBodyAsString },
					});
				case 'POST /__admin/push':
					return this.push(body).then((entries) => this.sendAdmin(res, 200, { ok: true, pushes: entries }));
				case 'GET /__admin/pushes':
					return this.sendAdmin(res, 200, this.pushes());
				case 'GET /__admin/state':
					return this.sendAdmin(res, 200, this.summary());
				case 'POST /__admin/simulate': {
					const { action, ...params } = body;
					return this.sendAdmin(res, 200, { ok: true, result: this.simulate(action, params) });
				}
				case 'POST /__admin/reset':
					this.reset(body);
					return this.sendAdmin(res, 200, { ok: true });
				default:
					return this.sendAdmin(res, 404, { ok: false, error: `unknown admin route ${route}` });
			}
		} catch (err) {
			if (err instanceof ApiError) return this.sendAdmin(res, 400, { ok: false, code: err.code, error: err.msg });
			return this.sendAdmin(res, 400, { ok: false, error: String(err.message || err) });
		}
	}
}

function readBody(req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', () => resolve(''));
		req.on('aborted', () => resolve(''));
	});
}

/** Start a sandbox; resolves once it listens. */
/**
 * @param {import('./index').SandboxOptions} [options]
 * @returns {Promise<import('./index').Sandbox>}
 */
async function startSandbox(options = {}) {
	const sb = new Sandbox(options);
	await sb.listen();
	return sb;
}

module.exports = { startSandbox, Sandbox, FIXTURES, DEFAULT_CREDENTIALS, computeSignature, hmacHex, FAULT_KINDS };
