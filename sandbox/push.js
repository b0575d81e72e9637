'use strict';

const crypto = require('crypto');
const http = require('http');
const https = require('https');
const { toJson, bigId } = require('./json');

function hmacHex(body, secret) {
	return crypto.createHmac('sha256', String(secret)).update(body, 'utf8').digest('hex');
}

/**
 * Delivers push messages to the callback URLs: POST JSON, header Authorization = hex
 * HMAC-SHA256(raw body, accessSecret). HTTP 200 acknowledges; anything else is retried after
 * pushRetryDelaysMs[i]. Timers are unref'd and cleared on close.
 */
class PushDispatcher {
	constructor(sandbox) {
		this.sandbox = sandbox;
		this.log = [];
		this.timers = new Set();
		this.requests = new Set();
		this.closed = false;
		this.seq = 0;
	}

	get options() {
		return this.sandbox.options;
	}

	/** Build and send one message to every callback URL; resolves after the first attempts. */
	push(message) {
		const opts = this.options;
		const platform =
			message.messagePlatform !== undefined
				? message.messagePlatform
				: String(message.messageType || '').startsWith('1688_')
					? 1
					: 0;
		let body = message.messageBody === undefined ? {} : message.messageBody;
		const asString = message.pushBodyAsString !== undefined ? message.pushBodyAsString : opts.pushBodyAsString;
		if (asString && typeof body !== 'string') body = toJson(body);
		const payload = {
			messageType: message.messageType,
			messageBody: body,
			messagePlatform: platform,
			timestamp: message.timestamp !== undefined ? String(message.timestamp) : String(Date.now()),
		};
		const raw = typeof message.raw === 'string' ? message.raw : toJson(payload);
		const secret = message.secret || this.sandbox.credentials.accessSecret;
		const signature = hmacHex(raw, secret);
		const urls = message.urls || opts.callbackUrls || [];
		const entries = urls.map((url) => {
			const entry = {
				id: ++this.seq,
				url,
				messageType: payload.messageType,
				messagePlatform: platform,
				body: raw,
				signature,
				attempts: [],
				acknowledged: false,
				done: false,
			};
			this.log.push(entry);
			return entry;
		});
		return Promise.all(entries.map((e) => this.attempt(e)));
	}

	attempt(entry) {
		return new Promise((resolve) => {
			if (this.closed) return resolve(entry);
			const started = Date.now();
			const finish = (status, error) => {
				entry.attempts.push({ at: started, status, error: error || null, ms: Date.now() - started });
				if (status === 200) {
					entry.acknowledged = true;
					entry.done = true;
				} else {
					this.scheduleRetry(entry);
				}
				resolve(entry);
			};
			let url;
			try {
				url = new URL(entry.url);
			} catch (e) {
				entry.attempts.push({ at: started, status: null, error: `invalid URL: ${e.message}` });
				entry.done = true;
				return resolve(entry);
			}
			const lib = url.protocol === 'https:' ? https : http;
			const req = lib.request(
				url,
				{
					method: 'POST',
					agent: false,
					headers: {
						'Content-Type': 'application/json',
						'Content-Length': Buffer.byteLength(entry.body),
						Authorization: entry.signature,
					},
					timeout: this.options.pushTimeoutMs || 1000,
				},
				(res) => {
					res.resume();
					res.on('end', () => {
						this.requests.delete(req);
						finish(res.statusCode);
					});
					res.on('error', () => {});
				},
			);
			this.requests.add(req);
			let failed = false;
			req.on('timeout', () => req.destroy(new Error('acknowledgement timeout')));
			req.on('error', (err) => {
				this.requests.delete(req);
				if (failed) return;
				failed = true;
				finish(null, err.message);
			});
			req.end(entry.body);
		});
	}

	scheduleRetry(entry) {
		const delays = this.options.pushRetryDelaysMs || [];
		const retryIndex = entry.attempts.length - 1;
		if (this.closed || retryIndex >= delays.length) {
			entry.done = true;
			return;
		}
		entry.nextRetryAt = Date.now() + delays[retryIndex];
		const t = setTimeout(() => {
			this.timers.delete(t);
			entry.nextRetryAt = null;
			this.attempt(entry);
		}, delays[retryIndex]);
		t.unref();
		this.timers.add(t);
	}

	/** State-change hook used by the handlers. */
	emit(messageType, messagePlatform, messageBody) {
		if (!this.options.callbackUrls || this.options.callbackUrls.length === 0) return;
		this.push({ messageType, messagePlatform, messageBody }).catch(() => {});
	}

	entries() {
		return this.log.map((e) => ({ ...e, attempts: e.attempts.map((a) => ({ ...a })) }));
	}

	close() {
		this.closed = true;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		for (const r of this.requests) r.destroy();
		this.requests.clear();
	}
}

module.exports = { PushDispatcher, hmacHex, bigId };
