import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

/*
 * How the node reads its parameters. n8n works a parameter out anew on every read (expressions,
 * the resource locator's mode, its schema check), and that was most of the CPU an item cost.
 * - A parameter whose stored value holds no expression comes out the same for every item: it is
 *   read once per execution, and each later item gets a copy.
 * - A parameter with an expression is evaluated for each item, as before, but ahead: the first
 *   read for an item evaluates it for that item and the next READ_AHEAD - 1 in one go. Evaluating
 *   many items in a row instead of between network exchanges costs far less CPU per item. An
 *   evaluation error is kept and thrown when (and only if) that item reads the parameter.
 */
const READ_AHEAD = 100;

type Outcome = { value: unknown } | { error: unknown };

/** One parameter of one execution. */
interface Parameter {
	/** Only a By URL locator (its regex) needs n8n to extract a value; By ID and From List hold it as is. */
	extractValue: boolean;
	/** What it came to, for a parameter without an expression. */
	fixed?: { value: unknown };
	/** What it came to for each item, for a parameter with an expression. */
	perItem?: Outcome[];
}

interface Execution {
	/** The node's parameters as stored in the workflow (expressions not evaluated). */
	stored: INodeParameters;
	itemCount: number;
	parameters: Map<string, Parameter>;
}

const executions = new WeakMap<object, Execution>();

/** The parameter for this item, as `getNodeParameter` gives it (a resource locator By URL yields the extracted id). */
export function readParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	let execution = executions.get(ctx);
	if (execution === undefined) {
		execution = { stored: ctx.getNode().parameters, itemCount: ctx.getInputData().length, parameters: new Map() };
		executions.set(ctx, execution);
	}
	let parameter = execution.parameters.get(name);
	if (parameter === undefined) {
		const stored = storedValue(execution.stored, name);
		// Not stored (n8n gives the fallback) or not a plain path: read each time, as n8n gives it.
		if (stored === undefined) return ctx.getNodeParameter(name, itemIndex, fallback as never, { extractValue: true });
		parameter = { extractValue: needsExtraction(stored), perItem: hasExpression(stored) ? [] : undefined };
		execution.parameters.set(name, parameter);
	}
	const read = (item: number) => ctx.getNodeParameter(name, item, fallback as never, { extractValue: parameter.extractValue }) as unknown;
	const { perItem } = parameter;
	if (perItem === undefined) {
		if (parameter.fixed) return copy(parameter.fixed.value);
		const value = read(itemIndex);
		parameter.fixed = { value: copy(value) };
		return value;
	}
	if (perItem[itemIndex] === undefined) {
		const end = Math.min(Math.max(execution.itemCount, itemIndex + 1), itemIndex + READ_AHEAD);
		for (let item = itemIndex; item < end; item++) {
			if (perItem[item] !== undefined) continue;
			try {
				perItem[item] = { value: read(item) };
			} catch (error) {
				perItem[item] = { error };
			}
		}
	}
	const outcome = perItem[itemIndex];
	if ('error' in outcome) throw outcome.error;
	// A record may change what it read, and may read the same parameter twice.
	return copy(outcome.value);
}

function storedValue(parameters: INodeParameters, name: string): unknown {
	if (name.includes('[')) return undefined;
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

function needsExtraction(stored: unknown): boolean {
	if (stored === null || typeof stored !== 'object' || !('__rl' in stored)) return true;
	const mode = (stored as { mode?: unknown }).mode;
	return mode !== 'id' && mode !== 'list';
}

function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/** Records may change what they read (e.g. drop empty fields), so no two reads share an array or plain object. */
function copy<T>(value: T): T {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(copy) as T;
	if (![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(value)) out[key] = copy(v);
	return out as T;
}
