'use strict';

/** Small seeded PRNG (mulberry32) plus helpers. Same seed, same sequence. */
function mulberry32(seed) {
	let a = seed >>> 0;
	return function next() {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function createRng(seed) {
	const next = mulberry32(Number(seed) || 0);
	const rng = {
		next,
		int(min, max) {
			return min + Math.floor(next() * (max - min + 1));
		},
		pick(list) {
			return list[Math.floor(next() * list.length)];
		},
		bool(p = 0.5) {
			return next() < p;
		},
		digits(n) {
			let s = String(1 + Math.floor(next() * 9));
			while (s.length < n) s += String(Math.floor(next() * 10));
			return s;
		},
		hex(n) {
			let s = '';
			while (s.length < n) s += Math.floor(next() * 16).toString(16);
			return s;
		},
		alnum(n) {
			const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
			let s = '';
			while (s.length < n) s += chars[Math.floor(next() * chars.length)];
			return s;
		},
	};
	return rng;
}

/** Stable 32-bit hash of a string (FNV-1a), used to derive deterministic results from inputs. */
function hashString(str) {
	let h = 0x811c9dc5;
	for (let i = 0; i < str.length; i++) {
		h ^= str.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

module.exports = { createRng, mulberry32, hashString };
