/**
 * How far a CPU ratio measured in paired rounds can be trusted: the range of the per-round ratios
 * and a 90% interval of the ratio of totals, from resampling the pairs (bootstrap). The seed is
 * fixed, so the same rounds always give the same interval.
 */
export function ratioSpread(ours: number[], peer: number[], resamples = 2000): { low: number; high: number; min: number; max: number } {
	if (ours.length === 0 || ours.length !== peer.length) throw new Error('ratioSpread needs paired rounds');
	const perRound = ours.map((o, i) => o / peer[i]);
	let seed = 0x9e3779b9;
	const random = () => {
		// xorshift32: small, fast, deterministic
		seed ^= seed << 13;
		seed ^= seed >>> 17;
		seed ^= seed << 5;
		return (seed >>> 0) / 2 ** 32;
	};
	const ratios: number[] = [];
	for (let k = 0; k < resamples; k++) {
		let o = 0;
		let p = 0;
		for (let i = 0; i < ours.length; i++) {
			const pick = Math.floor(random() * ours.length);
			o += ours[pick];
			p += peer[pick];
		}
		ratios.push(o / p);
	}
	ratios.sort((x, y) => x - y);
	return {
		low: ratios[Math.floor(0.05 * resamples)],
		high: ratios[Math.ceil(0.95 * resamples) - 1],
		min: Math.min(...perRound),
		max: Math.max(...perRound),
	};
}
