import type { INodePropertyOptions } from 'n8n-workflow';

import { alibabaAfterSaleOperations } from './alibabaAfterSale';
import { alibabaOrderOperations } from './alibabaOrder';
import { customApiCallOperations } from './customApiCall';
import type { OperationSpec } from './types';

/** Resources in the order the node lists them. */
export const RESOURCES: INodePropertyOptions[] = [
	{ name: '1688 After-Sale', value: 'alibabaAfterSale', description: 'Refunds and returns of 1688 orders' },
	{ name: '1688 Order', value: 'alibabaOrder', description: 'Orders placed with 1688 sellers' },
	{ name: 'Custom API Call', value: 'customApiCall', description: 'Any PandaPon path, signed' },
];

export const OPERATIONS: OperationSpec[] = [
	...alibabaAfterSaleOperations,
	...alibabaOrderOperations,
	...customApiCallOperations,
];
