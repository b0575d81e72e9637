import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { ALIBABA_ORDER_STATUS } from '../PandaPon/helpers/alibabaFields';
import { TAOBAO_ORDER_STATUS } from '../PandaPon/helpers/taobaoFields';
import { Pacer } from '../shared/transport/pacer';
import {
	emptySnapshot,
	loadSnapshot,
	orderChanges,
	refundChanges,
	toItem,
	traceChanges,
	type Change,
	type EventKey,
	type Selection,
	type Snapshot,
} from './changes';
import {
	Budget,
	PAGE_SIZE,
	isTracked,
	readOrders,
	readTaobaoRefunds,
	readTraces,
	type OrderRecord,
	type Platform,
	type ReadContext,
	type RefundRecord,
	type TraceRecord,
} from './read';

const DAY_MS = 86_400_000;
export const MAX_LOOKBACK_DAYS = 90;
export const MAX_CALLS_LIMIT = 100;

const PLATFORMS: Platform[] = ['1688', 'taobao'];
const EVENT_KEYS: string[] = PLATFORMS.flatMap((p) =>
	['orderCreated', 'orderStatusChanged', 'orderPriceChanged', 'afterSaleRefund', 'logisticsUpdated'].map((name) => `${p}.${name}`),
);

interface Read {
	orders: Partial<Record<Platform, OrderRecord[]>>;
	refunds: Partial<Record<Platform, RefundRecord[]>>;
	traces: Partial<Record<Platform, TraceRecord[]>>;
}

function selectionOf(events: string[], options: IDataObject): Selection {
	const wanted: Record<Platform, string[]> = {
		'1688': ((options.alibabaStatuses as string[] | undefined) ?? []).map(String),
		taobao: ((options.taobaoStatuses as Array<string | number> | undefined) ?? []).map(String),
	};
	return {
		has: (event) => events.includes(event),
		statusWanted: (platform, status) => wanted[platform].length === 0 || wanted[platform].includes(String(status)),
	};
}

const wants = (s: Selection, p: Platform, ...names: string[]) => names.some((n) => s.has(`${p}.${n}` as EventKey));

/** Reads what the selected events need: each platform's order list, Taobao after-sales, traces. */
async function readAll(ctx: ReadContext, selection: Selection, manual: boolean): Promise<Read> {
	const read: Read = { orders: {}, refunds: {}, traces: {} };
	for (const p of PLATFORMS) {
		const ordersNeeded =
			wants(selection, p, 'orderCreated', 'orderStatusChanged', 'orderPriceChanged', 'logisticsUpdated') ||
			(p === '1688' && wants(selection, p, 'afterSaleRefund'));
		if (ordersNeeded) read.orders[p] = await readOrders(ctx, p);
		if (wants(selection, p, 'afterSaleRefund')) {
			read.refunds[p] = p === 'taobao' ? await readTaobaoRefunds(ctx) : (read.orders[p] ?? []).flatMap((o) => o.refunds);
		}
		if (wants(selection, p, 'logisticsUpdated')) {
			const orders = read.orders[p] ?? [];
			// Fetch Test Event shows one trace: the newest shipped order's.
			const shipped = manual ? orders.filter(isTracked).slice(0, 1) : orders;
			read.traces[p] = await readTraces(ctx, p, shipped);
		}
	}
	return read;
}

/** Changes since the previous snapshot, and the snapshot to keep. */
function compare(read: Read, previous: Snapshot, selection: Selection): { changes: Change[]; next: Snapshot } {
	const next = emptySnapshot();
	const changes: Change[] = [];
	for (const p of PLATFORMS) {
		const orders = read.orders[p];
		if (orders !== undefined) changes.push(...orderChanges(p, orders, previous, next, selection));
		const refunds = read.refunds[p];
		if (refunds !== undefined) changes.push(...refundChanges(p, refunds, previous, next));
		const traces = read.traces[p];
		if (traces !== undefined) {
			const statusOf = new Map((orders ?? []).map((o) => [o.orderId, o.status]));
			changes.push(...traceChanges(p, traces, statusOf, previous, next));
		}
	}
	return { changes, next };
}

