import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	newNonce,
	systemHeaders,
	timestampNow,
	usesQuerySignature,
	type TimestampUnit,
} from '../nodes/PandaPon/transport/signing';

/**
 * The Test button runs the PandaPon node's `pandaPonApiTest` (testedBy): PandaPon answers HTTP 200
 * even for bad keys, and only code can judge the body's `code` and show PandaPon's message; a
 * `test` request here would take precedence in n8n and can only match fixed values.
 */
export class PandaPonApi implements ICredentialType {
	name = 'pandaPonApi';

	displayName = 'PandaPon API';

	icon: Icon = { light: 'file:pandapon.svg', dark: 'file:pandapon.dark.svg' };

	documentationUrl = 'https://doc-en.pandapon.com/doc-6055770';

	properties: INodeProperties[] = [
		// The AccessKey is an identifier shown openly in the console; only the secret is masked.
		{
			displayName: 'Access Key',
			name: 'accessKey',
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
			type: 'string',
			default: '',
			required: true,
			description:
				'The AccessKey shown in the PandaPon developer console under AccessKey management',
		},
		{
			displayName: 'Access Secret',
			name: 'accessSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret paired with the AccessKey (press View next to it in the console). Resetting it in the console invalidates the old one at once.',
		},
		{
			displayName: 'User ID',
			name: 'userId',
			type: 'string',
			default: '',
			required: true,
			description: 'The PandaPon (sub-)account the calls act for, sent as the user-id header',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.pandapon.com',
			description: 'PandaPon API address. Change it only to reach a local PandaPon sandbox or a proxy.',
		},
		{
			displayName: 'Timestamp Unit',
			name: 'timestampUnit',
			type: 'options',
			options: [
				{ name: 'Milliseconds', value: 'milliseconds' },
				{ name: 'Seconds', value: 'seconds' },
			],
			default: 'milliseconds',
			description:
				'Unit of the signed timestamp header. The PandaPon docs show milliseconds; some clients send seconds. Switch if the test reports a timestamp error.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const timestamp = timestampNow((credentials.timestampUnit as TimestampUnit) ?? 'milliseconds');
		const nonce = newNonce();
		const headers = systemHeaders({
			accessKey: String(credentials.accessKey ?? ''),
			accessSecret: String(credentials.accessSecret ?? ''),
			userId: String(credentials.userId ?? ''),
			timestamp,
			nonce,
		});
		const url = `${requestOptions.baseURL ?? ''}${requestOptions.url ?? ''}`;
		const qs = usesQuerySignature(url)
			? { ...requestOptions.qs, timestamp, sign: headers.signature }
			: requestOptions.qs;
		return {
			...requestOptions,
			qs,
			headers: { ...requestOptions.headers, ...headers },
		};
	}
}
