import { sleep } from 'n8n-workflow';

/** Spaces request starts so no more than `perSecond` begin in any second (0 = no limit). */
export class Pacer {
	private next = 0;

	private readonly gapMs: number;

	constructor(perSecond: number) {
		this.gapMs = perSecond > 0 ? 1000 / perSecond : 0;
	}

	async wait(): Promise<void> {
		if (this.gapMs === 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.next);
		this.next = slot + this.gapMs;
		if (slot > now) await sleep(slot - now);
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
