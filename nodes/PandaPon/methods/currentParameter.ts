import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

/**
 * A parameter of the node being edited, as trimmed text: a resource locator's value, a plain value,
 * or '' when it is not set (or cannot be read yet while the editor loads a dropdown).
 */
export function currentParameter(ctx: ILoadOptionsFunctions, name: string): string {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter(name, { extractValue: true }) as unknown;
	} catch {
		return '';
	}
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) value = (value as IDataObject).value;
	return String(value ?? '').trim();
}
