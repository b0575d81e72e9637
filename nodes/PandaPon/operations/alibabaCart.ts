import type { OperationSpec } from './types';

export const alibabaCartOperations: OperationSpec[] = [];
