import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationSpec } from './operations/types';

/** Builds the node's parameter list from the operation records. */
export function buildProperties(
	resources: INodePropertyOptions[],
	specs: OperationSpec[],
): INodeProperties[] {
	const props: INodeProperties[] = [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the first resource, computed
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.filter((r) => specs.some((s) => s.resource === r.value)),
			default: resources.find((r) => specs.some((s) => s.resource === r.value))!.value,
		},
	];
	for (const resource of resources) {
		const ops = specs.filter((s) => s.resource === resource.value);
		if (ops.length === 0) continue;
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the resource's first operation, computed
		props.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value as string] } },
			options: [...ops]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((s) => ({ name: s.name, value: s.value, action: s.action, description: s.description })),
			default: ops[0].value,
		});
	}
	for (const spec of specs) {
		const only = { resource: [spec.resource], operation: [spec.value] };
		for (const prop of [...spec.properties, ...pagingProperties(spec), ...simplifyProperty(spec)]) {
			props.push({
				...prop,
				displayOptions: {
					...prop.displayOptions,
					show: { ...only, ...prop.displayOptions?.show },
				},
			});
		}
	}
	props.push(runOptions);
	return props;
}

function simplifyProperty(spec: OperationSpec): INodeProperties[] {
	if (!spec.simplify) return [];
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return a simplified version of the response instead of the raw data',
		},
	];
}

function pagingProperties(spec: OperationSpec): INodeProperties[] {
	if (!spec.paging) return [];
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

const runOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Requests',
			name: 'batching',
			type: 'boolean',
			default: true,
			description:
				'Whether items that each ask for a few records share one request, where PandaPon has a batch form (Taobao Product: Get Many by ID)',
		},
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many items are sent to PandaPon at the same time. Writes run one at a time unless Continue On Fail is on.',
		},
		{
			displayName: 'Max Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Upper bound on requests started per second across all items; 0 means no limit',
		},
		{
			displayName: 'Retries (Reads Only)',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a read is tried again after a network error, a server error or a rate-limit answer. Writes are never re-sent.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: 30000,
			description: 'How long to wait for PandaPon to answer one request',
		},
	],
};

/** Display names by parameter name, for error messages. */
export function labelsOf(spec: OperationSpec): Record<string, string> {
	const labels: Record<string, string> = { returnAll: 'Return All', limit: 'Limit' };
	const walk = (props: INodeProperties[]) => {
		for (const p of props) {
			labels[p.name] ??= `"${p.displayName}"`;
			if (p.options) walk(p.options.filter((o): o is INodeProperties => 'displayName' in o));
		}
	};
	walk(spec.properties);
	labels.returnAll = '"Return All"';
	labels.limit = '"Limit"';
	return labels;
}
