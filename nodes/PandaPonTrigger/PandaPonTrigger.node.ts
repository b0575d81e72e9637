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

import { messageIdentity, seenBefore } from './dedupe';
import { ANY_EVENT, classify, eventOptions, eventsSubtitle, isSelected, type Classification } from './events';
import { ACK, isJsonMediaType, isVerifyPing, mediaType, readBody, reply, type PushRequest, type PushResponse } from './http';
import { fetchLatest } from './latest';
import { HINT_BODY, Refusal, ageRefusal, eventTimeOf, verifyAndParse, type Push } from './push';
import { authorizationHeader, type SignedPart } from './signature';

export { eventTimeOf, timestampMs } from './push';

/**
 * Answers a refused push and logs why. While the editor listens (manual mode) the test run fails
 * with the reason instead, so a refused test push is never silent.
 */
function refuse(context: IWebhookFunctions, res: PushResponse, refusal: Refusal): IWebhookResponseData {
	context.logger.warn(`PandaPon Trigger: push refused (HTTP ${refusal.status}): ${refusal.reason}`, {
		workflowId: context.getWorkflow().id,
		node: context.getNode().name,
	});
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `PandaPon push refused: ${refusal.reason} (HTTP ${refusal.status} in production)`, {
			description: refusal.hint,
		});
	}
	reply(res, refusal.status, refusal.status === 200 ? ACK : { code: refusal.status, msg: refusal.reason });
	return { noWebhookResponse: true };
}

/** Acknowledges a verified push that does not start the workflow (filtered out or a re-delivery). */
function ignore(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.logger.debug(`PandaPon Trigger: push acknowledged, workflow not started: ${reason}`, {
		workflowId: context.getWorkflow().id,
		node: context.getNode().name,
	});
	if (context.getMode() === 'manual') {
		throw new NodeOperationError(context.getNode(), `PandaPon push received but not run: ${reason}`, {
			description: 'Check the Events selection and the options (Deduplicate Re-Deliveries, Strict Platform Check) of this trigger.',
		});
	}
	// Answered by n8n (webhookResponse), not res.end: see the end of webhook().
	return { webhookResponse: ACK };
}

function itemFor(push: Push, classification: Classification, deliveryId: string): IDataObject {
	return {
		messageType: push.messageType,
		event: classification.event,
		platform: classification.platform,
		messagePlatform: push.messagePlatform as IDataObject[keyof IDataObject],
		platformMismatch: classification.platformMismatch,
		eventTime: eventTimeOf(push.timestamp),
		timestamp: push.timestamp as IDataObject[keyof IDataObject],
		receivedAt: new Date().toISOString(),
		deliveryId,
		verifiedBy: push.verifiedBy,
		unverifiedFields: push.unverifiedFields,
		body: push.body as IDataObject[keyof IDataObject],
	};
}

