import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { buildProperties, labelsOf } from './description';
import { asNodeError, errorJson, readSettings, runCombined, runItem, specFor } from './executor';
import { credentialTest, listSearch, loadOptions } from './methods';
import { OPERATIONS, RESOURCES } from './operations';
import { forEachBounded } from './transport/pacer';

const specs = new Map(OPERATIONS.map((s) => [`${s.resource}:${s.value}`, s]));
const labels = new Map(OPERATIONS.map((s) => [s, labelsOf(s)]));

export class PandaPon implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PandaPon',
		name: 'pandaPon',
		icon: { light: 'file:pandapon.svg', dark: 'file:pandapon.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Buy on Taobao and 1688 through PandaPon: products, carts, orders, refunds, logistics',
		defaults: { name: 'PandaPon' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pandaPonApi', required: true, testedBy: 'pandaPonApiTest' }],
		properties: buildProperties(RESOURCES, OPERATIONS),
	};

	methods = { loadOptions, listSearch, credentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = readSettings(this);
		const continueOnFail = this.continueOnFail();
		const results: INodeExecutionData[][] = new Array(items.length);
		let firstError: { itemIndex: number; error: Error } | undefined;

		if (items.length === 0) return [[]];
		const first = specFor(this, specs, 0);

		// Some operations turn all input items into one request (e.g. order lines from items).
		try {
			const combined = await runCombined(this, first, items.length, labels.get(first)!, settings);
			if (combined) {
				const pairedItem = items.map((_, item) => ({ item }));
				return [combined.map((json) => ({ json, pairedItem }))];
			}
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, 0);
			return [[{ json: errorJson(error), pairedItem: items.map((_, item) => ({ item })) }]];
		}

		// Without Continue On Fail the first failing item stops the workflow, so writes then go
		// one at a time: no later write is carried out and left unreported.
		const writes = first.write;
		const concurrency = writes && !continueOnFail ? 1 : settings.concurrency;

		await forEachBounded(items.length, concurrency, async (itemIndex) => {
			if (firstError && !continueOnFail) return;
			try {
				const spec = specFor(this, specs, itemIndex);
				const records = await runItem(this, spec, itemIndex, labels.get(spec)!, settings);
				results[itemIndex] = records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			} catch (error) {
				if (continueOnFail) {
					results[itemIndex] = [{ json: errorJson(error), pairedItem: { item: itemIndex } }];
				} else if (!firstError || itemIndex < firstError.itemIndex) {
					firstError = { itemIndex, error: asNodeError(this, error, itemIndex) };
				}
			}
		});

		if (firstError) throw firstError.error;
		return [results.flat()];
	}
}
