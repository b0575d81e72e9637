/**
 * The report a user attaches to an issue: Markdown for people, JSON beside it for tools. Both pass
 * through `redact`, which removes the keys and every signature and nonce the probe sent, and any
 * 32-hex string PandaPon might echo in a message.
 */
import fs from 'fs';
import path from 'path';

import type { ProbeResult, ProbeRun } from './probe';

const catalog = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../sandbox/catalog.json'), 'utf8')) as {
	operations: Array<{ id: string; status: string }>;
};
const docsStatus = new Map(catalog.operations.map((o) => [o.id, o.status]));

const HEX32 = /\b[0-9a-fA-F]{32,64}\b/g;

/** Replaces every sensitive string (at least 4 characters long) with a marker. */
export function redact(text: string, sensitive: string[]): string {
	let out = text;
	for (const s of [...sensitive].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) {
		out = out.split(s).join('[redacted]');
	}
	return out;
}

/** Message text from PandaPon, one line, without hex digests (a server might echo the signature it expected). */
function cleanMsg(msg: string | undefined): string {
	return (msg ?? '').replace(HEX32, '[hex]').replace(/\s+/g, ' ').trim().slice(0, 200);
}

const cell = (text: unknown) => String(text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const yesNo = (v: boolean | undefined) => (v === undefined ? 'not tried' : v ? '**accepted**' : 'refused');

export function toJson(run: ProbeRun): string {
	const clean: ProbeResult = {
		...run.result,
		signing: { ...run.result.signing, attempts: run.result.signing.attempts.map((a) => ({ ...a, msg: cleanMsg(a.msg) })) },
		operations: run.result.operations.map((o) => ({ ...o, msg: o.msg === undefined ? undefined : cleanMsg(o.msg) })),
		errors: run.result.errors.map((e) => ({ ...e, msg: cleanMsg(e.msg) })),
	};
	return redact(JSON.stringify(clean, null, 2), run.sensitive) + '\n';
}

export function toMarkdown(run: ProbeRun): string {
	const r = run.result;
	const s = r.signing;
	const lines: string[] = [];
	const push = (...l: string[]) => lines.push(...l);

	push(
		'# PandaPon API probe report',
		'',
		`Run ${r.startedAt} against \`${r.baseUrl}\`: ${r.requestsSent} requests (cap ${r.requestCap}, at least ${r.intervalMs} ms apart). ` +
			(r.probeRejectedWrites
				? 'Rejected-write probes were **on**: the writes listed below were sent with a body PandaPon must reject.'
				: 'Read-only: no write operation was sent.'),
		'',
		'Keys, signatures and nonces are not in this report. Request IDs are, so PandaPon can look the calls up.',
		'',
	);
	if (r.stopped) push(`**Stopped early:** ${r.stopped}.`, '');

	push('## Signing', '', '| Question | Answer |', '|---|---|');
	push(`| Timestamp in milliseconds | ${yesNo(s.milliseconds)} |`);
	push(`| Timestamp in seconds | ${yesNo(s.seconds)} |`);
	push(
		`| Signature construction PandaPon accepts | ${
			s.settled
				? `\`${s.settled.construction}\`: ${cell(s.settled.describe)}, timestamp in ${s.settled.timestampUnit}`
				: s.attempts.some((a) => a.verdict === 'signature refused')
					? '**none of the known constructions** (see attempts)'
					: 'not settled: the signing read failed for another reason (see attempts)'
		} |`,
	);
	const lg = (m: 'headers+query' | 'headers' | 'query') => (s.logistics[m] ? s.logistics[m] : 'not tried');
	push(`| Logistics: headers + query \`timestamp\`/\`sign\` (what the node sends) | ${lg('headers+query')} |`);
	push(`| Logistics: headers only, no query \`sign\` | ${lg('headers')} |`);
	push(`| Logistics: query \`timestamp\`/\`sign\` only, no headers (the docs' curl form) | ${lg('query')} |`);
	push('');
	push('Attempts, in order:', '', '| # | Operation | Path | Construction | Timestamp | Logistics | HTTP | code | msg | Verdict |', '|---|---|---|---|---|---|---|---|---|---|');
	s.attempts.forEach((a, i) =>
		push(`| ${i + 1} | ${a.operation} | \`${a.path}\` | ${a.construction} | ${a.timestampUnit} | ${a.logistics ?? ''} | ${a.status} | ${cell(a.code)} | ${cell(cleanMsg(a.msg))} | ${a.verdict} |`),
	);
	push('');

	const counts = new Map<string, number>();
	for (const o of r.operations) counts.set(o.verdict, (counts.get(o.verdict) ?? 0) + 1);
	push('## Operations', '', [...counts].map(([v, n]) => `${v}: ${n}`).join(' · '), '');
	const inferred = r.operations.filter((o) => docsStatus.get(o.operation) === 'inferred' && o.verdict !== 'not probed');
	if (inferred.length) {
		const exists = inferred.filter((o) => o.verdict === 'path confirmed' || o.verdict === 'parameter error').length;
		const missing = inferred.filter((o) => o.verdict === 'path not found').map((o) => `\`${o.path}\``);
		push(`Paths the docs do not publish (**inferred**): ${exists} of ${inferred.length} probed exist${missing.length ? `; not found: ${missing.join(', ')}` : ''}.`, '');
	}
	push('| Operation | Method and path | Docs | HTTP | code | msg | Request ID | Verdict | Shape the node reads |', '|---|---|---|---|---|---|---|---|---|');
	for (const o of r.operations) {
		if (o.verdict === 'not probed') continue;
		const shape = o.shape
			? o.shape.missing.length
				? `**missing** ${o.shape.missing.join(', ')}`
				: `match (${o.shape.expected.join(', ')})`
			: '';
		const extra = [o.shape?.dataError ? `data reports ${o.shape.dataError}` : '', o.note ?? ''].filter(Boolean).join('; ');
		push(
			`| ${cell(o.name)} (\`${o.operation}\`) | ${o.method} \`${o.path}\` | ${docsStatus.get(o.operation) ?? ''} | ${o.status ?? ''} | ${cell(o.code)} | ${cell(cleanMsg(o.msg))} | ${cell(o.requestId)} | ${o.verdict}${extra ? ` — ${cell(extra)}` : ''} | ${cell(shape)} |`,
		);
	}
	const skipped = r.operations.filter((o) => o.verdict === 'not probed');
	if (skipped.length) {
		push('', 'Not probed:', '');
		for (const o of skipped) push(`- ${cell(o.name)} (\`${o.operation}\`, ${o.method} \`${o.path}\`): ${cell(o.note)}`);
	}
	push('');

	push('## Error codes seen', '');
	if (r.errors.length === 0) push('None.');
	else {
		push('| code | msg | times | operations |', '|---|---|---|---|');
		for (const e of r.errors) push(`| ${cell(e.code)} | ${cell(cleanMsg(e.msg))} | ${e.count} | ${e.operations.join(', ')} |`);
	}
	push('');

	push('## Fields seen', '', 'Names and types only (no values), for answers with code 200: `data` and its first record. Integers beyond 2^53 are read losslessly and show as `string`.', '');
	for (const o of r.operations) {
		if (!o.shape) continue;
		const fmt = (f: Record<string, string>) => Object.entries(f).map(([k, t]) => `${k}: ${t}`).join(', ') || '—';
		push(`- **${cell(o.name)}** (\`${o.operation}\`)`, `  - data: ${fmt(o.shape.seen.data)}`);
		if (Object.keys(o.shape.seen.record).length) push(`  - first record: ${fmt(o.shape.seen.record)}`);
	}
	push('');
	return redact(lines.join('\n'), run.sensitive);
}
