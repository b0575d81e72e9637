/*
 * Yuan and fen, exactly: users type yuan (19.90); Taobao and the 1688 refund endpoints count in
 * whole fen (1990). Digits are shifted, never multiplied, so no float rounding creeps in.
 */

const YUAN_PARTS = /^(\d{1,9})(?:\.(\d{1,2})0*)?$/;

/**
 * Yuan with at most two decimals (19.9, "19.90": typed, or as PandaPon writes amounts) as whole
 * fen; NaN for anything else. A parsed JSON number prints back as the digits it was written with.
 */
export function yuanToFen(yuan: unknown): number {
	const text = typeof yuan === 'number' ? String(yuan) : String(yuan ?? '').trim();
	const m = YUAN_PARTS.exec(text);
	if (!m) return NaN;
	return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Whole fen as yuan with two decimals, e.g. 1990 → "19.90". */
export function fenToYuan(fen: number): string {
	return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
