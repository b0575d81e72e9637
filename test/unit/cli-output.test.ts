/**
 * Reading `n8n execute --rawOutput`: n8n logs to the same stdout as the run data, before and
 * after it, so e2e/lib/n8n.js takes the first complete JSON object that is a run.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { firstJsonValue, runDataIn } = require('../../e2e/lib/n8n.js') as {
	firstJsonValue: (text: string, accept?: (v: unknown) => boolean) => unknown;
	runDataIn: (stdout: string) => { status?: string; data: { resultData: Record<string, unknown> } } | undefined;
};

const run = { status: 'success', data: { resultData: { runData: { PandaPon: [{ data: { main: [[{ json: { note: 'a } and a " and {' } }]] } }] } } } };
const printed = JSON.stringify(run, null, 2);

describe('n8n execute output', () => {
	it('reads the run data when n8n logs a line after it (the task runner registering late)', () => {
		const stdout = `${printed}\nRegistered runner "JS Task Runner" (vqQ3jFx5Yw1Fb5Gr2cnDe)\n`;
		expect(() => JSON.parse(stdout.slice(stdout.indexOf('{')))).toThrow(); // what the first-brace-to-the-end parse did
		expect(runDataIn(stdout)).toEqual(run);
	});

	it('skips log lines before it, including ones that look like JSON or open a brace they never close', () => {
		const stdout = ['{ unbalanced log line', '{"level":"info","msg":"Loading nodes"}', 'Task runner ready', printed, 'Shutting down {'].join('\n');
		expect(runDataIn(stdout)).toEqual(run);
		expect(firstJsonValue(stdout)).toEqual({ level: 'info', msg: 'Loading nodes' });
	});

	it('reports no run data when the JSON is cut off or absent', () => {
		expect(runDataIn(printed.slice(0, -3))).toBeUndefined();
		expect(runDataIn('Execution was NOT successful. See log message for details.\n')).toBeUndefined();
	});
});
