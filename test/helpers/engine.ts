/**
 * Runs the built PandaPon node and credential inside n8n's real engine (n8n-core WorkflowExecute),
 * so parameters, expressions, signing, pairing and errors are n8n's own.
 */
// Before n8n-core: its user folder is a temporary one, never the home folder.
import './n8n-user-folder';
import type { IncomingMessage, ServerResponse } from 'http';
import path from 'path';

import { Container } from '@n8n/di';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
// Not re-exported by n8n-core's index; its keep-alive timer must be stopped or jest never exits.
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	ICredentialsHelper,
	Workflow,
	createDeferredPromise,
	createEmptyRunExecutionData,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type ICredentials,
	type INodeCredentialTestResult,
	type INodeListSearchResult,
	type INodePropertyOptions,
} from 'n8n-workflow';

const dist = path.resolve(__dirname, '../../dist');
/* eslint-disable @typescript-eslint/no-require-imports */
const { PandaPon } = require(`${dist}/nodes/PandaPon/PandaPon.node.js`);
const { PandaPonApi } = require(`${dist}/credentials/PandaPonApi.credentials.js`);
/* eslint-enable @typescript-eslint/no-require-imports */

export const PANDAPON_TYPE = 'n8n-nodes-pandapon.pandaPon';
export const ITEMS_TYPE = 'test.items';

/**
 * A start node that reads its `items` parameter (a JSON array, as text or not; none: `[]`) and
 * emits `emit(list)`: the given items as they are, or items built from them (binary files...).
 */
function itemsNodeType(name: string, emit: (list: IDataObject[]) => INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: name,
			name,
			group: ['input'],
			version: 1,
			description: 'Emits items for a test',
			defaults: { name },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
		} as unknown as INodeType['description'],
		async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const raw = this.getNodeParameter('items', 0) as unknown;
			return [emit((typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[])];
		},
	};
}

const nodeTypeMap: Record<string, INodeType | IVersionedNodeType> = {
	[PANDAPON_TYPE]: new PandaPon(),
	[ITEMS_TYPE]: itemsNodeType('items', (list) => list.map((json) => ({ json }))),
};

export function registerNodeType(name: string, type: INodeType | IVersionedNodeType) {
	nodeTypeMap[name] = type;
}

/** Registers a start node `test.<name>` that emits `emit(list)` for its `items` parameter; returns the type. */
export function registerItemsNode(name: string, emit: (list: IDataObject[]) => INodeExecutionData[]): string {
	registerNodeType(`test.${name}`, itemsNodeType(name, emit));
	return `test.${name}`;
}

export const nodeTypes: INodeTypes = {
	getByName: (name) => nodeTypeMap[name],
	getByNameAndVersion: (name, version) => {
		const type = nodeTypeMap[name];
		return 'nodeVersions' in type ? type.getNodeType(version) : type;
	},
	getKnownTypes: () => ({}),
};

export const credentialType: ICredentialType = new PandaPonApi();

/**
 * Hands n8n-core the PandaPon credential's data from memory and signs with the built credential's
 * own authenticate(), as n8n's credentials helper does. Used by every harness (engine, webhook, poll).
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly data: Record<string, ICredentialDataDecryptedObject>;

	constructor(credentials: SandboxCredentials | ICredentialDataDecryptedObject) {
		super();
		this.data = { pandaPonApi: { timestampUnit: 'milliseconds', ...credentials } as unknown as ICredentialDataDecryptedObject };
	}

	getParentTypes() {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, request: IHttpRequestOptions) {
		if (typeName !== 'pandaPonApi') throw new Error(`Unexpected credential type ${typeName}`);
		return (credentialType.authenticate as (c: ICredentialDataDecryptedObject, r: IHttpRequestOptions) => Promise<IHttpRequestOptions>)(
			credentials,
			request,
		);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used');
	}

	async getDecrypted(_a: unknown, _n: unknown, type: string) {
		const found = this.data[type];
		if (!found) throw new Error(`No test credentials for ${type}`);
		return found;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export interface SandboxCredentials {
	accessKey: string;
	accessSecret: string;
	userId: string;
	baseUrl: string;
	timestampUnit?: 'milliseconds' | 'seconds';
}

export interface AdditionalDataOptions {
	hooks?: ExecutionLifecycleHooks;
	/** The n8n instance's address (default http://localhost): REST, form and webhook URLs hang off it. */
	baseUrl?: string;
	/** The webhook request and response a webhook context answers. */
	httpRequest?: IncomingMessage;
	httpResponse?: ServerResponse;
}

/** What n8n-core's contexts need of n8n's additional data, with the PandaPon credential in memory. */
export function additionalData(credentials: SandboxCredentials | ICredentialDataDecryptedObject, options: AdditionalDataOptions = {}) {
	const base = options.baseUrl ?? 'http://localhost';
	return {
		hooks: options.hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('not used');
		},
		httpRequest: options.httpRequest,
		httpResponse: options.httpResponse,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export function pandaPonNode(parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: 'pandapon-node',
		name: 'PandaPon',
		type: PANDAPON_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters,
		credentials: { pandaPonApi: { id: '1', name: 'PandaPon sandbox' } },
		...extra,
	};
}

