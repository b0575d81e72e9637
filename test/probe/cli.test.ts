/** `npm run probe` as a user runs it: keys from the environment, a report and JSON on disk, nothing secret printed. */
import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { useSandbox } from '../helpers/sandbox';

const root = path.resolve(__dirname, '../..');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
	return new Promise((resolve) => {
		execFile(
			process.execPath,
			[path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'tools/probe/cli.ts'), ...args],
			{ cwd: root, env: { ...process.env, ...env }, timeout: 60000 },
			(error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
		);
	});
}

describe('npm run probe (CLI)', () => {
	const { sb } = useSandbox();
	let dir: string;

	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-probe-'));
	});
	afterAll(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('writes the Markdown report and the JSON beside it, and prints neither key', async () => {
		const out = path.join(dir, 'report.md');
		const { code, out: printed } = await runCli(['--base-url', sb.url, '--interval-ms', '0', '--out', out], {
			PANDAPON_ACCESS_KEY: sb.credentials.accessKey,
			PANDAPON_ACCESS_SECRET: sb.credentials.accessSecret,
			PANDAPON_USER_ID: sb.credentials.userId,
		});
		expect(code).toBe(0);
		expect(printed).toMatch(/Signature accepted: documented, timestamp in milliseconds/);
		const md = fs.readFileSync(out, 'utf8');
		const json = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
		expect(md).toMatch(/^# PandaPon API probe report/);
		expect(json.signing.settled.construction).toBe('documented');
		expect(json.operations.length).toBeGreaterThan(60);
		for (const text of [printed, md, JSON.stringify(json)]) {
			expect(text).not.toContain(sb.credentials.accessSecret);
			expect(text).not.toContain(sb.credentials.accessKey);
		}
	});

	it('refuses to start without keys, naming what is missing, and sends nothing', async () => {
		const before = sb.counters().total;
		const { code, out } = await runCli(['--base-url', sb.url], { PANDAPON_ACCESS_KEY: '', PANDAPON_ACCESS_SECRET: '', PANDAPON_USER_ID: '' });
		expect(code).toBe(2);
		expect(out).toMatch(/Missing --access-key \(or PANDAPON_ACCESS_KEY\)/);
		expect(sb.counters().total).toBe(before);
	});
});
