// n8n-core reads its user folder when it starts: keep every test file in a fresh temporary one,
// never the home folder (test/helpers/n8n-user-folder.js; test/unit/home.test.ts proves it).
const { useTemporaryN8nUserFolder } = require('./helpers/n8n-user-folder');

if (!process.env.N8N_USER_FOLDER_FIXED) {
	delete process.env.N8N_USER_FOLDER;
	useTemporaryN8nUserFolder();
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
