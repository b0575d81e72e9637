import { sleep } from 'n8n-workflow';

/**
 * Spaces request starts so no more than `perSecond` begin in any second (0 = no limit), and
 * learns PandaPon's limit: after a rate-limit answer it pauses briefly and from then on
 * spaces requests a little wider than the rate that was getting through.
 */
export class Pacer {
	private next = 0;

	private gapMs: number;

	/** When recent requests succeeded, for learning the rate that gets through. */
	private readonly successes: number[] = [];

	constructor(perSecond: number) {
		this.gapMs = perSecond > 0 ? 1000 / perSecond : 0;
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
		this.successes.push(now);
		while (this.successes.length > 0 && this.successes[0] < now - 1000) this.successes.shift();
	}

	/** After a rate-limit answer: no request starts for `pauseMs`, then at the learned pace. */
	rateLimited(pauseMs: number): void {
		const now = Date.now();
		const gotThrough = this.successes.filter((t) => t >= now - 1000).length;
		// Evenly spaced starts, 5% slower than what got through: no second holds more than that.
		const learnedGap = 1050 / Math.max(1, gotThrough);
		this.gapMs = Math.max(this.gapMs, learnedGap);
		this.next = Math.max(this.next, now + pauseMs);
	}
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
