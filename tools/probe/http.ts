/**
 * The probe's only way out: one request at a time, at least `intervalMs` apart, never more than
 * `maxRequests`, redirects never followed (Node's http/https do not follow them), answers capped.
 */
import http from 'http';
import https from 'https';

export interface Wire {
	method: string;
	url: URL;
	headers: Record<string, string>;
	body?: string;
}

export interface Reply {
	status: number;
	text: string;
	/** Network failure (no HTTP answer). */
	error?: string;
}

export class RequestCapReached extends Error {
	constructor(cap: number) {
		super(`request cap of ${cap} reached`);
	}
}

const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export class Sender {
	sent = 0;
	private nextAt = 0;

	constructor(
		private readonly opts: { intervalMs: number; maxRequests: number; timeoutMs: number },
		private readonly clock: () => number = Date.now,
	) {}

	get cap(): number {
		return this.opts.maxRequests;
	}

	/** After a rate-limit answer: the next request waits at least `ms`. */
	holdOff(ms: number): void {
		this.nextAt = Math.max(this.nextAt, this.clock() + ms);
	}

	async send(wire: Wire): Promise<Reply> {
		if (this.sent >= this.opts.maxRequests) throw new RequestCapReached(this.opts.maxRequests);
		const wait = this.nextAt - this.clock();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		this.sent++;
		this.nextAt = this.clock() + this.opts.intervalMs;
		return once(wire, this.opts.timeoutMs);
	}
}

function once(wire: Wire, timeoutMs: number): Promise<Reply> {
	const client = wire.url.protocol === 'https:' ? https : http;
	const headers = { ...wire.headers };
	if (wire.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(wire.body));
	return new Promise((resolve) => {
		let settled = false;
		const done = (reply: Reply) => {
			if (!settled) {
				settled = true;
				resolve(reply);
			}
		};
		const req = client.request(wire.url, { method: wire.method, headers, timeout: timeoutMs }, (res) => {
			const chunks: Buffer[] = [];
			let size = 0;
			res.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > MAX_ANSWER_BYTES) {
					res.destroy();
					done({ status: res.statusCode ?? 0, text: '', error: `answer larger than ${MAX_ANSWER_BYTES} bytes` });
					return;
				}
				chunks.push(chunk);
			});
			res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', (error) => done({ status: res.statusCode ?? 0, text: '', error: error.message }));
		});
		req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		req.on('error', (error) => done({ status: 0, text: '', error: error.message }));
		if (wire.body !== undefined) req.write(wire.body);
		req.end();
	});
}
