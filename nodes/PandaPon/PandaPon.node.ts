import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { NODE_VERSIONS, buildProperties, labelsOf, subtitleExpression } from './description';
import {
	asNodeError,
	errorJson,
	readSettings,
	runCoalesced,
	runCombined,
	runEach,
	specFor,
	type Outcome,
} from './executor';
import { listSearch, loadOptions } from './methods';
import { OPERATIONS, RESOURCES } from './operations';

const specs = new Map(OPERATIONS.map((s) => [`${s.resource}:${s.value}`, s]));
const labels = new Map(OPERATIONS.map((s) => [s, labelsOf(s)]));

export class PandaPon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PandaPon',
		name: 'pandaPon',
		icon: { light: 'file:../../icons/pandapon.svg', dark: 'file:../../icons/pandapon.dark.svg' },
		group: ['transform'],
		version: NODE_VERSIONS,
		defaultVersion: NODE_VERSIONS.at(-1),
		subtitle: subtitleExpression(RESOURCES, OPERATIONS),
		documentationUrl: 'https://github.com/pandapon/n8n-nodes-pandapon#operations',
		description: 'Buy on Taobao and 1688 through PandaPon: products, carts, orders, refunds, logistics',
		defaults: { name: 'PandaPon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pandaPonApi', required: true }],
		properties: buildProperties(RESOURCES, OPERATIONS),
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		if (items.length === 0) return [[]];
		const settings = readSettings(this);
		const continueOnFail = this.continueOnFail();
		const spec = specFor(this, specs);
		const fieldLabels = labels.get(spec)!;

		// Some operations turn all input items into one request (e.g. order lines from items).
		const allItems = items.map((_, item) => ({ item }));
		try {
			const combined = await runCombined(this, spec, items.length, fieldLabels, settings);
			if (combined) return [combined.map((json) => ({ json, pairedItem: allItems }))];
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, 0);
			return [[{ json: errorJson(error), pairedItem: allItems }]];
		}

		let outcomes: Outcome[];
		if (spec.coalesce && settings.batching && items.length > 1) {
			outcomes = await runCoalesced(this, { ...spec, coalesce: spec.coalesce }, fieldLabels, settings, items.length);
		} else {
			// Without Continue On Fail the first failing item stops the workflow, so writes then go
			// one at a time: no later write is carried out and left unreported.
			const concurrency = spec.write && !continueOnFail ? 1 : settings.concurrency;
			outcomes = await runEach(this, spec, fieldLabels, settings, items.length, concurrency, !continueOnFail);
		}

		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const outcome = outcomes[itemIndex];
			if (outcome === undefined) continue; // not started: an earlier item failed
			if ('error' in outcome) {
				if (!continueOnFail) throw asNodeError(this, outcome.error, itemIndex);
				output.push({ json: errorJson(outcome.error), pairedItem: { item: itemIndex } });
				continue;
			}
			for (const json of outcome.records) output.push({ json, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}
