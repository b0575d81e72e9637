import { alibabaOrderLocator } from './fields';
import type { OperationSpec } from './types';

const resource = 'alibabaOrder';

export const alibabaOrderOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a 1688 order',
		description: 'Get one 1688 order with its lines, amounts (yuan) and logistics',
		catalogId: '1688.order.get',
		method: 'POST',
		path: '/alibaba/order/detail',
		write: false,
		properties: [alibabaOrderLocator()],
		// The API types orderId as a string here (unlike refunds), so it is sent quoted.
		request: (p) => ({ body: { webSite: '1688', orderId: p.idDigits('orderId') } }),
	},
];
