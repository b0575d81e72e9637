import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { credentialTest } from '../PandaPon/methods/credentialTest';
import { parseJson } from '../PandaPon/transport/json';
import { seenBefore, fingerprint } from './dedupe';
import { ANY_EVENT, classify, isSelected } from './events';
import { fetchLatest } from './latest';
import { authorizationHeader, checkSignature, topLevelValueText } from './signature';

/** Bodies above this are refused: PandaPon's largest push (a full 1688 order) is a few kB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Acknowledgement body. PandaPon only documents that it wants HTTP 200 within 1000 ms; the body is
 * not specified, so we answer in the shape of PandaPon's own envelope.
 */
export const ACK = { code: 200, msg: 'success' };

type Headers = Record<string, string | string[] | undefined>;

/** The parts of n8n's request object (Express over Node's IncomingMessage) this node reads. */
interface PushRequest {
	headers: Headers;
	/** Set by n8n's body reader: the body exactly as received. */
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	body?: unknown;
}

/** The parts of n8n's response object (Express over Node's ServerResponse) this node writes. */
interface PushResponse {
	statusCode: number;
	readonly headersSent: boolean;
	readonly writableEnded: boolean;
	setHeader(name: string, value: string): unknown;
	end(chunk: string): unknown;
}

function reply(res: PushResponse, status: number, body: IDataObject): void {
	if (res.headersSent || res.writableEnded) return;
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json; charset=utf-8');
	res.end(JSON.stringify(body));
}

