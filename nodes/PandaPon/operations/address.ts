import type { OperationSpec } from './types';

export const addressOperations: OperationSpec[] = [];