export class PandaPonTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PandaPon Trigger',
		name: 'pandaPonTrigger',
		icon: { light: 'file:../../icons/pandapon.svg', dark: 'file:../../icons/pandapon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: eventsSubtitle(),
		documentationUrl: 'https://github.com/pandapon/n8n-nodes-pandapon#pandapon-trigger',
		// n8n's nodes panel shows one PandaPon card with the trigger's description: the package's.
		description: 'Buy on Taobao and 1688 through PandaPon: products, carts, orders, refunds, logistics',
		defaults: {
			name: 'PandaPon Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pandaPonApi',
				required: true,
			},
		],
		eventTriggerDescription:
			'Waiting for a PandaPon push. PandaPon keeps a single callback URL: to test, temporarily replace it in the PandaPon console (Message Service) with the Test URL, then put the Production URL back.',
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
					'In the PandaPon developer console open Message Service, paste the Production URL shown above, press Verify, then Save. Verify passes when this URL answers HTTP 200, which it does without starting the workflow. PandaPon keeps a single callback URL per account: to listen for a test event, temporarily replace it with the Test URL, then put the Production URL back.',
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
					'Which push messages start the workflow. Names marked inferred are not published by PandaPon and may differ on the live service; choose On Any Event to receive everything, including message types this node does not know.',
				options: eventOptions(),
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
						displayName: 'Refuse Stale Pushes',
						name: 'refuseStale',
						type: 'boolean',
						default: true,
						description:
							'Whether to acknowledge without running pushes whose timestamp is missing, older than 3 hours or more than 10 minutes ahead of this server\'s clock, so that a captured push cannot be replayed later',
					},
					{
						displayName: 'Signed Part',
						name: 'signedPart',
						type: 'options',
						default: 'rawBody',
						description:
							'What the Authorization signature covers. Only choose Message Body Only if genuine pushes fail with Whole Body: messageType, messagePlatform and timestamp are then not protected (see unverifiedFields).',
						options: [
							{
								name: 'Message Body Only',
								value: 'messageBody',
								description:
									'Only the messageBody value is verified and emitted; anyone holding one captured push could resend its body under another messageType',
							},
							{
								name: 'Whole Body',
								value: 'rawBody',
								description: 'The request body exactly as received; everything in the push is verified',
							},
						],
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
						throw new NodeOperationError(this.getNode(), 'The PandaPon API credential has no Access Secret', {
							description:
								'The Access Secret is needed to verify that pushes come from PandaPon. Add it to the credential (console: AccessKey management, View).',
						});
					}
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/** read → verify → parse → classify → dedupe → item → acknowledge. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject() as unknown as PushResponse;
		// GET on the callback URL: a reachability check (the console's Verify), never a message.
		if (this.getWebhookName() === 'setup') {
			reply(res, 200, ACK);
			return { noWebhookResponse: true };
		}

		const options = this.getNodeParameter('options', {}) as IDataObject;
		const now = Date.now();

		// Read: raw bytes, size bound, the Verify ping; no parsing before the signature.
		const req = this.getRequestObject() as unknown as PushRequest;
		const read = await readBody(req);
		if ('tooLarge' in read) return refuse(this, res, new Refusal(400, 'body too large', 'PandaPon pushes are a few kB; bodies over 1 MiB are refused.'));
		if ('missing' in read) return refuse(this, res, new Refusal(400, 'request body unavailable', HINT_BODY));
		if (isVerifyPing(read.bytes)) {
			reply(res, 200, ACK);
			return { noWebhookResponse: true };
		}
		const type = mediaType(req.headers);
		if (type !== undefined && !isJsonMediaType(type)) {
			return refuse(this, res, new Refusal(400, `unsupported content type ${JSON.stringify(type.slice(0, 60))}; expected application/json`, HINT_BODY));
		}

		// Verify, then parse exactly the verified bytes; then the age check.
		let secret: string | undefined;
		if (options.verifySignature !== false) {
			const credentials = await this.getCredentials('pandaPonApi');
			secret = String(credentials.accessSecret ?? '');
			if (secret === '') {
				throw new NodeOperationError(this.getNode(), 'The PandaPon API credential has no Access Secret', {
					description: 'Pushes cannot be verified without it. Add it to the credential, or turn off Verify Signature.',
				});
			}
		}
		const part: SignedPart = options.signedPart === 'messageBody' ? 'messageBody' : 'rawBody';
		const push = verifyAndParse(read.bytes, authorizationHeader(req.headers.authorization), secret, part);
		if (push instanceof Refusal) return refuse(this, res, push);
		const tooOld = options.refuseStale !== false ? ageRefusal(push.timestamp, now) : undefined;
		if (tooOld) return refuse(this, res, tooOld);

		// Classify: unselected and unknown types are acknowledged, not refused (PandaPon would re-push them).
		const classification = classify(push.messageType, push.messagePlatform);
		const selected = this.getNodeParameter('events', [ANY_EVENT]) as string[];
		if (!isSelected(selected, classification)) {
			return ignore(this, `messageType ${JSON.stringify(push.messageType.slice(0, 80))} is not among the selected events`);
		}
		if (classification.platformMismatch && options.strictPlatform === true) {
			return ignore(this, 'messagePlatform contradicts the messageType prefix (Strict Platform Check)');
		}

		// Dedupe.
		const identity = messageIdentity(push.messageType.toUpperCase(), classification.platform ?? '', push.body);
		if (options.deduplicate !== false && seenBefore(this.getWorkflowStaticData('node'), identity, now)) {
			return ignore(this, `re-delivery of a message received in the last 3 hours (deliveryId ${identity.deliveryId})`);
		}

		const item = itemFor(push, classification, identity.deliveryId);
		const definition = classification.definition;
		if (this.getNodeParameter('fetchLatestState', false) === true && definition !== undefined && definition.kind !== 'orderPrice') {
			// Acknowledge now: PandaPon wants the 200 within 1000 ms, before any follow-up call.
			reply(res, 200, ACK);
			const result = await fetchLatest.call(this, definition, push.body);
			item.latest = (result.latest as IDataObject[keyof IDataObject]) ?? null;
			if (result.latestError) item.latestError = result.latestError;
			return { workflowData: [[{ json: item }]], noWebhookResponse: true };
		}

		// Acknowledge through n8n: it saves the static data after webhook() returns, queues the
		// execution, and only then sends a webhookResponse. So the next push, on any webhook
		// processor, reads this message's re-delivery record. Answering with res.end first let 16%
		// of sequential re-deliveries through two queue-mode webhook processors start again.
		return { workflowData: [[{ json: item }]], webhookResponse: ACK };
	}
}
