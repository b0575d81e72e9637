import type { OperationSpec } from './types';

export const taobaoAfterSaleOperations: OperationSpec[] = [];
