// n8n-core reads its user folder at import time: keep every test run in a fresh temporary one.
const fs = require('fs');
const os = require('os');
const path = require('path');

if (!process.env.N8N_USER_FOLDER_FIXED) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-n8n-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
