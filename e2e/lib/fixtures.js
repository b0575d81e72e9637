'use strict';
/** Credentials and workflow files fed to `n8n import:*`, shared by `npm start` and the tests. */
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./n8n');

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The id and name the example workflows reference for their PandaPon credential. */
const SANDBOX_CREDENTIAL = { id: 'PandaPonSandbox1', name: 'PandaPon sandbox' };

function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** n8n's import format: plain `data` is encrypted with the instance key on import. */
function pandaPonCredential(sandbox, { id = SANDBOX_CREDENTIAL.id, name = SANDBOX_CREDENTIAL.name, accessSecret } = {}) {
	return {
		id,
		name,
		type: 'pandaPonApi',
		data: {
			accessKey: sandbox.credentials.accessKey,
			accessSecret: accessSecret ?? sandbox.credentials.accessSecret,
			userId: sandbox.credentials.userId,
			baseUrl: sandbox.url,
			timestampUnit: 'milliseconds',
		},
	};
}

/** The production webhook URL of the first PandaPon Trigger among the examples (for sandbox pushes). */
function triggerWebhookUrl(n8nBaseUrl) {
	for (const { workflow } of readExamples()) {
		const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-pandapon.pandaPonTrigger');
		// The trigger's webhook path is "webhook"; n8n serves it below the node's webhookId.
		if (trigger) return { workflowId: workflow.id, url: `${n8nBaseUrl.replace(/\/$/, '')}/webhook/${trigger.webhookId}/webhook` };
	}
	throw new Error('No example workflow has a PandaPon Trigger');
}

function writeJson(file, data) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

module.exports = { EXAMPLES_DIR, SANDBOX_CREDENTIAL, pandaPonCredential, readExamples, triggerWebhookUrl, writeJson };
