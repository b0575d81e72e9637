import type { PagingSpec } from './types';

/** A page-numbered list answered as `{data: [...], totalRecords}`, as every list PandaPon pages. */
export function pages(pageParam: 'pageNo' | 'beginPage', maxPageSize: number, where: 'body' | 'query'): PagingSpec {
	return { pageParam, sizeParam: 'pageSize', maxPageSize, in: where, listPath: 'data', totalPath: 'totalRecords' };
}

/** The 1688 goods queries (searches, marketing lists): beginPage, up to 50 a page. */
export const ALIBABA_GOODS_PAGING = pages('beginPage', 50, 'body');
