/**
 * The scanner rules (scripts/scan.mjs, n8n's scan-community-package config) catch what n8n's
 * scanner would, and an inline eslint-disable hides nothing from them, as it hides nothing from n8n.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

const root = path.resolve(__dirname, '../..');

/** Runs scripts/scan.mjs's analyze() on a folder in a separate Node process (the script is ESM). */
function analyze(dir: string, patterns: 'source' | 'tarball') {
	const script = `
		import { analyze, inlineDirectives } from ${JSON.stringify(path.join(root, 'scripts/scan.mjs'))};
		import { SOURCE_FILE_PATTERNS, TARBALL_FILE_PATTERNS } from ${JSON.stringify(path.join(root, 'eslint.config.mjs'))};
		const r = await analyze(${JSON.stringify(dir)}, ${patterns === 'source' ? 'SOURCE_FILE_PATTERNS' : 'TARBALL_FILE_PATTERNS'});
		console.log(JSON.stringify({ ...r, directives: inlineDirectives(${JSON.stringify(dir)}) }));`;
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
	return JSON.parse(out) as { files: number; errors: number; report: string; directives: string[] };
}

describe('scanner rules', () => {
	let dir: string;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-scan-'));
		const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
		delete pkg.author.email;
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
		fs.mkdirSync(path.join(dir, 'nodes/Thing'), { recursive: true });
		const code = [
			"import type { INodeProperties } from 'n8n-workflow';",
			'const first = "a";',
			'export const props: INodeProperties[] = [',
			'\t// eslint-disable-next-line n8n-nodes-base/node-param-default-missing',
			"\t{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'A', value: 'a' }], default: [first][0] },",
			'];',
			'// eslint-disable-next-line no-console',
			'console.log(props);',
		].join('\n');
		fs.writeFileSync(path.join(dir, 'nodes/Thing/props.ts'), code);
		fs.mkdirSync(path.join(dir, 'dist'));
		fs.writeFileSync(path.join(dir, 'dist/props.js'), '// eslint-disable-next-line no-console\nconsole.log(1);\n');
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('report what the scanner reports on the source, eslint-disable comments notwithstanding', () => {
		const r = analyze(dir, 'source');
		expect(r.files).toBe(2); // package.json and nodes/**: dist/ is not source
		expect(r.report).toContain('@n8n/community-nodes/valid-author');
		expect(r.report).toContain('n8n-nodes-base/node-param-default-missing');
		expect(r.report).toContain('no-console');
		expect(r.errors).toBe(3);
		expect(r.directives).toEqual(['nodes/Thing/props.ts:4', 'nodes/Thing/props.ts:7']);
	});

	it('lint compiled .js and package.json in the tarball', () => {
		const r = analyze(dir, 'tarball');
		expect(r.files).toBe(2);
		expect(r.report).toContain('dist/props.js');
		expect(r.report).toContain('valid-author');
	});
});
