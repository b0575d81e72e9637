import type { OperationSpec } from './types';

export const alibabaMarketingOperations: OperationSpec[] = [];
