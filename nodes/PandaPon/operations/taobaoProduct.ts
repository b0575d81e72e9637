import type { OperationSpec } from './types';

export const taobaoProductOperations: OperationSpec[] = [];
