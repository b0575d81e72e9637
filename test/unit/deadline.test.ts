import { deadline } from '../../nodes/shared/transport/deadline';

/** Resolves with the ms elapsed when `deadline` expires, or 'cancelled' if `cancelAfter` comes first. */
function watch(ms: number, cancelAfter?: number): Promise<number | 'cancelled'> {
	const started = Date.now();
	return new Promise((resolve) => {
		const cancel = deadline(ms, () => resolve(Date.now() - started));
		if (cancelAfter !== undefined) {
			setTimeout(() => {
				cancel();
				resolve('cancelled');
			}, cancelAfter);
		}
	});
}

describe('deadlines on one timer', () => {
	it('each deadline expires at its time, in order, whatever order they were set in', async () => {
		const [late, early, middle] = await Promise.all([watch(300), watch(60), watch(180)]);
		expect(early).toBeGreaterThanOrEqual(60);
		expect(middle).toBeGreaterThanOrEqual(180);
		expect(late).toBeGreaterThanOrEqual(300);
		expect(early as number).toBeLessThan(middle as number);
		expect(middle as number).toBeLessThan(late as number);
		// a deadline set while the timer sleeps towards a later one is late by at most one tick (100 ms)
		expect(early as number).toBeLessThan(60 + 100 + 200);
	});

	it('a cancelled deadline never expires', async () => {
		let expired = false;
		const cancel = deadline(50, () => {
			expired = true;
		});
		cancel();
		await new Promise((r) => setTimeout(r, 200));
		expect(expired).toBe(false);
		expect(await watch(1000, 50)).toBe('cancelled');
	});
});
