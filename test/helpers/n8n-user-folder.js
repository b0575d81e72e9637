'use strict';
/**
 * n8n-core keeps its settings (an encryption key in `.n8n/config`) in N8N_USER_FOLDER, or in the
 * home folder when that is unset. Loaded before n8n-core by every harness (jest's setup file, the
 * engine and trigger harnesses, the bench), it points n8n-core at a fresh temporary folder so
 * nothing is ever written to the user's home. A folder created here for a script is removed when
 * the process exits; jest's per-file folders stay in the system's temporary folder.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

/** Sets N8N_USER_FOLDER to a new temporary folder unless one is set; returns the folder. */
function useTemporaryN8nUserFolder({ removeOnExit = false } = {}) {
	if (process.env.N8N_USER_FOLDER) return process.env.N8N_USER_FOLDER;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pandapon-n8n-'));
	process.env.N8N_USER_FOLDER = folder;
	if (removeOnExit) process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
	return folder;
}

// Jest's setup file (test/setup-env.js) gives each test file its own folder instead.
if (!process.env.JEST_WORKER_ID) useTemporaryN8nUserFolder({ removeOnExit: true });

module.exports = { useTemporaryN8nUserFolder };
