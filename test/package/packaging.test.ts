/**
 * The published package: n8n paths exist after the build, `npm pack` ships exactly the build output
 * (no sources, declarations, maps, tests or sandbox) with README, LICENSE and CHANGELOG,
 * and the README's operations table matches the code. Run after `npm run build` (npm test does).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import { PackageDirectoryLoader } from 'n8n-core';
import type { INodeType } from 'n8n-workflow';
import path from 'path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package', () => {
	it('has the community-node essentials and no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-pandapon');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(pkg.main).toBeUndefined(); // n8n reads n8n.nodes / n8n.credentials; there is no index.js
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
	});

	it('every n8n node and credential path exists in dist after the build, with its icons', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(file).toMatch(/^dist\/.*\.js$/);
			expect(fs.existsSync(path.join(root, file))).toBe(true);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const exported = require(path.join(root, file))[path.basename(file).split('.')[0]] as new () => {
				icon?: { light: string; dark: string };
				description?: { icon?: { light: string; dark: string } };
			};
			const icon = new exported().description?.icon ?? new exported().icon;
			for (const variant of [icon!.light, icon!.dark]) {
				const iconFile = path.join(root, path.dirname(file), variant.replace(/^file:/, ''));
				expect(fs.existsSync(iconFile)).toBe(true);
			}
		}
	});

	it("n8n's package loader serves every node's and the credential's icon from inside the package", async () => {
		const loader = new PackageDirectoryLoader(root);
		await loader.loadAll();
		const described = [
			...Object.values(loader.nodeTypes).map((n) => (n.type as INodeType).description),
			...Object.values(loader.credentialTypes).map((c) => c.type),
		];
		expect(described).toHaveLength(pkg.n8n.nodes.length + pkg.n8n.credentials.length);
		for (const d of described) {
			const { light, dark } = d.iconUrl as { light: string; dark: string };
			// The one mark in dist/icons/, as the URL n8n's icon route resolves within the package
			expect({ light, dark }).toEqual({ light: `icons/${pkg.name}/dist/icons/pandapon.svg`, dark: `icons/${pkg.name}/dist/icons/pandapon.dark.svg` });
		}
	});

	it('npm pack ships exactly the compiled nodes, credentials, icons and codex files, README, LICENSE, CHANGELOG', () => {
		const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
		const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path).sort();
		// What the build must produce from the sources: one .js per .ts, the codex .json and the icons.
		const sources = (dir: string): string[] =>
			fs.readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
		const expected = [...sources('nodes'), ...sources('credentials'), ...sources('icons')]
			.map((f) => `dist/${f.replace(/\.ts$/, '.js')}`)
			.concat(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'])
			.sort();
		expect(files).toEqual(expected);
		// No sources, declarations, maps, tests or sandbox.
		expect(files.filter((f) => /\.ts$|\.map$|\.test\.|sandbox|^test\/|^e2e\//.test(f))).toEqual([]);
		for (const kind of ['.js', '.json']) {
			expect(files.some((f) => f.startsWith('dist/nodes/PandaPon/') && f.endsWith(kind))).toBe(true);
		}
		expect(files).toEqual(
			expect.arrayContaining(['dist/credentials/PandaPonApi.credentials.js', 'dist/nodes/PandaPon/PandaPon.node.json', 'dist/icons/pandapon.svg', 'dist/icons/pandapon.dark.svg']),
		);
	});

	it("the README's operations table matches the node's operations", () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { table } = require(path.join(root, 'tools/operations-table.js'));
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const between = readme.split('<!-- operations:start -->')[1].split('<!-- operations:end -->')[0].trim();
		expect(between).toBe(table());
	});
});
