import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/*
 * Re-delivery guard. PandaPon re-pushes a message it thinks was not acknowledged every 30 minutes,
 * at most 5 times, and a slow or lost 200 can make it re-push one we already handled.
 *
 * Identity of a message = SHA-256 over messageType, platform and the canonical messageBody (keys
 * sorted, string or object form alike). The push `timestamp` is deliberately left out: whether a
 * re-push carries the original or a fresh timestamp is not documented. Its first 128 bits, in hex,
 * are the item's `deliveryId`, so workflows can deduplicate downstream too.
 *
 * Store. Entries live in the node's workflow static data, which n8n loads and saves as JSON around
 * every webhook call, so the form is compact: 64 shards (by the first 6 bits of the hash), each one
 * string of fixed-width entries in arrival order — 11 characters of hash (66 more bits) and 5 of
 * expiry minute (base 36). A push touches one shard: expired entries leave from its head, then a
 * search and an append; a second shard in turn is trimmed so that idle shards empty too. Nothing
 * else is copied or sorted. Every entry is kept for the whole window (plus the tolerance allowed for
 * timestamps ahead of our clock), up to 640 per shard — 20,000 messages per window fill a shard to
 * about 310 on average, so only far busier accounts lose their oldest entries early.
 */

export const DEDUPE_WINDOW_MS = 3 * 60 * 60 * 1000;
/** How far a push's timestamp may run ahead of our clock before it is refused. */
export const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
/** An entry outlives every push that could still pass the timestamp check. */
export const DEDUPE_KEEP_MS = DEDUPE_WINDOW_MS + FUTURE_TOLERANCE_MS;

/** The 64 base64url characters: a shard per value of the hash's first 6 bits. */
const SHARD_KEYS = Array.from({ length: 64 }, (_, bits) => Buffer.from([bits << 2]).toString('base64url')[0]);
const ID_CHARS = 11;
const MINUTE_CHARS = 5;
const ENTRY = ID_CHARS + MINUTE_CHARS;
export const DEDUPE_SHARD_CAPACITY = 640;
export const DEDUPE_CAPACITY = DEDUPE_SHARD_CAPACITY * SHARD_KEYS.length;

/**
 * JSON text with object keys sorted at every level; a stable form for hashing. Recursion is
 * bounded: the trigger parses pushes with a depth limit.
 */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		return JSON.stringify(value ?? null) ?? 'null';
	}
	if (Array.isArray(value)) return '[' + value.map((v) => canonicalJson(v)).join(',') + ']';
	const record = value as Record<string, unknown>;
	const keys = Object.keys(record)
		.filter((k) => record[k] !== undefined)
		.sort();
	return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(record[k])).join(',') + '}';
}

export interface MessageIdentity {
	/** Hex, 128 bits: the same for every delivery of the same message. */
	deliveryId: string;
	/** Shard key and entry id in the store. */
	shard: string;
	id: string;
}

function identityOf(digest: Buffer): MessageIdentity {
	// 9 bytes are exactly 12 base64 characters: 1 picks the shard, 11 are the entry.
	const b64 = digest.subarray(0, 9).toString('base64url');
	return { deliveryId: digest.toString('hex', 0, 16), shard: b64[0], id: b64.slice(1) };
}

export function messageIdentity(messageType: string, platform: string, body: unknown): MessageIdentity {
	const digest = createHash('sha256')
		.update(messageType)
		.update('\u0000')
		.update(platform)
		.update('\u0000')
		.update(canonicalJson(body))
		.digest();
	return identityOf(digest);
}

interface Store {
	v: 1;
	/** The shard trimmed in turn on the next push. */
	next: number;
	shards: Record<string, string>;
}

const minuteText = (minute: number) => minute.toString(36).padStart(MINUTE_CHARS, '0');

/** Drops the expired entries at the head of a shard (entries are in expiry order). */
function trim(shard: string, nowMinute: number): string {
	let start = 0;
	while (start < shard.length && parseInt(shard.slice(start + ID_CHARS, start + ENTRY), 36) <= nowMinute) start += ENTRY;
	return start === 0 ? shard : shard.slice(start);
}

/** Whether `id` is an entry of `shard` (matches only at entry boundaries). */
function contains(shard: string, id: string): boolean {
	for (let at = shard.indexOf(id); at !== -1; at = shard.indexOf(id, at + 1)) {
		if (at % ENTRY === 0) return true;
	}
	return false;
}

/** The store in static data; the store of earlier versions (`deliveries`: hex → ms) is carried over. */
function loadStore(staticData: IDataObject): Store {
	const saved = staticData.dedupe as Store | undefined;
	if (saved !== null && typeof saved === 'object' && saved.v === 1 && typeof saved.shards === 'object') {
		return { v: 1, next: Number(saved.next) || 0, shards: saved.shards };
	}
	const store: Store = { v: 1, next: 0, shards: {} };
	const legacy = staticData.deliveries as Record<string, number> | undefined;
	if (legacy !== null && typeof legacy === 'object') {
		const entries = Object.entries(legacy)
			.filter(([hex, at]) => /^[0-9a-f]{18,}$/.test(hex) && typeof at === 'number')
			.sort((a, b) => a[1] - b[1]);
		for (const [hex, at] of entries) {
			const { shard, id } = identityOf(Buffer.from(hex.slice(0, 18), 'hex'));
			store.shards[shard] = (store.shards[shard] ?? '') + id + minuteText(Math.ceil((at + DEDUPE_KEEP_MS) / 60_000));
		}
	}
	return store;
}

/**
 * Records the message as seen at `now` and says whether it had been seen within the window.
 * `staticData` is the object returned by `getWorkflowStaticData('node')`.
 */
export function seenBefore(staticData: IDataObject, identity: MessageIdentity, now: number): boolean {
	const store = loadStore(staticData);
	const nowMinute = Math.floor(now / 60_000);
	const roundRobin = SHARD_KEYS[store.next % SHARD_KEYS.length];
	store.next = (store.next + 1) % SHARD_KEYS.length;
	for (const key of new Set([identity.shard, roundRobin])) {
		const kept = trim(store.shards[key] ?? '', nowMinute);
		if (kept === '') delete store.shards[key];
		else store.shards[key] = kept;
	}

	let shard = store.shards[identity.shard] ?? '';
	const duplicate = contains(shard, identity.id);
	if (!duplicate) {
		shard += identity.id + minuteText(Math.ceil((now + DEDUPE_KEEP_MS) / 60_000));
		// Far beyond the sized load: the shard's oldest entry leaves before its time.
		if (shard.length > DEDUPE_SHARD_CAPACITY * ENTRY) shard = shard.slice(shard.length - DEDUPE_SHARD_CAPACITY * ENTRY);
		store.shards[identity.shard] = shard;
	}
	// Assign a new object so n8n's observable static data notices the change and saves it.
	staticData.dedupe = store as unknown as IDataObject;
	delete staticData.deliveries;
	return duplicate;
}

/** Number of entries held (for tests and figures). */
export function storedEntries(staticData: IDataObject): number {
	const store = staticData.dedupe as Store | undefined;
	if (!store?.shards) return 0;
	return Object.values(store.shards).reduce((sum, shard) => sum + shard.length / ENTRY, 0);
}
