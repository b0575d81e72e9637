#!/usr/bin/env node
// Checks that eslint.config.mjs `scanConfig` is the scanner's config: installs the pinned
// @n8n/scan-community-package into a temporary folder (npm registry; no install scripts), then for
// each kind of file the scanner lints compares the rules (name, severity, options) and parser that
// ESLint resolves from its buildScanConfig() and from ours, and the versions of the plugins that
// implement those rules. The scanner is not a dev dependency: it pins TypeScript 7, outside
// typescript-eslint's peer range, and would drag a second toolchain into every install.
//
//   node scripts/scan-config-check.mjs [version]   (default: the version in SCANNER_VERSION)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { ESLint } from 'eslint';

import { TARBALL_FILE_PATTERNS, scanConfig } from '../eslint.config.mjs';

export const SCANNER_VERSION = '0.32.0';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One path per file kind the scanner lints, in the source checkout and in the tarball. */
const SAMPLE_FILES = [
	'package.json',
	'nodes/PandaPon/PandaPon.node.ts',
	'nodes/PandaPon/PandaPon.node.json',
	'credentials/PandaPonApi.credentials.ts',
	'dist/nodes/PandaPon/PandaPon.node.js',
	'dist/credentials/PandaPonApi.credentials.js',
	'dist/nodes/PandaPon/PandaPon.node.json',
];

/** The implementations behind the rules: the scanner's resolved versions must be ours. */
const PLUGINS = ['@n8n/eslint-plugin-community-nodes', 'eslint-plugin-n8n-nodes-base', '@typescript-eslint/parser', 'eslint'];

const SEVERITY = { off: 0, warn: 1, error: 2 };

function normalizeRules(rules) {
	const out = {};
	for (const [name, entry] of Object.entries(rules ?? {})) {
		const [level, ...options] = Array.isArray(entry) ? entry : [entry];
		const severity = typeof level === 'string' ? SEVERITY[level] : level;
		if (severity === 0) continue; // an off rule and an absent one lint the same
		out[name] = JSON.stringify([severity, ...options]);
	}
	return out;
}

async function resolved(config, file) {
	const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
	const c = await eslint.calculateConfigForFile(path.join(ROOT, file));
	if (!c) return { rules: {}, parser: 'none (file not linted)' };
	const parser = c.languageOptions?.parser;
	return { rules: normalizeRules(c.rules), parser: parser?.meta?.name ?? (parser?.version ? `espree ${parser.version}` : 'custom') };
}

function versionOf(requireFrom, name) {
	let dir = path.dirname(requireFrom.resolve(name));
	while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
		dir = path.dirname(dir);
	}
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

export async function compare(version = SCANNER_VERSION) {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scanner-'));
	try {
		fs.writeFileSync(path.join(tmp, 'package.json'), JSON.stringify({ name: 'scanner-config-check', private: true }));
		execFileSync(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `@n8n/scan-community-package@${version}`],
			{ cwd: tmp, stdio: ['ignore', 'ignore', 'inherit'] },
		);
		const scannerDir = path.join(tmp, 'node_modules', '@n8n', 'scan-community-package');
		const scanner = await import(pathToFileURL(path.join(scannerDir, 'scanner', 'scanner.mjs')).href);
		const theirs = await scanner.buildScanConfig();
		const problems = [];

		const requireTheirs = createRequire(path.join(scannerDir, 'package.json'));
		const requireOurs = createRequire(path.join(ROOT, 'package.json'));
		for (const name of PLUGINS) {
			const a = versionOf(requireTheirs, name);
			const b = versionOf(requireOurs, name);
			if (a !== b) problems.push(`${name}: scanner uses ${a}, we use ${b}`);
		}

		let ruleCount = 0;
		for (const file of SAMPLE_FILES) {
			const [a, b] = await Promise.all([resolved(theirs, file), resolved(scanConfig, file)]);
			if (a.parser !== b.parser) problems.push(`${file}: parser ${a.parser} (scanner) vs ${b.parser} (ours)`);
			for (const name of new Set([...Object.keys(a.rules), ...Object.keys(b.rules)])) {
				if (a.rules[name] !== b.rules[name]) {
					problems.push(`${file}: ${name} is ${a.rules[name] ?? 'off'} in the scanner, ${b.rules[name] ?? 'off'} in ours`);
				}
			}
			ruleCount += Object.keys(a.rules).length;
			console.log(`${file}: ${Object.keys(a.rules).length} rules on (scanner), ${Object.keys(b.rules).length} (ours), parser ${a.parser}`);
		}
		// How it runs ESLint and what it lints in the tarball are not exported: read them in its source.
		const source = fs.readFileSync(path.join(scannerDir, 'scanner', 'scanner.mjs'), 'utf8');
		const tarballCall = `analyzePackage(packageDir, ${JSON.stringify(TARBALL_FILE_PATTERNS).replaceAll('"', "'").replaceAll(',', ', ')})`;
		if (!source.includes(tarballCall)) problems.push(`the scanner no longer lints the tarball with ${tarballCall}`);
		if (!source.includes('allowInlineConfig: false')) problems.push('the scanner no longer turns inline config off');
		const patterns = JSON.stringify(scanner.SOURCE_FILE_PATTERNS);
		const ours = JSON.stringify((await import('../eslint.config.mjs')).SOURCE_FILE_PATTERNS);
		if (patterns !== ours) problems.push(`SOURCE_FILE_PATTERNS: scanner ${patterns}, ours ${ours}`);
		return { version, problems, ruleCount };
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { version, problems, ruleCount } = await compare(process.argv[2]);
	if (problems.length) {
		console.log(`eslint.config.mjs differs from @n8n/scan-community-package@${version}:`);
		for (const p of problems) console.log(`  ${p}`);
		process.exitCode = 1;
	} else {
		console.log(`eslint.config.mjs matches @n8n/scan-community-package@${version} (${ruleCount} rule settings compared)`);
	}
}