/** The raw body as n8n read it; asks n8n to read it when it has not yet. */
async function rawBodyOf(req: PushRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

function mediaType(headers: Headers): string | undefined {
	const header = headers['content-type'];
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') return undefined;
	return value.split(';')[0].trim().toLowerCase();
}

function isJsonMediaType(type: string): boolean {
	return type === 'application/json' || type === 'text/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type);
}

/** Push time as ISO text; accepts epoch seconds or milliseconds, as a number or a digit string. */
export function eventTimeOf(timestamp: unknown): string | null {
	const text = typeof timestamp === 'number' || typeof timestamp === 'string' ? String(timestamp).trim() : '';
	if (!/^\d{9,16}$/.test(text)) return null;
	const value = Number(text);
	const ms = value < 1e11 ? value * 1000 : value; // 1e11 s is year 5138; 1e11 ms is 1973
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export class PandaPonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PandaPon Trigger',
		name: 'pandaPonTrigger',
		icon: { light: 'file:pandapon.svg', dark: 'file:pandapon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when PandaPon pushes a Taobao or 1688 order message (status, price, after-sale refund)',
		defaults: {
			name: 'PandaPon Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pandaPonApi',
				required: true,
				testedBy: 'pandaPonApiTest',
			},
		],
		eventTriggerDescription: 'Waiting for PandaPon to push a message',
		activationMessage:
			'Paste the Production URL into the PandaPon developer console under Message Service, press Verify, then Save.',
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
			{
				// Answers a GET on the same URL with 200, in case the console's Verify button uses GET.
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: true,
			},
		],
		properties: [
			{
				displayName:
					'In the PandaPon developer console open Message Service, paste the Production URL shown above, press Verify, then Save. Verify passes when this URL answers HTTP 200, which it does without starting the workflow. PandaPon keeps a single callback URL per account. The Test URL works only while n8n is listening for a test event.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: [ANY_EVENT],
				description:
					'Which push messages start the workflow. Names marked inferred are not published by PandaPon and may differ on the live service; choose Any to receive everything, including message types this node does not know.',
				options: [
					{
						name: 'Any',
						value: ANY_EVENT,
						description: 'Every push message, including unknown message types',
					},
					{
						name: '1688 After-Sale Refund',
						value: '1688.afterSaleRefund',
						description:
							'A refund / after-sales case on a 1688 order changed (1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND, name inferred)',
					},
					{
						name: '1688 Order Price Changed',
						value: '1688.orderPriceChanged',
						description:
							'The seller changed the price of a 1688 order (1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY)',
					},
					{
						name: '1688 Order Status Changed',
						value: '1688.orderStatusChanged',
						description:
							'A 1688 order changed status (1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY, name inferred; 1688_ORDER_CREATE, 1688_ORDER_CANCEL and 1688_ORDER_PAY_SUCCESS are also accepted)',
					},
					{
						name: 'Taobao After-Sale Refund',
						value: 'taobao.afterSaleRefund',
						description:
							'An after-sales refund on a Taobao order changed (TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND, name inferred)',
					},
					{
						name: 'Taobao Order Price Changed',
						value: 'taobao.orderPriceChanged',
						description:
							'The price of a Taobao purchase order changed (TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY)',
					},
					{
						name: 'Taobao Order Status Changed',
						value: 'taobao.orderStatusChanged',
						description:
							'A Taobao order changed status (TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY, name inferred; TAOBAO_ORDER_CREATE, TAOBAO_ORDER_CANCEL and TAOBAO_ORDER_PAY_SUCCESS are also accepted)',
					},
				],
			},
			{
				displayName: 'Fetch Latest State',
				name: 'fetchLatestState',
				type: 'boolean',
				default: false,
				description:
					'Whether to read the order or refund again after a status or refund message and put the result in the "latest" field. Pushes can arrive late or out of order; this costs one API call per message. The push is acknowledged before the call.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Deduplicate Re-Deliveries',
						name: 'deduplicate',
						type: 'boolean',
						default: true,
						description:
							'Whether to ignore a message identical (type, platform and body) to one received in the last 3 hours. PandaPon re-pushes a message every 30 minutes, up to 5 times, when it did not get a 200 in time.',
					},
					{
						displayName: 'Strict Platform Check',
						name: 'strictPlatform',
						type: 'boolean',
						default: false,
						description:
							'Whether to ignore messages whose messagePlatform (0 Taobao, 1 1688) contradicts their messageType prefix. Off by default: PandaPon routes on the prefix and some examples carry an inconsistent messagePlatform; the item then has platformMismatch set.',
					},
					{
						displayName: 'Verify Signature',
						name: 'verifySignature',
						type: 'boolean',
						default: true,
						description:
							"Whether to check the Authorization header (HMAC-SHA256 with the credential's Access Secret) and refuse pushes that fail with HTTP 401. Warning: turning this off lets anyone who knows the URL start the workflow with made-up orders and refunds; only do so to diagnose a signature mismatch.",
					},
				],
			},
		],
	};

	// The same Test as the action node: PandaPon's body `code` decides, with its message.
	methods = { credentialTest };

	webhookMethods = {
		default: {
			// The callback URL lives in PandaPon's console, not behind an API: nothing remote is
			// created or removed. checkExists answers false so that create() runs on every
			// activation and can refuse a credential that cannot verify pushes.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const options = this.getNodeParameter('options', {}) as IDataObject;
				if (options.verifySignature !== false) {
					const credentials = await this.getCredentials('pandaPonApi');
					if (!String(credentials.accessSecret ?? '').trim()) {
						throw new NodeOperationError(
							this.getNode(),
							'The PandaPon API credential has no Access Secret',
							{
								description:
									'The Access Secret is needed to verify that pushes come from PandaPon. Add it to the credential (console: AccessKey management, View).',
							},
						);
					}
				}
				const staticData = this.getWorkflowStaticData('node');
				staticData.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				delete staticData.webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject() as unknown as PushResponse;
		const done = (status: number, body: IDataObject = ACK): IWebhookResponseData => {
			reply(res, status, body);
			return { noWebhookResponse: true };
		};
		const reject = (status: 400 | 401, msg: string) => done(status, { code: status, msg });

		// GET on the callback URL: a reachability check (the console's Verify), never a message.
		if (this.getWebhookName() === 'setup') return done(200);

		const req = this.getRequestObject() as unknown as PushRequest;
		const declaredLength = Number(req.headers['content-length']);
		if (Number.isFinite(declaredLength) && declaredLength > MAX_BODY_BYTES) {
			return reject(400, 'body too large');
		}
		const raw = await rawBodyOf(req);
		if (raw !== undefined && raw.length > MAX_BODY_BYTES) return reject(400, 'body too large');

		// Without the raw bytes (never the case in n8n 2.x) fall back to the parsed body; the
		// signature can then only be checked over a string messageBody.
		let text: string;
		if (raw !== undefined) {
			text = raw.toString('utf8');
			if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
		} else {
			const parsed = req.body ?? this.getBodyData();
			text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed ?? '');
		}

		// Verify ping: an empty body or an empty object. Answer 200 without starting anything,
		// whatever the signature, so the console can save the URL.
		if (/^\s*(\{\s*\})?\s*$/.test(text)) return done(200);

		const type = mediaType(req.headers);
		if (type !== undefined && !isJsonMediaType(type)) {
			return reject(400, `unsupported content type ${type}; expected application/json`);
		}

		let parsedBody: unknown;
		let parseFailed = false;
		const parse = (): unknown => {
			if (parsedBody === undefined && !parseFailed) {
				try {
					parsedBody = parseJson(text);
				} catch {
					parseFailed = true;
				}
			}
			return parsedBody;
		};

		const options = this.getNodeParameter('options', {}) as IDataObject;
		let verifiedBy: 'rawBody' | 'messageBody' | 'notVerified' = 'notVerified';
		if (options.verifySignature !== false) {
			const credentials = await this.getCredentials('pandaPonApi');
			const secret = String(credentials.accessSecret ?? '');
			if (secret === '') {
				throw new NodeOperationError(this.getNode(), 'The PandaPon API credential has no Access Secret', {
					description: 'Pushes cannot be verified without it. Add it to the credential, or turn off Verify Signature.',
				});
			}
			const check = checkSignature(authorizationHeader(req.headers.authorization), secret, raw, () => {
				const bases: Array<Buffer | string> = [];
				const envelope = parse();
				const messageBody =
					envelope !== null && typeof envelope === 'object' && !Array.isArray(envelope)
						? (envelope as IDataObject).messageBody
						: undefined;
				if (typeof messageBody === 'string') bases.push(messageBody);
				const exact = topLevelValueText(text, 'messageBody');
				if (exact !== undefined && !exact.startsWith('"')) bases.push(exact);
				return bases;
			});
			if (!check.ok) {
				return reject(401, check.reason === 'missing' ? 'missing signature' : 'invalid signature');
			}
			verifiedBy = check.base;
		}

		const envelope = parse();
		if (parseFailed) return reject(400, 'body is not valid JSON');
		if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) {
			return reject(400, 'body is not a JSON object');
		}
		const message = envelope as IDataObject;
		const messageType = typeof message.messageType === 'string' ? message.messageType.trim() : '';
		if (messageType === '') return reject(400, 'messageType is missing');

		let body: unknown = message.messageBody ?? null;
		if (typeof body === 'string') {
			try {
				body = parseJson(body);
			} catch {
				// Not JSON: hand the text on as it came.
			}
		}

		const classification = classify(messageType, message.messagePlatform);
		const selected = this.getNodeParameter('events', [ANY_EVENT]) as string[];
		// Unselected and unknown types are acknowledged, not refused: PandaPon would only re-push them.
		if (!isSelected(selected, classification)) return done(200);
		if (classification.platformMismatch && options.strictPlatform === true) return done(200);

		if (options.deduplicate !== false) {
			const fp = fingerprint(messageType.toUpperCase(), classification.platform ?? '', body);
			if (seenBefore(this.getWorkflowStaticData('node'), fp, Date.now())) return done(200);
		}

		const item: IDataObject = {
			messageType,
			event: classification.event,
			platform: classification.platform,
			messagePlatform: (message.messagePlatform as IDataObject[keyof IDataObject]) ?? null,
			platformMismatch: classification.platformMismatch,
			eventTime: eventTimeOf(message.timestamp),
			timestamp: (message.timestamp as IDataObject[keyof IDataObject]) ?? null,
			receivedAt: new Date().toISOString(),
			verifiedBy,
			body: body as IDataObject[keyof IDataObject],
		};

		// Acknowledge now: PandaPon wants the 200 within 1000 ms, before any follow-up call.
		reply(res, 200, ACK);

		const definition = classification.definition;
		if (
			this.getNodeParameter('fetchLatestState', false) === true &&
			definition !== undefined &&
			definition.kind !== 'orderPrice'
		) {
			const result = await fetchLatest.call(this, definition, body);
			item.latest = (result.latest as IDataObject[keyof IDataObject]) ?? null;
			if (result.latestError) item.latestError = result.latestError;
		}

		return { workflowData: [[{ json: item }]], noWebhookResponse: true };
	}
}
