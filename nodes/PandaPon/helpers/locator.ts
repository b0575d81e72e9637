import type { INodeProperties } from 'n8n-workflow';

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
	/** Optional pickers (e.g. an order whose lines a dropdown lists) are not required. */
	required?: boolean;
}

/** A resource locator: From List (when searchable), By ID, and By URL (where a URL holds the id). */
export function locator(o: LocatorOptions): INodeProperties {
	// The modes are written under `modes` (where n8n's lint knows they take no default), then the
	// ones this locator lacks (no search method, no URL form) are dropped.
	const property: INodeProperties = {
		displayName: o.displayName,
		name: o.name,
		type: 'resourceLocator',
		default: { mode: o.list ? 'list' : 'id', value: '' },
		required: o.required ?? true,
		description: o.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: o.list?.placeholder,
				typeOptions: { searchListMethod: o.list?.method, searchable: true },
			},
			{
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
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: o.url?.placeholder,
				extractValue: { type: 'regex', regex: o.url?.extract ?? '' },
				validation: [
					{
						type: 'regex',
						properties: { regex: `.*${(o.url?.extract ?? '').replace(/[()]/g, '')}.*`, errorMessage: o.url?.errorMessage ?? '' },
					},
				],
			},
		],
	};
	const present: Record<string, unknown> = { list: o.list, id: o.id, url: o.url };
	property.modes = property.modes!.filter((mode) => present[mode.name] !== undefined);
	return property;
}
