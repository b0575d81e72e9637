import type { OperationSpec } from './types';

export const alibabaProductOperations: OperationSpec[] = [];
