import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

/*
 * How the node reads its parameters. n8n works a parameter out anew on every read (expressions,
 * the resource locator's mode, its schema check), and that is most of the CPU an item costs.
 * - A parameter whose stored value holds no expression comes out the same for every item: it is
 *   read once per execution, and each later item gets a copy.
 * - A parameter with an expression is evaluated for each item, as before, but ahead: the first
 *   read for an item evaluates it for that item and the next READ_AHEAD - 1 in one go. Evaluating
 *   many items in a row instead of between network exchanges costs far less CPU per item. An
 *   evaluation error is kept and thrown when (and only if) that item reads the parameter.
 */
const READ_AHEAD = 100;

type Outcome = { value: unknown } | { error: unknown };

interface Execution {
	/** The node's parameters as stored in the workflow (expressions not evaluated). */
	stored: INodeParameters;
	itemCount: number;
	/** What expression-free parameters came to, by name. */
	fixed: Map<string, unknown>;
	/** What parameters with expressions came to, by name and item. */
	perItem: Map<string, Outcome[]>;
}

const executions = new WeakMap<object, Execution>();

/** The parameter for this item, as `getNodeParameter` gives it (a resource locator By URL yields the extracted id). */
export function readParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	let execution = executions.get(ctx);
	if (execution === undefined) {
		execution = { stored: ctx.getNode().parameters, itemCount: ctx.getInputData().length, fixed: new Map(), perItem: new Map() };
		executions.set(ctx, execution);
	}
	if (execution.fixed.has(name)) return copy(execution.fixed.get(name));
	const stored = storedValue(execution.stored, name);
	const read = (item: number) => ctx.getNodeParameter(name, item, fallback as never, { extractValue: needsExtraction(stored) }) as unknown;
	if (stored === undefined) return read(itemIndex);
	if (!hasExpression(stored)) {
		const value = read(itemIndex);
		execution.fixed.set(name, copy(value));
		return value;
	}
	let outcomes = execution.perItem.get(name);
	if (outcomes === undefined) {
		outcomes = [];
		execution.perItem.set(name, outcomes);
	}
	if (outcomes[itemIndex] === undefined) {
		const end = Math.min(Math.max(execution.itemCount, itemIndex + 1), itemIndex + READ_AHEAD);
		for (let item = itemIndex; item < end; item++) {
			if (outcomes[item] !== undefined) continue;
			try {
				outcomes[item] = { value: read(item) };
			} catch (error) {
				outcomes[item] = { error };
			}
		}
	}
	const outcome = outcomes[itemIndex];
	if ('error' in outcome) throw outcome.error;
	// A record may change what it read, and may read the same parameter twice.
	return copy(outcome.value);
}

function storedValue(parameters: INodeParameters, name: string): unknown {
	if (name.includes('[')) return undefined; // not a plain path: read each time, as n8n gives it
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** Only a By URL locator (its regex) needs n8n to extract a value; By ID and From List hold it as is. */
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
	if (Array.isArray(value)) return value.map(copy) as T;
	if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
		const out: Record<string, unknown> = {};
		for (const [key, v] of Object.entries(value)) out[key] = copy(v);
		return out as T;
	}
	return value;
}
