import type { INodeProperties } from 'n8n-workflow';

/** Quantity of a cart or order line: whole units, at least one; `description` says of what. */
export function quantityProperty(description: string, { optional = false } = {}): INodeProperties {
	return {
		displayName: 'Quantity',
		name: 'quantity',
		type: 'number',
		typeOptions: { minValue: 1, numberPrecision: 0 },
		default: 1,
		...(optional ? {} : { required: true }),
		description,
	};
}
