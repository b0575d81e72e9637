'use strict';
/**
 * Running a real n8n with this package loaded: install it from e2e/n8n's lockfile, link the
 * package where n8n looks for community packages, start it in its own process group, and talk
 * to its REST API. Shared by `npm start`, `npm run test:e2e` and `npm run test:compat`.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = require(path.join(ROOT, 'package.json')).name;

/** A fixed key so imported credentials stay readable across restarts of the same user folder. */
const ENCRYPTION_KEY = 'pandapon-local-n8n-encryption-key';

const OWNER = {
	email: 'owner@pandapon.local',
	password: 'PandaPon-local-1',
	firstName: 'Panda',
	lastName: 'Pon',
};

const log = (...args) => console.log('[n8n]', ...args);

/** Where `n8n` is installed for a given folder (e2e/n8n or e2e/n8n-latest). */
function n8nBin(dir) {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function installedVersion(dir) {
	try {
		return require(path.join(dir, 'node_modules', 'n8n', 'package.json')).version;
	} catch {
		return undefined;
	}
}

/**
 * Installs n8n into `dir` with `npm ci` (the folder's own package.json + lockfile, which carry the
 * overrides n8n needs and the install-script policy). Skips when the pinned version is present.
 * npm shows no progress bar when its output is not a terminal, so a heartbeat line every 15 s
 * says how much has been written to disk so far (free-space delta of the file system: cheap, and
 * close enough while nothing else writes much).
 */
async function ensureN8n(dir, { npm = 'npm', env = process.env } = {}) {
	const wanted = require(path.join(dir, 'package.json')).dependencies.n8n;
	const have = installedVersion(dir);
	if (have === wanted && fs.existsSync(n8nBin(dir))) return { installed: false, ms: 0 };
	log(`installing n8n ${wanted} into ${path.relative(ROOT, dir)}/ (one time, about 5 minutes, ~2 GB)...`);
	const started = Date.now();
	const child = spawn(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	const freeBytes = () => {
		const s = fs.statfsSync(dir);
		return s.bavail * s.bsize;
	};
	const freeAtStart = freeBytes();
	const beat = setInterval(() => {
		const mb = Math.max(0, Math.round((freeAtStart - freeBytes()) / 1e6));
		log(`  still installing: ${Math.round((Date.now() - started) / 1000)} s, about ${mb} MB of ~2300 MB written`);
	}, 15000);
	const code = await new Promise((resolve) => child.on('close', resolve));
	clearInterval(beat);
	if (code !== 0) throw new Error(`npm ci in ${dir} failed with exit code ${code}`);
	const ms = Date.now() - started;
	log(`n8n ${installedVersion(dir)} installed in ${Math.round(ms / 1000)} s`);
	return { installed: true, ms };
}

/**
 * n8n loads community packages from <user folder>/.n8n/nodes/node_modules/n8n-nodes-*, reading
 * `n8n.nodes` / `n8n.credentials` from their package.json, so node types get the package name
 * as prefix (n8n-nodes-pandapon.pandaPon). N8N_CUSTOM_EXTENSIONS would load the same files under
 * the prefix CUSTOM instead, which would not match the example workflows.
 *
 * `npm start` links the repository (a rebuild + restart picks up changes). Tests copy what the
 * package publishes (package.json + dist/) instead, so a rebuild running in the same working
 * tree cannot swap files under an n8n process that is loading them. The copy sits inside the
 * repository, so `require('n8n-workflow')` still resolves (n8n also sets NODE_PATH to its own).
 */
function linkPackage(userFolder, { copy = false } = {}) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	let current;
	try {
		current = fs.readlinkSync(target);
	} catch {
		current = undefined;
	}
	if (!(current === ROOT && !copy)) {
		fs.rmSync(target, { recursive: true, force: true });
		if (copy) {
			fs.mkdirSync(target);
			fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
			fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
		} else {
			fs.symlinkSync(ROOT, target, 'dir');
		}
	}
	// n8n runs `npm` commands in the nodes folder for package management; give it a package.json.
	const manifest = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(manifest)) fs.writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	return target;
}

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Environment for every n8n process of one instance. Telemetry, version checks, templates and
 * banners are off (no calls home, nothing but the registries is reachable in CI anyway); the
 * task runner broker gets its own port so several instances (server + `execute`) can coexist.
 */
