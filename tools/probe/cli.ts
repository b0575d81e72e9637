/**
 * npm run probe -- --access-key … --access-secret … --user-id … [--base-url …] [--out report.md]
 *
 * Keys come from flags or PANDAPON_ACCESS_KEY / PANDAPON_ACCESS_SECRET / PANDAPON_USER_ID (and
 * PANDAPON_BASE_URL); they are never printed. See README → "Help confirm the API".
 */
import fs from 'fs';
import path from 'path';

import { runProbe, type ProbeOptions } from './probe';
import { redact, toJson, toMarkdown } from './report';

const USAGE = `Usage: npm run probe -- [options]

  --access-key KEY        or env PANDAPON_ACCESS_KEY
  --access-secret SECRET  or env PANDAPON_ACCESS_SECRET, or typed when asked (hidden). Prefer
                          those: npm prints flags, and they show in the process list
  --user-id ID            or env PANDAPON_USER_ID
  --base-url URL          or env PANDAPON_BASE_URL (default https://api.pandapon.com)
  --out FILE              Markdown report (default pandapon-probe-report.md); the JSON goes beside it
  --max-requests N        at most N requests (default and maximum 80)
  --interval-ms MS        gap between requests (default 500; lower values only for a local sandbox)
  --timeout-ms MS         per request (default 15000)

  --probe-rejected-writes
        DANGER ZONE, off by default. Also sends two WRITE operations (1688 Order Cancel, 1688
        After-Sale Create Refund) with an EMPTY body, which PandaPon must reject because the
        documented required order id is missing. Use it only if you accept that risk.

Read-only by default: only operations the node classifies as reads are called.`;

