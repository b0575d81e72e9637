/**
 * `npx tsx bench/profile.ts [items] [folder]`: where the CPU of scenario 3 goes. Both nodes run once
 * unmeasured (warm-up), then once each under V8's profiler; `PandaPon.cpuprofile` and
 * `HttpRequest.cpuprofile` land in the folder (default: the current one) for Chrome DevTools or VS Code.
 * `npm run build` first: it runs the built node.
 */
import '../test/helpers/n8n-user-folder';
import { writeFileSync } from 'fs';
import { Session } from 'inspector';
import path from 'path';

import type { INode } from 'n8n-workflow';

import { runWorkflow, shutdownEngine } from '../test/helpers/engine';
import { getProductNodes, loadHttpRequestNode, sandboxProcess } from './run';

const items = Number(process.argv[2] ?? 3000);
const folder = process.argv[3] ?? '.';

const session = new Session();
session.connect();
const post = (method: string) =>
	new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));

async function main() {
	await loadHttpRequestNode();
	const { creds, child } = await sandboxProcess();
	// the bench's product: the sandbox's first Taobao product
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { FIXTURES } = require('../sandbox/state.js') as { FIXTURES: { taobao: { itemId: string } } };
	const input = Array.from({ length: items }, () => ({ itemId: FIXTURES.taobao.itemId }));
	const nodes = getProductNodes(creds.baseUrl);
	const run = async (name: string, node: INode, profile?: string) => {
		if (profile) {
			await post('Profiler.enable');
			await post('Profiler.start');
		}
		const before = process.cpuUsage();
		await runWorkflow({ nodes: [node], credentials: creds, input });
		const used = process.cpuUsage(before);
		if (profile) writeFileSync(profile, JSON.stringify(((await post('Profiler.stop')) as { profile: unknown }).profile));
		console.log(`${name}: ${((used.user + used.system) / items).toFixed(0)} µs CPU/item${profile ? ` → ${profile}` : ''}`);
	};
	await run('PandaPon node (warm-up)', nodes.ours);
	await run('HTTP Request node (warm-up)', nodes.http);
	await run('PandaPon node', nodes.ours, path.join(folder, 'PandaPon.cpuprofile'));
	await run('HTTP Request node', nodes.http, path.join(folder, 'HttpRequest.cpuprofile'));
	child.kill();
	shutdownEngine();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
