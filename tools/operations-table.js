#!/usr/bin/env node
// Prints the README's operations table from the built node (dist/) and the API catalog, so the
// README can't drift from the code: test/unit/readme.test.ts fails when they differ.
// Usage: npm run build && node tools/operations-table.js
const path = require('path');

const root = path.resolve(__dirname, '..');
const { OPERATIONS, RESOURCES } = require(path.join(root, 'dist/nodes/PandaPon/operations'));
const catalog = require(path.join(root, 'sandbox/catalog.json'));

const byId = new Map(catalog.operations.map((o) => [o.id, o]));
const STATUS = {
	documented: 'documented',
	'documented-v2': 'documented (v2 path)',
	partial: 'partial',
	inferred: '**inferred**',
};

function table() {
	const rows = ['| Resource | Operation | Method and path | API docs |', '|---|---|---|---|'];
	for (const resource of RESOURCES) {
		const ops = OPERATIONS.filter((o) => o.resource === resource.value).sort((a, b) => a.name.localeCompare(b.name));
		for (const op of ops) {
			const entry = byId.get(op.catalogId);
			const where = op.catalogId === 'custom' ? 'any' : `${op.method} \`${op.path}\``;
			const status = op.catalogId === 'custom' ? '—' : STATUS[entry?.status] ?? 'unknown';
			rows.push(`| ${resource.name} | ${op.name} | ${where} | ${status} |`);
		}
	}
	return rows.join('\n');
}

module.exports = { table };

if (require.main === module) process.stdout.write(table() + '\n');
