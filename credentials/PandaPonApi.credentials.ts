import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	credentialProblem,
	nonceAndTimestamp,
	systemHeaders,
	usesQuerySignature,
	type TimestampUnit,
} from '../nodes/shared/transport/signing';
import { credentialTestRequest } from '../nodes/shared/credentialTest';

/** What is wrong with a credential's fields, worked out once per credential data n8n hands over. */
const checked = new WeakMap<ICredentialDataDecryptedObject, { problem?: string }>();

function problemOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	let check = checked.get(credentials);
	if (check === undefined) {
		check = { problem: credentialProblem(credentials) };
		checked.set(credentials, check);
	}
	return check.problem;
}

export class PandaPonApi implements ICredentialType {
	name = 'pandaPonApi';

	displayName = 'PandaPon API';

	icon: Icon = { light: 'file:../icons/pandapon.svg', dark: 'file:../icons/pandapon.dark.svg' };

	documentationUrl = 'https://github.com/pandapon/n8n-nodes-pandapon#credentials';

	// PandaPon answers HTTP 200 even for bad keys: the rules judge the body's code (see credentialTest.ts).
	test: ICredentialTestRequest = credentialTestRequest;

	properties: INodeProperties[] = [
		// The AccessKey is an identifier shown openly in the console; only the secret is masked.
		{
			displayName: 'Access Key',
			name: 'accessKey',
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

	// A property, not a method: n8n's loader copies package credentials with an object spread,
	// which keeps own properties only, and the HTTP Request node lists a credential type under
	// "Predefined Credential Type" only when its served description has `authenticate`.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		// A header-unsafe Access Key or User ID, or a Base URL that is not http(s): refuse before signing,
		// so the Test, the HTTP Request node and the PandaPon nodes all name the field.
		const problem = problemOf(credentials);
		if (problem) throw new Error(`${problem} Nothing was sent.`);
		const unit = (credentials.timestampUnit as TimestampUnit) ?? 'milliseconds';
		const { nonce, timestamp } = nonceAndTimestamp(requestOptions.headers, unit);
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
			// The signed headers must reach this host only, also from the HTTP Request node: never
			// follow a redirect (n8n's two request option styles).
			disableFollowRedirect: true,
			...({ followRedirect: false, followAllRedirects: false } as object),
		};
	};
}