function n8nEnv({ userFolder, port, brokerPort, extra = {} }) {
	const env = { ...process.env };
	// An inherited N8N_* from the developer's shell would silently change the instance.
	for (const key of Object.keys(env)) if (key.startsWith('N8N_') || key === 'WEBHOOK_URL') delete env[key];
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		// Lets the AI Agent example use the PandaPon node as a tool (off by default for community nodes).
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...extra,
	};
}

/**
 * One n8n instance: a user folder, a port, and the commands to drive it. `dir` is the folder n8n
 * is installed in, `node` the Node binary to run it with (the compat check uses Node 24).
 */
class N8n {
	constructor({ dir, userFolder, port, brokerPort, node = process.execPath, extraEnv = {}, logFile }) {
		Object.assign(this, { dir, userFolder, port, node, logFile, extraEnv });
		this.env = n8nEnv({ userFolder, port, brokerPort, extra: extraEnv });
		this.url = `http://localhost:${port}`;
		this.cookie = '';
		this.cliChildren = new Set();
	}

	/** Runs an n8n CLI command to completion (import:*, execute...). Returns {code, stdout, stderr}. */
	async cli(args, { brokerPort } = {}) {
		// A CLI run starts its own task runner broker: give it a port of its own.
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort ?? (await freePort())) };
		return await new Promise((resolve) => {
			const child = spawn(this.node, [n8nBin(this.dir), ...args], { env, cwd: this.userFolder, detached: true });
			this.cliChildren.add(child); // stop() ends CLI runs still going (e.g. Ctrl-C during an import)
			child.on('exit', () => this.cliChildren.delete(child));
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
			child.on('close', (code) => resolve({ code, stdout, stderr }));
		});
	}

	/**
	 * Starts `n8n start` in its own process group and waits for the REST API. /healthz/readiness
	 * turns green as soon as the database is migrated, and until the routes are registered every
	 * path answers 200 "n8n is starting up" or 404: wait for the settings JSON instead.
	 * Queue mode's other processes: `command` ['worker'] or ['webhook'], with the `readyUrl` of
	 * their /healthz/readiness.
	 */
	async start(options = {}) {
		// A port found free can be taken by another process before n8n binds it (several n8n
		// instances start side by side in CI). With `newPortOnClash`, such a start is retried on
		// other free ports, twice at most.
		for (let attempt = 0; ; attempt++) {
			try {
				return await this.startOnce(options);
			} catch (error) {
				if (!options.newPortOnClash || attempt >= 2 || !this.portClashed()) throw error;
				this.port = await freePort();
				this.env = n8nEnv({ userFolder: this.userFolder, port: this.port, brokerPort: await freePort(), extra: this.extraEnv });
				this.url = `http://localhost:${this.port}`;
				console.log(`[n8n] port taken by another process while starting; retrying on ${this.port}`);
			}
		}
	}

	/** Whether n8n's log says its port was in use (only readable when it logs to a file). */
	portClashed() {
		if (!this.logFile || !fs.existsSync(this.logFile)) return false;
		return /port \d+ is already in use/.test(fs.readFileSync(this.logFile, 'utf8').slice(-4000));
	}

	async startOnce({ timeoutMs = 180000, inheritOutput = false, command = ['start'], readyUrl = `${this.url}/rest/settings` } = {}) {
		const out = inheritOutput ? 'inherit' : this.logFile ? fs.openSync(this.logFile, 'a') : 'ignore';
		this.child = spawn(this.node, [n8nBin(this.dir), ...command], {
			env: this.env,
			cwd: this.userFolder,
			detached: true, // own process group: stop() ends n8n and its task runner together
			stdio: ['ignore', out, out],
		});
		this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
		const deadline = Date.now() + timeoutMs;
		let exitedEarly;
		this.exited.then((r) => (exitedEarly = r));
		while (Date.now() < deadline) {
			if (exitedEarly) throw new Error(`n8n exited while starting (${JSON.stringify(exitedEarly)}); see ${this.logFile ?? 'its output'}`);
			try {
				const res = await fetch(readyUrl);
				if (res.ok && /json/.test(res.headers.get('content-type') ?? '')) return;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s; see ${this.logFile ?? 'its output'}`);
	}

	/** SIGTERM to the whole process group, SIGKILL after a grace period. */
	async stop(graceMs = 15000) {
		for (const child of this.cliChildren) killGroup(child.pid, 'SIGKILL');
		if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
		killGroup(this.child.pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(this.child.pid, 'SIGKILL'), graceMs);
		await this.exited;
		clearTimeout(timer);
		killGroup(this.child.pid, 'SIGKILL'); // leftovers such as the task runner
	}

	/** REST call with the session cookie; throws with n8n's message on a non-2xx answer. */
	async rest(method, route, body) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'content-type': 'application/json',
				cookie: this.cookie,
				// n8n binds the session to a browser id header; any stable value works for scripts.
				'browser-id': 'pandapon-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!res.ok) {
			const err = new Error(`${method} /rest${route} → HTTP ${res.status}: ${typeof json === 'object' ? json.message : text.slice(0, 300)}`);
			err.status = res.status;
			err.body = json;
			throw err;
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** Creates the owner account on a fresh instance (ignored when it exists) and logs in. */
	async ensureOwnerAndLogin(owner = OWNER) {
		try {
			await this.rest('POST', '/owner/setup', owner);
		} catch (error) {
			if (error.status !== 400) throw error; // 400: the instance already has an owner
		}
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		return owner;
	}

	/**
	 * Imports credentials or workflows with n8n's own CLI, from a JSON file (object or array) or,
	 * for a directory, from every JSON file in it (--separate).
	 */
	async import(kind, input) {
		const separate = fs.statSync(input).isDirectory() ? ['--separate'] : [];
		const r = await this.cli([`import:${kind}`, `--input=${input}`, ...separate]);
		if (r.code !== 0) throw new Error(`n8n import:${kind} ${input} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
		return r;
	}

	/**
	 * `n8n execute --id` in a separate process (the one CLI way to run a saved workflow). Returns
	 * the parsed run data, or the error text when the execution failed. n8n logs to the same
	 * stdout before and after the run data (e.g. `Registered runner "JS Task Runner"` once the
	 * JSON is out), so the run data is the first complete JSON value that looks like a run.
	 */
	async execute(workflowId) {
		const r = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const data = r.code === 0 ? runDataIn(r.stdout) : undefined;
		const ok = data !== undefined && !data.data.resultData.error;
		return { ok, data, output: `${r.stdout}\n${r.stderr}` };
	}

	async activate(workflowId) {
		const wf = await this.rest('GET', `/workflows/${workflowId}`);
		return await this.rest('POST', `/workflows/${workflowId}/activate`, { versionId: wf.versionId });
	}

	/** Executions of a workflow, newest first (summary rows). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.rest('GET', `/executions?filter=${filter}&limit=20`);
		return page.results ?? page;
	}

	async execution(id) {
		return await this.rest('GET', `/executions/${id}`);
	}
}

/**
 * The end (exclusive) of the JSON object or array that starts at `start`, found by counting
 * brackets outside strings; -1 when the text ends first.
 */
function jsonValueEnd(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

/**
 * The first complete JSON object in CLI output that starts a line and satisfies `accept`; log
 * lines before and after it are ignored. undefined when there is none.
 */
function firstJsonValue(text, accept = () => true) {
	const lineStarts = /^\{/gm;
	for (let m = lineStarts.exec(text); m; m = lineStarts.exec(text)) {
		const end = jsonValueEnd(text, m.index);
		if (end < 0) continue; // a log line that opens a brace it never closes
		try {
			const value = JSON.parse(text.slice(m.index, end));
			if (accept(value)) return value;
		} catch {
			// not JSON after all: keep looking
		}
	}
	return undefined;
}

/** The run data (`{ data: { resultData } }`) that `n8n execute --rawOutput` prints. */
function runDataIn(stdout) {
	return firstJsonValue(stdout, (v) => typeof v?.data?.resultData === 'object' && v.data.resultData !== null);
}

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `npm run build` in the repository (the package must be built before n8n loads it). */
function buildPackage() {
	const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (r.status !== 0) throw new Error('npm run build failed');
}

module.exports = {
	ROOT,
	OWNER,
	ENCRYPTION_KEY,
	N8n,
	buildPackage,
	ensureN8n,
	firstJsonValue,
	freePort,
	installedVersion,
	killGroup,
	linkPackage,
	n8nBin,
	runDataIn,
	sleep,
};
