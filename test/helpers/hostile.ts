/**
 * Hostile servers on loopback (port 0): each answers as its handler says and records every
 * request it receives (method, URL, headers, body, time), so a test can prove what reached it.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo, Socket } from 'net';

export interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
	at: number;
}

export interface HostileServer {
	url: string;
	/** host:port, as a redirect's Location host is shown. */
	host: string;
	received: Received[];
	close(): Promise<void>;
}

export type Handler = (req: Received, res: ServerResponse, index: number) => unknown;

export async function startHostile(handler: Handler = (_r, res) => void res.end('{}')): Promise<HostileServer> {
	const received: Received[] = [];
	const sockets = new Set<Socket>();
	const server = http.createServer((req: IncomingMessage, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
			received.push(entry);
			Promise.resolve(handler(entry, res, received.length - 1)).catch(() => res.destroy());
		});
	});
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		received,
		close: async () => {
			for (const s of sockets) s.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Writes a JSON answer. */
export function sendJson(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
	res.end(text);
}
