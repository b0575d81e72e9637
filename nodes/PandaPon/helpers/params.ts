import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { JsonInteger, parseJson } from '../../shared/transport/json';
import { yuanToFen } from './money';
import { readParameter } from './parameterReads';

const DIGITS = /^\d{1,20}$/;
/** Ids PandaPon writes as text (refund IDs such as TQ512345678901234567); safe inside a URL path. */
export const TEXT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const YUAN = /^\d{1,9}(\.\d{1,2})?$/;

const isBlank = (value: unknown) => value === undefined || value === null || String(value).trim() === '';

/**
 * Reads one item's parameters and checks them, so bad input fails with the field's name, the
 * item and a hint, before any request is sent.
 *
 * Ids are read by the type they travel as: `idString` (digits in a JSON string) or `idInteger`
 * (a bare JSON integer, every digit kept). The `…In` checks take a value from inside a structured
 * parameter (a collection, a line of a fixedCollection, a value read from each input item);
 * `at` says where in it, e.g. `line 2 "Quantity"`, and is '' when the parameter itself holds it.
 */
export class Params {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly labels: Record<string, string>,
	) {}

	fail(name: string, problem: string, hint: string): never {
		return this.failIn(name, '', problem, hint);
	}

	/** Fails for a value at `at` inside parameter `name`: `"Order Lines" → line 2 "Quantity" …`. */
	failIn(name: string, at: string, problem: string, hint: string): never {
		const label = this.labels[name] ?? name;
		throw new NodeOperationError(
			this.ctx.getNode(),
			`${at ? `${label} → ${at}` : label} ${problem} [item ${this.itemIndex}]`,
			{ itemIndex: this.itemIndex, description: hint },
		);
	}

	raw<T = unknown>(name: string, fallback?: T): T {
		// Read once per execution unless it holds an expression; a locator By URL yields the id its regex extracts
		const value = readParameter(this.ctx, name, this.itemIndex, fallback);
		if (value && typeof value === 'object' && (value as INodeParameterResourceLocator).__rl) {
			return (value as INodeParameterResourceLocator).value as T;
		}
		return value as T;
	}

	string(name: string, opts: { required?: boolean; maxLength?: number } = {}): string {
		const value = this.raw<unknown>(name, '');
		const text = value === undefined || value === null ? '' : String(value).trim();
		if (opts.required && text === '') this.fail(name, 'is empty', `Enter a value for ${this.labels[name] ?? name}.`);
		if (opts.maxLength && text.length > opts.maxLength) {
			this.fail(name, `is longer than ${opts.maxLength} characters`, 'Shorten it.');
		}
		return text;
	}

	/** A numeric id the API types as a string: its exact digits. */
	idString(name: string): string {
		return this.idStringIn(name, '', this.raw(name, ''));
	}

	/** A numeric id the API types as an integer: written as a bare JSON integer, every digit kept. */
	idInteger(name: string): JsonInteger {
		return this.idIntegerIn(name, '', this.raw(name, ''));
	}

	/** A list of numeric ids typed as integers: an array, or text separated by commas, spaces or new lines. */
	idIntegerList(name: string, opts: { required?: boolean; max?: number } = {}): JsonInteger[] {
		const value = this.raw<unknown>(name, '');
		const parts = Array.isArray(value)
			? value
			: String(value ?? '')
					.split(/[\s,;]+/)
					.filter((s) => s !== '');
		if (opts.required && parts.length === 0) {
			this.fail(name, 'is empty', 'Enter one or more ids separated by commas.');
		}
		if (opts.max && parts.length > opts.max) {
			this.fail(name, `has ${parts.length} ids, more than the ${opts.max} allowed`, 'Split them over several items.');
		}
		return parts.map((part) => this.idIntegerIn(name, '', part));
	}

	/**
	 * The exact digits of a numeric id inside parameter `name` (numbers beyond 2^53 are refused:
	 * they have lost digits). `hint` replaces the generic hints.
	 */
	idStringIn(name: string, at: string, value: unknown, hint?: string): string {
		let text: string;
		if (typeof value === 'number') {
			if (!Number.isSafeInteger(value) || value < 0) {
				this.failIn(
					name,
					at,
					`arrived as the number ${value}, which cannot hold this id exactly`,
					'Pass 19-digit ids as text (a string), e.g. {{ String($json.orderId) }} from a source that keeps them as strings.',
				);
			}
			text = String(value);
		} else {
			text = String(value ?? '').trim();
		}
		if (text === '') this.failIn(name, at, 'is empty', hint ?? `Enter ${at || `the ${this.labels[name] ?? name}`}, digits only.`);
		if (!DIGITS.test(text)) {
			this.failIn(name, at, `must be digits only, got "${text.slice(0, 40)}"`, hint ?? 'Copy the id exactly as PandaPon shows it, without spaces or letters.');
		}
		return text;
	}

	/** A numeric id inside parameter `name`, as a bare JSON integer (leading zeros dropped). */
	idIntegerIn(name: string, at: string, value: unknown, hint?: string): JsonInteger {
		return new JsonInteger(this.idStringIn(name, at, value, hint).replace(/^0+(?=\d)/, ''));
	}

	/** An id PandaPon writes as text, such as a refund ID: letters, digits, _ and - only. */
	textId(name: string, hint?: string): string {
		return this.textIdIn(name, '', this.raw(name, ''), hint);
	}

	textIdIn(name: string, at: string, value: unknown, hint?: string): string {
		const text = String(value ?? '').trim();
		if (text === '') this.failIn(name, at, 'is empty', hint ?? `Enter ${at || `the ${this.labels[name] ?? name}`}.`);
		if (!TEXT_ID.test(text)) {
			this.failIn(name, at, `must be letters and digits only, got "${text.slice(0, 40)}"`, hint ?? 'Copy the ID exactly as PandaPon shows it.');
		}
		return text;
	}

	int(name: string, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
		const value = this.raw<unknown>(name, undefined);
		if (value === undefined || value === null || value === '') {
			if (opts.required) this.fail(name, 'is empty', 'Enter a whole number.');
			return undefined;
		}
		return this.intIn(name, '', value, opts);
	}

	/** A whole number inside parameter `name`, within `min` and `max`; `hint` replaces the generic hints. */
	intIn(name: string, at: string, value: unknown, opts: { min?: number; max?: number; hint?: string } = {}): number {
		const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
		if (isBlank(value) || !Number.isSafeInteger(n)) {
			this.failIn(name, at, `must be a whole number, got "${String(value ?? '').slice(0, 40)}"`, opts.hint ?? 'Enter a whole number without decimals or units.');
		}
		if (opts.min !== undefined && n < opts.min) this.failIn(name, at, `must be at least ${opts.min}, got ${n}`, opts.hint ?? `Enter ${opts.min} or more.`);
		if (opts.max !== undefined && n > opts.max) this.failIn(name, at, `must be at most ${opts.max}, got ${n}`, opts.hint ?? `Enter ${opts.max} or less.`);
		return n;
	}

	/**
	 * An amount typed in yuan (CNY, at most two decimals) as whole fen, for the endpoints that
	 * count in fen; undefined when left blank.
	 */
	fenIn(name: string, at: string, value: unknown): number | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		const fen = yuanToFen(value);
		if (Number.isNaN(fen)) {
			this.failIn(name, at, `must be an amount in yuan such as 19.90, got "${String(value).trim().slice(0, 40)}"`, 'Enter yuan (CNY) with at most two decimals, without a currency sign; the node converts it to fen.');
		}
		return fen;
	}

	/** An amount in yuan as the decimal text 1688 filters take ("239.99"); '' when left blank. */
	yuanIn(name: string, at: string, value: unknown): string {
		if (value === undefined || value === null) return '';
		const text = String(value).trim();
		if (text === '') return '';
		if (!YUAN.test(text)) {
			this.failIn(name, at, `must be an amount in yuan such as 239.99, got "${text.slice(0, 40)}"`, 'Enter yuan (CNY) with at most two decimals, without a currency sign.');
		}
		return text;
	}

	oneOf<T extends string>(name: string, allowed: readonly T[]): T {
		const value = String(this.raw(name, '') ?? '');
		if (!allowed.includes(value as T)) {
			this.fail(name, `must be one of ${allowed.join(', ')}, got "${value.slice(0, 40)}"`, 'Pick a value from the list.');
		}
		return value as T;
	}

	/** A JSON parameter, parsed losslessly. */
	json(name: string): unknown {
		const value = this.raw<unknown>(name, '');
		if (typeof value !== 'string') return value;
		if (value.trim() === '') return undefined;
		try {
			return parseJson(value);
		} catch (error) {
			return this.fail(name, `is not valid JSON (${(error as Error).message})`, 'Fix the JSON, or build the value with an expression.');
		}
	}

	collection(name: string): IDataObject {
		return (this.raw<IDataObject>(name, {}) ?? {}) as IDataObject;
	}

	bool(name: string, fallback = false): boolean {
		return Boolean(this.raw(name, fallback));
	}

	/** The file in the item's binary property named by parameter `name` (e.g. "data"). */
	async binary(name: string): Promise<{ buffer: Buffer; mimeType: string; fileName: string }> {
		const property = this.string(name, { required: true });
		const item = this.ctx.getInputData()[this.itemIndex];
		const data = item?.binary?.[property];
		if (!data) {
			const available = Object.keys(item?.binary ?? {});
			this.fail(
				name,
				`names binary property "${property}", which this item does not have`,
				available.length
					? `This item has: ${available.join(', ')}.`
					: 'Add a node that reads or downloads the image (e.g. Read/Write Files from Disk or HTTP Request) before this one.',
			);
		}
		const buffer = await this.ctx.helpers.getBinaryDataBuffer(this.itemIndex, property);
		return { buffer, mimeType: data.mimeType, fileName: data.fileName ?? property };
	}
}

/** Removes keys whose value is undefined or an empty string (optional fields left blank). */
export function compact<T extends IDataObject>(obj: T): T {
	for (const key of Object.keys(obj)) {
		const v = obj[key];
		if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete obj[key];
	}
	return obj;
}
