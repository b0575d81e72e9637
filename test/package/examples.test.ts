import * as fs from 'fs';
import * as path from 'path';

// n8n imports a workflow by its id: two examples with one id would overwrite each other, and two
// triggers with one webhookId would claim the same URL.
const dir = path.join(__dirname, '..', '..', 'examples');
const examples = fs
	.readdirSync(dir)
	.filter((f) => f.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { id: string; nodes: Array<{ webhookId?: string }> } }));

describe('example workflows', () => {
	it('each has an id of its own', () => {
		const ids = examples.map((e) => e.workflow.id);
		expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('each trigger has a webhookId of its own', () => {
		const hooks = examples.flatMap((e) => e.workflow.nodes.map((n) => n.webhookId).filter((id): id is string => id !== undefined));
		expect(hooks.length).toBeGreaterThan(0);
		expect(new Set(hooks).size).toBe(hooks.length);
	});
});
