'use strict';
/**
 * n8n in queue mode for `npm run test:queue`: Postgres and Redis from Debian packages, started
 * under a temporary folder on free loopback ports, and the n8n processes of a scaled-out
 * instance (one main, workers, webhook processors) sharing them. Each n8n process gets its own
 * user folder with the package copied in, and its own ports.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { N8n, freePort, killGroup, linkPackage, sleep } = require('./n8n');

const log = (...args) => console.log('[queue]', ...args);

/** Debian's Postgres binaries: /usr/lib/postgresql/<major>/bin, newest major first. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const majors = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(base, majors[0], 'bin') : undefined;
}

function redisBin() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => fs.existsSync(p));
}

/** Installs `postgresql` and `redis-server` with apt-get when their binaries are absent. */
function ensureDebianPackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!redisBin()) missing.push('redis-server');
	if (missing.length === 0) return [];
	log(`installing ${missing.join(', ')} (apt-get)...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const run = (args) => {
		const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (${r.status ?? r.error?.message}); install ${missing.join(', ')} by hand`);
	};
	run(['update', '-qq']);
	run(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
	if (!postgresBinDir() || !redisBin()) throw new Error(`${missing.join(', ')} installed but binaries not found`);
	return missing;
}

/**
 * Postgres refuses to run as root. As root, run its commands as an unprivileged system user
 * (`postgres` from the Debian package, else `nobody`) with setpriv, which execs in place so the
 * pid we hold is the server's own.
 */
function unprivileged() {
	if (process.getuid?.() !== 0) return undefined;
	for (const name of ['postgres', 'nobody']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
	}
	throw new Error('running as root and no unprivileged user (postgres, nobody) to run Postgres as');
}

function asUser(user, bin, args) {
	return user ? ['setpriv', ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', '--', bin, ...args]] : [bin, args];
}

function canConnect(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port }, () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

/** A child in its own process group, its output appended to `logFile`; `exited` resolves on exit. */
function spawnService(cmd, args, { logFile, env = process.env, cwd }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env, cwd });
	fs.closeSync(out);
	child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return child;
}

async function stopService(child, signal, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child.pid, signal);
	const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
}

/**
 * A throw-away Postgres: initdb into `<dir>/pg` (owned by the unprivileged user), trust auth for
 * the role `n8n` on loopback only, no fsync (test data), database `n8n`.
 */
async function startPostgres(dir) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('Postgres is not installed (apt-get install postgresql)');
	const user = unprivileged();
	const data = path.join(dir, 'pg');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	if (user) fs.chownSync(data, user.uid, user.gid);
	const logFile = path.join(dir, 'postgres.log');
	const run = (tool, args) => {
		const [cmd, argv] = asUser(user, path.join(bin, tool), args);
		const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir });
		if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
	};
	run('initdb', ['-D', data, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
	const port = await freePort();
	const [cmd, argv] = asUser(user, path.join(bin, 'postgres'), [
		'-D', data, '-p', String(port), '-k', data,
		'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off',
		'-c', 'full_page_writes=off', '-c', 'max_connections=200',
	]);
	const child = spawnService(cmd, argv, { logFile, cwd: dir });
	await waitFor(() => canConnect(port), 30000, 'Postgres', logFile, child);
	// Accepting TCP is not yet accepting queries: createdb retries until the server is up.
	const deadline = Date.now() + 30000;
	for (;;) {
		const r = spawnSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'], { encoding: 'utf8' });
		if (r.status === 0) break;
		if (Date.now() > deadline) throw new Error(`createdb failed: ${r.stderr}`);
		await sleep(300);
	}
	return {
		port,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: 'n8n', // ignored (trust on loopback), but n8n wants one
		},
		psql(sql) {
			const r = spawnSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', '-d', 'n8n', '-At', '-c', sql], { encoding: 'utf8' });
			if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
			return r.stdout.trim();
		},
		stop: () => stopService(child, 'SIGINT'), // fast shutdown
	};
}

