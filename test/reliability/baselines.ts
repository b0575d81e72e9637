/**
 * Runs the operations of test/helpers/baselines.ts in n8n's engine, feeding binary input where an
 * operation reads a file, and lists the built node's records.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { BASELINES, PNG } from '../helpers/baselines';
import { pandaPonNode, registerItemsNode, runWorkflow, type RunResult, type SandboxCredentials } from '../helpers/engine';

export { BASELINES, PNG, type Baseline } from '../helpers/baselines';

/* eslint-disable @typescript-eslint/no-require-imports */
export const { OPERATIONS, RESOURCES } = require('../../dist/nodes/PandaPon/operations') as {
	OPERATIONS: Array<{
		resource: string;
		value: string;
		name: string;
		method: string;
		path: string;
		write: boolean;
		checkHint?: string;
		paging?: unknown;
		properties: Array<{
			name: string;
			displayName: string;
			type: string;
			required?: boolean;
			default?: unknown;
			typeOptions?: IDataObject;
			displayOptions?: { show?: Record<string, unknown[]>; hide?: Record<string, unknown[]> };
			options?: unknown[];
		}>;
	}>;
	RESOURCES: Array<{ name: string; value: string }>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type Spec = (typeof OPERATIONS)[number];
export const keyOf = (s: { resource: string; value: string }) => `${s.resource}:${s.value}`;
export const routeOf = (s: Spec) => `${s.method} ${s.path}`;

/** Emits the items given in `items` (JSON), each with a PNG in binary property `data`. */
registerItemsNode('relBinaryInput', (list) =>
	list.map((json) => ({ json, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'proof.png' } } })),
);

/** Runs one operation with the given parameters (resource and operation added from `key`). */
export async function runOp(
	key: string,
	params: INodeParameters,
	creds: SandboxCredentials,
	input: IDataObject[] = [{}],
	nodeExtra: IDataObject = {},
): Promise<RunResult> {
	const [resource, operation] = key.split(':');
	const parameters = { resource, operation, ...params };
	const node = pandaPonNode(parameters, nodeExtra);
	if (!BASELINES[key]?.binary) return runWorkflow({ nodes: [node], credentials: creds, input });
	return runWorkflow({
		nodes: [
			{ id: 'bin', name: 'Binary Input', type: 'test.relBinaryInput', typeVersion: 1, position: [0, 0], parameters: { items: JSON.stringify(input) } },
			node,
		],
		connections: { 'Binary Input': { main: [[{ node: 'PandaPon', type: 'main', index: 0 }]] } },
		credentials: creds,
	});
}

/**
 * Whether n8n shows the property for these parameters (its show and hide conditions); a
 * parameter the baseline leaves out counts at its default, as n8n reads it.
 */
export function shown(prop: Spec['properties'][number], params: INodeParameters, spec: Spec): boolean {
	const value = (name: string) => (name in params ? params[name] : spec.properties.find((p) => p.name === name)?.default);
	const { show, hide } = prop.displayOptions ?? {};
	const matches = (name: string, values: unknown[]) => name === 'resource' || name === 'operation' || values.includes(value(name));
	if (show && !Object.entries(show).every(([name, values]) => matches(name, values))) return false;
	if (hide && Object.entries(hide).some(([name, values]) => name !== 'resource' && name !== 'operation' && matches(name, values))) return false;
	return true;
}