/** Fetch Test Event: the newest record each selected event covers, as if it had just changed. */
function samples(read: Read, events: string[], selection: Selection): Change[] {
	const out: Change[] = [];
	for (const event of events) {
		const [platform, name] = event.split('.') as [Platform, string];
		const orders = read.orders[platform] ?? [];
		if (name === 'afterSaleRefund') {
			const refund = (read.refunds[platform] ?? [])[0];
			if (refund === undefined) continue;
			out.push(...refundChanges(platform, [refund], { ...emptySnapshot(), refunds: { [platform]: {} } }, emptySnapshot()));
			continue;
		}
		if (name === 'logisticsUpdated') {
			const trace = (read.traces[platform] ?? []).find((t) => t.steps.length > 0);
			if (trace === undefined) continue;
			const statusOf = new Map(orders.map((o) => [o.orderId, o.status]));
			out.push(...traceChanges(platform, [trace], statusOf, { ...emptySnapshot(), traces: { [platform]: {} } }, emptySnapshot()));
			continue;
		}
		const order = name === 'orderStatusChanged' ? orders.find((o) => selection.statusWanted(platform, o.status)) : orders[0];
		if (order === undefined) continue;
		out.push({
			event: event as EventKey,
			platform,
			orderId: order.orderId,
			previousStatus: null,
			status: order.status,
			...(name === 'orderPriceChanged' ? { previousAmount: null, amount: order.amount } : {}),
			eventTime: order.updatedAt,
			identity: ['sample', order.status, order.amount, order.updatedAt],
			body: order.record,
		});
	}
	return out;
}

