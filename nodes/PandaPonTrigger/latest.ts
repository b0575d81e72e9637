import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { PandaPonApiError } from '../shared/transport/errors';
import { pandaPonApiRequest, type PandaPonRequest } from '../shared/transport/request';
import type { EventDefinition } from './events';

/*
 * "Fetch Latest State": push messages can arrive late and out of order, so after a status or
 * refund message the trigger can read the record's current state with the matching Get.
 */

function idFrom(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
	return undefined;
}

function field(body: unknown, ...path: string[]): unknown {
	let current: unknown = body;
	for (const key of path) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

/** The order id in a status message: Xportcn-style `orderId`, or a 1688 order object's baseInfo. */
export function orderIdInPush(body: unknown): string | undefined {
	return (
		idFrom(field(body, 'orderId')) ??
		idFrom(field(body, 'baseInfo', 'idOfStr')) ??
		idFrom(field(body, 'baseInfo', 'id')) ??
		idFrom(field(body, 'purchaseOrderId'))
	);
}

/** The refund id in an after-sale message: `refundId`, or the refund object's. */
export function refundIdInPush(body: unknown): string | undefined {
	return idFrom(field(body, 'refundId')) ?? idFrom(field(body, 'refund', 'refundId'));
}

/** The Get request for an event's record, or an explanation when there is none to make. */
export function latestRequestFor(
	event: EventDefinition,
	body: unknown,
): { request: PandaPonRequest } | { skip: string } {
	if (event.kind === 'orderStatus') {
		const orderId = orderIdInPush(body);
		if (orderId === undefined) return { skip: 'The message carries no order id (orderId or baseInfo.id)' };
		return event.platform === '1688'
			? { request: { method: 'POST', path: '/alibaba/order/detail', body: { webSite: '1688', orderId }, write: false } }
			: { request: { method: 'GET', path: '/open/order/get', query: { orderId }, write: false } };
	}
	if (event.kind === 'afterSaleRefund') {
		const refundId = refundIdInPush(body);
		if (refundId === undefined) return { skip: 'The message carries no refundId' };
		return event.platform === '1688'
			? { request: { method: 'POST', path: '/alibaba/refund/info', body: { refundId }, write: false } }
			: { request: { method: 'GET', path: '/v2/taobao/order/refund/query', query: { refundId }, write: false } };
	}
	return { skip: 'Price messages already carry the order; nothing is fetched for them' };
}

export interface LatestResult {
	latest?: unknown;
	latestError?: IDataObject;
}

/**
 * Runs the Get. Never throws: the push has already been acknowledged, so a failed read is
 * reported on the item (`latestError`) and the workflow still starts.
 */
export async function fetchLatest(
	this: IWebhookFunctions,
	event: EventDefinition,
	body: unknown,
): Promise<LatestResult> {
	const plan = latestRequestFor(event, body);
	if ('skip' in plan) return { latest: null, latestError: { message: plan.skip } };
	try {
		const envelope = await pandaPonApiRequest.call(this, {
			...plan.request,
			retry: { retries: 1, baseDelayMs: 500 },
			timeoutMs: 15_000,
		});
		return { latest: envelope.data };
	} catch (error) {
		const e = error as { message?: string; description?: string };
		const latestError: IDataObject = {
			message: e?.message ?? 'Fetching the latest state failed',
			request: `${plan.request.method} ${plan.request.path}`,
		};
		if (e?.description) latestError.description = e.description;
		if (error instanceof PandaPonApiError) {
			Object.assign(latestError, { code: error.code, msg: error.msg, requestId: error.requestId });
		}
		return { latest: null, latestError };
	}
}
