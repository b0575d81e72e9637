import type { OperationSpec } from './types';

export const taobaoOrderOperations: OperationSpec[] = [];
