import type { INodeProperties } from 'n8n-workflow';

import { LANGUAGES } from '../helpers/alibabaFields';
import { ALIBABA_GOODS_PAGING } from '../helpers/paging';
import { compact } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';

const resource = 'alibabaMarketing';

const properties: INodeProperties[] = [
	{
		displayName: 'Keyword',
		name: 'keyword',
		type: 'string',
		default: '',
		placeholder: 'e.g. 背心',
		description: 'Only offers whose title contains this; leave empty for the whole selection',
	},
	{
		displayName: 'Language',
		name: 'country',
		type: 'options',
		options: LANGUAGES,
		default: 'en',
		description: 'Language of the translated titles',
	},
];

function selection(value: string, name: string, action: string, description: string, catalogId: string, path: string): OperationSpec {
	return {
		resource,
		value,
		name,
		action,
		description,
		catalogId,
		apiDocs: 'inferred',
		method: 'POST',
		path,
		write: false,
		properties,
		request: (p) => ({
			body: compact({ keyword: p.string('keyword'), country: p.oneOf('country', LANGUAGES.map((l) => l.value as string)) }),
		}),
		paging: ALIBABA_GOODS_PAGING,
	};
}

export const alibabaMarketingOperations: OperationSpec[] = [
	selection(
		'globalStrictSelection',
		'Get Global Strict Selection',
		'Get 1688 global strict selection products',
		"List the products of 1688's global strict selection (全球严选)",
		'1688.marketing.globalStrictSelection',
		'/alibaba/marketing/globalStrictSelection',
	),
	selection(
		'strictSelection',
		'Get Strict Selection',
		'Get 1688 strict selection products',
		"List the products of 1688's strict selection (1688严选)",
		'1688.marketing.strictSelection',
		'/alibaba/marketing/strictSelection',
	),
	selection(
		'hotSellingList',
		'Get Hot Sellers',
		'Get the 1688 hot-selling list',
		"List 1688's best sellers (热销榜单), best first",
		'1688.marketing.hotList',
		'/alibaba/marketing/hotList',
	),
];
