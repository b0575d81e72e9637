/** Types for the local PandaPon API emulator (plain CommonJS, see sandbox/README.md). */

export interface SandboxCredential {
	accessKey: string;
	accessSecret: string;
	userId: string;
}

export type FaultKind = 'http500' | 'html' | 'malformedJson' | 'reset' | 'timeout' | 'rateLimit';

export interface FaultSpec {
	latencyMs?: number;
	errorRate?: number;
	errorKinds?: FaultKind[];
	qps?: number;
	clockSkewMs?: number;
}

/** Global knobs plus per-route entries keyed like 'POST /alibaba/order/detail' (or under `routes`). */
export type Faults = FaultSpec & { routes?: Record<string, FaultSpec> } & { [routeKey: string]: unknown };

export interface SandboxOptions {
	port?: number;
	host?: string;
	seed?: number;
	orders?: number;
	latencyMs?: number;
	qps?: number;
	clockSkewMs?: number;
	credentials?: SandboxCredential[];
	callbackUrls?: string[];
	pushRetryDelaysMs?: number[];
	pushBodyAsString?: boolean;
	pushTimeoutMs?: number;
	faults?: Faults;
	onError?: (err: unknown) => void;
	/** Variant: answer HTTP 404 (gateway-style body) for these exact paths, e.g. '/alibaba/order/detail'. */
	notFoundPaths?: string[];
	/** Variant: accept only this timestamp unit (default: both). */
	timestampUnit?: 'seconds' | 'milliseconds';
	/** Variant: expect this signature construction instead of the documented one. */
	signature?: 'documented' | 'secret-first' | 'hmac-sha256';
	/** How many API requests `requests()` keeps, oldest dropped first (default 1000; 0 keeps none). */
	requestLog?: number;
}

/** One API request as the sandbox received it (admin calls are not logged). */
export interface RequestRecord {
	/** Running number, from 1, over the sandbox's life. */
	seq: number;
	/** Arrival time (ms since the epoch), before the body was read. */
	at: number;
	method: string;
	/** The path without the query string. */
	path: string;
	/** 'METHOD /path' as received, e.g. 'GET /v2/taobao/order/refund/cancel/TQ1'. */
	key: string;
	/** The catalog route it matched ('GET /v2/taobao/order/refund/cancel/{refundId}'), or null. */
	route: string | null;
	/** Path and query string as received. */
	url: string;
	headers: Record<string, string | string[] | undefined>;
	/** The raw body text ('' when there was none). */
	body: string;
	/** The fault injected instead of an answer, if any. */
	fault: FaultKind | null;
}

export interface Counters {
	total: number;
	byRoute: Record<string, number>;
}

export interface PushMessage {
	messageType: string;
	messageBody?: unknown;
	messagePlatform?: number;
	timestamp?: string | number;
	pushBodyAsString?: boolean;
	/** Override the callback URLs for this message. */
	urls?: string[];
	/** Send this exact raw body (signature still computed over it). */
	raw?: string;
	/** Sign with another secret (to test rejection). */
	secret?: string;
}

export interface PushAttempt {
	at: number;
	status: number | null;
	error: string | null;
	ms?: number;
}

export interface PushLogEntry {
	id: number;
	url: string;
	messageType: string;
	messagePlatform: number;
	body: string;
	signature: string;
	attempts: PushAttempt[];
	acknowledged: boolean;
	done: boolean;
	nextRetryAt?: number | null;
}

export interface Fixtures {
	alibaba: {
		orderWaitSellerSend: string;
		orderWaitSellerSendEntries: string[];
		orderWaitBuyerReceive: string;
		orderWaitBuyerReceiveEntries: string[];
		orderWaitBuyerPay: string;
		orderWaitBuyerPayEntries: string[];
		offerId: number;
		/** The specId of the offer's first SKU (19.00 yuan). */
		offerSpecId: string;
		offerIdDetail: number;
		sellerOpenId: string;
	};
	taobao: {
		orderWaitPay: string;
		orderWaitPaySubOrders: string[];
		orderPaid: string;
		orderPaidSubOrders: string[];
		itemIdBig: string;
		itemIdBigSku: string;
		itemIdBig2: string;
		itemIdBig2Sku: string;
		itemId: string;
		itemIdSku: string;
		itemIdSource: string;
	};
	logistics: { renderId: string };
}

/** Live in-memory state (ids are strings internally). Shapes are loose on purpose. */
export interface SandboxState {
	seed: number;
	fixtures: Fixtures;
	taobao: {
		products: Map<string, any>;
		productList: any[];
		orders: Map<string, any>;
		orderList: any[];
		subOrders: Map<string, { order: any; line: any }>;
		refunds: Map<string, any>;
		refundList: any[];
		carts: Map<string, any[]>;
	};
	alibaba: {
		products: Map<string, any>;
		productList: any[];
		orders: Map<string, any>;
		orderList: any[];
		refunds: Map<string, any>;
		refundList: any[];
		carts: Map<string, any[]>;
	};
	addresses: Map<string, any[]>;
	logisticsCompanies: any[];
	logistics: { renders: Map<string, any>; bookings: Map<string, any>; domestic: any[] };
	[key: string]: any;
}

export interface Sandbox {
	url: string;
	port: number;
	credentials: SandboxCredential;
	state: SandboxState;
	options: Required<Omit<SandboxOptions, 'onError'>> & { onError?: (err: unknown) => void };
	counters(): Counters;
	/** Every API request by 'METHOD /path', routed or not (reset by resetCounters). */
	pathCounts(): Record<string, number>;
	resetCounters(): void;
	/** The API requests received, oldest first (the last `requestLog` of them). */
	requests(): RequestRecord[];
	clearRequests(): void;
	/** Calls `listener` with the request's record whenever a fault is injected; returns the unsubscribe. */
	onFault(listener: (record: RequestRecord) => void): () => void;
	setFaults(f: Faults): void;
	setOptions(o: Partial<Pick<SandboxOptions, 'latencyMs' | 'qps' | 'clockSkewMs' | 'callbackUrls' | 'pushRetryDelaysMs' | 'pushBodyAsString' | 'pushTimeoutMs' | 'faults' | 'notFoundPaths' | 'timestampUnit' | 'signature' | 'requestLog'>>): void;
	push(message: PushMessage): Promise<PushLogEntry[]>;
	pushes(): PushLogEntry[];
	simulate(action: string, params?: Record<string, unknown>): unknown;
	reset(o?: { seed?: number; orders?: number }): void;
	signHeaders(timestamp?: string, nonce?: string): Record<string, string>;
	summary(): Record<string, unknown>;
	close(): Promise<void>;
}

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
export function computeSignature(accessKey: string, timestamp: string, nonce: string, accessSecret: string): string;
export function hmacHex(body: string, secret: string): string;
export const FIXTURES: Fixtures;
/** The credential a sandbox accepts when `credentials` is not given. */
export const DEFAULT_CREDENTIALS: SandboxCredential[];
export const FAULT_KINDS: FaultKind[];
