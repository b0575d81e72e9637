import type { OperationSpec } from './types';

export const logisticsOperations: OperationSpec[] = [];
