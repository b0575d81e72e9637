/**
 * Loads n8n's engine the way `npm run bench` does (same harness modules, same order) and runs one
 * PandaPon workflow against the sandbox. test/unit/home.test.ts runs it with a fresh HOME and
 * checks that nothing was written there. Prints where n8n-core kept its settings.
 */
import '../helpers/n8n-user-folder';
import fs from 'fs';
import path from 'path';

import { runPandaPon, shutdownEngine } from '../helpers/engine';
import { startTestSandbox } from '../helpers/sandbox';
import '../trigger/harness';

async function main() {
	const sb = await startTestSandbox();
	try {
		const itemId = String(sb.state.taobao.productList[0].itemId);
		const { items, error } = await runPandaPon(
			{ resource: 'taobaoProduct', operation: 'get', itemId: { __rl: true, mode: 'id', value: itemId } },
			sb.nodeCredentials,
		);
		const userFolder = String(process.env.N8N_USER_FOLDER);
		const report = {
			ran: error === undefined && items.length === 1,
			error: error?.message,
			userFolder,
			configInUserFolder: fs.existsSync(path.join(userFolder, '.n8n', 'config')),
		};
		process.stdout.write(JSON.stringify(report) + '\n');
	} finally {
		await sb.close();
		shutdownEngine();
	}
}

main().catch((error) => {
	process.stderr.write(String(error?.stack ?? error) + '\n');
	process.exit(1);
});
