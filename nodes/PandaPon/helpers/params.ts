import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { JsonInteger, parseJson } from '../../shared/transport/json';

const DIGITS = /^\d{1,20}$/;

/**
 * Reads one item's parameters and checks them, so bad input fails with the field's name, the
 * item and a hint, before any request is sent.
 */
export class Params {
	constructor(
		readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly labels: Record<string, string>,
	) {}

	fail(name: string, problem: string, hint: string): never {
		const label = this.labels[name] ?? name;
		throw new NodeOperationError(
			this.ctx.getNode(),
			`${label} ${problem} [item ${this.itemIndex}]`,
			{ itemIndex: this.itemIndex, description: hint },
		);
	}

	raw<T = unknown>(name: string, fallback?: T): T {
		// extractValue: a resource locator in URL mode yields the id its regex extracts
		const value = this.ctx.getNodeParameter(name, this.itemIndex, fallback as never, {
			extractValue: true,
		}) as unknown;
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

	/** A numeric id as its exact digits (numbers beyond 2^53 are rejected: they have lost digits). */
	idDigits(name: string, value: unknown = this.raw(name, '')): string {
		const text = typeof value === 'number' ? numberDigits(this, name, value) : String(value ?? '').trim();
		if (text === '') this.fail(name, 'is empty', `Enter the ${this.labels[name] ?? name}, digits only.`);
		if (!DIGITS.test(text)) {
			this.fail(name, `must be digits only, got "${text.slice(0, 40)}"`, 'Copy the id exactly as PandaPon shows it, without spaces or letters.');
		}
		return text;
	}

	/** A numeric id the API types as an integer: written as a bare JSON integer, every digit kept. */
	id(name: string): JsonInteger {
		return new JsonInteger(this.idDigits(name).replace(/^0+(?=\d)/, ''));
	}

	/** A list of numeric ids: an array, or text separated by commas, spaces or new lines. */
	idList(name: string, opts: { required?: boolean; max?: number } = {}): JsonInteger[] {
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
		return parts.map((p) => new JsonInteger(this.idDigits(name, p).replace(/^0+(?=\d)/, '')));
	}

	int(name: string, opts: { min?: number; max?: number; required?: boolean } = {}): number | undefined {
		const value = this.raw<unknown>(name, undefined);
		if (value === undefined || value === null || value === '') {
			if (opts.required) this.fail(name, 'is empty', 'Enter a whole number.');
			return undefined;
		}
		const n = typeof value === 'number' ? value : Number(String(value).trim());
		if (!Number.isSafeInteger(n)) this.fail(name, `must be a whole number, got "${String(value).slice(0, 40)}"`, 'Enter a whole number without decimals or units.');
		if (opts.min !== undefined && n < opts.min) this.fail(name, `must be at least ${opts.min}, got ${n}`, `Enter ${opts.min} or more.`);
		if (opts.max !== undefined && n > opts.max) this.fail(name, `must be at most ${opts.max}, got ${n}`, `Enter ${opts.max} or less.`);
		return n;
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

function numberDigits(p: Params, name: string, n: number): string {
	if (!Number.isSafeInteger(n) || n < 0) {
		return p.fail(
			name,
			`arrived as the number ${n}, which cannot hold this id exactly`,
			'Pass 19-digit ids as text (a string), e.g. {{ String($json.orderId) }} from a source that keeps them as strings.',
		);
	}
	return String(n);
}

/** Removes keys whose value is undefined or an empty string (optional fields left blank). */
export function compact<T extends IDataObject>(obj: T): T {
	for (const key of Object.keys(obj)) {
		const v = obj[key];
		if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete obj[key];
	}
	return obj;
}
