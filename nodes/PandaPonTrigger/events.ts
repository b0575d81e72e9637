/*
 * PandaPon push-message types and how they map to the trigger's events.
 *
 * Confirmed by PandaPon's message pages: the two PRICE_MODIFY types. Inferred (see
 * `callbacks.messages` in sandbox/catalog.json): both BUYER_REFUND types (Xportcn's refund
 * topic with PandaPon's platform prefix) and every status type — PandaPon does not publish the
 * status topic's name, so `*_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY` is our best guess and the
 * prefixed Xportcn order topics (ORDER_CREATE / ORDER_CANCEL / ORDER_PAY_SUCCESS) are accepted as
 * status changes too.
 */

export type Platform = 'taobao' | '1688';

export type EventKey =
	| 'taobao.orderStatusChanged'
	| 'taobao.orderPriceChanged'
	| 'taobao.afterSaleRefund'
	| '1688.orderStatusChanged'
	| '1688.orderPriceChanged'
	| '1688.afterSaleRefund';

/** `*` in the Events parameter: every message, including types this node does not know. */
export const ANY_EVENT = '*';

/** What an unknown messageType is reported as (only emitted when Any is selected). */
export const UNKNOWN_EVENT = 'unknown';

export type EventKind = 'orderStatus' | 'orderPrice' | 'afterSaleRefund';

export interface EventDefinition {
	event: EventKey;
	platform: Platform;
	kind: EventKind;
	/** As the Events option shows it, after "On ": brand casing, hyphen kept. */
	displayName: string;
	/** What happened, for the option's description. */
	summary: string;
	/** messageTypes that mean this event; the first one is the canonical type. */
	messageTypes: string[];
	/** true when PandaPon's docs do not confirm the messageType name. */
	inferred: boolean;
}

export const EVENTS: EventDefinition[] = [
	{
		event: 'taobao.orderStatusChanged',
		platform: 'taobao',
		kind: 'orderStatus',
		displayName: 'Taobao Order Status Changed',
		summary: 'A Taobao order changed status',
		messageTypes: [
			'TAOBAO_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			'TAOBAO_ORDER_CREATE',
			'TAOBAO_ORDER_CANCEL',
			'TAOBAO_ORDER_PAY_SUCCESS',
		],
		inferred: true,
	},
	{
		event: 'taobao.orderPriceChanged',
		platform: 'taobao',
		kind: 'orderPrice',
		displayName: 'Taobao Order Price Changed',
		summary: 'The price of a Taobao purchase order changed',
		messageTypes: ['TAOBAO_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY'],
		inferred: false,
	},
	{
		event: 'taobao.afterSaleRefund',
		platform: 'taobao',
		kind: 'afterSaleRefund',
		displayName: 'Taobao After-Sale Refund',
		summary: 'An after-sales refund on a Taobao order changed',
		messageTypes: ['TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND'],
		inferred: true,
	},
	{
		event: '1688.orderStatusChanged',
		platform: '1688',
		kind: 'orderStatus',
		displayName: '1688 Order Status Changed',
		summary: 'A 1688 order changed status',
		messageTypes: [
			'1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY',
			'1688_ORDER_CREATE',
			'1688_ORDER_CANCEL',
			'1688_ORDER_PAY_SUCCESS',
		],
		inferred: true,
	},
	{
		event: '1688.orderPriceChanged',
		platform: '1688',
		kind: 'orderPrice',
		displayName: '1688 Order Price Changed',
		summary: 'The seller changed the price of a 1688 order',
		messageTypes: ['1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY'],
		inferred: false,
	},
	{
		event: '1688.afterSaleRefund',
		platform: '1688',
		kind: 'afterSaleRefund',
		displayName: '1688 After-Sale Refund',
		summary: 'A refund / after-sales case on a 1688 order changed',
		messageTypes: ['1688_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND'],
		inferred: true,
	},
];

/** The Events parameter's options, generated from EVENTS (values are what saved workflows hold). */
export function eventOptions(): Array<{ name: string; value: string; description: string }> {
	const options = EVENTS.map((e) => {
		const [canonical, ...also] = e.messageTypes;
		const alsoText = also.length ? `; ${also.join(', ')} are also accepted` : '';
		return {
			name: `On ${e.displayName}`,
			value: e.event as string,
			description: `${e.summary} (${canonical}${e.inferred ? ', name inferred' : ''}${alsoText})`,
		};
	});
	options.push({ name: 'On Any Event', value: ANY_EVENT, description: 'Every push message, including unknown message types' });
	return options.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/**
 * The node's subtitle: the chosen events as the options name them ("On 1688 Order Status
 * Changed"), never their internal values.
 */
export function eventsSubtitle(): string {
	const names: Record<string, string> = {};
	for (const option of eventOptions()) names[option.value] = option.name;
	return `={{ [].concat($parameter["events"] || []).map((e) => (${JSON.stringify(names)})[e] || e).join(", ") }}`;
}

const BY_TYPE = new Map<string, EventDefinition>();
for (const event of EVENTS) {
	for (const type of event.messageTypes) BY_TYPE.set(type, event);
}

/** The event a messageType stands for, or undefined for types this node does not know. */
export function eventForMessageType(messageType: string): EventDefinition | undefined {
	return BY_TYPE.get(messageType.trim().toUpperCase());
}

/** Platform named by the messageType prefix (`TAOBAO_` / `1688_`), if any. */
export function platformFromMessageType(messageType: string): Platform | undefined {
	const type = messageType.trim().toUpperCase();
	if (type.startsWith('TAOBAO_')) return 'taobao';
	if (type.startsWith('1688_')) return '1688';
	return undefined;
}

/** Platform named by `messagePlatform` (0 = Taobao, 1 = 1688; number or numeric string). */
export function platformFromMessagePlatform(value: unknown): Platform | undefined {
	const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim() : '';
	if (text === '0') return 'taobao';
	if (text === '1') return '1688';
	return undefined;
}

export interface Classification {
	/** Our event key, or `unknown`. */
	event: EventKey | typeof UNKNOWN_EVENT;
	definition?: EventDefinition;
	/** Platform from the messageType prefix, else from messagePlatform. */
	platform: Platform | null;
	/** Both the prefix and messagePlatform name a platform and they disagree. */
	platformMismatch: boolean;
}

/**
 * Routes on the messageType prefix first (PandaPon's codes carry it; the sister platform's
 * examples send messagePlatform 1 even for Taobao-style bodies) and cross-checks messagePlatform.
 */
export function classify(messageType: string, messagePlatform: unknown): Classification {
	const definition = eventForMessageType(messageType);
	const fromType = definition?.platform ?? platformFromMessageType(messageType);
	const fromField = platformFromMessagePlatform(messagePlatform);
	return {
		event: definition?.event ?? UNKNOWN_EVENT,
		definition,
		platform: fromType ?? fromField ?? null,
		platformMismatch: fromType !== undefined && fromField !== undefined && fromType !== fromField,
	};
}

/** Whether a classified message passes the Events selection. */
export function isSelected(selected: string[], classification: Classification): boolean {
	if (selected.includes(ANY_EVENT)) return true;
	return classification.event !== UNKNOWN_EVENT && selected.includes(classification.event);
}
