import { sleep } from 'n8n-workflow';

/** Spaces request starts so no more than `perSecond` begin in any second (0 = no limit). */
export class Pacer {
	private next = 0;

	private readonly gapMs: number;

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

	/** After a rate-limit answer: no request of this execution starts for `ms`. */
	pause(ms: number): void {
		this.next = Math.max(this.next, Date.now() + ms);
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
