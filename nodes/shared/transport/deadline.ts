import { sleep } from 'n8n-workflow';

/**
 * Deadlines for every open exchange on one timer. Nearly every exchange ends long before its
 * deadline, and a per-request timer that is then cancelled cost more CPU than the rest of the
 * transport (n8n-workflow's sleepWithAbort builds an error for each cancellation). One loop wakes
 * at the earliest deadline, at least every TICK_MS while exchanges are open, and stops when none
 * are; a deadline set while the loop sleeps is late by at most TICK_MS.
 */
const TICK_MS = 100;

interface Watch {
	at: number;
	expire: () => void;
}

const open = new Set<Watch>();
let running = false;

/** Calls `expire` once `ms` have passed, unless the returned function is called first. */
export function deadline(ms: number, expire: () => void): () => void {
	const watch: Watch = { at: Date.now() + ms, expire };
	open.add(watch);
	if (!running) void watchOpen();
	return () => {
		open.delete(watch);
	};
}

async function watchOpen(): Promise<void> {
	running = true;
	try {
		while (open.size > 0) {
			let next = Infinity;
			for (const watch of open) next = Math.min(next, watch.at);
			await sleep(Math.max(1, Math.min(TICK_MS, next - Date.now())));
			const now = Date.now();
			for (const watch of open) {
				if (watch.at <= now) {
					open.delete(watch);
					watch.expire();
				}
			}
		}
	} finally {
		running = false;
	}
}