/** A throw-away Redis on a free loopback port, no persistence. */
async function startRedis(dir) {
	const bin = redisBin();
	if (!bin) throw new Error('Redis is not installed (apt-get install redis-server)');
	const port = await freePort();
	const logFile = path.join(dir, 'redis.log');
	const child = spawnService(
		bin,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{ logFile, cwd: dir },
	);
	await waitFor(() => canConnect(port), 15000, 'Redis', logFile, child);
	return {
		port,
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: () => stopService(child, 'SIGTERM'),
	};
}

async function waitFor(check, timeoutMs, what, logFile, child) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`${what} exited while starting:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		}
		if (await check()) return;
		await sleep(200);
	}
	throw new Error(`${what} did not start within ${timeoutMs / 1000} s; see ${logFile}`);
}

/**
 * The n8n processes of one queue-mode instance. Every process: same encryption key (n8nEnv's),
 * same Postgres and Redis, its own user folder with the package in it, its own ports. Workers
 * answer /healthz/readiness on QUEUE_HEALTH_CHECK_PORT; webhook processors and main on N8N_PORT.
 *
 * `env` is added to every process (recovery and stall timings, for instance).
 */
class QueueCluster {
	constructor({ n8nDir, workDir, postgres, redis, workers = 2, webhooks = 2, concurrency = 10, env = {} }) {
		Object.assign(this, { n8nDir, workDir, postgres, redis, workerCount: workers, webhookCount: webhooks, concurrency });
		this.sharedEnv = { ...postgres.env, ...redis.env, EXECUTIONS_MODE: 'queue', ...env };
		this.workers = [];
		this.webhooks = [];
	}

	async process(role, index, extraEnv = {}) {
		const userFolder = path.join(this.workDir, `${role}${index ?? ''}`);
		fs.mkdirSync(userFolder, { recursive: true });
		linkPackage(userFolder, { copy: true });
		const port = await freePort();
		const healthPort = await freePort();
		const n8n = new N8n({
			dir: this.n8nDir,
			userFolder,
			port,
			brokerPort: await freePort(),
			logFile: path.join(userFolder, 'n8n.log'),
			extraEnv: {
				...this.sharedEnv,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				...extraEnv,
			},
		});
		n8n.role = role;
		n8n.name = `${role}${index ?? ''}`;
		n8n.healthUrl = `http://127.0.0.1:${role === 'worker' ? healthPort : port}/healthz/readiness`;
		return n8n;
	}

	/** Imports (main's CLI, straight into Postgres), then starts main, workers and webhook processors. */
	async start({ beforeStart } = {}) {
		this.main = await this.process('main');
		if (beforeStart) await beforeStart(this.main);
		await this.main.start();
		await this.main.ensureOwnerAndLogin();
		for (let i = 1; i <= this.workerCount; i++) this.workers.push(await this.process('worker', i));
		for (let i = 1; i <= this.webhookCount; i++) this.webhooks.push(await this.process('webhook', i));
		await Promise.all([
			...this.workers.map((w) => w.start({ command: ['worker', `--concurrency=${this.concurrency}`], readyUrl: w.healthUrl })),
			...this.webhooks.map((w) => w.start({ command: ['webhook'], readyUrl: w.healthUrl })),
		]);
	}

	all() {
		return [this.main, ...this.workers, ...this.webhooks].filter(Boolean);
	}

	/** Which worker's log says it started this execution ("Worker started execution 12 (job 3)"). */
	workerOf(executionId) {
		const line = new RegExp(`Worker started execution ${executionId} \\(`);
		return this.workers.find((w) => line.test(readLog(w)));
	}

	async stop() {
		await Promise.all(this.all().map((p) => p.stop()));
	}
}

function readLog(n8n) {
	try {
		return fs.readFileSync(n8n.logFile, 'utf8');
	} catch {
		return '';
	}
}

/** A temporary folder Postgres' user can enter (mkdtemp makes it 0700 root-owned). */
function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	fs.chmodSync(dir, 0o755);
	return dir;
}

module.exports = { QueueCluster, ensureDebianPackages, readLog, startPostgres, startRedis, tempDir };
