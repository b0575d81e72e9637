/**
 * Every signature construction the probe knows, in the order it tries them. The first is the one
 * the node uses (nodes/shared/transport/signing.ts); the others are constructions common in
 * APIs of this kind, tried only when PandaPon refuses the documented one.
 */
import { createHash, createHmac } from 'crypto';

import { signature as nodeSignature } from '../../nodes/shared/transport/signing';

export interface SignInput {
	accessKey: string;
	accessSecret: string;
	timestamp: string;
	nonce: string;
}

export interface Construction {
	name: string;
	/** How the signature is built, for the report (never a value). */
	describe: string;
	sign(input: SignInput): string;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (algo: string, key: string, text: string) => createHmac(algo, key).update(text, 'utf8').digest('hex');

export const CONSTRUCTIONS: Construction[] = [
	{
		name: 'documented',
		describe: 'UPPER(HEX(MD5(accessKey + timestamp + nonce + accessSecret))) — what the node sends',
		sign: nodeSignature,
	},
	{
		name: 'documented-lowercase',
		describe: 'lower(HEX(MD5(accessKey + timestamp + nonce + accessSecret)))',
		sign: (i) => md5(i.accessKey + i.timestamp + i.nonce + i.accessSecret),
	},
	{
		name: 'secret-first',
		describe: 'UPPER(HEX(MD5(accessSecret + accessKey + timestamp + nonce)))',
		sign: (i) => md5(i.accessSecret + i.accessKey + i.timestamp + i.nonce).toUpperCase(),
	},
	{
		name: 'secret-both-ends',
		describe: 'UPPER(HEX(MD5(accessSecret + accessKey + timestamp + nonce + accessSecret)))',
		sign: (i) => md5(i.accessSecret + i.accessKey + i.timestamp + i.nonce + i.accessSecret).toUpperCase(),
	},
	{
		name: 'nonce-before-timestamp',
		describe: 'UPPER(HEX(MD5(accessKey + nonce + timestamp + accessSecret)))',
		sign: (i) => md5(i.accessKey + i.nonce + i.timestamp + i.accessSecret).toUpperCase(),
	},
	{
		name: 'sorted-pairs',
		describe: 'UPPER(HEX(MD5("access-key=…&nonce-str=…&timestamp=…&key=" + accessSecret)))',
		sign: (i) =>
			md5(`access-key=${i.accessKey}&nonce-str=${i.nonce}&timestamp=${i.timestamp}&key=${i.accessSecret}`).toUpperCase(),
	},
	{
		name: 'hmac-sha256',
		describe: 'UPPER(HEX(HMAC-SHA256(key = accessSecret, accessKey + timestamp + nonce)))',
		sign: (i) => hmac('sha256', i.accessSecret, i.accessKey + i.timestamp + i.nonce).toUpperCase(),
	},
	{
		name: 'hmac-md5',
		describe: 'UPPER(HEX(HMAC-MD5(key = accessSecret, accessKey + timestamp + nonce)))',
		sign: (i) => hmac('md5', i.accessSecret, i.accessKey + i.timestamp + i.nonce).toUpperCase(),
	},
	{
		name: 'sha256',
		describe: 'UPPER(HEX(SHA256(accessKey + timestamp + nonce + accessSecret)))',
		sign: (i) => sha256(i.accessKey + i.timestamp + i.nonce + i.accessSecret).toUpperCase(),
	},
];

export function construction(name: string): Construction {
	const found = CONSTRUCTIONS.find((c) => c.name === name);
	if (!found) throw new Error(`Unknown signature construction "${name}" (known: ${CONSTRUCTIONS.map((c) => c.name).join(', ')})`);
	return found;
}
