import type { IDataObject } from 'n8n-workflow';

import { stringifyJson } from '../../shared/transport/json';
import type { OperationSpec } from '../helpers/types';

export const customApiCallOperations: OperationSpec[] = [
	{
		resource: 'customApiCall',
		value: 'request',
		name: 'Make a Request',
		action: 'Make a signed PandaPon API request',
		description: 'Call any PandaPon path with the credential signing it',
		catalogId: 'custom',
		apiDocs: 'documented',
		method: 'POST',
		path: '',
		write: true,
		properties: [
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: [
					{ name: 'GET', value: 'GET' },
					{ name: 'POST', value: 'POST' },
				],
				default: 'POST',
				description: 'HTTP method. Requests are sent once unless Retry on Failure is on (GET only); POST requests are never re-sent.',
			},
			{
				displayName: 'Retry on Failure',
				name: 'retryOnFailure',
				type: 'boolean',
				default: false,
				displayOptions: { show: { method: ['GET'] } },
				description:
					'Whether to send this GET again after a network error, a server error or a rate-limit answer (up to the Retries option). Off by default, and on only for paths that just read: some PandaPon writes are GETs (e.g. cancelling a Taobao refund), and re-sending one could carry it out twice.',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: '',
				required: true,
				placeholder: '/alibaba/order/detail',
				description: 'Path below the base URL, starting with /',
			},
			{
				displayName: 'Query Parameters (JSON)',
				name: 'query',
				type: 'json',
				default: '{}',
				description: 'Query string parameters as a JSON object, e.g. {"orderId": "2542285634920880794"}',
			},
			{
				displayName: 'Body (JSON)',
				name: 'body',
				type: 'json',
				default: '{}',
				displayOptions: { show: { method: ['POST'] } },
				description:
					'JSON body, sent exactly as written so 19-digit numbers keep every digit',
			},
		],
		request: (p) => {
			const method = p.oneOf('method', ['GET', 'POST']);
			const path = p.string('path', { required: true });
			if (!path.startsWith('/')) p.fail('path', `must start with /, got "${path.slice(0, 60)}"`, 'Enter a path such as /alibaba/order/detail.');
			const query = p.json('query') ?? {};
			if (typeof query !== 'object' || Array.isArray(query)) p.fail('query', 'must be a JSON object', 'Use {"name": "value"}.');
			let rawBody: string | undefined;
			if (method === 'POST') {
				const rawValue = p.raw<unknown>('body', '{}');
				const parsed = p.json('body');
				rawBody = typeof rawValue === 'string' ? (rawValue.trim() || '{}') : stringifyJson(parsed ?? {});
			}
			// A GET is retried only when the user says it just reads: some PandaPon writes are GETs.
			const retried = method === 'GET' && p.bool('retryOnFailure', false);
			return { method, path, query: query as IDataObject, rawBody, write: !retried };
		},
	},
];
