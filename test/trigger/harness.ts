/**
 * Runs the PandaPon Trigger the way n8n's webhook server does, with n8n's own pieces wherever
 * they exist outside the CLI package:
 *
 *  - a real HTTP server on 127.0.0.1 routes `/webhook/<path>` (production, mode `webhook`) and
 *    `/webhook-test/<path>` (mode `manual`) to the node, with paths from n8n-workflow's
 *    NodeHelpers.getNodeWebhookPath, for both of the node's webhook descriptions;
 *  - the request is prepared like n8n's rawBodyReader + parseBody middleware (n8n-core's
 *    parseIncomingMessage, `readRawBody`, JSON bodies pre-parsed, 422 on unparsable JSON);
 *  - the node runs inside n8n-core's WebhookContext with a real n8n-workflow Workflow, static
 *    data saved and reloaded between requests as n8n does (JSON round trip);
 *  - the response follows n8n's onReceived rules (noWebhookResponse / webhookResponse);
 *  - emitted items then run through n8n-core's WorkflowExecute into a downstream node.
 *
 * What the CLI does and this file does not: the Express app, the database, queue mode.
 */
// Before n8n-core: its user folder is a temporary one, never the home folder.
import '../helpers/n8n-user-folder';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute, parseIncomingMessage } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IWebhookData,
	type IWebhookDescription,
	type WebhookType,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { additionalData, shutdownEngine } from '../helpers/engine';

// The built trigger, as n8n loads it (and so scripts resolve it like jest does).
/* eslint-disable @typescript-eslint/no-require-imports */
const { PandaPonTrigger } = require('../../dist/nodes/PandaPonTrigger/PandaPonTrigger.node.js') as typeof import('../../nodes/PandaPonTrigger/PandaPonTrigger.node');
/* eslint-enable @typescript-eslint/no-require-imports */

export const TRIGGER_TYPE = 'n8n-nodes-pandapon.pandaPonTrigger';
const COLLECT_TYPE = 'test.collect';

