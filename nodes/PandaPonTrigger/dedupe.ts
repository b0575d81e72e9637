import { createHash } from 'crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * Re-delivery guard. PandaPon re-pushes a message it thinks was not acknowledged every 30 minutes,
 * at most 5 times, and a slow or lost 200 can make it re-push one we already handled.
 *
 * Fingerprint = SHA-256 over messageType, platform and the canonical messageBody (keys sorted,
 * string or object form alike). The push `timestamp` is deliberately left out: whether a re-push
 * carries the original or a fresh timestamp is not documented, and including it would let every
 * fresh-timestamp re-push through. The cost is that two different pushes with byte-identical
 * bodies within the window collapse into one — such pushes describe the same order state, so the
 * workflow has nothing new to act on.
 *
 * Entries live in the node's workflow static data (saved by n8n after each webhook call), are
 * kept for 3 hours (the full retry span is 2.5 h) and capped at 1,000, oldest dropped first.
 */

export const DEDUPE_TTL_MS = 3 * 60 * 60 * 1000;
export const DEDUPE_MAX_ENTRIES = 1000;

/** JSON text with object keys sorted at every level; a stable form for hashing. */
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

export function fingerprint(messageType: string, platform: string, body: unknown): string {
	return createHash('sha256')
		.update(messageType)
		.update('\u0000')
		.update(platform)
		.update('\u0000')
		.update(canonicalJson(body))
		.digest('hex')
		.slice(0, 32); // 128 bits is plenty for 1,000 entries and halves the static data size
}

/**
 * Records `fp` as seen at `now` and says whether it had been seen within the TTL.
 * `store` is the object returned by `getWorkflowStaticData('node')`.
 */
export function seenBefore(store: IDataObject, fp: string, now: number): boolean {
	const raw = store.deliveries;
	const deliveries: Record<string, number> =
		raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, number>) } : {};

	for (const [key, at] of Object.entries(deliveries)) {
		if (typeof at !== 'number' || now - at > DEDUPE_TTL_MS) delete deliveries[key];
	}
	const duplicate = deliveries[fp] !== undefined;
	if (!duplicate) {
		deliveries[fp] = now;
		const keys = Object.keys(deliveries);
		if (keys.length > DEDUPE_MAX_ENTRIES) {
			keys
				.sort((a, b) => deliveries[a] - deliveries[b])
				.slice(0, keys.length - DEDUPE_MAX_ENTRIES)
				.forEach((key) => delete deliveries[key]);
		}
	}
	// Reassign so n8n's observable static data notices the change and saves it.
	store.deliveries = deliveries;
	return duplicate;
}
