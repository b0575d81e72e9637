/**
 * The repository is self-contained: no code, comment or document points at files outside it
 * (the sandbox's catalog is sandbox/catalog.json, nothing else).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const OUTSIDE = /\bshared\/pandapon-api\b|\/work\//;
/** A relative path that climbs out of the repository from the file that holds it. */
const RELATIVE = /(?:\.\.\/)+[\w.-]+/g;
const leavesRoot = (file: string, text: string) =>
	[...text.matchAll(RELATIVE)].some((m) => path.relative(root, path.resolve(root, path.dirname(file), m[0])).startsWith('..'));

it('no tracked file refers to a path outside the repository', () => {
	const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
		.split('\0')
		.filter((f) => f && !f.endsWith('package-lock.json') && /\.(ts|js|mjs|json|md|yml|yaml)$|^\.ci\//.test(f));
	expect(files.length).toBeGreaterThan(50);
	const offenders = files.filter((f) => fs.existsSync(path.join(root, f)) && (OUTSIDE.test(fs.readFileSync(path.join(root, f), 'utf8')) || leavesRoot(f, fs.readFileSync(path.join(root, f), 'utf8'))));
	expect(offenders).toEqual([]);
});
