/**
 * Shared pieces of the reliability suite: a seeded RNG, output checks and the figures file that
 * RELIABILITY.md quotes. Fixture ids live in test/helpers/fixtures.ts.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

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
