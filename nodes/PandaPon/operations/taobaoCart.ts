import type { OperationSpec } from './types';

export const taobaoCartOperations: OperationSpec[] = [];