export interface RunResult {
	/** Output items of the node named `outputOf` (default PandaPon). */
	items: INodeExecutionData[];
	/** The node's error, when the execution failed. */
	error?: Error & { description?: string; context?: IDataObject; itemIndex?: number };
	run: IRun;
}

/** Executes a workflow; the first node receives `input` items. */
export async function runWorkflow(opts: {
	nodes: INode[];
	connections?: IConnections;
	credentials: SandboxCredentials;
	input?: IDataObject[];
	outputOf?: string;
}): Promise<RunResult> {
	const workflow = new Workflow({
		id: 'test',
		nodes: opts.nodes,
		connections: opts.connections ?? {},
		nodeTypes,
		active: false,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', '1', {
		id: 'test',
		name: 'test',
		nodes: opts.nodes,
		connections: opts.connections ?? {},
		active: false,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const start = opts.nodes[0];
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: start,
					data: { main: [(opts.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execute = new WorkflowExecute(additionalData(opts.credentials, { hooks }), 'manual', runExecutionData);
	await execute.processRunExecutionData(workflow);
	const run = await done.promise;
	assertNoSecrets(run, opts.credentials.accessSecret);
	const name = opts.outputOf ?? 'PandaPon';
	const task = run.data.resultData.runData[name]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: (task?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}

/**
 * Every run's data (outputs, errors, descriptions) must hold neither the Access Secret nor a
 * request signature (32 uppercase hex characters, or a `signature` header).
 */
export function assertNoSecrets(run: unknown, secret: string): void {
	const text = JSON.stringify(run);
	if (secret && text.includes(secret)) throw new Error('The Access Secret appears in the run data');
	const signature = /\b[0-9A-F]{32}\b|"signature"\s*:/.exec(text);
	if (signature) throw new Error(`A request signature appears in the run data: ${signature[0]}`);
}

/** Runs one PandaPon node over the given input items. */
export async function runPandaPon(
	parameters: INodeParameters,
	credentials: SandboxCredentials,
	input: IDataObject[] = [{}],
	node: Partial<INode> = {},
): Promise<RunResult> {
	return runWorkflow({ nodes: [pandaPonNode(parameters, node)], credentials, input });
}

function loadOptionsContext(parameters: INodeParameters, credentials: SandboxCredentials) {
	const node = pandaPonNode(parameters);
	const workflow = new Workflow({ id: 'test', nodes: [node], connections: {}, nodeTypes, active: false });
	const data = additionalData(credentials);
	data.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, node, data, '');
}

/** Calls a loadOptions method as the editor does for the node's current parameters. */
export async function loadOptions(
	method: string,
	parameters: INodeParameters,
	credentials: SandboxCredentials,
): Promise<INodePropertyOptions[]> {
	const ctx = loadOptionsContext(parameters, credentials);
	return new PandaPon().methods.loadOptions[method].call(ctx);
}

export async function listSearch(
	method: string,
	parameters: INodeParameters,
	credentials: SandboxCredentials,
	filter?: string,
	token?: string,
): Promise<INodeListSearchResult> {
	const ctx = loadOptionsContext(parameters, credentials);
	return new PandaPon().methods.listSearch[method].call(ctx, filter, token);
}

/**
 * Runs the credential's Test as n8n's CredentialsTester (n8n 2.8.4, services/credentials-tester.service)
 * does for a declarative `test`: the request goes through n8n-core's RoutingNode with the credential
 * (so authenticate() signs it), an HTTP or network error becomes the message n8n shows, and on a
 * response the first matching responseSuccessBody rule fails the test.
 */
export async function testCredential(credentials: SandboxCredentials): Promise<INodeCredentialTestResult> {
	const test = credentialType.test!;
	const data = { timestampUnit: 'milliseconds', ...credentials } as unknown as ICredentialDataDecryptedObject;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'credentialTest.temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: 'pandaPonApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credentialTest.temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { pandaPonApi: { id: '1', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { ...nodeTypes, getByNameAndVersion: () => nodeType, getByName: () => nodeType },
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData(credentials),
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routing = new RoutingNode(context, nodeType, { id: '1', name: 'test', type: 'pandaPonApi', data });
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routing.runNode();
	} catch (error) {
		const e = error as { message: string; cause?: { code?: string; response?: { status: number; statusText?: string } } };
		if (e.cause?.response) {
			const { status, statusText } = e.cause.response;
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (e.cause?.code) {
			return { status: 'Error', message: e.cause.code };
		}
		return { status: 'Error', message: e.message.toString() };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (lodashGet(response![0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash.get as n8n's tester uses it, for the dotted keys the rules use. */
function lodashGet(value: unknown, key: string): unknown {
	return key.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** Stops n8n-core's keep-alive timer; jest calls it after each test file, scripts when done. */
export function shutdownEngine() {
	Container.get(SSHClientsManager).onShutdown();
}

if (typeof afterAll === 'function') afterAll(shutdownEngine);
