import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { parseJson } from '../transport/json';
import { hintFor } from '../transport/request';
import { newNonce, systemHeaders, timestampNow, type TimestampUnit } from '../transport/signing';

export const credentialTest = {
	/**
	 * PandaPon answers HTTP 200 even for bad keys, so the body decides: code 200 passes,
	 * anything else shows PandaPon's code, message and a hint.
	 */
	async pandaPonApiTest(
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		const timestamp = timestampNow((data.timestampUnit as TimestampUnit) ?? 'milliseconds');
		const headers = systemHeaders({
			accessKey: String(data.accessKey ?? ''),
			accessSecret: String(data.accessSecret ?? ''),
			userId: String(data.userId ?? ''),
			timestamp,
			nonce: newNonce(),
		});
		const baseUrl = String(data.baseUrl || 'https://api.pandapon.com').replace(/\/+$/, '');
		let text: string;
		try {
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			text = await this.helpers.request({
				method: 'GET',
				uri: `${baseUrl}/v2/alibaba/cart/list`,
				headers,
				json: false,
				timeout: 15000,
			});
		} catch (error) {
			const e = error as { statusCode?: number; cause?: { code?: string }; code?: string };
			const reason = e.statusCode ? `HTTP ${e.statusCode}` : (e.cause?.code ?? e.code ?? 'network error');
			return { status: 'Error', message: `Could not reach PandaPon at ${baseUrl}: ${reason}` };
		}
		let envelope: { code?: unknown; msg?: unknown; requestId?: unknown };
		try {
			envelope = parseJson(String(text)) as typeof envelope;
		} catch {
			return { status: 'Error', message: `${baseUrl} did not answer with PandaPon's JSON: check the Base URL` };
		}
		if (Number(envelope?.code) === 200) return { status: 'OK', message: 'Connection successful' };
		const env = { code: envelope?.code as number, msg: String(envelope?.msg ?? '') };
		return {
			status: 'Error',
			message: `PandaPon error ${env.code}: ${env.msg}. ${hintFor(env)} (request ID ${String(envelope?.requestId ?? 'none')})`,
		};
	},
};