export class PandaPonPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PandaPon Polling Trigger',
		name: 'pandaPonPollingTrigger',
		icon: { light: 'file:../../icons/pandapon.svg', dark: 'file:../../icons/pandapon.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		documentationUrl: 'https://github.com/pandapon/n8n-nodes-pandapon#polling-trigger',
		description:
			'Checks PandaPon on a schedule and starts the workflow for new orders, status and price changes, after-sales and logistics updates (no public URL needed)',
		defaults: {
			name: 'PandaPon Polling Trigger',
		},
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'pandaPonApi',
				required: true,
			},
		],
		properties: [
			{
				displayName:
					'Reads your recent orders on every poll and starts the workflow once per change. Each poll costs one API call per 100 orders (per platform) created in the lookback window, one per 100 Taobao after-sales when selected, and one per shipped order when logistics events are selected. The first activation only records what is there. Use PandaPon Trigger instead when n8n has a public HTTPS URL and the account\'s callback URL is free.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['1688.orderStatusChanged', 'taobao.orderStatusChanged'],
				description: 'Which changes start the workflow',
				options: [
					{
						name: '1688 After-Sale Refund Changed',
						value: '1688.afterSaleRefund',
						description: 'A refund was opened on a 1688 order line, or its status changed (read from the order list; no extra calls)',
					},
					{
						name: '1688 Logistics Trace Updated',
						value: '1688.logisticsUpdated',
						description:
							'A shipped 1688 order\'s tracking gained a step. Costs one API call per shipped, not yet completed order in the window on every poll.',
					},
					{
						name: '1688 New Order',
						value: '1688.orderCreated',
						description: 'A 1688 order appeared that the previous poll did not see',
					},
					{
						name: '1688 Order Price Changed',
						value: '1688.orderPriceChanged',
						description: 'The total amount of a 1688 order changed (seller price change)',
					},
					{
						name: '1688 Order Status Changed',
						value: '1688.orderStatusChanged',
						description: 'A 1688 order moved to another trade status, e.g. shipped (waitbuyerreceive)',
					},
					{
						name: 'Taobao After-Sale Refund Changed',
						value: 'taobao.afterSaleRefund',
						description: 'A Taobao after-sale was created or changed status (one extra call per 100 after-sales in the window)',
					},
					{
						name: 'Taobao Logistics Trace Updated',
						value: 'taobao.logisticsUpdated',
						description:
							'A shipped Taobao order\'s tracking gained a step. Costs one API call per shipped order in the window on every poll.',
					},
					{
						name: 'Taobao New Order',
						value: 'taobao.orderCreated',
						description: 'A Taobao order appeared that the previous poll did not see',
					},
					{
						name: 'Taobao Order Price Changed',
						value: 'taobao.orderPriceChanged',
						description: 'The purchase amount of a Taobao order changed',
					},
					{
						name: 'Taobao Order Status Changed',
						value: 'taobao.orderStatusChanged',
						description: 'A Taobao order moved to another status, e.g. shipped (11)',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Lookback (Days)',
						name: 'lookbackDays',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_LOOKBACK_DAYS },
						default: 7,
						description:
							'Orders (and Taobao after-sales) created in this many past days are watched. A change to an older record is not seen. After n8n was down, changes to records still in the window are emitted at the next poll.',
					},
					{
						displayName: 'Max Calls per Poll',
						name: 'maxCalls',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_CALLS_LIMIT },
						default: 20,
						description: `Upper bound on API calls in one poll (${PAGE_SIZE} records per list call). When the window needs more, the poll stops with an error and emits nothing, so no change is lost; shorten Lookback (Days) or raise this.`,
					},
					{
						displayName: 'Max Requests per Second',
						name: 'requestsPerSecond',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 5,
						description: 'Upper bound on requests started per second; 0 means no limit. Rate-limit answers slow the poll down and are retried.',
					},
					{
						displayName: 'Only 1688 Statuses',
						name: 'alibabaStatuses',
						type: 'multiOptions',
						options: ALIBABA_ORDER_STATUS,
						default: [],
						description: '1688 Order Status Changed fires only when the new status is one of these; empty means any',
					},
					{
						displayName: 'Only Taobao Statuses',
						name: 'taobaoStatuses',
						type: 'multiOptions',
						options: TAOBAO_ORDER_STATUS,
						default: [],
						description: 'Taobao Order Status Changed fires only when the new status is one of these; empty means any',
					},
					{
						displayName: 'Retries',
						name: 'retries',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: 10 },
						default: 3,
						description: 'How often a failed or rate-limited read is tried again (with growing pauses) before the poll fails',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const events = this.getNodeParameter('events', []) as string[];
		if (events.length === 0) {
			throw new NodeOperationError(this.getNode(), 'No events selected', {
				description: 'Choose at least one event under Events.',
			});
		}
		const unknown = events.filter((e) => !EVENT_KEYS.includes(e));
		if (unknown.length > 0) {
			throw new NodeOperationError(this.getNode(), `Unknown event "${String(unknown[0]).slice(0, 60)}" in Events`, {
				description: `Use one of ${EVENT_KEYS.join(', ')}.`,
			});
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const days = Number(options.lookbackDays ?? 7);
		const maxCalls = Number(options.maxCalls ?? 20);
		if (!(days > 0 && days <= MAX_LOOKBACK_DAYS)) {
			throw new NodeOperationError(this.getNode(), `"Lookback (Days)" must be between 1 and ${MAX_LOOKBACK_DAYS}, got ${String(options.lookbackDays)}`);
		}
		if (!(Number.isInteger(maxCalls) && maxCalls >= 1 && maxCalls <= MAX_CALLS_LIMIT)) {
			throw new NodeOperationError(this.getNode(), `"Max Calls per Poll" must be a whole number from 1 to ${MAX_CALLS_LIMIT}, got ${String(options.maxCalls)}`);
		}
		const node = this.getNode();
		const manual = this.getMode() === 'manual';
		const selection = selectionOf(events, options);
		const now = Date.now();
		const ctx: ReadContext = {
			fns: this,
			pacer: new Pacer(Number(options.requestsPerSecond ?? 5)),
			retries: Number(options.retries ?? 3),
			windowStart: now - days * DAY_MS,
			budget: new Budget(
				maxCalls,
				(what) =>
					new NodeOperationError(node, `This poll needs more than ${maxCalls} API calls`, {
						description: `Reading ${what} for the last ${days} day(s) goes past Max Calls per Poll (${maxCalls}). Shorten Lookback (Days), raise Max Calls per Poll (up to ${MAX_CALLS_LIMIT}), turn off logistics events, or use PandaPon Trigger (push). Nothing was emitted and the previous snapshot is kept, so no change is lost.`,
					}),
			),
		};

		const read = await readAll(ctx, selection, manual);
		const receivedAt = new Date().toISOString();

		if (manual) {
			const found = samples(read, events, selection);
			if (found.length === 0) {
				throw new NodeOperationError(node, `No matching PandaPon record in the last ${days} day(s)`, {
					description:
						'Fetch Test Event shows the newest order, after-sale or logistics trace the selected events cover. Create or change one, or raise Lookback (Days), then try again.',
				});
			}
			return [found.map((change) => ({ json: toItem(change, receivedAt) }))];
		}

		const staticData = this.getWorkflowStaticData('node');
		const { changes, next } = compare(read, loadSnapshot(staticData.snapshot), selection);
		next.from = ctx.windowStart;
		// Replaced only after every read succeeded: a failed poll leaves the old snapshot, so its
		// changes are found again by the next poll.
		staticData.snapshot = next as unknown as IDataObject;
		if (changes.length === 0) return null;
		return [changes.map((change) => ({ json: toItem(change, receivedAt) }))];
	}
}
