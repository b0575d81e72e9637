/**
 * Runs the PandaPon Polling Trigger the way n8n runs a polling node, with n8n's own pieces:
 *
 *  - the node type is loaded from this package by n8n-core's PackageDirectoryLoader, which adds
 *    the standard Poll Times parameter to polling nodes, as n8n's node loader does;
 *  - each poll runs in n8n-core's PollContext over a real n8n-workflow Workflow, through
 *    n8n-core's TriggersAndPollers.runPoll, following ActiveWorkflows.activatePolling /
 *    createPollExecuteFn: the activation poll throws, later polls report errors via __emitError,
 *    and a non-null result is passed to __emit;
 *  - static data is "saved" (a JSON round trip, as n8n's database does) when n8n saves it: after
 *    activation and on every emit. restart() builds a new Workflow from the saved copy and
 *    activates it again ('init'), like an n8n restart;
 *  - Fetch Test Event runs the node through WorkflowExecute in manual mode (test/helpers/engine.ts).
 *
 * Not reproduced: the cron scheduler itself (polls are triggered by the test) and the database.
 */
// Before n8n-core: its user folder is a temporary one, never the home folder.
import '../helpers/n8n-user-folder';
import { Container } from '@n8n/di';
import { PackageDirectoryLoader, PollContext } from 'n8n-core';
// Not re-exported by n8n-core's index; ActiveWorkflows runs every poll through it.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import {
	Workflow,
	toCronExpression,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type TriggerTime,
	type WorkflowActivateMode,
} from 'n8n-workflow';
import path from 'path';

import { additionalData, assertNoSecrets, registerNodeType, runWorkflow, type RunResult, type SandboxCredentials } from '../helpers/engine';

export const POLL_TYPE = 'n8n-nodes-pandapon.pandaPonPollingTrigger';
export const POLL_NODE_NAME = 'PandaPon Polling Trigger';

let loaded: Promise<INodeType> | undefined;

/** The node type as n8n loads it from the package (dist/, package.json `n8n.nodes`). */
export function loadPollingNodeType(): Promise<INodeType> {
	loaded ??= (async () => {
		const loader = new PackageDirectoryLoader(path.resolve(__dirname, '../..'));
		await loader.loadAll();
		const type = loader.nodeTypes.pandaPonPollingTrigger?.type as INodeType | undefined;
		if (type === undefined) throw new Error('pandaPonPollingTrigger was not loaded from the package');
		registerNodeType(POLL_TYPE, type);
		return type;
	})();
	return loaded;
}

export interface PollOutcome {
	/** Items passed to __emit (undefined when the poll returned null). */
	items?: IDataObject[];
	/** Error passed to __emitError (scheduled polls) or thrown (activation polls). */
	error?: Error & { description?: string };
}

export interface PollHarness {
	/** Activation ('activate'): n8n's first poll; it records the baseline. */
	activate(): Promise<PollOutcome>;
	/** A scheduled poll. */
	poll(): Promise<PollOutcome>;
	/** n8n restarts: the workflow is rebuilt from the saved static data and activated ('init'). */
	restart(): Promise<PollOutcome>;
	/** n8n restarts with `saved` in its database (e.g. an older copy, after a crash before a save). */
	restartFrom(saved: IDataObject): Promise<PollOutcome>;
	/** Fetch Test Event: the node run in manual mode through WorkflowExecute. */
	manual(): Promise<RunResult>;
	/** What n8n would have in its database. */
	saved(): IDataObject;
	/** The node's static data as the running workflow holds it. */
	live(): IDataObject;
	/** Cron expressions n8n registers for the node's Poll Times. */
	cronExpressions(): string[];
	setParameters(parameters: IDataObject): void;
}

const WORKFLOW_ID = 'wfPandaPonPoll1';

export async function startPollHarness(credentials: SandboxCredentials, parameters: IDataObject): Promise<PollHarness> {
	const type = await loadPollingNodeType();
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const runData = additionalData(credentials);

	let params: IDataObject = { pollTimes: { item: [{ mode: 'everyMinute' }] }, ...parameters };
	let savedText = '{}';
	const node = (): INode => ({
		id: 'b1e2c3d4-0000-4000-8000-000000000002',
		name: POLL_NODE_NAME,
		type: POLL_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: params as INode['parameters'],
		credentials: { pandaPonApi: { id: 'cred1', name: 'PandaPon account' } },
	});
	const build = () =>
		new Workflow({
			id: WORKFLOW_ID,
			name: 'poll test',
			nodes: [node()],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(savedText) as IDataObject,
			settings: {},
		});
	let workflow = build();
	const save = () => {
		const copy = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		delete copy.__dataChanged;
		savedText = JSON.stringify(copy);
	};

	/** ActiveWorkflows.createPollExecuteFn, with n8n's __emit / __emitError. */
	const execute = async (activation: WorkflowActivateMode, testingTrigger: boolean): Promise<PollOutcome> => {
		const outcome: PollOutcome = {};
		const ctx = new PollContext(
			workflow,
			workflow.getNode(POLL_NODE_NAME) as INode,
			runData,
			'trigger',
			activation,
			(emitted: INodeExecutionData[][]) => {
				save(); // n8n saves static data before it starts the execution
				outcome.items = emitted[0].map((item) => item.json);
			},
			(error: Error) => {
				outcome.error = error;
			},
		);
		try {
			const result = await Container.get(TriggersAndPollers).runPoll(workflow, ctx.getNode(), ctx);
			if (result !== null) ctx.__emit(result);
		} catch (error) {
			if (testingTrigger) {
				outcome.error = error as Error;
				return outcome;
			}
			ctx.__emitError(error as never);
		}
		// What n8n would store and show (items, error message and description) never holds a secret.
		const { message, description, stack } = (outcome.error ?? {}) as Error & { description?: string };
		assertNoSecrets({ items: outcome.items, message, description, stack }, credentials.accessSecret);
		return outcome;
	};

	/** ActiveWorkflowManager.add → ActiveWorkflows.activatePolling: a poll at once, then the cron. */
	const activate = async (activation: WorkflowActivateMode): Promise<PollOutcome> => {
		const outcome = await execute(activation, true);
		if (outcome.error === undefined) save(); // the activation saves static data
		return outcome;
	};

	return {
		activate: () => activate('activate'),
		poll: () => execute('activate', false),
		restart: async () => {
			workflow = build();
			return await activate('init');
		},
		restartFrom: async (saved) => {
			savedText = JSON.stringify(saved);
			workflow = build();
			return await activate('init');
		},
		manual: () =>
			runWorkflow({ nodes: [node()], credentials: { timestampUnit: 'milliseconds', ...credentials }, outputOf: POLL_NODE_NAME }),
		saved: () => JSON.parse(savedText) as IDataObject,
		live: () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		cronExpressions: () => {
			const ctx = new PollContext(workflow, workflow.getNode(POLL_NODE_NAME) as INode, runData, 'trigger', 'activate');
			const pollTimes = ctx.getNodeParameter('pollTimes') as { item?: TriggerTime[] };
			return (pollTimes.item ?? []).map(toCronExpression);
		},
		setParameters: (next) => {
			params = { ...params, ...next };
			const rebuilt = build();
			rebuilt.staticData = workflow.staticData;
			workflow = rebuilt;
		},
	};
}