export interface CliOptions extends ProbeOptions {
	out: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Flags over environment; throws with a message naming what is missing or wrong. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CliOptions | 'help' {
	const flags: Record<string, string | true> = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '-h' || arg === '--help') return 'help';
		if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg.slice(0, 40)}" (try --help)`);
		const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
		if (name === 'probe-rejected-writes') {
			flags[name] = true;
			continue;
		}
		const value = inline ?? argv[++i];
		if (value === undefined) throw new Error(`--${name} needs a value`);
		flags[name] = value;
	}
	const known = ['access-key', 'access-secret', 'user-id', 'base-url', 'out', 'max-requests', 'interval-ms', 'timeout-ms', 'probe-rejected-writes'];
	for (const name of Object.keys(flags)) if (!known.includes(name)) throw new Error(`Unknown option --${name} (try --help)`);
	const text = (flag: string, envName: string) => {
		const v = flags[flag] ?? env[envName];
		return typeof v === 'string' ? v.trim() : '';
	};
	const accessKey = text('access-key', 'PANDAPON_ACCESS_KEY');
	const accessSecret = text('access-secret', 'PANDAPON_ACCESS_SECRET');
	const userId = text('user-id', 'PANDAPON_USER_ID');
	const missing = [
		!accessKey && '--access-key (or PANDAPON_ACCESS_KEY)',
		!accessSecret && '--access-secret (or PANDAPON_ACCESS_SECRET)',
		!userId && '--user-id (or PANDAPON_USER_ID)',
	].filter(Boolean);
	if (missing.length) throw new Error(`Missing ${missing.join(', ')} (try --help)`);
	const baseUrl = text('base-url', 'PANDAPON_BASE_URL') || 'https://api.pandapon.com';
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		throw new Error(`--base-url is not a URL: "${baseUrl.slice(0, 80)}"`);
	}
	if (!/^https?:$/.test(url.protocol)) throw new Error('--base-url must start with https:// (or http://)');
	const int = (flag: string, fallback: number, min: number, max: number) => {
		const v = flags[flag];
		if (v === undefined) return fallback;
		const n = Number(v);
		if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${flag} must be a whole number from ${min} to ${max}, got "${String(v).slice(0, 20)}"`);
		return n;
	};
	const intervalMs = int('interval-ms', 500, 0, 60000);
	if (intervalMs < 500 && !LOOPBACK.has(url.hostname)) {
		throw new Error('--interval-ms below 500 is only allowed for a local sandbox (127.0.0.1 / localhost)');
	}
	return {
		accessKey,
		accessSecret,
		userId,
		baseUrl,
		intervalMs,
		maxRequests: int('max-requests', 80, 1, 80),
		timeoutMs: int('timeout-ms', 15000, 100, 120000),
		probeRejectedWrites: flags['probe-rejected-writes'] === true,
		out: typeof flags.out === 'string' ? flags.out : 'pandapon-probe-report.md',
	};
}

/** Writes the Markdown report and the JSON beside it; returns both paths. */
export function writeReports(out: string, markdown: string, json: string): { md: string; json: string } {
	const md = path.resolve(out);
	const jsonPath = md.replace(/\.md$/i, '') + '.json';
	fs.writeFileSync(md, markdown);
	fs.writeFileSync(jsonPath, json);
	return { md, json: jsonPath };
}

/** Reads a line from the terminal without showing it. */
function askHidden(question: string): Promise<string> {
	return new Promise((resolve) => {
		const stdin = process.stdin;
		process.stdout.write(question);
		stdin.setRawMode(true);
		stdin.setEncoding('utf8');
		stdin.resume();
		let value = '';
		const onData = (chunk: string) => {
			for (const c of chunk) {
				if (c === '\u0003') {
					process.stdout.write('\n');
					process.exit(130);
				}
				if (c === '\r' || c === '\n' || c === '\u0004') {
					stdin.off('data', onData);
					stdin.setRawMode(false);
					stdin.pause();
					process.stdout.write('\n');
					resolve(value);
					return;
				}
				value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
			}
		};
		stdin.on('data', onData);
	});
}

async function main() {
	let opts: CliOptions | 'help';
	const argv = process.argv.slice(2);
	const env = { ...process.env };
	const secretFlag = argv.some((a) => a === '--access-secret' || a.startsWith('--access-secret='));
	// No secret given: ask for it on a terminal, so it shows nowhere (npm prints flags).
	if (!secretFlag && !env.PANDAPON_ACCESS_SECRET && process.stdin.isTTY && !argv.some((a) => a === '-h' || a === '--help')) {
		env.PANDAPON_ACCESS_SECRET = await askHidden('Access Secret (not shown): ');
	}
	try {
		opts = parseArgs(argv, env);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(2);
	}
	if (opts === 'help') {
		console.log(USAGE);
		return;
	}
	if (secretFlag) {
		console.warn('Note: npm printed the command line above, with your Access Secret. Next time use PANDAPON_ACCESS_SECRET, or leave it out and type it when asked.');
	}
	if (opts.probeRejectedWrites) {
		console.warn('!! --probe-rejected-writes is ON: two write operations will be sent with an empty body PandaPon must reject.');
	}
	console.log(`Probing ${new URL(opts.baseUrl).origin} (read-only${opts.probeRejectedWrites ? ' + rejected writes' : ''}, at most ${opts.maxRequests} requests)…`);
	const secrets = [opts.accessKey, opts.accessSecret];
	let run;
	try {
		run = await runProbe({ ...opts, log: (line) => console.log(redact(line, secrets)) });
	} catch (error) {
		console.error(`The probe failed: ${redact(String((error as Error)?.message ?? error), secrets)}`);
		process.exit(1);
	}
	const files = writeReports(opts.out, toMarkdown(run), toJson(run));
	const s = run.result.signing;
	console.log('');
	console.log(
		s.settled
			? `Signature accepted: ${s.settled.construction}, timestamp in ${s.settled.timestampUnit}.`
			: 'No known signature construction was accepted: check the keys and the user id.',
	);
	if (run.result.stopped) console.log(`Stopped early: ${run.result.stopped}.`);
	console.log(`Report: ${files.md}\nJSON:   ${files.json}\nPlease attach both to an issue. They hold no keys, signatures or nonces.`);
}

if (require.main === module) void main();
