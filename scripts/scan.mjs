#!/usr/bin/env node
// Runs n8n's package scanner rules the way @n8n/scan-community-package 0.32.0 does before n8n
// verifies a community package: its ESLint config (eslint.config.mjs `scanConfig`) with inline
// configuration off, once on the source (SOURCE_FILE_PATTERNS) and once on what `npm pack`
// publishes (compiled .js + package.json). Also refuses eslint-disable comments in shipped sources:
// the scanner ignores them, so they only hide from us what it will report.
//
//   node scripts/scan.mjs            both legs (packs the built dist/: run `npm run build` first)
//   node scripts/scan.mjs --source   source only
//   node scripts/scan.mjs --tarball  tarball only
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import glob from 'fast-glob';

import { SOURCE_FILE_PATTERNS, TARBALL_FILE_PATTERNS, scanConfig } from '../eslint.config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the scanner's analyzePackage does: same options, same file selection, same ignores. */
export async function analyze(dir, patterns) {
	const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig });
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results.filter((r) => r.errorCount > 0));
	return { files: files.length, errors, warnings, report };
}

/** Packs the package as `npm publish` would and unpacks it into a fresh folder. */
export function packAndUnpack() {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8' });
	const [{ filename }] = JSON.parse(out); // --json: stdout is the JSON alone (notices go to stderr)
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', path.join(tmp, path.basename(filename)), '-C', dir, '--strip-components=1']);
	return { tmp, dir };
}

/** Inline ESLint directives in nodes/ and credentials/ (files and 1-based lines). */
export function inlineDirectives(root = ROOT) {
	const found = [];
	for (const rel of glob.sync('{nodes,credentials}/**/*.{js,ts}', { cwd: root })) {
		fs.readFileSync(path.join(root, rel), 'utf8')
			.split('\n')
			.forEach((line, i) => {
				if (/\/[/*]\s*eslint(-disable|-enable|\s)/.test(line)) found.push(`${rel}:${i + 1}`);
			});
	}
	return found;
}

async function main() {
	const args = new Set(process.argv.slice(2));
	const legs = args.has('--source') || args.has('--tarball') ? args : new Set(['--source', '--tarball']);
	let failed = false;
	const print = (name, r) => {
		console.log(`scanner rules on the ${name}: ${r.files} files, ${r.errors} errors, ${r.warnings} warnings`);
		if (r.errors) console.log(r.report);
		failed ||= r.errors > 0;
	};
	if (legs.has('--source')) {
		print('source', await analyze(ROOT, SOURCE_FILE_PATTERNS));
		const directives = inlineDirectives();
		console.log(`inline eslint directives in nodes/ and credentials/: ${directives.length}`);
		for (const d of directives) console.log(`  ${d}`);
		failed ||= directives.length > 0;
	}
	if (legs.has('--tarball')) {
		const { tmp, dir } = packAndUnpack();
		try {
			print('packed tarball', await analyze(dir, TARBALL_FILE_PATTERNS));
		} finally {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	}
	process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
