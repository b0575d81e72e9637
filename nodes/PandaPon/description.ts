import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ApiDocs, OperationSpec } from './helpers/types';

/** Node versions: 1.1 opens each resource on a safe read; 1 keeps the first operation as default. */
export const NODE_VERSIONS = [1, 1.1];

/** Builds the node's parameter list from the operation records. */
export function buildProperties(
	resources: INodePropertyOptions[],
	specs: OperationSpec[],
): INodeProperties[] {
	const firstResource = resources.find((r) => specs.some((s) => s.resource === r.value))!.value;
	const props: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.filter((r) => specs.some((s) => s.resource === r.value)),
			default: firstResource,
		},
	];
	for (const resource of resources) {
		const ops = specs.filter((s) => s.resource === resource.value);
		if (ops.length === 0) continue;
		const operation: INodeProperties = {
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value as string] } },
			options: [...ops]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((s) => ({ name: s.name, value: s.value, action: s.action, description: s.description })),
			default: defaultOperation(ops),
		};
		// Saved workflows leave out parameters at their default: version 1 keeps its old default.
		const legacy = ops[0].value;
		if (operation.default === legacy) {
			props.push(operation);
		} else {
			const show = operation.displayOptions!.show!;
			props.push(
				{ ...operation, default: legacy, displayOptions: { show: { ...show, '@version': [1] } } },
				{ ...operation, displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 1.1 } }] } } },
			);
		}
	}
	for (const spec of specs) {
		const only = { resource: [spec.resource], operation: [spec.value] };
		const own = [...writeNotice(spec), ...apiNotice(spec), ...withPaging(spec), ...simplifyProperty(spec)];
		for (const prop of own) {
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

/** What the editor's canvas shows under the node: "Get Many: 1688 Order", never internal values. */
export function subtitleExpression(resources: INodePropertyOptions[], specs: OperationSpec[]): string {
	const resourceName = new Map(resources.map((r) => [r.value, r.name]));
	const titles: Record<string, string> = {};
	for (const s of specs) titles[`${s.resource}:${s.value}`] = `${s.name}: ${resourceName.get(s.resource)}`;
	// One object literal, no nested braces: `}}` would end the expression early.
	return `={{ (${JSON.stringify(titles)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

/**
 * A new node opens each resource on its first read whose path PandaPon publishes, else its
 * first read: never on a write.
 */
export function defaultOperation(ops: OperationSpec[]): string {
	const reads = ops.filter((s) => !s.write);
	return (reads.find((s) => s.apiDocs !== 'inferred') ?? reads[0] ?? ops[0]).value;
}

const API_DOCS_NOTICE: Record<ApiDocs, string> = {
	documented: '',
	partial: 'PandaPon documents this endpoint in part: fields it does not publish may differ on the live API.',
	inferred:
		'Inferred endpoint: PandaPon does not publish it, so the live API may differ. Custom API Call reaches the right path if it does.',
};

/** The operation's documentation caveat, generated from `apiDocs` and `apiNote`. */
export function apiNoticeText(spec: OperationSpec): string {
	return [API_DOCS_NOTICE[spec.apiDocs], spec.apiNote ?? ''].filter((t) => t !== '').join(' ');
}

function apiNotice(spec: OperationSpec): INodeProperties[] {
	const text = apiNoticeText(spec);
	return text === '' ? [] : [{ displayName: text, name: 'apiNotice', type: 'notice', default: '' }];
}

/** Return All and Limit go before the first Filters / Additional Fields collection, as in n8n's nodes. */
function withPaging(spec: OperationSpec): INodeProperties[] {
	const props = [...spec.properties];
	const at = props.findIndex((p) => p.type === 'collection');
	props.splice(at === -1 ? props.length : at, 0, ...pagingProperties(spec));
	return props;
}

/** Writes are never re-sent by the node, but n8n's own Retry On Fail setting runs the node again. */
function writeNotice(spec: OperationSpec): INodeProperties[] {
	if (!spec.write) return [];
	return [
		{
			displayName:
				"This node never re-sends a write (create, pay, cancel, submit…). Keep n8n's Retry On Fail setting (node Settings) off for writes: with it on, n8n runs the node again after an error and re-sends the request, which can carry a write out twice.",
			name: 'writeRetryNotice',
			type: 'notice',
			default: '',
		},
	];
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
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Batch Requests',
			name: 'batching',
			type: 'boolean',
			default: true,
			description:
				'Whether items that each ask for a few records share one request, where PandaPon has a batch form (Taobao Product: Check Availability)',
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
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 100 },
			default: 30000,
			description: 'How long to wait for PandaPon to answer one request, in milliseconds',
		},
	],
};

/** Display names by parameter name, for error messages. */
export function labelsOf(spec: OperationSpec): Record<string, string> {
	// The paging fields are added by pagingProperties(), not listed in spec.properties.
	const labels: Record<string, string> = { returnAll: '"Return All"', limit: '"Limit"' };
	const walk = (props: INodeProperties[]) => {
		for (const p of props) {
			labels[p.name] ??= `"${p.displayName}"`;
			if (p.options) walk(p.options.filter((o): o is INodeProperties => 'displayName' in o));
		}
	};
	walk(spec.properties);
	return labels;
}
