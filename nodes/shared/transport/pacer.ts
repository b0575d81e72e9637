import { sleep } from 'n8n-workflow';

/** Refusals within a second before they count as a limit rather than chance. */
const MIN_REFUSALS = 5;
/** The slowest pace the pacer learns on its own (Max Requests per Second can go lower). */
export const MIN_LEARNED_PER_SECOND = 5;
/** How long refusals may go on with nothing getting through before the execution stops sending. */
export const STORM_LIMIT_MS = 30_000;

/**
 * Spaces request starts so no more than `perSecond` begin in any second (0 = no limit), and
 * learns PandaPon's limit. A rate-limit answer pauses everything briefly; when, within a second,
 * as many requests were turned away as got through (and at least a few), the limit is real and
 * requests are spaced a little wider than the rate that got through — but never wider than
 * MIN_LEARNED_PER_SECOND allows, so a burst of refusals with nothing getting through cannot pin
 * the pace at one request a second. Stray rate-limit answers (another workflow on the same key, a
 * hiccup) are only retried; the pace recovers once a second passes without any. When every
 * request has been refused for STORM_LIMIT_MS, the pacer gives up: nothing more is sent.
 */
export class Pacer {
	/** When the last request started. */
	private lastStart = 0;

	/** No request starts before this (a pause after a rate-limit answer, or Retry-After). */
	private pausedUntil = 0;

	private gapMs: number;

	private readonly baseGapMs: number;

	private readonly successes: number[] = [];

	private readonly refusals: number[] = [];

	private pausedAt = 0;

	/** When the current run of refusals began (no success since); 0 when there is none. */
	private refusedSince = 0;

	constructor(perSecond: number) {
		this.baseGapMs = perSecond > 0 ? 1000 / perSecond : 0;
		this.gapMs = this.baseGapMs;
	}

	/**
	 * Waits for this request's turn. Turns are not booked ahead: a waiter that wakes re-reads the
	 * current spacing, so a pace that recovers applies at once to every request already waiting.
	 */
	async wait(): Promise<void> {
		for (;;) {
			const now = Date.now();
			const turn = Math.max(this.pausedUntil, this.lastStart + this.gapMs);
			// In a storm nothing more is sent, so there is nothing to space out.
			if (turn <= now || this.stormMs() > 0) {
				this.lastStart = now;
				return;
			}
			await sleep(turn - now);
		}
	}

	/** Milliseconds every request has been refused as rate-limited, once past the storm limit; else 0. */
	stormMs(): number {
		const since = this.refusedSince === 0 ? 0 : Date.now() - this.refusedSince;
		return since >= STORM_LIMIT_MS ? since : 0;
	}

	/** Any answer or failure that is not a rate-limit refusal: not every request is being refused. */
	notRefused(): void {
		this.refusedSince = 0;
	}

	succeeded(): void {
		const now = Date.now();
		this.notRefused();
		// Counted only after a rate-limit answer: dropped then, or here once the list grows long.
		if (this.successes.push(now) > 4096) lastSecond(this.successes, now);
		if (this.gapMs > this.baseGapMs && lastSecond(this.refusals, now).length === 0) {
			this.gapMs = this.gapMs * 0.9 < 1 ? this.baseGapMs : Math.max(this.baseGapMs, this.gapMs * 0.9);
		}
	}

	/**
	 * After a rate-limit answer: a pause of `pauseMs` (at most every 2 s) or the server's
	 * `retryAfterMs`, and maybe a slower pace.
	 */
	rateLimited(pauseMs: number, retryAfterMs = 0): void {
		const now = Date.now();
		if (this.refusedSince === 0) this.refusedSince = now;
		const refused = lastSecond(this.refusals, now);
		refused.push(now);
		const gotThrough = lastSecond(this.successes, now).length;
		if (refused.length >= Math.max(MIN_REFUSALS, gotThrough)) {
			this.gapMs = Math.max(this.gapMs, 1050 / Math.max(MIN_LEARNED_PER_SECOND, gotThrough));
		}
		if (now - this.pausedAt > 2000) {
			this.pausedAt = now;
			this.pausedUntil = Math.max(this.pausedUntil, now + pauseMs);
		}
		// The server said how long to wait (Retry-After, already bounded by the caller).
		this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
	}
}

/** Drops times older than one second from a list kept in time order. */
function lastSecond(times: number[], now: number): number[] {
	let old = 0;
	while (old < times.length && times[old] < now - 1000) old++;
	if (old > 0) times.splice(0, old);
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
