import { ratioSpread } from '../../bench/spread';

describe("the bench's ratio spread (scenario 3)", () => {
	it('gives the per-round range and an interval around the ratio of totals', () => {
		const ours = [900, 1000, 1100, 950, 1050, 1000, 980, 1020];
		const peer = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000];
		const s = ratioSpread(ours, peer);
		expect(s.min).toBeCloseTo(0.9);
		expect(s.max).toBeCloseTo(1.1);
		const total = ours.reduce((a, b) => a + b) / peer.reduce((a, b) => a + b);
		expect(s.low).toBeLessThan(total);
		expect(s.high).toBeGreaterThan(total);
		expect(s.low).toBeGreaterThanOrEqual(s.min);
		expect(s.high).toBeLessThanOrEqual(s.max);
	});

	it('narrows when the rounds agree and is the same for the same rounds', () => {
		const steady = ratioSpread([800, 810, 805, 795, 800, 802], [1000, 1005, 998, 1002, 1000, 1001]);
		expect(steady.high).toBeLessThan(0.82);
		expect(steady.low).toBeGreaterThan(0.79);
		expect(ratioSpread([1, 2, 3], [2, 2, 2])).toEqual(ratioSpread([1, 2, 3], [2, 2, 2]));
	});

	it('refuses rounds that are not paired', () => {
		expect(() => ratioSpread([1, 2], [1])).toThrow('paired');
		expect(() => ratioSpread([], [])).toThrow('paired');
	});
});