/** Downstream node: hands its input on unchanged, so the run data shows what reached it. */
class Collect implements INodeType {
	description = {
		displayName: 'Collect',
		name: 'collect',
		group: ['transform'],
		version: 1,
		description: 'Test sink',
		defaults: { name: 'Collect' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType> = {
		[TRIGGER_TYPE]: new PandaPonTrigger(),
		[COLLECT_TYPE]: new Collect(),
	};

	getByName(type: string): INodeType {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type: string): INodeType {
		const nodeType = this.types[type];
		if (!nodeType) throw new Error(`Unknown node type ${type}`);
		return nodeType;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface Delivery {
	mode: WorkflowExecuteMode;
	webhookName: WebhookType;
	/** Items the trigger emitted (undefined when it emitted nothing). */
	emitted?: INodeExecutionData[];
	/** Items that reached the downstream node through WorkflowExecute. */
	collected?: INodeExecutionData[];
	runStatus?: string;
	error?: Error;
	/** The node ended the HTTP response itself, before n8n saved the static data. */
	answeredBeforeSave?: boolean;
}

export interface TriggerHarness {
	prodUrl: string;
	testUrl: string;
	/** Every request that reached the node, in order. */
	deliveries: Delivery[];
	/** Resolves when `count` requests have arrived and fully finished (including the downstream run). */
	waitForDeliveries(count: number, timeoutMs?: number): Promise<Delivery[]>;
	/** Resolves when every request received so far has fully finished. */
	settle(): Promise<void>;
	/** The node's saved static data (what n8n would keep in its database). */
	staticData(): IDataObject;
	/** Runs a lifecycle method (checkExists / create / delete) through n8n-core's HookContext. */
	lifecycle(method: 'checkExists' | 'create' | 'delete', activation?: WorkflowActivateMode): Promise<boolean>;
	setParameters(parameters: IDataObject): void;
	close(): Promise<void>;
}

export interface HarnessOptions {
	parameters?: IDataObject;
	credentials: ICredentialDataDecryptedObject;
}

const WORKFLOW_ID = 'wfPandaPonTrigger1';

export async function startTriggerHarness(options: HarnessOptions): Promise<TriggerHarness> {
	const nodeTypes = new NodeTypes();
	let parameters: IDataObject = { ...(options.parameters ?? {}) };
	let savedStaticData = '{}';
	const deliveries: Delivery[] = [];
	const finished: Array<Promise<void>> = [];

	const triggerNode = (): INode => ({
		id: 'a0f3f1c2-0000-4000-8000-000000000001',
		name: 'PandaPon Trigger',
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: '7d1c5e0a-1b2c-4d3e-8f90-a1b2c3d4e5f6',
		parameters: parameters as INode['parameters'],
		credentials: { pandaPonApi: { id: 'cred1', name: 'PandaPon account' } },
	});
	const collectNode: INode = {
		id: 'a0f3f1c2-0000-4000-8000-000000000002',
		name: 'Collect',
		type: COLLECT_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};

	/** A fresh Workflow per request with the saved static data, as n8n loads it from its database. */
	const loadWorkflow = () =>
		new Workflow({
			id: WORKFLOW_ID,
			name: 'PandaPon trigger test',
			nodes: [triggerNode(), collectNode],
			connections: {
				'PandaPon Trigger': { main: [[{ node: 'Collect', type: NodeConnectionTypes.Main, index: 0 }]] },
			},
			active: true,
			nodeTypes,
			staticData: JSON.parse(savedStaticData) as IDataObject,
			settings: {},
		});

	const saveStaticData = (workflow: Workflow) => {
		if (workflow.staticData.__dataChanged === true) {
			const copy = { ...workflow.staticData } as IDataObject;
			delete copy.__dataChanged;
			savedStaticData = JSON.stringify(copy);
			workflow.staticData.__dataChanged = false;
		}
	};

	let baseUrl = '';
	const additionalDataFor = (httpRequest?: IncomingMessage, httpResponse?: ServerResponse) =>
		additionalData(options.credentials, { baseUrl, httpRequest, httpResponse });

	const descriptions = (): IWebhookDescription[] => nodeTypes.getByNameAndVersion(TRIGGER_TYPE).description.webhooks ?? [];

	/** `/webhook/<path>` → production, `/webhook-test/<path>` → manual. */
	const route = (method: string, pathname: string) => {
		const node = triggerNode();
		for (const [prefix, mode] of [
			['/webhook/', 'webhook'],
			['/webhook-test/', 'manual'],
		] as const) {
			if (!pathname.startsWith(prefix)) continue;
			const rest = pathname.slice(prefix.length);
			for (const description of descriptions()) {
				const path = NodeHelpers.getNodeWebhookPath(WORKFLOW_ID, node, description.path);
				if (path === rest && description.httpMethod === method) return { description, mode, path };
			}
		}
		return undefined;
	};

	const send = (res: ServerResponse, status: number, body: unknown) => {
		if (res.headersSent || res.writableEnded) return;
		res.statusCode = status;
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		res.end(JSON.stringify(body));
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const url = new URL(req.url ?? '/', baseUrl);
		const match = route(req.method ?? 'GET', url.pathname);
		if (!match) {
			send(res, 404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}

		// n8n's rawBodyReader + parseBody (packages/cli/src/middlewares/body-parser.ts).
		const request = req as IncomingMessage & { body?: unknown; rawBody?: Buffer; readRawBody: () => Promise<void> };
		parseIncomingMessage(request);
		request.readRawBody = async () => {
			if (!request.rawBody) {
				const chunks: Buffer[] = [];
				for await (const chunk of request) chunks.push(chunk as Buffer);
				request.rawBody = Buffer.concat(chunks);
			}
		};
		await request.readRawBody();
		if (request.rawBody?.length && request.contentType === 'application/json') {
			try {
				request.body = JSON.parse(request.rawBody.toString(request.encoding ?? 'utf-8'));
			} catch (error) {
				send(res, 422, { code: 422, message: 'Failed to parse request body' });
				return;
			}
		}
		request.body ??= {};

		const workflow = loadWorkflow();
		const node = workflow.getNode('PandaPon Trigger')!;
		const additionalData = additionalDataFor(req, res);
		const webhookData: IWebhookData = {
			httpMethod: match.description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: match.path,
			webhookDescription: match.description,
			workflowId: WORKFLOW_ID,
			webhookId: node.webhookId,
			isTest: match.mode === 'manual',
		} as IWebhookData;
		const delivery: Delivery = { mode: match.mode, webhookName: match.description.name };
		deliveries.push(delivery);

		const context = new WebhookContext(workflow, node, additionalData, match.mode, webhookData, [], null);
		const nodeType = nodeTypes.getByNameAndVersion(node.type);
		let result;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			delivery.error = error as Error;
			send(res, 500, { code: 0, message: 'Error in workflow' });
			return;
		}
		delivery.answeredBeforeSave = res.writableEnded;
		saveStaticData(workflow);

		// n8n's handleImmediateWebhookResponse + onReceived response.
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true) {
				send(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return;
		}
		if (result.noWebhookResponse !== true) {
			send(res, 200, result.webhookResponse ?? { message: 'Workflow was started' });
		}
		delivery.emitted = result.workflowData[0];

		// Start the workflow with the trigger's output, as n8n's WorkflowRunner does.
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
			},
		});
		const runData = additionalDataFor();
		runData.hooks = new ExecutionLifecycleHooks(match.mode, `exec${deliveries.length}`, {
			id: WORKFLOW_ID,
			name: workflow.name ?? '',
			active: true,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes: Object.values(workflow.nodes),
			connections: workflow.connectionsBySourceNode,
		} as never);
		const run = await new WorkflowExecute(runData, match.mode, runExecutionData).processRunExecutionData(workflow);
		delivery.runStatus = run.status;
		delivery.collected = run.data.resultData.runData.Collect?.[0]?.data?.main?.[0] ?? undefined;
		if (run.data.resultData.error) delivery.error = run.data.resultData.error as Error;
	};

	const server: Server = createServer((req, res) => {
		const work = handle(req, res).catch((error: Error) => {
			send(res, 500, { message: error.message });
		});
		finished.push(work);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	const path = NodeHelpers.getNodeWebhookPath(WORKFLOW_ID, triggerNode(), 'webhook');

	return {
		prodUrl: `${baseUrl}/webhook/${path}`,
		testUrl: `${baseUrl}/webhook-test/${path}`,
		deliveries,
		async waitForDeliveries(count, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			while (finished.length < count) {
				if (Date.now() > deadline) throw new Error(`Expected ${count} requests, got ${finished.length}`);
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			await Promise.all(finished.slice());
			return deliveries.slice();
		},
		async settle() {
			await Promise.all(finished.slice());
		},
		staticData: () => ((JSON.parse(savedStaticData) as IDataObject)['node:PandaPon Trigger'] ?? {}) as IDataObject,
		async lifecycle(method, activation = 'activate') {
			const workflow = loadWorkflow();
			const node = workflow.getNode('PandaPon Trigger')!;
			const description = descriptions().find((d) => d.name === 'default')!;
			const webhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: NodeHelpers.getNodeWebhookPath(WORKFLOW_ID, node, description.path),
				webhookDescription: description,
				workflowId: WORKFLOW_ID,
				webhookId: node.webhookId,
			} as IWebhookData;
			const context = new HookContext(workflow, node, additionalDataFor(), 'webhook', activation, webhookData);
			const trigger = nodeTypes.getByNameAndVersion(TRIGGER_TYPE) as InstanceType<typeof PandaPonTrigger>;
			const result = await trigger.webhookMethods.default[method].call(context);
			saveStaticData(workflow);
			return result;
		},
		setParameters(next) {
			parameters = { ...next };
		},
		async close() {
			shutdownEngine();
			await Promise.allSettled(finished);
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		},
	};
}
