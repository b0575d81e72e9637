/**
 * Nothing the tests or the bench run writes to the user's home folder: n8n-core would otherwise
 * create `~/.n8n/config`. Each check runs in a child process whose HOME is a fresh, empty folder
 * and which has no N8N_USER_FOLDER of its own, then asserts that folder is still empty.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const root = path.resolve(__dirname, '../..');

/** The environment of a child started by a user: a fresh HOME, no folder chosen for n8n-core. */
function freshHome(): { home: string; env: NodeJS.ProcessEnv } {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-home-'));
	const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
	for (const name of ['N8N_USER_FOLDER', 'N8N_USER_FOLDER_FIXED', 'JEST_WORKER_ID']) delete env[name];
	return { home, env };
}

/** Every path below `folder`, relative to it. */
function contents(folder: string): string[] {
	return fs.readdirSync(folder, { recursive: true }).map(String).sort();
}

const homes: string[] = [];
afterAll(() => {
	for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

it("the bench's engine loader runs a workflow and leaves HOME empty, its own folder removed", () => {
	const { home, env } = freshHome();
	homes.push(home);
	const child = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['test/home/engine-run.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
	expect(child.stderr).toBe('');
	expect(child.status).toBe(0);
	const report = JSON.parse(child.stdout.trim().split('\n').pop() as string);
	expect(report).toMatchObject({ ran: true, configInUserFolder: true });
	expect(report.userFolder.startsWith(os.tmpdir())).toBe(true);
	expect(fs.existsSync(report.userFolder)).toBe(false);
	expect(contents(home)).toEqual([]);
});

it('a jest run of an engine test leaves HOME empty', () => {
	const { home, env } = freshHome();
	homes.push(home);
	const child = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/jest/bin/jest.js'), '--ci', 'test/engine/errors.test.ts', '-t', 'refused request stops the run'],
		{ cwd: root, env, encoding: 'utf8', timeout: 120_000 },
	);
	expect(child.stderr).toMatch(/Tests:.* 1 passed/);
	expect(child.status).toBe(0);
	expect(contents(home)).toEqual([]);
}, 150_000);
