import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { JsonInteger } from '../../shared/transport/json';
import type { Params } from './params';
import type { OperationSpec, RequestParts } from './types';

/*
 * Order lines, the same way on both platforms: an Order Lines Source (Define Below, or From
 * Input Items: each item is one line and all items make ONE request), the Order Lines
 * collection, and one parameter per line field that reads it from each input item.
 *
 * The stored names and values stay as earlier versions saved them (n8n cannot migrate a
 * community node's parameters): 1688 `cargoSource` = define | items, `cargo`, `cargoOfferId`…;
 * Taobao `orderLinesSource` = define | inputItems, `orderLines`, `line_itemId`…
 */

export interface OrderLinesNames {
	/** The source parameter. */
	source: string;
	/** Its From Input Items value. */
	fromItems: string;
	/** The lines collection (entries under `line`). */
	lines: string;
	/** The parameter that reads line field `field` from each input item. */
	itemParam: (field: string) => string;
}

export interface LineField {
	/** The field as a line of the collection shows it. */
	field: INodeProperties;
	/** What its per-item parameter sets differently (a default expression, `required`, a type). */
	fromItem?: Partial<INodeProperties>;
}

/** Where a line's field is reported: the parameter, and the place inside it ('' for a per-item parameter). */
type LinePlace = (field: string) => { name: string; at: string };

/** One line's values with the item's checks; errors name the field where the user typed it. */
export class Line {
	constructor(
		readonly p: Params,
		private readonly raw: IDataObject,
		private readonly place: LinePlace,
	) {}

	text(field: string): string {
		return String(this.raw[field] ?? '').trim();
	}

	fail(field: string, problem: string, hint: string): never {
		const { name, at } = this.place(field);
		return this.p.failIn(name, at, problem, hint);
	}

	idString(field: string, hint?: string): string {
		const { name, at } = this.place(field);
		return this.p.idStringIn(name, at, this.raw[field], hint);
	}

	idInteger(field: string, hint?: string): JsonInteger {
		const { name, at } = this.place(field);
		return this.p.idIntegerIn(name, at, this.raw[field], hint);
	}

	int(field: string, opts: { min?: number; max?: number; hint?: string }): number {
		const { name, at } = this.place(field);
		return this.p.intIn(name, at, this.raw[field], opts);
	}

	fen(field: string): number | undefined {
		const { name, at } = this.place(field);
		return this.p.fenIn(name, at, this.raw[field]);
	}
}

/** Checks one line and builds what the API takes for it; `index` counts from 0. */
export type ReadLine<L> = (line: Line, index: number) => L;

export interface OrderLines<L> {
	/** Order Lines Source, Order Lines and the per-item parameters. `sends` is what all items make: 'order' or 'request'. */
	properties(sends: 'order' | 'request', description: string): INodeProperties[];
	/** `request` and `combineItems` of a record whose body `build` makes from the first item and the lines. */
	spec(build: (first: Params, lines: L[]) => RequestParts | Promise<RequestParts>): Pick<OperationSpec, 'request' | 'combineItems'>;
}

export function orderLines<L>(names: OrderLinesNames, fields: LineField[], readLine: ReadLine<L>): OrderLines<L> {
	const displayName = new Map(fields.map((f) => [f.field.name, f.field.displayName]));
	const inCollection = (i: number): LinePlace => (field) => ({ name: names.lines, at: `line ${i + 1} "${displayName.get(field) ?? field}"` });
	const fromItem: LinePlace = (field) => ({ name: names.itemParam(field), at: '' });
	const itemLine = (p: Params, index: number) => {
		const raw: IDataObject = {};
		for (const { field } of fields) raw[field.name] = p.raw(names.itemParam(field.name), '');
		return readLine(new Line(p, raw, fromItem), index);
	};
	const isFromItems = (p: Params) => p.oneOf(names.source, ['define', names.fromItems]) === names.fromItems;

	const read = (p: Params): L[] => {
		// One item alone, e.g. when an operation is run outside the node: the item is the only line.
		if (isFromItems(p)) return [itemLine(p, 0)];
		const raw = (p.collection(names.lines).line ?? []) as IDataObject[];
		if (raw.length === 0) {
			p.fail(names.lines, 'is empty', 'Add at least one line, or set Order Lines Source to From Input Items.');
		}
		return raw.map((line, i) => readLine(new Line(p, line, inCollection(i)), i));
	};

	return {
		properties(sends, description) {
			const showItems = { show: { [names.source]: [names.fromItems] } };
			return [
				{
					displayName: 'Order Lines Source',
					name: names.source,
					type: 'options',
					noDataExpression: true,
					options: [
						{ name: 'Define Below', value: 'define', description: `Enter the lines here; each input item makes its own ${sends}` },
						{
							name: `From Input Items (One ${sends === 'order' ? 'Order' : 'Request'} From All Items)`,
							value: names.fromItems,
							description: `Each input item is one line; all items together make ONE ${sends}, sent once`,
						},
					],
					default: 'define',
					description: 'Where the order lines come from',
				},
				{
					displayName: 'Order Lines',
					name: names.lines,
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					placeholder: 'Add Order Line',
					default: {},
					required: true,
					description,
					displayOptions: { show: { [names.source]: ['define'] } },
					options: [{ displayName: 'Line', name: 'line', values: fields.map((f) => f.field) }],
				},
				...fields.map(({ field, fromItem: own }) => {
					const prop: INodeProperties = {
						...field,
						...own,
						name: names.itemParam(field.name),
						description: `${field.description}; read from each input item, e.g. {{ $json.${field.name} }}`,
						displayOptions: showItems,
					};
					// A number typed as text (to take an expression) keeps no number settings.
					if (own?.type && own.type !== field.type) delete prop.typeOptions;
					return prop;
				}),
			];
		},
		spec(build) {
			return {
				request: (p) => build(p, read(p)),
				combineItems: {
					when: (first) => first.raw<string>(names.source, 'define') === names.fromItems,
					request: (all) => build(all[0], all.map((p, i) => itemLine(p, i))),
				},
			};
		},
	};
}
