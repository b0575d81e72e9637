import { sleep } from 'n8n-workflow';

/**
 * Spaces request starts so no more than `perSecond` begin in any second (0 = no limit), and
 * learns PandaPon's limit. A rate-limit answer pauses everything briefly; when, within a second,
 * as many requests were turned away as got through (and at least a few), the limit is real and requests are spaced a
 * little wider than the rate that got through. Stray rate-limit answers (another workflow on the
 * same key, a hiccup) are only retried; the pace recovers once a second passes without any.
 */
/** Refusals within a second before they count as a limit rather than chance. */
const MIN_REFUSALS = 5;

export class Pacer {
	private next = 0;

	private gapMs: number;

	private readonly baseGapMs: number;

	private readonly successes: number[] = [];

	private readonly refusals: number[] = [];

	private pausedAt = 0;

	constructor(perSecond: number) {
		this.baseGapMs = perSecond > 0 ? 1000 / perSecond : 0;
		this.gapMs = this.baseGapMs;
	}

	async wait(): Promise<void> {
		const now = Date.now();
		if (this.gapMs === 0 && this.next <= now) return;
		const slot = Math.max(now, this.next);
		this.next = slot + this.gapMs;
		if (slot > now) await sleep(slot - now);
	}

	succeeded(): void {
		const now = Date.now();
		lastSecond(this.successes, now).push(now);
		if (this.gapMs > this.baseGapMs && lastSecond(this.refusals, now).length === 0) {
			this.gapMs = this.gapMs * 0.9 < 1 ? this.baseGapMs : Math.max(this.baseGapMs, this.gapMs * 0.9);
		}
	}

	/** After a rate-limit answer: a pause of `pauseMs` (at most every 2 s), and maybe a slower pace. */
	rateLimited(pauseMs: number): void {
		const now = Date.now();
		const refused = lastSecond(this.refusals, now);
		refused.push(now);
		const gotThrough = lastSecond(this.successes, now).length;
		if (refused.length >= Math.max(MIN_REFUSALS, gotThrough)) {
			this.gapMs = Math.max(this.gapMs, 1050 / Math.max(1, gotThrough));
		}
		if (now - this.pausedAt > 2000) {
			this.pausedAt = now;
			this.next = Math.max(this.next, now + pauseMs);
		}
	}
}

/** Drops times older than one second from a list kept in time order. */
function lastSecond(times: number[], now: number): number[] {
	while (times.length > 0 && times[0] < now - 1000) times.shift();
	return times;
}

/** Runs `task` for indexes 0..count-1 with at most `limit` running at once. */
export async function forEachBounded(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < count) {
			const index = nextIndex++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}
