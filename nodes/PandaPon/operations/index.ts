import type { INodePropertyOptions } from 'n8n-workflow';

import { addressOperations } from './address';
import { alibabaAfterSaleOperations } from './alibabaAfterSale';
import { alibabaCartOperations } from './alibabaCart';
import { alibabaMarketingOperations } from './alibabaMarketing';
import { alibabaOrderOperations } from './alibabaOrder';
import { alibabaProductOperations } from './alibabaProduct';
import { customApiCallOperations } from './customApiCall';
import { logisticsOperations } from './logistics';
import { taobaoAfterSaleOperations } from './taobaoAfterSale';
import { taobaoCartOperations } from './taobaoCart';
import { taobaoOrderOperations } from './taobaoOrder';
import { taobaoProductOperations } from './taobaoProduct';
import type { OperationSpec } from '../helpers/types';

/** Resources in the order the node lists them: Taobao, 1688, then shared services. */
export const RESOURCES: INodePropertyOptions[] = [
	{ name: 'Taobao Product', value: 'taobaoProduct', description: 'Search and inspect Taobao goods' },
	{ name: 'Taobao Order', value: 'taobaoOrder', description: 'Taobao purchase orders' },
	{ name: 'Taobao Cart', value: 'taobaoCart', description: 'The Taobao shopping cart' },
	{ name: 'Taobao After-Sale', value: 'taobaoAfterSale', description: 'Refunds and returns of Taobao orders' },
	{ name: '1688 Product', value: 'alibabaProduct', description: 'Search and inspect 1688 offers' },
	{ name: '1688 Order', value: 'alibabaOrder', description: 'Orders placed with 1688 sellers' },
	{ name: '1688 Cart', value: 'alibabaCart', description: 'The 1688 shopping cart' },
	{ name: '1688 After-Sale', value: 'alibabaAfterSale', description: 'Refunds and returns of 1688 orders' },
	{ name: '1688 Marketing', value: 'alibabaMarketing', description: 'Curated 1688 selections and hot lists' },
	{ name: 'Address', value: 'address', description: 'Your PandaPon receiving addresses' },
	{ name: 'Logistics', value: 'logistics', description: 'International shipping: quotes and bookings' },
	{ name: 'Custom API Call', value: 'customApiCall', description: 'Any PandaPon path, signed' },
];

export const OPERATIONS: OperationSpec[] = [
	...taobaoProductOperations,
	...taobaoOrderOperations,
	...taobaoCartOperations,
	...taobaoAfterSaleOperations,
	...alibabaProductOperations,
	...alibabaOrderOperations,
	...alibabaCartOperations,
	...alibabaAfterSaleOperations,
	...alibabaMarketingOperations,
	...addressOperations,
	...logisticsOperations,
	...customApiCallOperations,
];
