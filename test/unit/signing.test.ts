import { newNonce, signature, systemHeaders, timestampNow, usesQuerySignature } from '../../nodes/shared/transport/signing';

// Expected digests computed outside JavaScript: printf '%s' "$key$ts$nonce$secret" | md5sum
const vectors = [
	{ accessKey: '58c0201dfdf148eca63cbf6bb5e7cf03', timestamp: '1715669977082', nonce: 'nonce-str', accessSecret: 'secret', expected: 'A89AE4B00792D4518974D7AF4C2BC755' },
	{ accessKey: 'ak', timestamp: '1715669977', nonce: '0123456789abcdef0123456789abcdef', accessSecret: 's3cr3t', expected: '2733509D93CFBDD6376924C94695167C' },
	{ accessKey: '键', timestamp: '1', nonce: 'n', accessSecret: '密钥', expected: 'A4AF2B11676C16F1027354494956E2F4' },
];

describe('request signature', () => {
	it.each(vectors)('matches md5sum for $accessKey/$timestamp', ({ expected, ...input }) => {
		expect(signature(input)).toBe(expected);
	});

	it('builds the five system headers, signing key, timestamp and nonce but not user-id', () => {
		const base = { accessKey: 'ak', accessSecret: 's3cr3t', timestamp: '1715669977', nonce: '0123456789abcdef0123456789abcdef' };
		const a = systemHeaders({ ...base, userId: '1' });
		const b = systemHeaders({ ...base, userId: '2' });
		expect(Object.keys(a).sort()).toEqual(['access-key', 'nonce-str', 'signature', 'timestamp', 'user-id']);
		expect(a.signature).toBe('2733509D93CFBDD6376924C94695167C');
		expect(a.signature).toBe(b.signature);
		expect(systemHeaders({ ...base, nonce: 'x'.repeat(32), userId: '1' }).signature).not.toBe(a.signature);
	});

	it('makes 32-character nonces that differ every time', () => {
		const nonces = new Set(Array.from({ length: 1000 }, newNonce));
		expect(nonces.size).toBe(1000);
		for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{32}$/);
	});

	it('writes the timestamp in the chosen unit from a fixed clock', () => {
		expect(timestampNow('milliseconds', 1715669977082)).toBe('1715669977082');
		expect(timestampNow('seconds', 1715669977082)).toBe('1715669977');
	});

	it('knows which paths use the query timestamp/sign variant', () => {
		expect(usesQuerySignature('https://api.pandapon.com/open/pp/logistics/orderRenderFreight')).toBe(true);
		expect(usesQuerySignature('https://api.pandapon.com/v2/open/pp/logistics/itemLogisticsPrice')).toBe(true);
		expect(usesQuerySignature('https://api.pandapon.com/alibaba/order/detail')).toBe(false);
	});
});
