/**
 * Shared pieces of the reliability suite: fixtures, a seeded RNG, a raw request recorder and
 * the figures file that RELIABILITY.md quotes.
 */
import fs from 'fs';
import type { IncomingMessage, Server } from 'http';
import os from 'os';
import path from 'path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { TestSandbox } from '../helpers/sandbox';

// Fixtures (sandbox/README.md, "Fixtures")
export const A_WAIT_SEND = '2542285634920880794';
export const A_WAIT_SEND_ENTRIES = ['2542285634921880794', '2542285634922880794'];
export const A_SHIPPED = '1024285237573584051';
export const A_SHIPPED_ENTRY = '1024285237574584051';
export const A_PAYABLE = '2542285634940880794';
export const OFFER = '743470146022';
export const SPEC = 'e61a85a671bb3d0301d0412b51641c6b';
export const SELLER = 'BBBgGWh2O6JFI6v1aQuZVgRIA';
export const T_WAIT_PAY = '3021045938172635401';
export const T_PAID = '3021045938172635402';
export const T_PAID_SUB = '3021045938172635412';
export const T_BIG_ITEM = '600126245031041190';
export const T_BIG_SKU = '5016042822039';
export const T_ITEM = '672991141190';
export const T_SOURCE_ITEM = '42971808988';
export const RENDER_ID = 'FF2024080200007';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export const TAOBAO_RECEIVER = {
	address: {
		name: '张三',
		mobile_phone: '15068763421',
		phone: '',
		country: '中国',
		state: '浙江省',
		city: '杭州市',
		district: '余杭区',
		address: '文一西路969号',
		zip: '311121',
	},
};

export const TAOBAO_CART_ADDRESS = {
	address: { name: '仓库收货人', mobile_phone: '13800000000', state: '浙江省', city: '杭州市', district: '余杭区', address: '仓库路1号', zip: '311100', country: '中国' },
};

export { ALIBABA_ADDRESS, LOGISTICS_RECEIVER } from '../helpers/fixtures';

/** mulberry32: small, seeded, repeatable. */
export function rng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (n: number) => Math.floor(next() * n),
		pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)],
		shuffle: <T>(list: T[]) => {
			for (let i = list.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				[list[i], list[j]] = [list[j], list[i]];
			}
			return list;
		},
	};
}

/** A random 19-digit id (first digit 1-9), as text. */
export function id19(r: ReturnType<typeof rng>): string {
	let s = String(1 + r.int(9));
	for (let i = 0; i < 18; i++) s += String(r.int(10));
	return s;
}

export interface RawRequest {
	route: string;
	url: string;
	body: string;
	headers: IncomingMessage['headers'];
}

/** Records every request's raw body and URL as the sandbox sees it (a second 'request' listener). */
export function recordRequests(sb: TestSandbox) {
	const log: RawRequest[] = [];
	(sb as unknown as { server: Server }).server.on('request', (req: IncomingMessage) => {
		const chunks: Buffer[] = [];
		const url = req.url ?? '';
		const route = `${req.method} ${url.split('?')[0]}`;
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => log.push({ route, url, body: Buffer.concat(chunks).toString('utf8'), headers: req.headers }));
	});
	return log;
}

export const pairedIndex = (item: INodeExecutionData) => {
	const p = item.pairedItem;
	if (p === undefined || Array.isArray(p) || typeof p === 'number') throw new Error(`unexpected pairedItem ${JSON.stringify(p)}`);
	return p.item;
};

export const isErrorItem = (json: IDataObject) => typeof json.error === 'string';

/** Figures of the last run, merged per test file, for RELIABILITY.md. */
export const FIGURES_FILE = path.join(os.tmpdir(), 'pandapon-reliability-figures.json');

export function recordFigures(section: string, figures: IDataObject) {
	let all: IDataObject = {};
	try {
		all = JSON.parse(fs.readFileSync(FIGURES_FILE, 'utf8')) as IDataObject;
	} catch {
		all = {};
	}
	all[section] = { ...figures, recordedAt: new Date().toISOString() };
	fs.writeFileSync(FIGURES_FILE, JSON.stringify(all, null, 2));
}
