/* eslint-disable n8n-nodes-base/node-param-default-missing -- the objects below are resource locator modes, which have no default */
import type { INodeProperties, INodePropertyMode } from 'n8n-workflow';

const DIGITS = '\\d{1,20}';

export interface LocatorOptions {
	displayName: string;
	name: string;
	description: string;
	/** Searchable list mode, backed by a listSearch method. */
	list?: { method: string; placeholder: string };
	/** By ID mode: example, what an id looks like (regex, digits by default) and the message when it does not. */
	id: { placeholder: string; pattern?: string; errorMessage: string };
	/** By URL mode: example, regex whose first group is the id, and the message when a URL has none. */
	url?: { placeholder: string; extract: string; errorMessage: string };
}

/** A resource locator: From List (when searchable), By ID, and By URL (where a URL holds the id). */
export function locator(o: LocatorOptions): INodeProperties {
	const modes: INodePropertyMode[] = [];
	if (o.list) {
		modes.push({
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: o.list.placeholder,
			typeOptions: { searchListMethod: o.list.method, searchable: true },
		});
	}
	modes.push({
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder: o.id.placeholder,
		validation: [
			{
				type: 'regex',
				properties: { regex: `^\\s*${o.id.pattern ?? DIGITS}\\s*$`, errorMessage: o.id.errorMessage },
			},
		],
	});
	if (o.url) {
		modes.push({
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: o.url.placeholder,
			extractValue: { type: 'regex', regex: o.url.extract },
			validation: [
				{
					type: 'regex',
					properties: { regex: `.*${o.url.extract.replace(/[()]/g, '')}.*`, errorMessage: o.url.errorMessage },
				},
			],
		});
	}
	return {
		displayName: o.displayName,
		name: o.name,
		type: 'resourceLocator',
		default: { mode: o.list ? 'list' : 'id', value: '' },
		required: true,
		description: o.description,
		modes,
	};
}
