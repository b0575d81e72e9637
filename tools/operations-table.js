#!/usr/bin/env node
// Prints the README's operations table from the built node (dist/): each record's `apiDocs` and
// `apiNote` are the one source, so the README can't drift from the notices the editor shows.
// test/package/packaging.test.ts fails when the README's table differs.
// Usage: npm run build && node tools/operations-table.js
const path = require('path');

const root = path.resolve(__dirname, '..');
const { OPERATIONS, RESOURCES } = require(path.join(root, 'dist/nodes/PandaPon/operations'));

const API_DOCS = { documented: 'documented', partial: 'partial', inferred: '**inferred**' };

function table() {
	const rows = ['| Resource | Operation | Method and path | API docs | Note |', '|---|---|---|---|---|'];
	for (const resource of RESOURCES) {
		const ops = OPERATIONS.filter((o) => o.resource === resource.value).sort((a, b) => a.name.localeCompare(b.name));
		for (const op of ops) {
			const custom = op.catalogId === 'custom';
			const where = custom ? 'any' : `${op.method} \`${op.path}\``;
			const docs = custom ? '—' : `${API_DOCS[op.apiDocs]}${op.path.startsWith('/v2/') ? ' (v2 path)' : ''}`;
			rows.push(`| ${resource.name} | ${op.name} | ${where} | ${docs} | ${op.apiNote ?? ''} |`);
		}
	}
	return rows.join('\n');
}

/** The README with its table between the operations markers replaced by `table()`. */
function withTable(readme) {
	return readme.replace(/(<!-- operations:start -->\n)[\s\S]*?(\n<!-- operations:end -->)/, `$1${table()}$2`);
}

module.exports = { table, withTable };

if (require.main === module) {
	if (process.argv.includes('--write')) {
		const fs = require('fs');
		const file = path.join(root, 'README.md');
		fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8')));
	} else {
		process.stdout.write(table() + '\n');
	}
}
